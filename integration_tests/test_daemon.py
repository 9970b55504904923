"""Starting, configuring and stopping the daemon process."""

from __future__ import annotations

import configparser
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests
import yaml
from openapi_spec_validator import validate

from .helpers.daemon import ROOT, Daemon, free_port, https_daemon


def installed_plugins() -> list[str]:
    """The plugins declared in setup.cfg (one entry point per plugin)."""
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, 'setup.cfg'))
    lines = parser['options.entry_points']['wazo_confd.plugins'].strip().splitlines()
    return sorted(line.split('=')[0].strip() for line in lines)


def sqlite_daemon(workdir: str, **config: object) -> Daemon:
    return Daemon(workdir, f'sqlite:///{workdir}/confd.sqlite', config)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, '-m', 'wazo_confd.main', *args], cwd=ROOT, capture_output=True, text=True, timeout=30
    )


class TestConfiguration:
    def test_unknown_key_stops_the_start_naming_key_and_file(self, workdir: str) -> None:
        path = os.path.join(workdir, 'config.yml')
        with open(path, 'w') as f:
            yaml.safe_dump({'rest_api': {'prot': 9486}}, f)

        result = run_cli('-c', path)

        assert result.returncode == 2
        assert 'rest_api.prot' in result.stderr and path in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1

    def test_wrong_type_stops_the_start(self, workdir: str) -> None:
        path = os.path.join(workdir, 'config.yml')
        with open(path, 'w') as f:
            yaml.safe_dump({'rest_api': {'port': 'ninety'}}, f)

        result = run_cli('-c', path)

        assert result.returncode == 2
        assert 'rest_api.port' in result.stderr and 'int' in result.stderr

    def test_unreadable_file_stops_the_start(self, workdir: str) -> None:
        result = run_cli('-c', os.path.join(workdir, 'missing.yml'))

        assert result.returncode == 2
        assert 'missing.yml' in result.stderr

    def test_bad_key_in_conf_d_names_that_file(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir)
        os.makedirs(os.path.join(workdir, 'conf.d'))
        bad = os.path.join(workdir, 'conf.d', '50-bad.yml')
        with open(bad, 'w') as f:
            f.write('bus:\n  enabled: maybe-not-a-bool\n')
        daemon.write_config()

        result = run_cli('-c', daemon.config_file)

        assert result.returncode == 2
        assert '50-bad.yml' in result.stderr and 'bus.enabled' in result.stderr

    def test_conf_d_overrides_the_file_and_cli_overrides_both(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir, log_level='error')
        os.makedirs(os.path.join(workdir, 'conf.d'))
        with open(os.path.join(workdir, 'conf.d', '10-level.yml'), 'w') as f:
            yaml.safe_dump({'log_level': 'warning'}, f)
        daemon.start()
        daemon.client().get('/users')
        daemon.stop()
        # warning level: no INFO request line
        assert ' GET /1.1/users ' not in daemon.log()

        daemon.start('-l', 'info')
        daemon.client().get('/users')
        daemon.stop()
        assert ' GET /1.1/users 200 ' in daemon.log()

    def test_debug_flag_logs_at_debug(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir)
        daemon.start('-d')
        daemon.stop()
        assert '(DEBUG)' in daemon.log()


class TestLogging:
    def test_one_line_per_request_with_method_path_status_duration(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir).start()
        daemon.client().get('/users/424242')
        daemon.stop()

        lines = [line for line in daemon.log().splitlines() if 'GET /1.1/users/424242' in line]
        assert len(lines) == 1
        assert ' 404 ' in lines[0] and lines[0].rstrip().endswith('ms')

    def test_secrets_never_reach_the_log(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir, debug=True).start()
        client = daemon.client()
        client.post('/users', json={'firstname': 'Sec', 'password': 'TopSecret42', 'username': 'sec-user'})
        client.post('/users', json={'firstname': 'Sec', 'password': 'AlsoSecret99!', 'ring_seconds': 'bad'})
        daemon.client(token='wcf_leakedtoken123').get('/users')
        daemon.stop()

        log = daemon.log() + daemon.stderr()
        assert 'TopSecret42' not in log
        assert 'AlsoSecret99' not in log
        assert 'wcf_leakedtoken123' not in log
        assert daemon.admin_key() not in log


class TestDatabaseSchema:
    def test_schema_behind_is_refused_with_the_command_to_run(self, workdir: str, fresh_pg: str) -> None:
        daemon = Daemon(workdir, fresh_pg, {'db_upgrade_on_startup': False})

        with pytest.raises(RuntimeError):
            daemon.start()

        assert 'wazo-confd-admin -c' in daemon.stderr() and 'db upgrade' in daemon.stderr()
        daemon.stop()

    def test_admin_upgrade_then_start(self, workdir: str, fresh_pg: str) -> None:
        daemon = Daemon(workdir, fresh_pg, {'db_upgrade_on_startup': False})

        upgraded = daemon.admin('db', 'upgrade')
        current = daemon.admin('db', 'current')
        daemon.start()

        assert 'head' in upgraded.stdout
        current_rev, head_rev = current.stdout.split('current: ')[1].split('  head: ')
        assert current_rev.strip() == head_rev.strip()
        assert daemon.client().get('/users').status_code == 200
        daemon.stop()

    def test_concurrent_upgrades_take_turns(self, workdir: str, fresh_pg: str) -> None:
        daemons = [Daemon(os.path.join(workdir, str(i)), fresh_pg) for i in range(3)]
        results: list[subprocess.CompletedProcess] = []
        threads = [
            threading.Thread(target=lambda d=d: results.append(d.admin('db', 'upgrade', check=False))) for d in daemons
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]

    def test_downgrade_to_base(self, workdir: str, fresh_pg: str) -> None:
        daemon = Daemon(workdir, fresh_pg)
        daemon.admin('db', 'upgrade')

        result = daemon.admin('db', 'downgrade', 'base')

        assert 'current: None' in result.stdout


class TestEmbeddedBootstrap:
    def test_first_start_writes_an_admin_key_that_works(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir).start()

        assert oct(os.stat(daemon.key_file).st_mode & 0o777) == '0o600'
        response = daemon.client().post('/users', json={'firstname': 'First'})
        daemon.stop()

        assert response.status_code == 201
        assert daemon.key_file in daemon.log()

    def test_key_survives_restart(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir).start()
        key = daemon.admin_key()
        daemon.restart()

        assert daemon.admin_key() == key
        assert daemon.client().get('/users').status_code == 200
        daemon.stop()


class TestEmbeddedProfile:
    """`wazo-confd -c embedded.yml` run by hand in a bare directory, not through `make run`."""

    @staticmethod
    def start(cwd: str) -> tuple[subprocess.Popen, str]:
        with open(os.path.join(ROOT, 'etc', 'wazo-confd', 'embedded.yml')) as f:
            profile = yaml.safe_load(f)
        profile['rest_api']['port'] = free_port()
        # As in the checkout: the profile in etc/wazo-confd/, its relative paths from the cwd.
        os.makedirs(os.path.join(cwd, 'etc', 'wazo-confd'))
        with open(os.path.join(cwd, 'etc', 'wazo-confd', 'embedded.yml'), 'w') as f:
            yaml.safe_dump(profile, f)
        command = [os.path.join(os.path.dirname(sys.executable), 'wazo-confd'), '-c', 'etc/wazo-confd/embedded.yml']
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return process, f'http://127.0.0.1:{profile["rest_api"]["port"]}/1.1'

    @staticmethod
    def answers(process: subprocess.Popen, url: str) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:
                return requests.get(f'{url}/api/api.yml', timeout=1).status_code == 200
            except requests.RequestException:
                time.sleep(0.1)
        return False

    def test_its_state_directories_are_created_at_start(self, workdir: str) -> None:
        process, url = self.start(workdir)
        try:
            started = self.answers(process, url)
        finally:
            process.terminate()
            _, stderr = process.communicate(timeout=30)

        assert started, stderr
        assert os.path.isfile(os.path.join(workdir, '.state', 'wazo-confd.log'))
        assert os.path.isfile(os.path.join(workdir, '.state', 'admin-key'))
        assert os.path.isdir(os.path.join(workdir, '.state', 'conf.d'))

    def test_its_conf_d_is_read_relative_to_the_working_directory(self, workdir: str) -> None:
        os.makedirs(os.path.join(workdir, '.state', 'conf.d'))
        with open(os.path.join(workdir, '.state', 'conf.d', '50-level.yml'), 'w') as f:
            yaml.safe_dump({'log_level': 'debug'}, f)
        process, url = self.start(workdir)
        try:
            started = self.answers(process, url)
        finally:
            process.terminate()
            _, stderr = process.communicate(timeout=30)

        assert started, stderr
        with open(os.path.join(workdir, '.state', 'wazo-confd.log')) as f:
            assert '(DEBUG)' in f.read()


class TestPlugins:
    def test_disabled_plugin_has_no_routes_and_no_spec(self, workdir: str) -> None:
        # /users/{id}/lines belongs to the user_line plugin: disabled too.
        daemon = sqlite_daemon(workdir, enabled_plugins={'users': False, 'user_line': False}).start()
        client = daemon.client()

        assert client.get('/users').status_code == 404
        spec = yaml.safe_load(client.get('/api/api.yml').text)
        daemon.stop()
        assert not any(path.startswith('/users') for path in spec['paths'])

    def test_every_installed_plugin_is_loaded_by_default(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir).start()
        status = daemon.client().get('/status').json()
        daemon.stop()

        assert status['plugins'] == {'status': 'ok', 'loaded': installed_plugins()}

    def test_status_does_not_list_a_disabled_plugin(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir, enabled_plugins={'timezones': False}).start()
        client = daemon.client()

        status = client.get('/status').json()
        timezones = client.get('/timezones')
        daemon.stop()
        assert status['plugins']['loaded'] == [name for name in installed_plugins() if name != 'timezones']
        assert timezones.status_code == 404

    def test_missing_plugin_is_an_error_and_a_status_failure(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir, enabled_plugins={'no_such_plugin': True}).start()

        status = daemon.client().get('/status').json()
        daemon.stop()

        assert status['plugins']['status'] == 'fail'
        assert 'no_such_plugin' in status['plugins']['failed']
        assert '(ERROR)' in daemon.log() and 'no_such_plugin' in daemon.log()

    def test_status_shows_components(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir).start()
        status = daemon.client().get('/status').json()
        daemon.stop()

        assert status['rest_api'] == {'status': 'ok'}
        assert status['database'] == {'status': 'ok'}
        assert status['master_tenant'] == {'status': 'ok'}


class TestOpenApi:
    def test_generated_spec_is_valid_openapi_3_with_token_security(self, daemon: Daemon) -> None:
        response = daemon.client(token=None).get('/api/api.yml')

        spec = yaml.safe_load(response.text)
        validate(spec)
        assert spec['openapi'].startswith('3.')
        assert spec['components']['securitySchemes']['wazo_auth_token'] == {
            'type': 'apiKey',
            'in': 'header',
            'name': 'X-Auth-Token',
        }
        assert {'get', 'post'} <= set(spec['paths']['/users'])
        assert {'get', 'head', 'put', 'delete'} <= set(spec['paths']['/users/{id}'])
        assert 'confd.users.create' in spec['paths']['/users']['post']['description']


class TestTls:
    def test_serves_https_with_the_configured_certificate(self, workdir: str) -> None:
        daemon, cert = https_daemon(workdir)
        daemon.start()

        response = requests.get(f'{daemon.base_url}/users', headers={'X-Auth-Token': daemon.admin_key()}, verify=cert)
        plain = None
        try:
            plain = requests.get(f'http://127.0.0.1:{daemon.port}/1.1/users', timeout=5)
        except requests.RequestException:
            pass
        daemon.stop()

        assert response.status_code == 200
        assert plain is None or plain.status_code >= 400


class TestGracefulStop:
    def test_sigterm_lets_in_flight_requests_finish(self, workdir: str) -> None:
        daemon = sqlite_daemon(workdir).start()
        client = daemon.client()
        results: list[int] = []

        def slow_request() -> None:
            # A 30 MB body takes a moment to send and parse: the signal lands mid-request.
            big = '{"firstname": "slow", "description": "' + 'x' * 30_000_000 + '"}'
            results.append(client.post('/users', data=big).status_code)

        thread = threading.Thread(target=slow_request)
        thread.start()
        time.sleep(0.3)
        assert daemon.process is not None
        daemon.process.send_signal(signal.SIGTERM)
        thread.join(30)
        code = daemon.process.wait(30)
        daemon.stop()

        assert results and results[0] in (201, 400)
        assert code == 0
