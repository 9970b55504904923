"""What the composition root hands to each plugin's `load()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from wazo_confd.bus.outbox import Outbox
from wazo_confd.database.uow import Database

if TYPE_CHECKING:
    from flask_restful import Api

T = TypeVar('T')


@dataclass(frozen=True)
class Provided(Generic[T]):
    """The key of something a plugin offers the others: its name, and (for the type
    checker) the interface it offers, a `typing.Protocol` of wazo_confd.interfaces."""

    name: str


class Providers:
    """A small registry of services that plugins offer one another (never module imports).

    Keys are `Provided` constants (wazo_confd.interfaces); a plain string names the same
    entry as the key of that name, for plugins not yet moved to the typed keys."""

    def __init__(self) -> None:
        self._services: dict[str, Any] = {}

    def register(self, key: Provided[T] | str, service: T) -> None:
        self._services[_name(key)] = service

    @overload
    def get(self, key: Provided[T]) -> T: ...

    @overload
    def get(self, key: str) -> Any: ...

    def get(self, key: Provided[Any] | str) -> Any:
        try:
            return self._services[_name(key)]
        except KeyError:
            raise LookupError(f'no provider named {_name(key)!r}: is its plugin enabled?') from None

    def __contains__(self, key: Provided[Any] | str) -> bool:
        return _name(key) in self._services


def _name(key: Provided[Any] | str) -> str:
    return key if isinstance(key, str) else key.name


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
