"""Composition root: builds every piece from the configuration and wires them together.

What each piece does lives elsewhere: the start-up steps in bootstrap.py, the /status
checks in status.py, the running and the stopping in lifecycle.py.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from wazo_confd import bootstrap, status
from wazo_confd.auth.local import LocalBackend
from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.auth.wazo_auth import WazoAuthBackend
from wazo_confd.background import BackgroundWorkers
from wazo_confd.bus.outbox import Outbox
from wazo_confd.database.models import load_all
from wazo_confd.database.uow import Database
from wazo_confd.discovery import ServiceRegistration
from wazo_confd.http.app import HttpDependencies, create_app
from wazo_confd.http.processes import MainProcess, worker_count
from wazo_confd.http.server import HttpServer
from wazo_confd.lifecycle import BackgroundTask, Lifecycle
from wazo_confd.plugin_api import PluginDependencies, Providers
from wazo_confd.plugin_loader import load_plugins

logger = logging.getLogger(__name__)


class Controller:
    """The daemon, built from its configuration; `run()` serves until SIGTERM."""

    def __init__(self, config: dict):
        # Everything that may need root (TLS key, a port below 1024) is opened first (the log
        # file already is); then root is dropped for good, before any file is written.
        self.server = HttpServer(config, self._wsgi)
        self.server.prepare()
        try:
            self._build(config)
        except BaseException:
            self.server.stop()
            raise

    def _build(self, config: dict) -> None:
        bootstrap.become_user(config)
        # Every model is mapped before anything queries: plugins relate their models to
        # others' by name, and those relationships must resolve even when the owner is disabled.
        load_all()
        database = Database(config['db_uri'], config['database'])
        bootstrap.check_schema(database, config)
        identity = self.identity = bootstrap.load_identity(database, config)
        self.admin_key_file = bootstrap.admin_key_file(database, config, identity)
        token = bootstrap.service_token(database, config, identity)
        ttl, size = config['auth']['cache_ttl'], config['auth']['cache_size']
        backend = WazoAuthBackend(token.client) if token is not None else LocalBackend(database, ttl, size)
        outbox = Outbox(database, lambda: identity.uuid)
        workers = BackgroundWorkers(config, database, outbox, identity.master_tenant)
        self.app, api = create_app(
            config, HttpDependencies(database, CachingVerifier(backend, ttl, size), identity.master_tenant)
        )
        deps = PluginDependencies(
            api=api,
            database=database,
            outbox=outbox,
            config=config,
            providers=Providers(),
            info={'uuid': lambda: identity.uuid},
        )
        loaded: list[str] = []
        checks = deps.status
        plugins = status.plugins_status(loaded, deps.plugin_failures)
        checks.update(status.component_checks(database, identity, token, workers, plugins))
        loaded += load_plugins(config['enabled_plugins'], deps)
        registration = None
        if config['service_discovery']['enabled']:
            registration = ServiceRegistration(config, identity.uuid, outbox.add_committed, self.server.answers)
        tasks: list[BackgroundTask] = [workers] if token is None else [token, workers]

        def in_worker(main: MainProcess) -> None:
            identity.ask_main = lambda: main.ask('master_tenant_uuid')
            status.ask_main_process(checks, main)

        self.lifecycle = Lifecycle(
            self.server,
            database,
            process_count=worker_count(config, database.dialect),
            shutdown_timeout=config['rest_api']['shutdown_timeout'],
            answers={'master_tenant_uuid': identity.master_tenant, **status.main_process_answers(checks)},
            in_worker=in_worker,
            wake=workers.wake,
            tasks=tasks,
            registration=registration,
        )

    def _wsgi(self, environ: dict, start_response: Any) -> Any:
        return self.app(environ, start_response)

    @property
    def exit_code(self) -> int:
        return self.lifecycle.exit_code

    def run(self) -> None:
        self.lifecycle.run(started=self._started)

    def _started(self) -> None:
        if self.admin_key_file:
            logger.info('admin API key file: %s', os.path.abspath(self.admin_key_file))
        logger.info('wazo-confd ready (uuid %s)', self.identity.uuid)
