"""The daemon under systemd's notify protocol, with a socket standing in for $NOTIFY_SOCKET."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator

import pytest
import requests

from .helpers.daemon import Daemon


@pytest.fixture
def notify_socket() -> Iterator[tuple[str, socket.socket]]:
    name = f'wazo-confd-it-{uuid.uuid4().hex}'
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind('\0' + name)
    sock.settimeout(30)
    yield '@' + name, sock
    sock.close()


def states(sock: socket.socket) -> list[str]:
    return sock.recv(4096).decode().splitlines()


def start(workdir: str, **env: str) -> Daemon:
    daemon = Daemon(workdir, f'sqlite:///{workdir}/confd.sqlite')
    return daemon.start(wait=False, env={**os.environ, **env})


def test_ready_is_sent_once_the_api_answers(workdir: str, notify_socket: tuple[str, socket.socket]) -> None:
    name, sock = notify_socket
    daemon = start(workdir, NOTIFY_SOCKET=name)
    try:
        assert 'READY=1' in states(sock)

        assert requests.get(f'{daemon.base_url}/api/api.yml', timeout=5).status_code == 200
    finally:
        daemon.stop()


def test_stopping_is_sent_on_sigterm(workdir: str, notify_socket: tuple[str, socket.socket]) -> None:
    name, sock = notify_socket
    daemon = start(workdir, NOTIFY_SOCKET=name)
    states(sock)  # READY=1

    assert daemon.stop() == 0

    assert states(sock) == ['STOPPING=1']


def test_watchdog_pings_when_watchdog_usec_is_set(workdir: str, notify_socket: tuple[str, socket.socket]) -> None:
    name, sock = notify_socket
    daemon = start(workdir, NOTIFY_SOCKET=name, WATCHDOG_USEC='400000')
    try:
        states(sock)  # READY=1

        assert states(sock) == ['WATCHDOG=1']
        assert states(sock) == ['WATCHDOG=1']
    finally:
        daemon.stop()
