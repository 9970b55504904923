"""Composition root: builds every piece from the configuration and runs them."""

from __future__ import annotations

import logging
import os
import signal
import threading
from types import FrameType

from sqlalchemy import text

from wazo_confd import installation, tenancy
from wazo_confd.auth import keys
from wazo_confd.auth.local import LocalBackend
from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.bus.outbox import Outbox
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database
from wazo_confd.http.app import HttpDependencies, create_app
from wazo_confd.http.server import HttpServer
from wazo_confd.plugin_api import PluginDependencies, Providers
from wazo_confd.plugin_loader import load_plugins

logger = logging.getLogger(__name__)
BOOTSTRAP_KEY_NAME = 'bootstrap-admin'


class StartupError(Exception):
    """A reason not to start, told to the operator in one line."""


class Controller:
    def __init__(self, config: dict):
        self.config = config
        self.database = Database(config['db_uri'], config['database'])
        self._check_schema()
        self.uuid, self.master_tenant_uuid = self._identity()
        self.bootstrap_key_file = self._bootstrap_key()
        ttl, size = config['auth']['cache_ttl'], config['auth']['cache_size']
        self.verifier = CachingVerifier(LocalBackend(self.database, ttl, size), ttl, size)
        self.outbox = Outbox(self.database, lambda: self.uuid)
        self.app, api = create_app(config, HttpDependencies(self.database, self.verifier))
        self.plugin_deps = PluginDependencies(
            api=api,
            database=self.database,
            outbox=self.outbox,
            config=config,
            providers=Providers(),
            info={'uuid': lambda: self.uuid},
        )
        self.plugin_deps.status.update(
            rest_api=lambda: {'status': 'ok'},
            database=self._database_status,
            master_tenant=self._master_tenant_status,
            plugins=self._plugins_status,
        )
        self.plugins = load_plugins(config['enabled_plugins'], self.plugin_deps)
        self.server = HttpServer(config, self.app)
        self._stopping = threading.Event()
        self._shutdown: threading.Thread | None = None

    def _check_schema(self) -> None:
        try:
            up_to_date = migrations.is_up_to_date(self.database.engine)
        except Exception as e:
            raise StartupError(f'cannot reach the database ({self.database.dialect}): {_first_line(e)}') from e
        if up_to_date:
            return
        if self.config['db_upgrade_on_startup']:
            logger.info('upgrading the database schema (db_upgrade_on_startup is set)')
            migrations.upgrade(self.config['db_uri'])
            return
        command = migrations.UPGRADE_COMMAND.format(config=self.config['config_file'])
        raise StartupError(f'database schema is not up to date; run: {command}')

    def _identity(self) -> tuple[str, str | None]:
        with self.database.unit_of_work() as uow:
            row = installation.get(uow.session)
            if self.config['auth']['backend'] == 'local' and row.master_tenant_uuid is None:
                row.master_tenant_uuid = tenancy.new_master(uow.session).uuid
                logger.info('created the master tenant %s', row.master_tenant_uuid)
            return self.config['uuid'] or row.uuid, row.master_tenant_uuid

    def _bootstrap_key(self) -> str | None:
        path = self.config['auth']['bootstrap_key_file']
        if not path or self.config['auth']['backend'] != 'local':
            return None
        if os.path.exists(path):
            return path
        with self.database.unit_of_work() as uow:
            keys.revoke(uow.session, BOOTSTRAP_KEY_NAME)
            secret = keys.create(uow.session, BOOTSTRAP_KEY_NAME, ['confd.#'], self.master_tenant_uuid or '')
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, 'w') as f:
            f.write(secret + '\n')
        logger.info('created the admin API key %s; its secret is in %s', BOOTSTRAP_KEY_NAME, path)
        return path

    def _database_status(self) -> dict:
        try:
            with self.database.engine.connect() as connection:
                connection.execute(text('SELECT 1'))
        except Exception as e:
            return {'status': 'fail', 'reason': _first_line(e)}
        return {'status': 'ok'}

    def _master_tenant_status(self) -> dict:
        return {'status': 'ok' if self.master_tenant_uuid else 'fail'}

    def _plugins_status(self) -> dict:
        failures = self.plugin_deps.plugin_failures
        if failures:
            return {'status': 'fail', 'failed': dict(failures), 'loaded': self.plugins}
        return {'status': 'ok', 'loaded': self.plugins}

    def run(self) -> None:
        self.server.prepare()
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        if self.bootstrap_key_file:
            logger.info('admin API key file: %s', os.path.abspath(self.bootstrap_key_file))
        logger.info('wazo-confd ready (uuid %s)', self.uuid)
        try:
            self.server.serve()
        finally:
            # serve() returns as soon as the listener closes; the in-flight requests are
            # still running in the shutdown thread's stop(): let them finish first.
            if self._shutdown is not None:
                self._shutdown.join()
            self.stop()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        logger.info('received %s, stopping', signal.Signals(signum).name)
        if self._shutdown is None:
            # cheroot's stop() waits for in-flight requests: never block the signal handler on it.
            self._shutdown = threading.Thread(target=self.server.stop, name='shutdown', daemon=True)
            self._shutdown.start()

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        # Already on the way out: a repeated signal must not kill the process mid-cleanup.
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.database.dispose()
        logger.info('stopped')


def _first_line(error: BaseException) -> str:
    lines = str(getattr(error, 'orig', None) or error).strip().splitlines()
    return lines[0] if lines else error.__class__.__name__
