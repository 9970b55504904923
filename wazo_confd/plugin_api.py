"""What the composition root hands to each plugin's `load()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_restful import Api

from wazo_confd.bus.outbox import Outbox
from wazo_confd.database.uow import Database


class Providers:
    """A small registry of services that plugins offer one another (never module imports)."""

    def __init__(self) -> None:
        self._services: dict[str, Any] = {}

    def register(self, name: str, service: Any) -> None:
        self._services[name] = service

    def get(self, name: str) -> Any:
        try:
            return self._services[name]
        except KeyError:
            raise LookupError(f'no provider named {name!r}: is its plugin enabled?') from None

    def __contains__(self, name: str) -> bool:
        return name in self._services


@dataclass
class PluginDependencies:
    api: Api
    database: Database
    outbox: Outbox
    config: dict
    providers: Providers
    status: dict[str, Callable[[], dict]] = field(default_factory=dict)
    plugin_failures: dict[str, str] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
