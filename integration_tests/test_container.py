"""The container image, without a Docker engine: the Dockerfile passes hadolint, and its
build stage, replayed command by command in a clean virtual environment, gives a daemon
that serves with the image's configuration and passes the image's HEALTHCHECK."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from wazo_confd import config as confd_config

from .helpers.consul import wait_for
from .helpers.daemon import ROOT, free_port

DOCKERFILE = os.path.join(ROOT, 'Dockerfile')
PROD = os.path.join(ROOT, 'contribs', 'docker', 'prod')
IMAGE_VENV = '/opt/wazo-confd'


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def values(self, keyword: str) -> list[str]:
        return [value for key, value in self.instructions if key == keyword]


def stages() -> list[Stage]:
    with open(DOCKERFILE) as f:
        text = f.read().replace('\\\n', ' ')
    result: list[Stage] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        keyword, _, value = line.partition(' ')
        keyword = keyword.upper()
        if keyword == 'FROM':
            words = value.split()
            result.append(Stage(words[0], words[2] if len(words) > 2 and words[1].upper() == 'AS' else None))
        else:
            result[-1].instructions.append((keyword, value.strip()))
    return result


def test_dockerfile_passes_hadolint() -> None:
    hadolint = os.path.join(os.path.dirname(sys.executable), 'hadolint')

    result = subprocess.run([hadolint, DOCKERFILE], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stdout + result.stderr


def test_image_is_multi_stage_slim_and_runs_as_non_root() -> None:
    build, runtime = stages()

    assert build.name == 'build' and 'slim' in build.base and 'slim' in runtime.base
    assert any('--from=build' in value for value in runtime.values('COPY'))
    [user] = runtime.values('USER')
    assert user.split(':')[0] not in ('root', '0')
    assert runtime.values('EXPOSE') == ['9486']
    [healthcheck] = runtime.values('HEALTHCHECK')
    assert '/1.1/status' in healthcheck


def test_container_configuration_files_are_valid() -> None:
    for path in [os.path.join(PROD, 'config.yml'), os.path.join(PROD, 'conf.d', '50-compose.yml')]:
        confd_config.validate(confd_config.read_yaml(path), path)
    with open(os.path.join(PROD, 'config.yml')) as f:
        image_config = yaml.safe_load(f)
    assert image_config['log_filename'] == '' and image_config['log_to_stderr'] is True


def test_compose_runs_the_image_with_postgresql_and_rabbitmq() -> None:
    with open(os.path.join(PROD, 'compose.yml')) as f:
        services = yaml.safe_load(f)['services']

    assert {'postgres', 'rabbitmq', 'migrate', 'wazo-confd'} <= set(services)
    assert './conf.d:/etc/wazo-confd/conf.d:ro' in services['wazo-confd']['volumes']
    assert services['wazo-confd']['depends_on']['migrate']['condition'] == 'service_completed_successfully'


def healthcheck_command(python: str, port: int) -> list[str]:
    [healthcheck] = stages()[-1].values('HEALTHCHECK')
    command = json.loads(healthcheck.split('CMD', 1)[1].strip())
    assert command[0] == 'python'
    return [python, *[part.replace('9486', str(port)) for part in command[1:]]]


@pytest.fixture(scope='module')
def image_venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The build stage replayed: its COPY and RUN steps, with /opt/wazo-confd in a temp dir."""
    base = tmp_path_factory.mktemp('image')
    venv, workdir, tools = str(base / 'venv'), base / 'src', base / 'tools'
    tools.mkdir()
    os.symlink(sys.executable, tools / 'python')
    env = {**os.environ, 'PATH': f'{tools}:{os.environ["PATH"]}'}
    build = stages()[0]
    for keyword, value in build.instructions:
        if keyword == 'ENV':
            env.update(item.partition('=')[::2] for item in shlex.split(value))
            # The image skips pip's cache to stay small; here the cache only saves downloads.
            env.pop('PIP_NO_CACHE_DIR', None)
        elif keyword == 'WORKDIR':
            workdir.mkdir(exist_ok=True)
        elif keyword == 'COPY':
            *sources, target = value.split()
            for source in sources:
                destination = workdir / (
                    target if not target.endswith('/') and len(sources) == 1 else os.path.join(target, source)
                )
                origin = os.path.join(ROOT, source)
                if os.path.isdir(origin):
                    shutil.copytree(origin, destination, ignore=shutil.ignore_patterns('__pycache__'))
                else:
                    shutil.copy(origin, destination)
        elif keyword == 'RUN':
            command = value.replace(IMAGE_VENV, venv)
            result = subprocess.run(
                command, shell=True, cwd=workdir, env=env, capture_output=True, text=True, timeout=600
            )
            assert result.returncode == 0, f'{command}\n{result.stdout[-2000:]}{result.stderr[-2000:]}'
    yield venv


@pytest.fixture
def container_config(image_venv: str, tmp_path: Path) -> dict:
    """The image's config.yml, with the paths and database of this test."""
    with open(os.path.join(PROD, 'config.yml')) as f:
        config = yaml.safe_load(f)
    os.makedirs(tmp_path / 'conf.d')
    config.update(extra_config_files=str(tmp_path / 'conf.d'), state_dir=str(tmp_path))
    config['db_uri'] = f'sqlite:///{tmp_path}/confd.sqlite'
    config['rest_api']['port'] = free_port()
    config['auth']['bootstrap_key_file'] = str(tmp_path / 'admin-key')
    config['bus'] = {'enabled': False}
    path = str(tmp_path / 'config.yml')
    with open(path, 'w') as f:
        yaml.safe_dump(config, f)
    return {'path': path, 'port': config['rest_api']['port'], 'dir': str(tmp_path)}


def upgrade(image_venv: str, container_config: dict) -> subprocess.CompletedProcess:
    """What the compose file's `migrate` service runs."""
    return subprocess.run(
        [os.path.join(image_venv, 'bin', 'wazo-confd-admin'), '-c', container_config['path'], 'db', 'upgrade'],
        cwd=container_config['dir'],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_installed_package_finds_its_migrations(image_venv: str, container_config: dict) -> None:
    result = upgrade(image_venv, container_config)

    assert result.returncode == 0, result.stderr
    current, head = result.stdout.split()[1], result.stdout.split()[3]
    assert current == head != 'None'
    assert os.path.isdir(os.path.join(image_venv, 'share', 'wazo-confd', 'alembic', 'versions'))


def test_daemon_serves_logs_to_stderr_and_passes_the_healthcheck(image_venv: str, container_config: dict) -> None:
    python = os.path.join(image_venv, 'bin', 'python')
    assert upgrade(image_venv, container_config).returncode == 0
    process = subprocess.Popen(
        [os.path.join(image_venv, 'bin', 'wazo-confd'), '-c', container_config['path']],
        cwd=container_config['dir'],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, 'PATH': f'{os.path.join(image_venv, "bin")}:{os.environ["PATH"]}'},
    )
    healthcheck = healthcheck_command(python, container_config['port'])
    try:
        wait_for(
            lambda: (
                process.poll() is not None
                or subprocess.run(healthcheck, capture_output=True, timeout=10).returncode == 0
            ),
            timeout=60,
        )
        assert process.poll() is None
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)

    assert process.returncode == 0
    assert ' GET /1.1/status 401 ' in stderr
    assert subprocess.run(healthcheck, capture_output=True, timeout=10).returncode == 1
