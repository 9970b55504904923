"""systemd's notify protocol: READY=1, STOPPING=1 and watchdog pings.

Each state is one datagram to the Unix socket named by $NOTIFY_SOCKET (a path, or an
abstract name written with a leading '@'). Without $NOTIFY_SOCKET every call does nothing,
so the daemon behaves the same under systemd, in a container or in a terminal.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Mapping

logger = logging.getLogger(__name__)


class SystemdNotifier:
    def __init__(self, environ: Mapping[str, str] | None = None):
        environ = os.environ if environ is None else environ
        address = environ.get('NOTIFY_SOCKET') or None
        if address and address.startswith('@'):
            address = '\0' + address[1:]
        self._address = address
        self._watchdog_interval = _watchdog_interval(environ)
        self._stop = threading.Event()
        self._watchdog: threading.Thread | None = None

    @property
    def watchdog_interval(self) -> float | None:
        """Seconds between two watchdog pings (half systemd's timeout), None when off."""
        return self._watchdog_interval

    def notify(self, state: str) -> bool:
        """Send one state line (e.g. 'READY=1'); False when there is no one to tell."""
        if not self._address:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.connect(self._address)
                sock.sendall(state.encode())
        except OSError as e:
            logger.warning('cannot notify systemd (%s): %s', state.split('=', 1)[0], e)
            return False
        return True

    def ready(self, alive: Callable[[], bool] = lambda: True) -> None:
        """Tell systemd the daemon serves; then ping the watchdog while `alive()` holds."""
        self.notify('READY=1\nSTATUS=serving the REST API')
        self.start_watchdog(alive)

    def stopping(self) -> None:
        self._stop.set()
        self.notify('STOPPING=1')

    def start_watchdog(self, alive: Callable[[], bool] = lambda: True) -> None:
        """Ping WATCHDOG=1 every interval while `alive()` says so; no-op without WATCHDOG_USEC."""
        if self._watchdog_interval is None or not self._address or self._watchdog is not None:
            return
        interval = self._watchdog_interval

        def ping() -> None:
            while not self._stop.wait(interval):
                if alive():
                    self.notify('WATCHDOG=1')

        self._watchdog = threading.Thread(target=ping, name='systemd-watchdog', daemon=True)
        self._watchdog.start()


def _watchdog_interval(environ: Mapping[str, str]) -> float | None:
    usec = environ.get('WATCHDOG_USEC')
    pid = environ.get('WATCHDOG_PID')
    # WATCHDOG_PID names the process systemd watches: pings from another one do not count.
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        value = int(usec)
    except ValueError:
        return None
    return value / 1_000_000 / 2 if value > 0 else None
