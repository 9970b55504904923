"""Which constraint refused a write, read from the real drivers' errors (PostgreSQL and
SQLite): only a uniqueness conflict may be reported as `already exists`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from wazo_confd.database.constraints import violated

from .conftest import _sqlite_uri

TABLES = [
    'CREATE TABLE parent (id INTEGER PRIMARY KEY)',
    'CREATE TABLE child (id INTEGER PRIMARY KEY, name VARCHAR(10) NOT NULL UNIQUE,'
    ' parent_id INTEGER REFERENCES parent (id), size INTEGER CHECK (size > 0))',
]


@pytest.fixture(params=['postgresql', 'sqlite'])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if request.param == 'postgresql':
        uri = request.getfixturevalue('fresh_pg')
    else:
        uri = _sqlite_uri(tmp_path_factory)
    engine = create_engine(uri)
    with engine.begin() as connection:
        if engine.dialect.name == 'sqlite':
            connection.exec_driver_sql('PRAGMA foreign_keys=ON')
        for table in TABLES:
            connection.exec_driver_sql(table)
        connection.exec_driver_sql("INSERT INTO child (id, name) VALUES (1, 'taken')")
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    'statement, kind',
    [
        ("INSERT INTO child (id, name) VALUES (2, 'taken')", 'unique'),
        ("INSERT INTO child (id, name) VALUES (1, 'other')", 'unique'),
        ('INSERT INTO child (id) VALUES (2)', 'not_null'),
        ("INSERT INTO child (id, name, parent_id) VALUES (2, 'x', 42)", 'foreign_key'),
        ("INSERT INTO child (id, name, size) VALUES (2, 'x', 0)", 'check'),
    ],
)
def test_the_violated_constraint_is_recognized(engine: Engine, statement: str, kind: str) -> None:
    with engine.connect() as connection:
        if engine.dialect.name == 'sqlite':
            connection.exec_driver_sql('PRAGMA foreign_keys=ON')
        with pytest.raises(IntegrityError) as error:
            connection.execute(text(statement))

    assert violated(error.value) == kind
