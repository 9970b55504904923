"""Event of the live reload setting: live_reload_edited (service family, no tenant)."""

from __future__ import annotations

from wazo_confd.bus.envelope import Event
from wazo_confd.bus.outbox import Outbox


class LiveReloadNotifier:
    def __init__(self, outbox: Outbox):
        self.outbox = outbox

    def edited(self, enabled: bool) -> None:
        self.outbox.add(
            Event(
                name='live_reload_edited',
                routing_key='config.live_reload.edited',
                data={'live_reload_enabled': enabled},
                family='service',
            )
        )
