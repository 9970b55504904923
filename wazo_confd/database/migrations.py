"""Our own schema history: alembic migrations, run under a PostgreSQL advisory lock so
that several instances may upgrade at once without stepping on each other."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine

ADVISORY_LOCK_KEY = 0x57A20C0F  # "wazo-confd migrations"
UPGRADE_COMMAND = 'wazo-confd-admin -c {config} db upgrade'


def script_location() -> str:
    candidates = [
        os.path.join(os.path.dirname(__file__), '..', '..', 'alembic'),
        os.path.join(sys.prefix, 'share', 'wazo-confd', 'alembic'),
        '/usr/share/wazo-confd/alembic',
    ]
    for candidate in candidates:
        if os.path.isfile(os.path.join(candidate, 'env.py')):
            return os.path.abspath(candidate)
    raise RuntimeError('alembic migrations not found; is wazo-confd installed?')


def alembic_config(db_uri: str, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option('script_location', script_location())
    config.set_main_option('sqlalchemy.url', db_uri.replace('%', '%%'))
    if connection is not None:
        config.attributes['connection'] = connection
    return config


@contextmanager
def _locked_connection(db_uri: str) -> Iterator[Connection]:
    engine = create_engine(db_uri)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == 'postgresql':
                connection.execute(text('SELECT pg_advisory_lock(:key)'), {'key': ADVISORY_LOCK_KEY})
                connection.commit()
            try:
                yield connection
            finally:
                if connection.dialect.name == 'postgresql':
                    connection.rollback()
                    connection.execute(text('SELECT pg_advisory_unlock(:key)'), {'key': ADVISORY_LOCK_KEY})
                    connection.commit()
    finally:
        engine.dispose()


def upgrade(db_uri: str, revision: str = 'head') -> None:
    with _locked_connection(db_uri) as connection:
        command.upgrade(alembic_config(db_uri, connection), revision)
        connection.commit()


def downgrade(db_uri: str, revision: str) -> None:
    with _locked_connection(db_uri) as connection:
        command.downgrade(alembic_config(db_uri, connection), revision)
        connection.commit()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config('sqlite://')).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()
