"""Composition root: builds every piece from the configuration and runs them."""

from __future__ import annotations

import functools
import http.client
import logging
import os
import signal
import ssl
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any, Protocol

from sqlalchemy import text

from wazo_confd import installation, tenancy
from wazo_confd.auth import keys
from wazo_confd.auth.local import LocalBackend
from wazo_confd.auth.service_token import CredentialsError, ServiceToken, read_credentials
from wazo_confd.auth.tenant_sync import TenantSync
from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.auth.wazo_auth import WazoAuthBackend, WazoAuthClient
from wazo_confd.background import BackgroundWorkers
from wazo_confd.bus.envelope import Event
from wazo_confd.bus.outbox import Outbox
from wazo_confd.database import migrations
from wazo_confd.database.models import load_all
from wazo_confd.database.uow import Database
from wazo_confd.discovery import ServiceRegistration
from wazo_confd.http.app import HttpDependencies, create_app
from wazo_confd.http.processes import MainProcess, WorkerProcesses, serve_as_worker, worker_count
from wazo_confd.http.server import HttpServer
from wazo_confd.log import reopen_log_files
from wazo_confd.plugin_api import PluginDependencies, Providers
from wazo_confd.plugin_loader import load_plugins
from wazo_confd.privileges import PrivilegeError, drop_privileges
from wazo_confd.systemd import SystemdNotifier

logger = logging.getLogger(__name__)
BOOTSTRAP_KEY_NAME = 'bootstrap-admin'
# /status entries about what runs in the main process only: HTTP workers ask it.
MAIN_PROCESS_CHECKS = ('bus_publisher', 'bus_consumer', 'sysconfd', 'service_token')


class StartupError(Exception):
    """A reason not to start, told to the operator in one line."""


class BackgroundTask(Protocol):
    """A thread the daemon runs beside the HTTP server (e.g. the outbox relay).

    `stop()` is called on SIGTERM after in-flight requests have finished (so their events are
    in the outbox) and must return once the task's current batch of work is done.
    """

    def start(self) -> None: ...

    def stop(self) -> None: ...


class Controller:
    def __init__(self, config: dict):
        self.config = config
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
        try:
            drop_privileges(config['user'])
        except PrivilegeError as e:
            raise StartupError(str(e)) from e
        self.notifier = SystemdNotifier()
        # Every model is mapped before anything queries: plugins relate their models to
        # others' by name, and those relationships must resolve even when the owner is disabled.
        load_all()
        self.database = Database(config['db_uri'], config['database'])
        self._check_schema()
        self.uuid, self.master_tenant_uuid = self._identity()
        self.exit_code = 0
        # In a forked HTTP worker: the line to the main process, which alone runs the
        # background tasks (see http/processes.py).
        self.main_process: MainProcess | None = None
        self.bootstrap_key_file = self._bootstrap_key()
        self.service_token = self._service_token()
        ttl, size = config['auth']['cache_ttl'], config['auth']['cache_size']
        backend = (
            WazoAuthBackend(self.service_token.client) if self.service_token else LocalBackend(self.database, ttl, size)
        )
        self.verifier = CachingVerifier(backend, ttl, size)
        self.outbox = Outbox(self.database, lambda: self.uuid)
        self.workers = BackgroundWorkers(config, self.database, self.outbox, lambda: self.master_tenant_uuid)
        self.database.on_commit(self._committed)
        self.app, api = create_app(config, HttpDependencies(self.database, self.verifier, self._master_tenant))
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
            service_token=self.service_token.status if self.service_token else lambda: {'status': 'ok'},
            plugins=self._plugins_status,
            **self.workers.status_checks(),
        )
        self.plugins = load_plugins(config['enabled_plugins'], self.plugin_deps)
        # What a worker process asks the main process: the state of what runs only there.
        answers: dict[str, Callable[[], Any]] = {'master_tenant_uuid': lambda: self.master_tenant_uuid}
        answers.update({f'status {name}': self.plugin_deps.status[name] for name in MAIN_PROCESS_CHECKS})
        self.processes = WorkerProcesses(answers, on_commit=self.workers.wake, on_death=self._worker_died)
        self.process_count = worker_count(config, self.database.dialect)
        # The outbox relay (and any other background task) appends itself here.
        self.background: list[BackgroundTask] = [self.workers]
        self.registration: ServiceRegistration | None = None
        if config['service_discovery']['enabled']:
            self.registration = ServiceRegistration(config, self.uuid, self._publish, self._api_answers)
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

    def _service_token(self) -> ServiceToken | None:
        """With wazo-auth: the daemon's own token; each new one also syncs the tenant tree."""
        auth = self.config['auth']
        if auth['backend'] != 'wazo_auth':
            return None
        client = WazoAuthClient(auth)
        try:
            credentials = read_credentials(auth)
        except CredentialsError as e:
            raise StartupError(str(e)) from e
        token = ServiceToken(client, credentials, auth['token_expiration'])
        token.listeners.append(TenantSync(self.database, client, self._set_master_tenant))
        return token

    def _set_master_tenant(self, tenant_uuid: str) -> None:
        self.master_tenant_uuid = tenant_uuid

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
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as e:
            raise StartupError(f'cannot write the admin API key file {path}: {e.strerror}') from e
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
        return {'status': 'ok' if self._master_tenant() else 'fail'}

    def _master_tenant(self) -> str | None:
        if self.master_tenant_uuid is None and self.main_process is not None:
            # wazo-auth: the main process learns it with its service token, after the fork.
            self.master_tenant_uuid = self.main_process.ask('master_tenant_uuid')
        return self.master_tenant_uuid

    def _committed(self) -> None:
        if self.main_process is not None:
            self.main_process.tell('committed')
        else:
            self.workers.wake()

    def _plugins_status(self) -> dict:
        failures = self.plugin_deps.plugin_failures
        if failures:
            return {'status': 'fail', 'failed': dict(failures), 'loaded': self.plugins}
        return {'status': 'ok', 'loaded': self.plugins}

    def _wsgi(self, environ: dict, start_response: Any) -> Any:
        return self.app(environ, start_response)

    def _publish(self, event: Event) -> None:
        """Write one event to the outbox in a unit of work of its own (outside any request)."""
        try:
            with self.database.unit_of_work():
                self.outbox.add(event)
        except Exception:
            logger.exception('could not write event %s to the outbox', event.name)

    def _api_answers(self) -> bool:
        """True once an HTTP request to our own listener gets an answer, whatever its status."""
        host = self.config['rest_api']['listen']
        host = {'0.0.0.0': '127.0.0.1', '::': '::1', '': '127.0.0.1'}.get(host, host)
        if self.server.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # our own certificate, maybe self-signed
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                host, self.server.port, timeout=2, context=context
            )
        else:
            connection = http.client.HTTPConnection(host, self.server.port, timeout=2)
        try:
            connection.request('GET', '/1.1/api/api.yml')
            connection.getresponse().read()
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()
        return True

    def _announce_ready(self) -> None:
        while not self._stopping.is_set() and self._shutdown is None:
            if self.processes.all_serving() and self._api_answers():
                # The watchdog pings only while the API still answers: a wedged server gets restarted.
                self.notifier.ready(alive=self._api_answers)
                return
            self._stopping.wait(0.1)

    def run(self) -> None:
        # Workers first, while this process has no other thread (see http/processes.py).
        self.processes.fork(self.process_count - 1, self._serve_as_worker)
        self.server.start()
        if self.service_token is not None:
            self.service_token.start()
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGHUP, self._on_sighup)
        threading.Thread(target=self._announce_ready, name='announce-ready', daemon=True).start()
        if self.registration is not None:
            self.registration.start()
        for task in self.background:
            task.start()
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
        self._begin_shutdown()

    def _begin_shutdown(self) -> None:
        if self._shutdown is None:
            # cheroot's stop() waits for in-flight requests: never block the signal handler on it.
            self.notifier.stopping()
            self._shutdown = threading.Thread(target=self._shutdown_sequence, name='shutdown', daemon=True)
            self._shutdown.start()

    def _shutdown_sequence(self) -> None:
        # Leave consul first so that no new client is sent here, then drain the requests,
        # the workers' too: the relays stop after them, once their events are committed.
        if self.registration is not None:
            self.registration.stop()
        self.processes.terminate()
        self.server.stop()
        self.processes.stop(self.config['rest_api']['shutdown_timeout'] + 5)

    def _worker_died(self) -> None:
        self.exit_code = 1
        self._begin_shutdown()

    def _on_sighup(self, _signum: int, _frame: FrameType | None) -> None:
        reopen_log_files()
        logger.info('received SIGHUP, log file reopened')
        self.processes.signal(signal.SIGHUP)

    def _serve_as_worker(self, main: MainProcess) -> int:
        """An HTTP worker process: what only the main process runs is asked of it."""
        self.main_process = main
        for name in MAIN_PROCESS_CHECKS:
            self.plugin_deps.status[name] = functools.partial(main.ask, f'status {name}')
        return serve_as_worker(self.server, self.database, main)

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        # Already on the way out: a repeated signal must not kill the process mid-cleanup.
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        for task in reversed(self.background):
            try:
                task.stop()
            except Exception:
                logger.exception('could not stop %s', task.__class__.__name__)
        if self.service_token is not None:
            self.service_token.stop()
        self.database.dispose()
        logger.info('stopped')


def _first_line(error: BaseException) -> str:
    lines = str(getattr(error, 'orig', None) or error).strip().splitlines()
    return lines[0] if lines else error.__class__.__name__
