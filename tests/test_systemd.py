"""The systemd notify protocol, against a datagram socket standing in for systemd."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from wazo_confd.systemd import SystemdNotifier


@pytest.fixture
def abstract_socket() -> Iterator[tuple[str, socket.socket]]:
    name = f'wazo-confd-test-{uuid.uuid4().hex}'
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind('\0' + name)
    sock.settimeout(5)
    yield '@' + name, sock
    sock.close()


def test_ready_sends_ready_1_to_a_path_socket(tmp_path: Path) -> None:
    path = str(tmp_path / 'notify')
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(path)
        sock.settimeout(5)

        SystemdNotifier({'NOTIFY_SOCKET': path}).ready()

        assert 'READY=1' in sock.recv(4096).decode().splitlines()


def test_abstract_socket_names_start_with_an_at_sign(abstract_socket: tuple[str, socket.socket]) -> None:
    name, sock = abstract_socket

    assert SystemdNotifier({'NOTIFY_SOCKET': name}).notify('STOPPING=1') is True

    assert sock.recv(4096) == b'STOPPING=1'


def test_without_notify_socket_nothing_is_sent() -> None:
    assert SystemdNotifier({}).notify('READY=1') is False


def test_watchdog_pings_at_half_the_timeout(abstract_socket: tuple[str, socket.socket]) -> None:
    name, sock = abstract_socket
    notifier = SystemdNotifier({'NOTIFY_SOCKET': name, 'WATCHDOG_USEC': '200000'})
    notifier.ready()
    try:
        sock.recv(4096)  # READY=1

        assert notifier.watchdog_interval == pytest.approx(0.1)
        assert [sock.recv(4096) for _ in range(3)] == [b'WATCHDOG=1'] * 3
    finally:
        notifier.stopping()


def test_watchdog_for_another_pid_is_not_ours() -> None:
    environ = {'NOTIFY_SOCKET': '@x', 'WATCHDOG_USEC': '200000', 'WATCHDOG_PID': str(os.getpid() + 1)}

    assert SystemdNotifier(environ).watchdog_interval is None
