"""The Debian package: built with dpkg-buildpackage, installed with dpkg -i on this machine,
its unit checked by systemd-analyze and its daemon started as systemd would (not PID 1 here).

Building takes a minute or two (`make deb`, which installs the build tools from Debian's
packages); the package is purged afterwards.
"""

from __future__ import annotations

import fcntl
import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator

import pytest
import requests
import yaml

from wazo_confd.database import migrations

from .helpers.daemon import ROOT, free_port
from .helpers.database import Rows, create_database, drop_database

UNIT = '/lib/systemd/system/wazo-confd.service'
TEST_CONF = '/etc/wazo-confd/conf.d/50-package-test.yml'
KEY_FILE = '/var/lib/wazo-confd/admin-key'

pytestmark = [
    pytest.mark.deb,
    pytest.mark.skipif(shutil.which('dpkg') is None, reason='not a Debian system'),
    pytest.mark.skipif(os.geteuid() != 0, reason='installing a package needs root'),
]


def run(*command: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def purge() -> None:
    if os.path.exists(TEST_CONF):
        os.remove(TEST_CONF)
    run('dpkg', '--purge', 'wazo-confd')


@pytest.fixture(scope='module')
def installed() -> Iterator[dict]:
    """The package built from this tree and installed, configured by one conf.d file."""
    with open('/tmp/wazo-confd-package-test.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one package test per machine at a time
        build = run('make', '-C', ROOT, 'deb', timeout=900)
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
        [deb] = glob.glob(os.path.join(ROOT, 'build', 'deb', 'wazo-confd_*.deb'))
        purge()
        db_uri = create_database('confd_deb')
        settings: dict = {
            'db_uri': db_uri,
            'rest_api': {'listen': '127.0.0.1', 'port': free_port()},
            'auth': {'bootstrap_key_file': KEY_FILE},
            'bus': {'enabled': False},
        }
        os.makedirs(os.path.dirname(TEST_CONF), exist_ok=True)
        with open(TEST_CONF, 'w') as f:
            yaml.safe_dump(settings, f)
        try:
            result = run('dpkg', '-i', deb)
            assert result.returncode == 0, result.stdout + result.stderr
            yield {'db_uri': db_uri, 'port': settings['rest_api']['port'], 'dpkg': result}
        finally:
            purge()
            drop_database(db_uri)


def test_package_creates_its_system_user_and_directories(installed: dict) -> None:
    user = pwd.getpwnam('wazo-confd')

    assert user.pw_uid < 1000 and user.pw_shell == '/usr/sbin/nologin'
    assert os.stat('/var/lib/wazo-confd').st_uid == user.pw_uid
    assert os.stat('/var/log/wazo-confd.log').st_uid == user.pw_uid


def test_configuration_files_are_conffiles(installed: dict) -> None:
    with open('/var/lib/dpkg/info/wazo-confd.conffiles') as f:
        conffiles = f.read().split()

    assert {'/etc/wazo-confd/config.yml', '/etc/wazo-confd/conf.d/README'} <= set(conffiles)


def test_logrotate_creates_a_new_file_and_reloads(installed: dict) -> None:
    with open('/etc/logrotate.d/wazo-confd') as f:
        rules = [line.strip() for line in f if not line.strip().startswith('#')]

    assert 'create 0640 wazo-confd adm' in rules
    assert any('systemctl reload wazo-confd.service' in line for line in rules)
    assert 'copytruncate' not in rules


def test_install_migrates_the_schema(installed: dict) -> None:
    rows = Rows(installed['db_uri'])
    try:
        assert rows.scalar('SELECT version_num FROM alembic_version') == migrations.head_revision()
    finally:
        rows.dispose()


def test_systemd_analyze_accepts_the_unit(installed: dict) -> None:
    if shutil.which('systemd-analyze') is None:
        pytest.skip('systemd-analyze is missing')

    result = run('systemd-analyze', 'verify', UNIT)

    assert result.returncode == 0 and result.stderr.strip() == '', result.stderr


def unit_settings() -> dict[str, str]:
    with open(UNIT) as f:
        return dict(line.strip().split('=', 1) for line in f if '=' in line and not line.startswith('#'))


def test_installed_daemon_starts_as_the_service_user(installed: dict) -> None:
    settings = unit_settings()
    assert settings['Type'] == 'notify'
    notify_name = f'wazo-confd-deb-{uuid.uuid4().hex}'
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind('\0' + notify_name)
        notify.settimeout(60)
        # As systemd would: root, the unit's command line and working directory, $NOTIFY_SOCKET.
        env = {'PATH': '/usr/sbin:/usr/bin:/sbin:/bin', 'NOTIFY_SOCKET': '@' + notify_name}
        process = subprocess.Popen(
            shlex.split(settings['ExecStart']),
            cwd=settings['WorkingDirectory'],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert 'READY=1' in notify.recv(4096).decode().splitlines()
            with open(f'/proc/{process.pid}/status') as f:
                uids = next(line for line in f if line.startswith('Uid:')).split()[1:]
            with open(KEY_FILE) as f:
                key = f.read().strip()
            answer = requests.get(
                f'http://127.0.0.1:{installed["port"]}/1.1/users', headers={'X-Auth-Token': key}, timeout=10
            )

            assert uids == [str(pwd.getpwnam('wazo-confd').pw_uid)] * 4
            assert answer.status_code == 200
            assert os.stat(KEY_FILE).st_uid == pwd.getpwnam('wazo-confd').pw_uid
        finally:
            process.terminate()
            _, stderr = process.communicate(timeout=30)
        assert process.returncode == 0, stderr
    with open('/var/log/wazo-confd.log') as f:
        assert ' GET /1.1/users 200 ' in f.read()
