"""The bus consumer: a thread that applies wazo-auth's tenant events to our database.

`auth_tenant_added` creates the tenant row (uuid, name, slug) and `auth_tenant_deleted`
removes it with everything it owns. Both are idempotent: a repeated or late event changes
nothing. The queue is durable, so events sent while the daemon is down wait for it; kombu's
ConsumerMixin reconnects by itself when the broker goes away.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from kombu import Connection, Queue, binding
from kombu.mixins import ConsumerMixin

from wazo_confd import tenancy
from wazo_confd.database.uow import Database

from .publisher import broker_url, exchange

logger = logging.getLogger(__name__)

TENANT_EVENTS = ('auth_tenant_added', 'auth_tenant_deleted')
FAILED_HANDLING_PAUSE = 1.0


class TenantEventHandler:
    """Applies one tenant event in its own transaction."""

    def __init__(self, database: Database, master_tenant_uuid: Callable[[], str | None]):
        self._database = database
        self._master_tenant_uuid = master_tenant_uuid

    def handle(self, name: str | None, data: dict) -> None:
        tenant_uuid = data.get('uuid')
        if not tenant_uuid:
            logger.warning('bus: %s without a tenant uuid, ignored', name)
            return
        with self._database.unit_of_work() as uow:
            if name == 'auth_tenant_added':
                parent = data.get('parent_uuid')
                if parent is not None and tenancy.get(uow.session, parent) is None:
                    parent = None  # a parent we never heard of: keep the tenant at the top
                # Cut to our columns' sizes: a value too long must not block the queue.
                slug = str(data['slug'])[:10] if data.get('slug') else None
                tenant_name = str(data['name'])[:255] if data.get('name') else None
                tenant = tenancy.ensure(uow.session, tenant_uuid, name=tenant_name, slug=slug, parent_uuid=parent)
                if tenant.slug is None and slug:
                    tenant.slug = slug
            elif name == 'auth_tenant_deleted' and tenant_uuid != self._master_tenant_uuid():
                tenancy.remove(uow.session, tenant_uuid)


class BusConsumer(ConsumerMixin):
    """Consumes the tenant events from the durable queue `bus.queue_name`."""

    def __init__(self, bus: dict, handler: TenantEventHandler):
        self.connection = Connection(broker_url(bus), connect_timeout=2, heartbeat=10)
        headers_exchange = exchange(bus)
        bindings = [binding(headers_exchange, arguments={'x-match': 'all', 'name': n}) for n in TENANT_EVENTS]
        self._queue = Queue(bus['queue_name'], bindings=bindings, durable=True, auto_delete=False)
        self._handler = handler
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self.connected = False
        self.reason: str | None = 'not connected yet'

    def get_consumers(self, consumer_class: Any, channel: Any) -> list:
        return [consumer_class(queues=[self._queue], callbacks=[self._on_message], accept=['json'])]

    def on_consume_ready(self, connection: Any, channel: Any, consumers: Any, **kwargs: Any) -> None:
        self.connected, self.reason = True, None
        logger.info('bus: consuming tenant events from queue %s', self._queue.name)

    def on_connection_error(self, exc: Exception, interval: float) -> None:
        self.connected, self.reason = False, f'{exc.__class__.__name__}: {exc}'
        logger.warning('bus consumer: broker unreachable (%s), retrying in %ss', exc, interval)

    def on_connection_revived(self) -> None:
        logger.info('bus consumer: reconnected')

    def _on_message(self, body: Any, message: Any) -> None:
        name = message.headers.get('name') or (body.get('name') if isinstance(body, dict) else None)
        data = body.get('data', body) if isinstance(body, dict) else {}
        try:
            self._handler.handle(name, data if isinstance(data, dict) else {})
        except Exception:
            logger.exception('bus consumer: failed to apply %s, will retry', name)
            # Back in the queue for a later try (the database may be restarting).
            self._stopped.wait(FAILED_HANDLING_PAUSE)
            message.requeue()
            return
        message.ack()

    def consume(self, *args: Any, **kwargs: Any) -> Any:
        try:
            yield from super().consume(*args, **kwargs)
        except Exception as e:
            self.connected, self.reason = False, f'{e.__class__.__name__}: {e}'
            raise

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name='bus-consumer', daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.should_stop = True
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(5)
        self.connected = False

    def status(self) -> dict:
        if self.connected:
            return {'status': 'ok'}
        return {'status': 'fail', 'reason': self.reason or 'not connected'}
