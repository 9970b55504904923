"""The Asterisk reload requests a resource queues with its changes, declared as rules.

A rule names the actions it applies to, the commands it asks for and, optionally, a
condition on the change (`changed('exten', 'context')`). The contract's
`sysconfd_requests` entries read as such rules, e.g. for extensions:

    Reload('dialplan reload', on=('created', 'deleted'))
    Reload('dialplan reload', 'module reload res_pjsip.so', on='edited', when=changed())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wazo_confd.plugin_api import PluginDependencies
from wazo_confd.sysconfd.requests import merge_handlers


@dataclass(frozen=True)
class Change:
    """What a rule's condition sees: the action, the object and, for an edit, the names of
    the attributes whose value changed (None when unknown: counted as a change)."""

    action: str
    obj: Any
    changed: frozenset[str] | None = None


Condition = Callable[[Change], bool]


def changed(*names: str) -> Condition:
    """True when the edit changed one of `names` (any attribute when none is named)."""

    def condition(change: Change) -> bool:
        if change.changed is None:
            return True
        return bool(change.changed & set(names)) if names else bool(change.changed)

    return condition


class Reload:
    """Commands for wazo-sysconfd (`ipbx` by default) queued on some actions (all when
    `on` is None: created, edited, deleted; associated, dissociated for a link)."""

    def __init__(
        self, *commands: str, on: str | Iterable[str] | None = None, when: Condition | None = None, to: str = 'ipbx'
    ):
        self.commands = list(commands)
        self.actions = None if on is None else (on,) if isinstance(on, str) else tuple(on)
        self.when = when
        self.to = to

    def applies(self, change: Change) -> bool:
        return (self.actions is None or change.action in self.actions) and (self.when is None or self.when(change))


def requested(rules: Iterable[Reload], change: Change) -> dict[str, list[str]]:
    """The commands of the rules that apply to `change`, each once, in rule order."""
    commands: dict[str, list[str]] = {}
    for rule in rules:
        if rule.applies(change):
            known = commands.setdefault(rule.to, [])
            known.extend(command for command in rule.commands if command not in known)
    return commands


def reload_on_tenant_deletion(deps: PluginDependencies, model: Any, rules: Iterable[Reload]) -> None:
    """Queue, when a tenant is deleted, what deleting each of its rows of `model` (and its
    sub-tenants') through the API would ask for: the database deletes them by cascade,
    without the resource's service, and Asterisk must still forget them (upstream reloads
    pjsip when a tenant's trunks go)."""
    rules = tuple(rules)
    table = model.__table__

    def hook(session: Session, tenant_uuids: list[str]) -> None:
        commands: dict[str, list[str]] = {}
        for row in session.execute(select(table).where(table.c.tenant_uuid.in_(tenant_uuids))):
            merge_handlers(commands, requested(rules, Change('deleted', row)))
        deps.outbox.request_reload(commands)

    deps.database.on_tenant_deleted(hook)
