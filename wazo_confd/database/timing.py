"""Per-request SQL timings for debugging: statements counted and timed on the engine."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

logger = logging.getLogger('wazo_confd.sql')


class SqlTimer:
    """Sums the statements run by the current thread (one HTTP request at a time)."""

    def __init__(self, engine: Engine):
        self._local = threading.local()
        event.listen(engine, 'before_cursor_execute', self._before)
        event.listen(engine, 'after_cursor_execute', self._after)

    def start(self) -> None:
        self._local.count = 0
        self._local.seconds = 0.0
        self._local.started = []

    def finish(self) -> tuple[int, float]:
        """Statements run and their total milliseconds since `start()`."""
        result = getattr(self._local, 'count', 0), getattr(self._local, 'seconds', 0.0) * 1000
        self.start()
        return result

    def _before(self, *_args: Any) -> None:
        if hasattr(self._local, 'started'):
            self._local.started.append(time.perf_counter())

    def _after(self, *_args: Any) -> None:
        started = getattr(self._local, 'started', None)
        if started:
            self._local.seconds += time.perf_counter() - started.pop()
            self._local.count += 1
