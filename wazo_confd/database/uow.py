"""Unit of work: one database transaction per request.

Services and daos reach the current transaction's session through `Database.session()`;
notifiers write their events to the outbox through the same session, so a change and its
events are committed, or rolled back, together.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from types import TracebackType
from typing import Any

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from wazo_confd.errors import ServiceUnavailable

from .engine import build_engine

logger = logging.getLogger(__name__)

TENANT_CREATED_HOOKS = 'tenant_created_hooks'
TENANT_DELETED_HOOKS = 'tenant_deleted_hooks'
READ_ONLY = 'read_only'  # in the info of the sessions of read-only units of work
_BEGAN = 'began'  # in the info of a read-only unit's session that switched to a transaction
_current_session: contextvars.ContextVar[Session | None] = contextvars.ContextVar('confd_session', default=None)


class Database:
    def __init__(self, uri: str, options: dict | None = None):
        self.uri = uri
        self.engine: Engine = build_engine(uri, options or {})
        self._tenant_created: list[Callable[[Session, str], None]] = []
        self._tenant_deleted: list[Callable[[Session, list[str]], None]] = []
        # Every session carries the tenant hooks, so that `tenancy.ensure` and `tenancy.removing` can run them.
        hooks = {TENANT_CREATED_HOOKS: self._tenant_created, TENANT_DELETED_HOOKS: self._tenant_deleted}
        self._sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False, autoflush=True, info=hooks)
        self._read_sessionmaker = self._sessionmaker
        if self.engine.dialect.name == 'postgresql':
            # Reads outside a transaction: no COMMIT round trip. PostgreSQL's READ COMMITTED
            # gives each statement its own snapshot anyway, so reads see the same thing.
            # The driver's own autocommit switch, not the engine's AUTOCOMMIT isolation
            # level: resetting that level cost a SET round trip at each return to the pool.
            self._read_sessionmaker = sessionmaker(
                bind=self.engine, expire_on_commit=False, autoflush=True, info={**hooks, READ_ONLY: True}
            )
            event.listen(self._read_sessionmaker, 'after_begin', _outside_transactions)
            event.listen(self._read_sessionmaker, 'before_flush', _begin_before_write)
            event.listen(self._read_sessionmaker, 'do_orm_execute', _begin_before_dml)
            event.listen(self.engine, 'checkin', _end_autocommit)
        self._after_commit: list[Callable[[], None]] = []

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Call `callback` after each successful commit of a unit of work that wrote."""
        self._after_commit.append(callback)

    def before_flush(self, callback: Callable[[Session], None]) -> None:
        """Call `callback(session)` before each flush, to derive data from what changed."""
        for maker in {self._sessionmaker, self._read_sessionmaker}:
            event.listen(maker, 'before_flush', lambda session, *_args: callback(session))

    def on_tenant_created(self, callback: Callable[[Session, str], None]) -> None:
        """Call `callback(session, tenant_uuid)` in the transaction that creates a tenant row."""
        self._tenant_created.append(callback)

    def on_tenant_deleted(self, callback: Callable[[Session, list[str]], None]) -> None:
        """Call `callback(session, tenant_uuids)` in the transaction that deletes a tenant, before
        its row goes: `tenant_uuids` are the tenant and its descendants, whose objects the
        database removes with it (ON DELETE CASCADE), so no plugin is told row by row."""
        self._tenant_deleted.append(callback)

    def unit_of_work(self, read_only: bool = False) -> UnitOfWork:
        """One transaction; `read_only` for requests that should only read (GET, HEAD)."""
        return UnitOfWork(self, read_only)

    def session(self) -> Session:
        session = _current_session.get()
        if session is None:
            raise RuntimeError('no unit of work is active')
        return session

    def active_session(self) -> Session | None:
        """The session of the unit of work in progress in this context, if any."""
        return _current_session.get()

    def new_session(self) -> Session:
        return self._sessionmaker()

    def new_read_session(self) -> Session:
        return self._read_sessionmaker()

    def after_commit(self) -> None:
        for callback in self._after_commit:
            try:
                callback()
            except Exception:
                logger.exception('after-commit callback failed')

    def dispose(self) -> None:
        self.engine.dispose()


def _outside_transactions(session: Session, _transaction: object, connection: Connection) -> None:
    """A read-only unit's statements run in the driver's autocommit mode (no BEGIN)."""
    dbapi_connection = connection.connection.dbapi_connection
    if dbapi_connection is not None and not session.info.get(_BEGAN):
        dbapi_connection.autocommit = True


def _end_autocommit(dbapi_connection: Any, _record: object) -> None:
    # Back in the pool in the mode writers expect (a flag of the driver: no round trip).
    if dbapi_connection is not None and dbapi_connection.autocommit:
        dbapi_connection.autocommit = False


def _begin_before_write(session: Session, *_args: object) -> None:
    """A read-only unit of work that writes after all: its writes get a real transaction.

    Turning the driver's autocommit off makes psycopg2 send BEGIN before the next statement,
    and the usual commit or rollback (or the pool's reset) end that transaction.
    """
    session.info[_BEGAN] = True
    dbapi_connection = session.connection().connection.dbapi_connection
    if dbapi_connection is not None and dbapi_connection.autocommit:
        dbapi_connection.autocommit = False


def _begin_before_dml(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        _begin_before_write(state.session)


class UnitOfWork:
    def __init__(self, database: Database, read_only: bool = False):
        self._database = database
        self._read_only = read_only
        self._session: Session | None = None
        self._token: contextvars.Token | None = None

    def __enter__(self) -> UnitOfWork:
        self._session = self._database.new_read_session() if self._read_only else self._database.new_session()
        self._token = _current_session.set(self._session)
        return self

    def __exit__(self, exc_type: type | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self._session is not None and self._token is not None
        session = self._session
        try:
            if exc_type is None:
                wrote = bool(session.new or session.dirty or session.deleted) or session.info.get('wrote', False)
                if session.info.get(READ_ONLY) and not wrote and not session.info.get(_BEGAN):
                    # Nothing to commit: its statements ran outside a transaction (PostgreSQL).
                    return
                try:
                    session.commit()
                except sa_exc.OperationalError as e:
                    session.rollback()
                    # The same answer as any other database failure (http/errors.py); the
                    # server's own words go to the log only.
                    logger.error('commit failed, database unavailable: %s', _short(e))
                    raise ServiceUnavailable('Service Unavailable - database unavailable') from e
                if wrote:
                    self._database.after_commit()
            else:
                session.rollback()
        finally:
            session.close()
            _current_session.reset(self._token)

    @property
    def session(self) -> Session:
        assert self._session is not None
        return self._session


def _short(error: BaseException) -> str:
    text = str(getattr(error, 'orig', error) or error).strip().splitlines()
    return text[0] if text else error.__class__.__name__
