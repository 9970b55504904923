"""The daemon's background workers: the bus relay, the bus consumer and the sysconfd relay."""

from __future__ import annotations

from collections.abc import Callable

from wazo_confd.bus.consumer import BusConsumer, TenantEventHandler
from wazo_confd.bus.model import OutboxEvent
from wazo_confd.bus.outbox import Outbox
from wazo_confd.bus.publisher import BusSink, DiscardSink
from wazo_confd.bus.relay import Relay
from wazo_confd.database.uow import Database
from wazo_confd.sysconfd.client import SysconfdSink
from wazo_confd.sysconfd.model import SysconfdRequest
from wazo_confd.sysconfd.requests import ReloadRequests


class BackgroundWorkers:
    """Built from the configuration; started once the HTTP server is ready, stopped after it."""

    def __init__(self, config: dict, database: Database, outbox: Outbox, master_tenant_uuid: Callable[[], str | None]):
        bus, options = config['bus'], config['outbox']
        self.bus_enabled = bus['enabled']
        # bus disabled: events are still written, then marked sent without leaving the
        # database, and purged after the retention like the sent ones.
        self.bus_relay = Relay('bus', database, OutboxEvent, BusSink(bus) if bus['enabled'] else DiscardSink(), options)
        self.consumer = BusConsumer(bus, TenantEventHandler(database, master_tenant_uuid)) if bus['enabled'] else None
        self.sysconfd_relay: Relay | None = None
        if config['sysconfd']['enabled']:
            outbox.reloads = ReloadRequests(database)
            self.sysconfd_relay = Relay(
                'sysconfd', database, SysconfdRequest, SysconfdSink(config['sysconfd']), options
            )

    def status_checks(self) -> dict[str, Callable[[], dict]]:
        checks: dict[str, Callable[[], dict]] = {
            'bus_publisher': self._publisher_status,
            'bus_consumer': self._consumer_status,
        }
        checks['sysconfd'] = (
            self.sysconfd_relay.status if self.sysconfd_relay else lambda: {'status': 'ok', 'enabled': False}
        )
        return checks

    def _publisher_status(self) -> dict:
        result = self.bus_relay.status()
        result['enabled'] = self.bus_enabled
        return result

    def _consumer_status(self) -> dict:
        if self.consumer is None:
            return {'status': 'ok', 'enabled': False}
        return self.consumer.status()

    def wake(self) -> None:
        self.bus_relay.wake()
        if self.sysconfd_relay is not None:
            self.sysconfd_relay.wake()

    def start(self) -> None:
        self.bus_relay.start()
        if self.sysconfd_relay is not None:
            self.sysconfd_relay.start()
        if self.consumer is not None:
            self.consumer.start()

    def stop(self) -> None:
        """Each relay sends what is committed (bounded in time), then everything closes."""
        if self.consumer is not None:
            self.consumer.stop()
        if self.sysconfd_relay is not None:
            self.sysconfd_relay.stop()
        self.bus_relay.stop()
