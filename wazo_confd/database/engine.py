"""Engine and connection settings for PostgreSQL (production) and SQLite (embedded)."""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import NullPool

# A pooled connection idle for longer than this is pinged before use, so that one left
# dead by a PostgreSQL restart is replaced instead of failing a request with 503. Busy
# connections skip the ping: it costs a round trip.
IDLE_PING_SECONDS = 5.0


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
    engine = create_engine(
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
    _ping_idle_connections(engine)
    return engine


def _ping_idle_connections(engine: Engine) -> None:
    @event.listens_for(engine, 'checkin')
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info['idle_since'] = time.monotonic()

    @event.listens_for(engine, 'checkout')
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get('idle_since')
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
            return
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute('SELECT 1')
            cursor.close()
            if dbapi_connection.status != 1:  # a ping must leave no transaction open
                dbapi_connection.rollback()
        except Exception as exc:
            # The pool discards this connection and checks out (or opens) another one.
            raise DisconnectionError(f'pooled connection is dead: {exc}') from exc


def error_line(error: BaseException) -> str:
    """The first line of a database error (the driver's own message): for a log line or /status."""
    lines = str(getattr(error, 'orig', None) or error).strip().splitlines()
    return lines[0] if lines else error.__class__.__name__
