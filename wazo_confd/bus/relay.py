"""The relay: a thread that sends the committed rows of an outbox table, in commit order.

One loop serves every outbox (bus events, wazo-sysconfd reload requests); what differs is
the `Sink` that delivers a batch. A row counts as sent only once the sink returned, i.e.
once the receiver confirmed it; then `sent_at` is set in the same transaction that read it.

Several daemons may share one database: on PostgreSQL each batch runs in a transaction
that first takes a transaction-level advisory lock proper to the table (one relay at a time
per table, so batches never overtake one another) and reads its rows `FOR UPDATE SKIP
LOCKED`. SQLite is the single-process embedded profile: one relay per database file.

At least once: a crash between the receiver's confirmation and the commit of `sent_at`
sends that batch again at the next start; receivers drop repeats (events carry an
`event_id` header; reload commands are idempotent).
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import Connection, Select, bindparam, delete, func, select, true, update

from wazo_confd.database.base import utcnow
from wazo_confd.database.uow import Database

logger = logging.getLogger(__name__)

MIN_BACKOFF = 0.1
MAX_BACKOFF = 5.0
BUSY_RETRY = 0.02
DRAIN_TIMEOUT = 5.0


class PartialDelivery(Exception):
    """The receiver confirmed the first `count` rows of the batch, then failed."""

    def __init__(self, count: int, cause: Exception):
        super().__init__(f'{cause.__class__.__name__}: {cause}')
        self.count = count
        self.cause = cause


class Sink(Protocol):
    """Where a relay delivers its rows; `send` returns only once the receiver confirmed,
    and raises PartialDelivery when it failed after confirming some of them."""

    def send(self, rows: Sequence[Any]) -> None: ...

    def check(self) -> None: ...

    def close(self) -> None: ...


class Relay:
    """Sends the unsent rows of `model` (columns id, sent_at) through `sink`, in id order."""

    def __init__(self, name: str, database: Database, model: Any, sink: Sink, options: dict):
        self.name = name
        self._database = database
        self._model = model
        self._sink = sink
        self._poll_interval = float(options['poll_interval'])
        self._batch_size = int(options['batch_size'])
        self._retention = float(options['retention_seconds'])
        self._lock_key = zlib.crc32(f'wazo-confd relay {model.__tablename__}'.encode())
        # Built once: building a statement cost more than running it, once per event when
        # requests come one at a time. On the table, not the model: plain rows, no session.
        table = model.__table__
        unsent = select(table).where(table.c.sent_at.is_(None)).order_by(table.c.id).limit(self._batch_size)
        self._select_unsent = unsent
        self._claim = _claim(table, unsent)
        self._set_sent = (
            update(table).where(table.c.id.in_(bindparam('ids', expanding=True))).values(sent_at=bindparam('now'))
        )
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_purge = 0.0
        self._last_check = 0.0
        self.healthy: bool | None = None
        self.reason: str | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f'relay-{self.name}', daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Called after each commit: send now rather than at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        """Stop after the current batch, first sending what is committed if the sink works."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(DRAIN_TIMEOUT + 10)
        self._sink.close()

    def status(self) -> dict:
        result: dict[str, Any] = {'status': 'ok' if self.healthy is not False else 'fail'}
        if self.reason and self.healthy is False:
            result['reason'] = self.reason
        try:
            result['backlog'] = self.backlog()
        except Exception as e:  # the database is down: the relay's own state still tells something
            result['backlog'] = None
            result['backlog_error'] = _short(e)
        return result

    def backlog(self) -> int:
        with self._database.new_session() as session:
            return int(session.scalar(select(func.count()).where(self._model.sent_at.is_(None))) or 0)

    def _run(self) -> None:
        backoff = MIN_BACKOFF
        while not self._stop.is_set():
            self._wake.clear()
            try:
                busy = self._send_all(deadline=None)
                if not busy and time.monotonic() - self._last_check >= self._poll_interval:
                    self._sink.check()
                    self._last_check = time.monotonic()
                    self._purge()
                self._mark(True)
                backoff = MIN_BACKOFF
                self._wake.wait(BUSY_RETRY if busy else self._poll_interval)
            except Exception as e:
                self._mark(False, e)
                self._sink.close()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
        if self.healthy:
            self._drain()

    def _drain(self) -> None:
        try:
            self._send_all(deadline=time.monotonic() + DRAIN_TIMEOUT)
        except Exception as e:
            logger.warning('relay %s: could not send the last rows before stopping: %s', self.name, _short(e))

    def _send_all(self, deadline: float | None) -> bool:
        """Send batches until none is left; True when another relay holds the table."""
        while deadline is None or time.monotonic() < deadline:
            sent = self._send_batch()
            if sent is None:
                return True
            if sent < self._batch_size or (self._stop.is_set() and deadline is None):
                return False
        return False

    def _send_batch(self) -> int | None:
        if self._database.dialect != 'postgresql':
            return self._send_batch_alone()
        with self._database.engine.begin() as connection:
            claimed = connection.execute(self._claim, {'key': self._lock_key}).all()
            if not claimed[0].locked:
                return None
            rows = [row for row in claimed if row.id is not None]
            self._deliver(connection, rows)
        return len(rows)

    def _send_batch_alone(self) -> int:
        # SQLite: every transaction takes the write lock, so the rows are not held
        # locked while the sink works (a broker outage must not stall the API's writes).
        with self._database.engine.connect() as connection:
            with connection.begin():
                rows = connection.execute(self._select_unsent).all()
            with connection.begin():
                self._deliver(connection, rows)
        return len(rows)

    def _deliver(self, connection: Connection, rows: Sequence[Any]) -> None:
        if not rows:
            return
        try:
            self._sink.send(rows)
        except PartialDelivery as e:
            # Keep what the receiver confirmed: fewer repeats after the outage.
            self._mark_sent(connection, rows[: e.count])
            connection.commit()
            raise
        self._mark_sent(connection, rows)

    def _mark_sent(self, connection: Connection, rows: Sequence[Any]) -> None:
        if rows:
            connection.execute(self._set_sent, {'ids': [row.id for row in rows], 'now': utcnow()})

    def _purge(self) -> None:
        now = time.monotonic()
        if now - self._last_purge < min(60.0, max(self._retention / 10, 1.0)):
            return
        self._last_purge = now
        limit = utcnow() - timedelta(seconds=self._retention)
        with self._database.new_session() as session, session.begin():
            session.execute(delete(self._model).where(self._model.sent_at.is_not(None), self._model.sent_at < limit))

    def _mark(self, healthy: bool, error: Exception | None = None) -> None:
        if healthy and self.healthy is False:
            logger.info('relay %s: delivering again', self.name)
        elif not healthy and self.healthy is not False:
            logger.warning('relay %s: cannot deliver, retrying with backoff: %s', self.name, _short(error))
        self.healthy = healthy
        self.reason = None if healthy else _short(error)


def _claim(table: Any, unsent: Select) -> Select:
    """The table's lock and its first unsent rows in one statement (PostgreSQL): a row
    `locked` false when another relay holds the table, else `locked` true with each row
    (with a single row of nulls when there is none). The rows are read only once the lock
    is held, `FOR UPDATE SKIP LOCKED`."""
    lock = select(func.pg_try_advisory_xact_lock(bindparam('key')).label('locked')).cte('relay_lock')
    batch = unsent.where(lock.c.locked).with_for_update(skip_locked=True).lateral('batch')
    return select(lock.c.locked, batch).select_from(lock.outerjoin(batch, true()))


def _short(error: BaseException | None) -> str:
    if error is None:
        return ''
    lines = str(error).strip().splitlines()
    return f'{error.__class__.__name__}: {lines[0]}' if lines else error.__class__.__name__
