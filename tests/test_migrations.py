"""The alembic history builds exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from wazo_confd.database import migrations
from wazo_confd.database.models import load_all


def test_migrations_match_the_models(tmp_path: Path) -> None:
    uri = f'sqlite:///{tmp_path}/schema.sqlite'
    migrations.upgrade(uri)
    engine = create_engine(uri)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), load_all().metadata)
    engine.dispose()

    assert diff == []


def test_single_head() -> None:
    assert migrations.head_revision() is not None


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    uri = f'sqlite:///{tmp_path}/schema.sqlite'
    migrations.upgrade(uri)
    migrations.downgrade(uri, 'base')
    migrations.upgrade(uri)
    engine = create_engine(uri)

    assert migrations.is_up_to_date(engine)
    engine.dispose()
