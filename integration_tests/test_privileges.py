"""Started as root with `user` set, the daemon drops to that user and its group for good."""

from __future__ import annotations

import os
import pwd
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator

import pytest

from .helpers.daemon import ROOT, Daemon

USER = 'wazo-confd-it'
SYSTEM_PYTHON = '/usr/bin/python3'

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason='dropping privileges needs root'),
    pytest.mark.skipif(not os.path.exists(SYSTEM_PYTHON), reason=f'{SYSTEM_PYTHON} is missing'),
]


def _ancestors(path: str) -> list[str]:
    result = []
    path = os.path.abspath(path)
    while True:
        result.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            return result
        path = parent


@pytest.fixture(scope='module')
def traversable() -> Iterator[None]:
    """Let the service user reach the checkout and the test venv for the module's duration.

    CI may clone into a 0700 directory (mktemp -d); the dropped user must still be able to
    import the daemon. Only the search (x) bit of the ancestors is added, then restored.
    """
    changed: list[tuple[str, int]] = []
    for directory in {*_ancestors(ROOT), *_ancestors(site.getsitepackages()[0])}:
        mode = os.stat(directory).st_mode
        if not mode & 0o001:
            changed.append((directory, mode))
            os.chmod(directory, mode | 0o001)
    yield
    for directory, mode in changed:
        os.chmod(directory, mode & 0o7777)


@pytest.fixture(scope='module')
def python(traversable: None) -> Iterator[str]:
    """A Python the service user can read, with the test environment's packages.

    The test venv's interpreter may live in root's home (pyenv), which the service user
    cannot read once root is dropped; the installed daemon runs on the system Python.
    """
    path = tempfile.mkdtemp(prefix='wazo-confd-python-')
    os.chmod(path, 0o755)
    subprocess.run([SYSTEM_PYTHON, '-m', 'venv', '--without-pip', path], check=True)
    [target] = [p for p in os.listdir(os.path.join(path, 'lib')) if p.startswith('python3')]
    with open(os.path.join(path, 'lib', target, 'site-packages', 'test-env.pth'), 'w') as f:
        f.write(f'import site; site.addsitedir({site.getsitepackages()[0]!r})\n')
    yield os.path.join(path, 'bin', 'python')
    shutil.rmtree(path, ignore_errors=True)


class SystemDaemon(Daemon):
    """The daemon on the system Python, optionally started by the service user itself."""

    python = sys.executable
    as_user = False

    def command(self, *extra: str) -> list[str]:
        command = [self.python, *super().command(*extra)[1:]]
        if self.as_user:
            command = ['setpriv', f'--reuid={USER}', f'--regid={USER}', '--clear-groups', *command]
        return command


@pytest.fixture(scope='module')
def account() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(
            ['useradd', '--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER],
            check=True,
        )
        return pwd.getpwnam(USER)


@pytest.fixture
def own_dir(account: pwd.struct_passwd) -> Iterator[str]:
    """A directory of the service user, reachable by it (pytest's tmp dirs are root's, 0700)."""
    path = tempfile.mkdtemp(prefix='wazo-confd-priv-')
    os.chmod(path, 0o755)
    os.chown(path, account.pw_uid, account.pw_gid)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def ids(pid: int) -> dict[str, list[int]]:
    with open(f'/proc/{pid}/status') as f:
        lines = dict(line.rstrip('\n').split(':', 1) for line in f)
    return {key: [int(v) for v in lines[key].split()] for key in ('Uid', 'Gid', 'Groups')}


@pytest.fixture
def make_daemon(python: str, own_dir: str) -> Callable[..., Daemon]:
    def make(as_user: bool = False, **config: object) -> Daemon:
        daemon = SystemDaemon(own_dir, f'sqlite:///{own_dir}/confd.sqlite', config)
        daemon.python, daemon.as_user = python, as_user
        return daemon

    return make


def test_root_start_runs_as_the_user_and_its_group_only(
    make_daemon: Callable[..., Daemon], account: pwd.struct_passwd
) -> None:
    daemon = make_daemon(user=USER).start()
    try:
        assert daemon.process is not None
        assert ids(daemon.process.pid) == {
            'Uid': [account.pw_uid] * 4,  # real, effective, saved, filesystem: no way back
            'Gid': [account.pw_gid] * 4,
            'Groups': [account.pw_gid],
        }
        assert daemon.client().get('/users').status_code == 200
    finally:
        daemon.stop()


def test_option_u_sets_the_user(make_daemon: Callable[..., Daemon], account: pwd.struct_passwd) -> None:
    daemon = make_daemon().start('-u', USER)
    try:
        assert daemon.process is not None
        assert ids(daemon.process.pid)['Uid'] == [account.pw_uid] * 4
    finally:
        daemon.stop()


def test_files_outside_its_directories_cannot_be_written(make_daemon: Callable[..., Daemon]) -> None:
    roots_dir = tempfile.mkdtemp(prefix='wazo-confd-root-')
    os.chmod(roots_dir, 0o755)
    try:
        key_file = os.path.join(roots_dir, 'admin-key')
        daemon = make_daemon(user=USER, auth={'bootstrap_key_file': key_file})
        daemon.start(wait=False)
        assert daemon.process is not None
        code = daemon.process.wait(30)

        assert code == 1
        assert f'cannot write the admin API key file {key_file}: Permission denied' in daemon.stderr()
        assert not os.path.exists(key_file)
    finally:
        daemon.stop()
        shutil.rmtree(roots_dir)


def test_log_file_opened_before_dropping_stays_writable(make_daemon: Callable[..., Daemon]) -> None:
    roots_dir = tempfile.mkdtemp(prefix='wazo-confd-root-')
    os.chmod(roots_dir, 0o755)
    log_file = os.path.join(roots_dir, 'wazo-confd.log')
    try:
        daemon = make_daemon(user=USER, log_filename=log_file).start()
        daemon.client().get('/users')
        daemon.stop()

        with open(log_file) as f:
            assert ' GET /1.1/users 200 ' in f.read()
        assert os.stat(log_file).st_uid == 0
    finally:
        shutil.rmtree(roots_dir)


def test_started_as_an_ordinary_user_it_simply_runs(
    make_daemon: Callable[..., Daemon], account: pwd.struct_passwd
) -> None:
    daemon = make_daemon(as_user=True, user=USER).start()
    try:
        assert daemon.process is not None
        assert ids(daemon.process.pid)['Uid'] == [account.pw_uid] * 4
        assert daemon.client().get('/users').status_code == 200
    finally:
        daemon.stop()
