"""Stopping and starting the shared PostgreSQL server, one outage test at a time."""

from __future__ import annotations

import fcntl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

OUTAGE_LOCK = '/tmp/wazo-confd-outage.lock'
PG_VERSION = '15'


@contextmanager
def outage_lock() -> Iterator[None]:
    """Other suites on this machine stop services too: never two outages at once."""
    with open(OUTAGE_LOCK, 'a') as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def pg_ready() -> bool:
    return subprocess.run(['pg_isready', '-h', '127.0.0.1', '-q'], check=False).returncode == 0


def stop_postgresql() -> None:
    subprocess.run(
        ['pg_ctlcluster', '--skip-systemctl-redirect', PG_VERSION, 'main', 'stop', '-m', 'fast'],
        check=True,
        capture_output=True,
        timeout=60,
    )


def start_postgresql(timeout: float = 60) -> None:
    if not pg_ready():
        subprocess.run(
            ['pg_ctlcluster', '--skip-systemctl-redirect', PG_VERSION, 'main', 'start'],
            check=False,
            capture_output=True,
            timeout=60,
        )
    deadline = time.monotonic() + timeout
    while not pg_ready():
        if time.monotonic() > deadline:
            raise RuntimeError('PostgreSQL did not come back')
        time.sleep(0.2)


@contextmanager
def postgresql_stopped() -> Iterator[None]:
    """PostgreSQL down for the block; started again whatever happens inside it."""
    stop_postgresql()
    try:
        yield
    finally:
        start_postgresql()
