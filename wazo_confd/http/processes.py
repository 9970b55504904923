"""HTTP worker processes: the REST API on more than one core.

One Python process executes Python on one core at a time, so the main process forks
`rest_api.workers - 1` HTTP workers once everything is built and before it starts any
thread; every process then serves the same listening socket. Only the main process runs
the background tasks (relays, bus consumer, consul, service token, systemd notify).

Each worker has a socket pair to the main process, on which it tells when it serves and
when one of its requests committed (so the relays send at once, as for the main process's
own requests), and asks for what only the main process knows (the state of the background
tasks for GET /status, the master tenant). A worker dies with the main process
(PR_SET_PDEATHSIG), like its threads would; a worker that dies on its own stops the daemon
with exit status 1, so that systemd restarts the whole of it.
"""

from __future__ import annotations

import ctypes
import gc
import json
import logging
import os
import selectors
import signal
import socket
import threading
from collections.abc import Callable
from typing import Any

from wazo_confd.log import reopen_log_files

logger = logging.getLogger(__name__)

ASK_TIMEOUT = 3.0
_PR_SET_PDEATHSIG = 1


class MainProcess:
    """A worker's line to the main process; thread-safe."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self._lock = threading.Lock()
        self._asked = 0

    def tell(self, what: str) -> None:
        """A message that needs no answer; dropped if the main process is not reading."""
        try:
            self._sock.send(json.dumps({'tell': what}).encode(), socket.MSG_DONTWAIT)
        except OSError:
            pass

    def ask(self, what: str) -> Any:
        """The main process's answer to `what` (one of the names it was given)."""
        with self._lock:
            self._asked += 1
            number = self._asked
            self._sock.settimeout(ASK_TIMEOUT)
            self._sock.send(json.dumps({'ask': what, 'number': number}).encode())
            while True:  # an answer that came too late for an earlier question is skipped
                answer = json.loads(self._sock.recv(1 << 20))
                if answer['number'] == number:
                    return answer['value']


class WorkerProcesses:
    """The forked HTTP workers, seen from the main process."""

    def __init__(
        self, answers: dict[str, Callable[[], Any]], on_commit: Callable[[], None], on_death: Callable[[], None]
    ):
        self._answers = answers
        self._on_commit = on_commit
        self._on_death = on_death
        self._sockets: dict[int, socket.socket] = {}
        self._serving: set[int] = set()
        self._exited: set[int] = set()
        self._stopping = False
        self._changed = threading.Condition()

    def fork(self, count: int, serve: Callable[[MainProcess], int]) -> None:
        """Fork `count` workers, each running `serve(main)` and exiting with its result.

        To be called before the main process starts any thread: a fork copies only the
        calling thread, and a lock another thread held would stay held in the worker.
        """
        main_pid = os.getpid()
        # Objects made so far stay out of the collector's sight: its passes would touch,
        # and so copy, pages the processes could otherwise go on sharing.
        gc.freeze()
        for _ in range(count):
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            pid = os.fork()
            if pid == 0:
                ours.close()
                for sock in self._sockets.values():
                    sock.close()
                os._exit(_run_worker(main_pid, serve, MainProcess(theirs)))
            theirs.close()
            self._sockets[pid] = ours
        if self._sockets:
            logger.info('HTTP worker processes: %s', ', '.join(str(pid) for pid in self._sockets))
            threading.Thread(target=self._listen, name='worker-messages', daemon=True).start()
            for pid in self._sockets:
                threading.Thread(target=self._watch, args=(pid,), name=f'worker-{pid}', daemon=True).start()

    def all_serving(self) -> bool:
        with self._changed:
            return self._serving >= set(self._sockets)

    def signal(self, signum: int) -> None:
        for pid in self._sockets:
            if pid not in self._exited:
                try:
                    os.kill(pid, signum)
                except ProcessLookupError:
                    pass

    def terminate(self) -> None:
        """SIGTERM to every worker: each stops accepting and lets its requests finish."""
        with self._changed:
            self._stopping = True
        self.signal(signal.SIGTERM)

    def stop(self, timeout: float) -> None:
        """`terminate()`, then wait for the workers to exit."""
        self.terminate()
        with self._changed:
            if not self._changed.wait_for(lambda: self._exited >= set(self._sockets), timeout):
                logger.warning('HTTP workers still running after %ss: killing them', timeout)
                self.signal(signal.SIGKILL)
                self._changed.wait_for(lambda: self._exited >= set(self._sockets), 5)

    def _watch(self, pid: int) -> None:
        _, status = os.waitpid(pid, 0)
        with self._changed:
            self._exited.add(pid)
            self._changed.notify_all()
            expected = self._stopping
        if not expected:
            logger.error('HTTP worker %s died (%s): stopping the daemon', pid, _describe(status))
            self._on_death()

    def _listen(self) -> None:
        selector = selectors.DefaultSelector()
        for pid, sock in self._sockets.items():
            selector.register(sock, selectors.EVENT_READ, pid)
        while len(selector.get_map()):
            for key, _ in selector.select():
                try:
                    message = key.fileobj.recv(1 << 16)  # type: ignore[union-attr]
                except OSError:
                    message = b''
                if not message:
                    selector.unregister(key.fileobj)
                    continue
                self._handle(key.data, key.fileobj, json.loads(message))  # type: ignore[arg-type]

    def _handle(self, pid: int, sock: socket.socket, message: dict) -> None:
        if message.get('tell') == 'committed':
            self._on_commit()
        elif message.get('tell') == 'serving':
            with self._changed:
                self._serving.add(pid)
                self._changed.notify_all()
        elif 'ask' in message:
            # A status check may wait on the database: never hold up the commit messages.
            threading.Thread(target=self._answer, args=(sock, message), daemon=True).start()

    def _answer(self, sock: socket.socket, message: dict) -> None:
        try:
            value = self._answers[message['ask']]()
        except Exception as e:
            value = {'status': 'fail', 'reason': e.__class__.__name__}
        try:
            sock.send(json.dumps({'number': message['number'], 'value': value}, default=str).encode())
        except OSError:
            pass


def serve_as_worker(server: Any, database: Any, main: MainProcess) -> int:
    """A worker's life: serve until SIGTERM, let the requests in flight finish, exit."""
    # The pool's connections belong to the main process: never touch them here.
    database.engine.dispose(close=False)
    shutdown = threading.Thread(target=server.stop, name='shutdown', daemon=True)

    def on_signal(_signum: int, _frame: Any) -> None:
        if shutdown.ident is None:
            shutdown.start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, lambda *_: reopen_log_files())
    server.start()
    main.tell('serving')
    server.serve()
    # serve() returns once the listener is closed; the shutdown thread's stop() returns once
    # the requests in flight have finished.
    if shutdown.ident is not None:
        shutdown.join()
    database.dispose()
    return 0


def _run_worker(main_pid: int, serve: Callable[[MainProcess], int], main: MainProcess) -> int:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != main_pid:  # the main process died before prctl
            return 1
        return serve(main)
    except BaseException:
        logger.exception('HTTP worker %s failed', os.getpid())
        return 1
    finally:
        logging.shutdown()


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f'signal {signal.Signals(os.WTERMSIG(status)).name}'
    return f'exit status {os.waitstatus_to_exitcode(status)}'


def worker_count(config: dict, dialect: str) -> int:
    """`rest_api.workers`: a number, or `auto` (one per usable CPU); SQLite: always one."""
    wanted = config['rest_api']['workers']
    if dialect == 'sqlite':
        if wanted not in ('auto', 1):
            logger.info('rest_api.workers: one HTTP process on SQLite')
        return 1
    if wanted == 'auto':
        return max(1, len(os.sched_getaffinity(0)))
    return int(wanted)
