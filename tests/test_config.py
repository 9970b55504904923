from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from wazo_confd import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(path: Path, content: dict) -> str:
    with open(path, 'w') as f:
        yaml.safe_dump(content, f)
    return str(path)


def test_nested_keys_merge_key_by_key() -> None:
    merged = config.merge({'a': {'b': 1, 'c': 2}}, {'a': {'c': 3}})

    assert merged == {'a': {'b': 1, 'c': 3}}


def test_precedence_defaults_file_conf_d_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative conf.d is found from the working directory
    (tmp_path / 'conf.d').mkdir()
    write(tmp_path / 'conf.d' / '10.yml', {'rest_api': {'port': 2000}, 'log_level': 'error'})
    write(tmp_path / 'conf.d' / '20.yml', {'rest_api': {'port': 3000}})
    path = write(
        tmp_path / 'config.yml', {'rest_api': {'port': 1000, 'listen': '0.0.0.0'}, 'extra_config_files': 'conf.d'}
    )

    result = config.load({'config_file': path, 'log_level': 'debug'})

    assert result['rest_api']['port'] == 3000
    assert result['rest_api']['listen'] == '0.0.0.0'
    assert result['rest_api']['max_threads'] == 10
    assert result['log_level'] == 'debug'


@pytest.mark.parametrize(
    'content, fragment',
    [
        ({'nope': 1}, 'unknown configuration key "nope"'),
        ({'rest_api': {'nope': 1}}, 'unknown configuration key "rest_api.nope"'),
        ({'rest_api': {'port': '80'}}, 'key "rest_api.port" must be int'),
        ({'debug': 'yes'}, 'key "debug" must be bool'),
        ({'rest_api': 3}, 'key "rest_api" must be a mapping'),
        ({'user': 3}, 'key "user" must be str'),
        ({'enabled_plugins': {'users': 'on'}}, 'key "enabled_plugins.users" must be bool'),
        ({'log_level': 'loud'}, 'key "log_level" must be one of'),
        ({'rest_api': {'certificate': '/x'}}, 'must be set together'),
        ({'rest_api': {'workers': 0}}, 'key "rest_api.workers" must be "auto" or a number >= 1'),
        ({'rest_api': {'workers': 'many'}}, 'key "rest_api.workers" must be "auto" or a number >= 1'),
    ],
)
def test_bad_configuration_names_the_key_and_file(tmp_path: Path, content: dict, fragment: str) -> None:
    path = write(tmp_path / 'config.yml', content)

    with pytest.raises(config.ConfigError) as error:
        config.load({'config_file': path})

    assert fragment in str(error.value)
    assert path in str(error.value)


def test_nullable_key_accepts_null_and_its_type(tmp_path: Path) -> None:
    path = write(tmp_path / 'config.yml', {'user': None, 'uuid': 'abc', 'enabled_plugins': {'extra': True}})

    result = config.load({'config_file': path})

    assert result['uuid'] == 'abc'
    assert result['enabled_plugins']['extra'] is True
    assert result['enabled_plugins']['users'] is True


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / 'config.yml'
    path.write_text('a: [\n')

    with pytest.raises(config.ConfigError, match='invalid YAML'):
        config.load({'config_file': str(path)})


def test_cli_options() -> None:
    assert config.parse_cli(['-c', 'x.yml', '-d', '-l', 'WARNING', '-u', 'confd']) == {
        'config_file': 'x.yml',
        'debug': True,
        'log_level': 'warning',
        'user': 'confd',
    }
    assert config.parse_cli([]) == {}


def test_shipped_config_file_documents_every_default() -> None:
    with open(os.path.join(ROOT, 'etc', 'wazo-confd', 'config.yml')) as f:
        shipped = yaml.safe_load(f)
    config.validate(shipped, 'config.yml')
    expected = {k: v for k, v in config.DEFAULTS.items() if k != 'config_file'}

    assert shipped == expected


def test_redacted_masks_secrets() -> None:
    shown = config.redacted({'bus': {'password': 'guest', 'host': 'h'}, 'auth': {'password': None}})

    assert shown == {'bus': {'password': '********', 'host': 'h'}, 'auth': {'password': None}}


def test_a_service_token_lifetime_below_one_second_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / 'config.yml', {'auth': {'token_expiration': 0}})

    with pytest.raises(config.ConfigError, match='auth.token_expiration'):
        config.load({'config_file': path})


def test_http_processes_are_auto_or_a_number(tmp_path: Path) -> None:
    assert config.load({'config_file': write(tmp_path / 'a.yml', {})})['rest_api']['workers'] == 'auto'
    assert (
        config.load({'config_file': write(tmp_path / 'b.yml', {'rest_api': {'workers': 3}})})['rest_api']['workers']
        == 3
    )
