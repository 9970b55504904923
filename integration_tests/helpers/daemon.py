"""Starts the real wazo-confd process from a config file and waits until it answers."""

from __future__ import annotations

import copy
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
import yaml

from .client import Client
from .database import Rows, create_database, drop_database

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def deep_merge(base: dict, extra: dict) -> dict:
    result = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result


class Daemon:
    def __init__(self, workdir: str, db_uri: str, config: dict | None = None, scheme: str = 'http') -> None:
        os.makedirs(workdir, exist_ok=True)
        self.workdir = workdir
        self.db_uri = db_uri
        self.port = free_port()
        self.scheme = scheme
        self.config_file = os.path.join(workdir, 'config.yml')
        self.log_file = os.path.join(workdir, 'wazo-confd.log')
        self.key_file = os.path.join(workdir, 'admin-key')
        base = {
            'db_uri': db_uri,
            'db_upgrade_on_startup': True,
            'log_filename': self.log_file,
            'extra_config_files': os.path.join(workdir, 'conf.d'),
            'state_dir': workdir,
            'rest_api': {'listen': '127.0.0.1', 'port': self.port},
            'auth': {'backend': 'local', 'bootstrap_key_file': self.key_file, 'cache_ttl': 2},
            'bus': {'enabled': False},
            'sysconfd': {'enabled': False},
        }
        self.config = deep_merge(base, config or {})
        self.process: subprocess.Popen | None = None
        self.stderr_file = os.path.join(workdir, 'stderr.log')

    @property
    def base_url(self) -> str:
        return f'{self.scheme}://127.0.0.1:{self.port}/1.1'

    def write_config(self) -> None:
        with open(self.config_file, 'w') as f:
            yaml.safe_dump(self.config, f)

    def command(self, *extra: str) -> list[str]:
        return [sys.executable, '-m', 'wazo_confd.main', '-c', self.config_file, *extra]

    def start(self, *extra_args: str, wait: bool = True, env: dict | None = None) -> Daemon:
        self.write_config()
        self._stderr = open(self.stderr_file, 'ab')
        self.process = subprocess.Popen(
            self.command(*extra_args), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self._stderr, env=env
        )
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f'wazo-confd exited with {self.process.returncode}: {self.stderr()[-2000:]}')
            try:
                requests.get(f'{self.base_url}/api/api.yml', timeout=1, verify=False)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f'wazo-confd did not answer within {timeout}s: {self.stderr()[-2000:]}')

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._stderr.close()
        code = self.process.returncode
        self.process = None
        return code

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def restart(self) -> None:
        self.stop()
        self.start()

    def admin_key(self) -> str:
        with open(self.key_file) as f:
            return f.read().strip()

    def client(self, token: str | None | Any = ..., tenant: str | None = None) -> Client:
        if token is ...:
            token = self.admin_key()
        return Client(self.base_url, token, tenant, verify=False)

    def log(self) -> str:
        try:
            with open(self.log_file, encoding='utf-8', errors='replace') as f:
                return f.read()
        except FileNotFoundError:
            return ''

    def stderr(self) -> str:
        try:
            with open(self.stderr_file, encoding='utf-8', errors='replace') as f:
                return f.read()
        except FileNotFoundError:
            return ''

    def admin(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        self.write_config()
        return subprocess.run(
            [sys.executable, '-m', 'wazo_confd.admin', '-c', self.config_file, *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=check,
            timeout=60,
        )


def https_daemon(workdir: str) -> tuple[Daemon, str]:
    """An embedded (SQLite) daemon, not started, serving HTTPS with a self-signed
    certificate for 127.0.0.1 made in `workdir`; and that certificate's path."""
    cert, key = os.path.join(workdir, 'cert.pem'), os.path.join(workdir, 'key.pem')
    subprocess.run(
        ['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1']
        + ['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
        check=True,
        capture_output=True,
    )
    config = {'rest_api': {'certificate': cert, 'private_key': key}}
    return Daemon(workdir, f'sqlite:///{workdir}/confd.sqlite', config, scheme='https'), cert


# Each request's statements reported (`X-Confd-Statement-Count`); one HTTP process, whose
# caches (auth, anchors) the compared requests share; a key lookup cached for the whole test.
COUNTING = {'database': {'count_statements': True}, 'auth': {'cache_ttl': 3600}, 'rest_api': {'workers': 1}}


@contextmanager
def counting_daemon(workdir: str, prefix: str) -> Iterator[tuple[Daemon, Rows]]:
    """A started daemon (`COUNTING`) on a PostgreSQL database of its own, and a peek at its rows."""
    uri = create_database(prefix)
    daemon = Daemon(workdir, uri, COUNTING)
    rows = Rows(uri)
    try:
        daemon.start()
        yield daemon, rows
    finally:
        rows.dispose()
        daemon.stop()
        drop_database(uri)
