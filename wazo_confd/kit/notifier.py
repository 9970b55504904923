"""Generic notifier: the created/edited/deleted events of a resource, into the outbox."""

from __future__ import annotations

from typing import Any, ClassVar

from wazo_confd.bus.envelope import Event
from wazo_confd.bus.outbox import Outbox
from wazo_confd.sysconfd.requests import merge_handlers

from .reloads import Change, Reload, requested


class Notifier:
    """Writes events into the outbox; `reload_commands` are the contract's sysconfd_handlers."""

    # Asterisk reload commands of the contract's `sysconfd_handlers`, e.g.
    # {'ipbx': ['dialplan reload']}; recorded with each change for wazo-sysconfd.
    reload_commands: ClassVar[dict[str, list[str]]] = {}
    # Declared rules (kit/reloads.py): commands per action, optionally on a condition.
    reloads: ClassVar[tuple[Reload, ...]] = ()

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
        extra_headers: dict[str, Any] | None = None,
    ) -> None:
        self.outbox.add(
            Event(
                name=name,
                routing_key=routing_key,
                data=data,
                family=family,
                tenant_uuid=tenant_uuid,
                user_uuids=list(user_uuids or []),
                extra_headers=dict(extra_headers or {}),
            )
        )

    def request_reloads(self, action: str, obj: Any = None, changed: frozenset[str] | None = None) -> None:
        """Queue the commands of `reload_commands` and of the rules that apply to the change."""
        commands = {key: list(values) for key, values in self.reload_commands.items()}
        merge_handlers(commands, requested(self.reloads, Change(action, obj, changed)))
        self.outbox.request_reload(commands)


class CRUDNotifier(Notifier):
    """Subclasses set the event names and routing keys and say what the payload holds."""

    names: ClassVar[dict[str, str]]
    routing_keys: ClassVar[dict[str, str]]
    family: ClassVar[str] = 'tenant'
    # The attributes the payload holds, when it is no more than that.
    payload_fields: ClassVar[tuple[str, ...]] = ('id',)

    def payload(self, obj: Any) -> dict:
        return {name: getattr(obj, name) for name in self.payload_fields}

    def send(
        self,
        action: str,
        obj: Any,
        data: Any = None,
        routing_key: str | None = None,
        user_uuids: list[str] | None = None,
        changed: frozenset[str] | None = None,
    ) -> None:
        """One event of `action`; associations pass their own payload, filled routing key
        and, for the user family, the users the event is about; an edit, the attributes it
        changed when known (for the reload rules' conditions)."""
        self.emit(
            self.names[action],
            routing_key or self.routing_keys[action],
            self.payload(obj) if data is None else data,
            getattr(obj, 'tenant_uuid', None),
            family=self.family,
            user_uuids=user_uuids,
        )
        self.request_reloads(action, obj, changed)

    def created(self, obj: Any) -> None:
        self.send('created', obj)

    def edited(self, obj: Any, changed: frozenset[str] | None = None) -> None:
        self.send('edited', obj, changed=changed)

    def deleted(self, obj: Any) -> None:
        self.send('deleted', obj)
