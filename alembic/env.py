"""Alembic environment of wazo-confd: the URL comes from the daemon's configuration."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from wazo_confd import config as confd_config
from wazo_confd.database.models import load_all

alembic_config = context.config
target_metadata = load_all().metadata


def _db_uri() -> str:
    url = alembic_config.get_main_option('sqlalchemy.url')
    if url:
        return url
    config_file = context.get_x_argument(as_dictionary=True).get('config', confd_config.DEFAULT_CONFIG_FILE)
    return confd_config.load({'config_file': config_file})['db_uri']


def run_offline() -> None:
    context.configure(url=_db_uri(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = alembic_config.attributes.get('connection')
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_db_uri())
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
