"""The daemon's life once it is built: HTTP worker processes, background tasks, signals,
readiness, and the shutdown sequence.

Start: fork the HTTP workers (before any thread), serve, start the background tasks, tell
systemd we are ready once the API answers. SIGTERM: leave consul, drain the requests of
every process, then stop the background tasks (so that the relays send the events those
requests committed), then close the database.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any, Protocol

from wazo_confd.database.uow import Database
from wazo_confd.discovery import ServiceRegistration
from wazo_confd.http.processes import MainProcess, WorkerProcesses, serve_as_worker
from wazo_confd.http.server import HttpServer
from wazo_confd.log import reopen_log_files
from wazo_confd.systemd import SystemdNotifier

logger = logging.getLogger(__name__)


class BackgroundTask(Protocol):
    """A thread the daemon runs beside the HTTP server (e.g. the outbox relay).

    `stop()` is called on SIGTERM after in-flight requests have finished (so their events are
    in the outbox) and must return once the task's current batch of work is done.
    """

    def start(self) -> None: ...

    def stop(self) -> None: ...


class Lifecycle:
    """Runs the built daemon in this process and its HTTP workers, and stops it in order."""

    def __init__(
        self,
        server: HttpServer,
        database: Database,
        *,
        process_count: int,
        shutdown_timeout: float,
        answers: dict[str, Callable[[], Any]],
        in_worker: Callable[[MainProcess], None],
        wake: Callable[[], None],
        tasks: list[BackgroundTask],
        registration: ServiceRegistration | None,
    ):
        """`answers`: what a worker may ask the main process; `in_worker(main)` switches the
        pieces that ask it, in a worker; `wake` tells the relays that a request committed;
        `tasks` start in order and stop in reverse order."""
        self.server = server
        self.database = database
        self.process_count = process_count
        self.shutdown_timeout = shutdown_timeout
        self.in_worker = in_worker
        self.wake = wake
        self.tasks = tasks
        self.registration = registration
        self.exit_code = 0
        self.notifier = SystemdNotifier()
        # In a forked HTTP worker: the line to the main process, which alone runs the tasks.
        self.main_process: MainProcess | None = None
        self.processes = WorkerProcesses(answers, on_commit=wake, on_death=self._worker_died)
        database.on_commit(self._committed)
        self._stopping = threading.Event()
        self._shutdown: threading.Thread | None = None

    def run(self, started: Callable[[], None]) -> None:
        """Serve until SIGTERM, then stop everything in order; `started()` once all is running."""
        # Workers first, while this process has no other thread (see http/processes.py).
        self.processes.fork(self.process_count - 1, self._serve_as_worker)
        self.server.start()
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGHUP, self._on_sighup)
        threading.Thread(target=self._announce_ready, name='announce-ready', daemon=True).start()
        if self.registration is not None:
            self.registration.start()
        for task in self.tasks:
            task.start()
        started()
        try:
            self.server.serve()
        finally:
            # serve() returns as soon as the listener closes; the in-flight requests are
            # still running in the shutdown thread's stop(): let them finish first.
            if self._shutdown is not None:
                self._shutdown.join()
            self.stop()

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        # Already on the way out: a repeated signal must not kill the process mid-cleanup.
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        for task in reversed(self.tasks):
            try:
                task.stop()
            except Exception:
                logger.exception('could not stop %s', task.__class__.__name__)
        self.database.dispose()
        logger.info('stopped')

    def _committed(self) -> None:
        if self.main_process is not None:
            self.main_process.tell('committed')
        else:
            self.wake()

    def _announce_ready(self) -> None:
        while not self._stopping.is_set() and self._shutdown is None:
            if self.processes.all_serving() and self.server.answers():
                # The watchdog pings only while the API still answers: a wedged server gets restarted.
                self.notifier.ready(alive=self.server.answers)
                return
            self._stopping.wait(0.1)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        logger.info('received %s, stopping', signal.Signals(signum).name)
        self._begin_shutdown()

    def _on_sighup(self, _signum: int, _frame: FrameType | None) -> None:
        reopen_log_files()
        logger.info('received SIGHUP, log file reopened')
        self.processes.signal(signal.SIGHUP)

    def _begin_shutdown(self) -> None:
        if self._shutdown is None:
            # cheroot's stop() waits for in-flight requests: never block the signal handler on it.
            self.notifier.stopping()
            self._shutdown = threading.Thread(target=self._shutdown_sequence, name='shutdown', daemon=True)
            self._shutdown.start()

    def _shutdown_sequence(self) -> None:
        # Leave consul first so that no new client is sent here, then drain the requests,
        # the workers' too: the tasks stop after them, once their events are committed.
        if self.registration is not None:
            self.registration.stop()
        self.processes.terminate()
        self.server.stop()
        self.processes.stop(self.shutdown_timeout + 5)

    def _worker_died(self) -> None:
        self.exit_code = 1
        self._begin_shutdown()

    def _serve_as_worker(self, main: MainProcess) -> int:
        """An HTTP worker process: what only the main process runs is asked of it."""
        self.main_process = main
        self.in_worker(main)
        return serve_as_worker(self.server, self.database, main)
