"""Which plugins load: every installed entry point, less those the configuration disables."""

from __future__ import annotations

import configparser
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from flask import Flask

from wazo_confd import config as confd_config
from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.bus.outbox import Outbox
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database
from wazo_confd.http.app import HttpDependencies, create_app
from wazo_confd.plugin_api import PluginDependencies, Providers
from wazo_confd.plugin_loader import load_plugins

ROOT = Path(__file__).resolve().parent.parent


def declared_plugins() -> list[str]:
    """The entry points written in setup.cfg, one line per plugin."""
    parser = configparser.ConfigParser()
    parser.read(ROOT / 'setup.cfg')
    lines = parser['options.entry_points']['wazo_confd.plugins'].strip().splitlines()
    return sorted(line.split('=')[0].strip() for line in lines)


@pytest.fixture(scope='module')
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    uri = f'sqlite:///{tmp_path_factory.mktemp("plugins")}/confd.sqlite'
    migrations.upgrade(uri)
    database = Database(uri)
    yield database
    database.dispose()


def start(database: Database, tmp_path: Path, file_config: dict) -> tuple[Flask, list[str], dict[str, str]]:
    """Load the configuration from a file as the daemon does, then its plugins."""
    path = tmp_path / 'config.yml'
    path.write_text(yaml.safe_dump({'extra_config_files': os.fspath(tmp_path / 'conf.d'), **file_config}))
    config = confd_config.load({'config_file': os.fspath(path)})
    app, api = create_app(config, HttpDependencies(database, CachingVerifier(None, 0, 0)))  # type: ignore[arg-type]
    deps = PluginDependencies(
        api, database, Outbox(database, lambda: None), config, Providers(), info={'uuid': lambda: 'uuid'}
    )
    loaded = load_plugins(config['enabled_plugins'], deps)
    return app, loaded, deps.plugin_failures


def routes(app: Flask) -> set[str]:
    return {rule.rule for rule in app.url_map.iter_rules()}


def test_every_installed_plugin_loads_by_default(database: Database, tmp_path: Path) -> None:
    _, loaded, failures = start(database, tmp_path, {})

    assert loaded == declared_plugins()
    assert failures == {}


def test_a_plugin_disabled_by_the_configuration_has_no_routes(database: Database, tmp_path: Path) -> None:
    app, loaded, _ = start(database, tmp_path, {'enabled_plugins': {'timezones': False}})

    assert 'timezones' not in loaded and 'users' in loaded
    assert '/1.1/timezones' not in routes(app)
    assert '/1.1/users' in routes(app)


def test_a_plugin_disabled_in_one_file_is_enabled_again_in_a_later_one(database: Database, tmp_path: Path) -> None:
    (tmp_path / 'conf.d').mkdir()
    (tmp_path / 'conf.d' / '50-timezones.yml').write_text('enabled_plugins: {timezones: true}\n')

    app, loaded, _ = start(database, tmp_path, {'enabled_plugins': {'timezones': False}})

    assert 'timezones' in loaded
    assert '/1.1/timezones' in routes(app)


def test_an_enabled_plugin_that_is_not_installed_is_a_failure(database: Database, tmp_path: Path) -> None:
    _, loaded, failures = start(database, tmp_path, {'enabled_plugins': {'no_such_plugin': True}})

    assert failures == {'no_such_plugin': 'not installed'}
    assert loaded == declared_plugins()
