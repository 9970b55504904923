"""Configuration: built-in defaults < config file < conf.d/*.yml < command line.

Every key is declared in DEFAULTS; a key that is not declared, or a value of the wrong
type, stops the start with one line naming the key and the file it came from.
"""

from __future__ import annotations

import argparse
import copy
import os
from typing import Any

import yaml

DEFAULT_CONFIG_FILE = '/etc/wazo-confd/config.yml'
LOG_LEVELS = ('critical', 'error', 'warning', 'info', 'debug')

DEFAULTS: dict[str, Any] = {
    'config_file': DEFAULT_CONFIG_FILE,
    'extra_config_files': '/etc/wazo-confd/conf.d/',
    'debug': False,
    'log_level': 'info',
    'log_filename': '/var/log/wazo-confd.log',
    'log_to_stderr': False,
    'user': None,
    'uuid': None,
    'state_dir': '/var/lib/wazo-confd',
    'db_uri': 'postgresql://wazo-confd@localhost/wazo-confd',
    'db_upgrade_on_startup': False,
    # None: the option names of res_pjsip shipped with wazo-confd.
    'pjsip_config_doc_filename': None,
    'database': {
        'pool_size': 10,
        'max_overflow': 0,
        'pool_timeout': 5,
        'connect_timeout': 5,
        'statement_timeout': 10,
        'count_statements': False,
    },
    'rest_api': {
        'listen': '127.0.0.1',
        'port': 9486,
        'certificate': None,
        'private_key': None,
        'cors': {
            'enabled': True,
            'allow_headers': ['Content-Type', 'X-Auth-Token', 'Wazo-Tenant'],
            'origins': '*',
        },
        'workers': 'auto',
        'min_threads': 10,
        'max_threads': 10,
        'max_content_length': 40 * 1024 * 1024,
        'request_queue_size': 64,
        'shutdown_timeout': 10,
    },
    'auth': {
        'backend': 'local',
        'host': 'localhost',
        'port': 9497,
        'prefix': None,
        'https': False,
        'verify_certificate': True,
        'timeout': 5,
        'cache_ttl': 10,
        'cache_size': 4096,
        'username': None,
        'password': None,
        'key_file': None,
        'token_expiration': 3600,
        'bootstrap_key_file': None,
    },
    'bus': {
        'enabled': True,
        'username': 'guest',
        'password': 'guest',
        'host': 'localhost',
        'port': 5672,
        'vhost': '/',
        'exchange_name': 'wazo-headers',
        'exchange_type': 'headers',
        'queue_name': 'wazo-confd',
    },
    'outbox': {
        'poll_interval': 1.0,
        'batch_size': 100,
        'retention_seconds': 86400,
    },
    'sysconfd': {
        'enabled': True,
        'host': 'localhost',
        'port': 8668,
    },
    'consul': {
        'scheme': 'http',
        'host': 'localhost',
        'port': 8500,
        'token': None,
        'verify': True,
    },
    'service_discovery': {
        'enabled': False,
        'advertise_address': 'auto',
        'advertise_address_interface': 'eth0',
        'advertise_port': 9486,
        'ttl_interval': 30,
        'refresh_interval': 27,
        'retry_interval': 2,
        'extra_tags': [],
    },
    'enabled_plugins': {
        'api': True,
        'configuration': True,
        'infos': True,
        'status': True,
        'tenants': True,
        'users': True,
        'contexts': True,
        'context_ranges': True,
        'extensions': True,
        'voicemails': True,
        'user_voicemails': True,
        'lines': True,
        'endpoint_sip': True,
        'endpoint_sccp': True,
        'endpoint_custom': True,
        'line_endpoint': True,
        'line_extension': True,
        'user_line': True,
        'pjsip': True,
        'registrars': True,
        'voicemail_zonemessages': True,
        'timezones': True,
    },
}

# Keys whose default is None, with the type a set value must have.
NULLABLE_TYPES: dict[str, type | tuple[type, ...]] = {
    'user': str,
    'uuid': str,
    'rest_api.certificate': str,
    'rest_api.private_key': str,
    'auth.prefix': str,
    'auth.username': str,
    'auth.password': str,
    'auth.key_file': str,
    'auth.bootstrap_key_file': str,
    'consul.token': str,
    'pjsip_config_doc_filename': str,
}

# Mappings whose keys are free (their values keep a fixed type).
OPEN_MAPPINGS: dict[str, type] = {
    'enabled_plugins': bool,
}

# Keys that accept a value of more than one type.
EXTRA_TYPES: dict[str, tuple[type, ...]] = {
    'auth.verify_certificate': (bool, str),
    'consul.verify': (bool, str),
    'rest_api.cors.origins': (str, list),
    'rest_api.workers': (str, int),
}


class ConfigError(Exception):
    """A configuration problem; its text is the one line shown to the operator."""


def _type_name(expected: type | tuple[type, ...]) -> str:
    if isinstance(expected, tuple):
        return ' or '.join(t.__name__ for t in expected)
    return expected.__name__


def _is_instance(value: Any, expected: type | tuple[type, ...]) -> bool:
    types = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in types:
        return False
    if float in types and isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, types)


def _expected_type(path: str, default: Any) -> type | tuple[type, ...]:
    if path in EXTRA_TYPES:
        return EXTRA_TYPES[path]
    if default is None:
        return NULLABLE_TYPES[path]
    return type(default)


def validate(overrides: dict, source: str, defaults: dict = DEFAULTS, prefix: str = '') -> None:
    """Check that every key of `overrides` is known and of the declared type."""
    if not isinstance(overrides, dict):
        raise ConfigError(f'{source}: top level must be a mapping of keys, got {type(overrides).__name__}')
    for key, value in overrides.items():
        path = f'{prefix}{key}'
        if not isinstance(key, str) or key not in defaults:
            raise ConfigError(f'{source}: unknown configuration key "{path}"')
        default = defaults[key]
        if path in OPEN_MAPPINGS:
            if not isinstance(value, dict):
                raise ConfigError(f'{source}: key "{path}" must be a mapping, got {type(value).__name__}')
            for sub, sub_value in value.items():
                if not _is_instance(sub_value, OPEN_MAPPINGS[path]):
                    raise ConfigError(
                        f'{source}: key "{path}.{sub}" must be {_type_name(OPEN_MAPPINGS[path])}, '
                        f'got {type(sub_value).__name__}'
                    )
            continue
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise ConfigError(f'{source}: key "{path}" must be a mapping, got {type(value).__name__}')
            validate(value, source, default, f'{path}.')
            continue
        if value is None and (default is None or path in NULLABLE_TYPES):
            continue
        expected = _expected_type(path, default)
        if not _is_instance(value, expected):
            raise ConfigError(f'{source}: key "{path}" must be {_type_name(expected)}, got {type(value).__name__}')


def merge(base: dict, overrides: dict) -> dict:
    """Deep-merge `overrides` into a copy of `base`: nested mappings merge key by key."""
    result = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def read_yaml(path: str) -> dict:
    try:
        with open(path, encoding='utf-8') as f:
            content = yaml.safe_load(f)
    except OSError as e:
        raise ConfigError(f'{path}: cannot read configuration file: {e.strerror}') from e
    except yaml.YAMLError as e:
        mark = getattr(e, 'problem_mark', None)
        where = f' (line {mark.line + 1})' if mark else ''
        raise ConfigError(f'{path}: invalid YAML{where}') from e
    return content if content is not None else {}


def _extra_files(directory: str) -> list[str]:
    if not os.path.isdir(directory):
        return []
    names = sorted(n for n in os.listdir(directory) if n.endswith(('.yml', '.yaml')) and not n.startswith('.'))
    return [os.path.join(directory, n) for n in names]


def parse_cli(argv: list[str] | None) -> dict:
    parser = argparse.ArgumentParser(prog='wazo-confd', description='Wazo configuration daemon')
    parser.add_argument('-c', '--config-file', help='configuration file (default: %(default)s)')
    parser.add_argument('-d', '--debug', action='store_true', default=None, help='debug mode')
    parser.add_argument('-l', '--log-level', choices=LOG_LEVELS, type=str.lower, help='log level')
    parser.add_argument('-u', '--user', help='system user to run as')
    args = parser.parse_args(argv)
    result: dict[str, Any] = {}
    if args.config_file:
        result['config_file'] = args.config_file
    if args.debug:
        result['debug'] = True
    if args.log_level:
        result['log_level'] = args.log_level
    if args.user:
        result['user'] = args.user
    return result


def load(cli: dict) -> dict:
    """Build the effective configuration from the files and the CLI options."""
    config_file = cli.get('config_file', DEFAULT_CONFIG_FILE)
    file_config = read_yaml(config_file)
    validate(file_config, config_file)
    config = merge(DEFAULTS, file_config)
    config['config_file'] = config_file
    # Relative to the working directory, as every other path of the configuration.
    for path in _extra_files(config['extra_config_files']):
        extra = read_yaml(path)
        validate(extra, path)
        config = merge(config, extra)
    config = merge(config, cli)
    _check_values(config, config_file)
    return config


def _check_values(config: dict, source: str) -> None:
    level = str(config['log_level']).lower()
    if level not in LOG_LEVELS:
        raise ConfigError(
            f'{source}: key "log_level" must be one of {", ".join(LOG_LEVELS)}, got "{config["log_level"]}"'
        )
    config['log_level'] = level
    if config['auth']['backend'] not in ('local', 'wazo_auth'):
        raise ConfigError(f'{source}: key "auth.backend" must be "local" or "wazo_auth"')
    if config['auth']['token_expiration'] < 1:
        raise ConfigError(f'{source}: key "auth.token_expiration" must be at least 1 (seconds)')
    api = config['rest_api']
    if bool(api['certificate']) != bool(api['private_key']):
        raise ConfigError(f'{source}: keys "rest_api.certificate" and "rest_api.private_key" must be set together')
    workers = api['workers']
    if workers != 'auto' and (isinstance(workers, (str, bool)) or workers < 1):
        raise ConfigError(f'{source}: key "rest_api.workers" must be "auto" or a number >= 1')
    if api['min_threads'] < 1 or api['max_threads'] < api['min_threads']:
        raise ConfigError(f'{source}: key "rest_api.max_threads" must be >= "rest_api.min_threads" >= 1')


def redacted(config: dict) -> dict:
    """A copy of the configuration fit for a log line: secrets masked."""
    secret_words = ('password', 'token', 'secret', 'private_key')
    result: dict[str, Any] = {}
    for key, value in config.items():
        if isinstance(value, dict):
            result[key] = redacted(value)
        elif value is not None and any(w in key for w in secret_words):
            result[key] = '********'
        else:
            result[key] = value
    return result
