"""Generic notifier: the created/edited/deleted events of a resource, into the outbox."""

from __future__ import annotations

from typing import Any, ClassVar

from wazo_confd.bus.envelope import Event
from wazo_confd.bus.outbox import Outbox


class Notifier:
    """Writes events into the outbox; `reload_commands` are the contract's sysconfd_handlers."""

    # Asterisk reload commands of the contract's `sysconfd_handlers`, e.g.
    # {'ipbx': ['dialplan reload']}; recorded with each change for wazo-sysconfd.
    reload_commands: ClassVar[dict[str, list[str]]] = {}

    def __init__(self, outbox: Outbox):
        self.outbox = outbox

    def emit(
        self,
        name: str,
        routing_key: str,
        data: Any,
        tenant_uuid: str | None,
        family: str = 'tenant',
        user_uuids: list[str] | None = None,
    ) -> None:
        self.outbox.add(
            Event(
                name=name,
                routing_key=routing_key,
                data=data,
                family=family,
                tenant_uuid=tenant_uuid,
                user_uuids=list(user_uuids or []),
            )
        )


class CRUDNotifier(Notifier):
    """Subclasses set the event names and routing keys and say what the payload holds."""

    names: ClassVar[dict[str, str]]
    routing_keys: ClassVar[dict[str, str]]
    family: ClassVar[str] = 'tenant'

    def payload(self, obj: Any) -> dict:
        return {'id': obj.id}

    def send(
        self,
        action: str,
        obj: Any,
        data: Any = None,
        routing_key: str | None = None,
        user_uuids: list[str] | None = None,
    ) -> None:
        """One event of `action`; associations pass their own payload, filled routing key
        and, for the user family, the users the event is about."""
        self.emit(
            self.names[action],
            routing_key or self.routing_keys[action],
            self.payload(obj) if data is None else data,
            getattr(obj, 'tenant_uuid', None),
            family=self.family,
            user_uuids=user_uuids,
        )
        self.outbox.request_reload(self.reload_commands)

    def created(self, obj: Any) -> None:
        self.send('created', obj)

    def edited(self, obj: Any) -> None:
        self.send('edited', obj)

    def deleted(self, obj: Any) -> None:
        self.send('deleted', obj)
