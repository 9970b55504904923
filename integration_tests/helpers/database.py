"""Throw-away PostgreSQL databases on the real server, one per test session or test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg2
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

PG_ADMIN_URI = os.environ.get('CONFD_TEST_PG_URI', 'postgresql://postgres@127.0.0.1:5432/postgres')


def _admin_connection() -> psycopg2.extensions.connection:
    connection = psycopg2.connect(PG_ADMIN_URI)
    connection.autocommit = True
    return connection


def create_database(prefix: str = 'confd_it') -> str:
    name = f'{prefix}_{uuid.uuid4().hex[:10]}'
    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()
    base = PG_ADMIN_URI.rsplit('/', 1)[0]
    return f'{base}/{name}'


def drop_database(uri: str) -> None:
    name = uri.rsplit('/', 1)[1]
    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()',
                (name,),
            )
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        connection.close()


@contextmanager
def temporary_database(prefix: str = 'confd_it') -> Iterator[str]:
    uri = create_database(prefix)
    try:
        yield uri
    finally:
        drop_database(uri)


class Rows:
    """Read-only peek into the daemon's database, to assert what a request wrote."""

    def __init__(self, uri: str) -> None:
        self.engine: Engine = create_engine(uri)

    def all(self, sql: str, **params: object) -> list[dict]:
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(text(sql), params)]

    def scalar(self, sql: str, **params: object) -> Any:  # a column of any SQL type
        with self.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()

    def count(self, table: str, where: str = '1=1', **params: object) -> int:
        return int(self.scalar(f'SELECT count(*) FROM {table} WHERE {where}', **params) or 0)

    def dispose(self) -> None:
        self.engine.dispose()
