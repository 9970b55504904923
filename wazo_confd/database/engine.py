"""Engine and connection settings for PostgreSQL (production) and SQLite (embedded)."""

from __future__ import annotations

import sqlite3
import unicodedata

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool


def fold_text(value: object) -> str | None:
    """Lower-case and strip accents; SQLite's stand-in for PostgreSQL's unaccent+lower."""
    if value is None:
        return None
    decomposed = unicodedata.normalize('NFKD', str(value))
    return ''.join(c for c in decomposed if not unicodedata.combining(c)).lower()


def build_engine(uri: str, options: dict) -> Engine:
    if uri.startswith('sqlite'):
        engine = create_engine(
            uri,
            connect_args={'check_same_thread': False, 'timeout': options.get('connect_timeout', 5) * 6},
            poolclass=NullPool if ':memory:' not in uri else None,
        )

        @event.listens_for(engine, 'connect')
        def _sqlite_setup(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.create_function('fold', 1, fold_text, deterministic=True)
            cursor = dbapi_connection.cursor()
            cursor.execute('PRAGMA foreign_keys=ON')
            cursor.execute('PRAGMA journal_mode=WAL')
            cursor.execute('PRAGMA busy_timeout=30000')
            cursor.close()

        # pysqlite's own transaction handling defers BEGIN; take the write lock at BEGIN
        # instead so that concurrent writers wait rather than fail half-way.
        @event.listens_for(engine, 'connect')
        def _no_autobegin(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, 'begin')
        def _begin(conn: object) -> None:
            conn.exec_driver_sql('BEGIN IMMEDIATE')  # type: ignore[attr-defined]

        return engine

    statement_timeout_ms = int(options.get('statement_timeout', 10) * 1000)
    return create_engine(
        uri,
        pool_size=options.get('pool_size', 10),
        max_overflow=options.get('max_overflow', 0),
        pool_timeout=options.get('pool_timeout', 5),
        pool_pre_ping=False,
        connect_args={
            'connect_timeout': options.get('connect_timeout', 5),
            'options': f'-c statement_timeout={statement_timeout_ms}',
            'application_name': 'wazo-confd',
        },
    )
