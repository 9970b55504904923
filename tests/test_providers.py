"""Plugins offer one another services under typed keys; what each registers keeps the
promise of its key's protocol, and nothing else is registered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol, runtime_checkable

import pytest

from wazo_confd import interfaces
from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.bus.outbox import Outbox
from wazo_confd.config import DEFAULTS, installed_plugins
from wazo_confd.database.base import Base
from wazo_confd.database.uow import Database
from wazo_confd.http.app import HttpDependencies, create_app
from wazo_confd.kit.contributions import CONTRIBUTIONS
from wazo_confd.kit.extension_owners import EXTENSION_OWNERS
from wazo_confd.kit.pjsip_doc import PJSIP_DOC
from wazo_confd.plugin_api import PluginDependencies, Provided, Providers
from wazo_confd.plugin_loader import load_plugins

# Registered by plugins not yet moved to typed keys, read by no one: to be removed.
UNREAD: set[str] = set()
# Declared for a plugin still to come (devices): until then its callers do without.
NOT_YET_PROVIDED = {interfaces.LINE_DEVICES.name}


@runtime_checkable
class Greeter(Protocol):
    def greet(self) -> str: ...


GREETER = Provided[Greeter]('greeter_service')


class English:
    def greet(self) -> str:
        return 'hello'


KEYS_AND_PROTOCOLS: list[tuple[Provided[Any], type]] = [
    (interfaces.CONTEXTS, interfaces.Contexts),
    (interfaces.REGISTRARS, interfaces.Registrars),
    *((key, interfaces.Endpoints) for key in interfaces.ENDPOINTS.values()),
    (interfaces.SIP_SECTION_NAMES, interfaces.SIPSectionNames),
    (interfaces.SIP_TEMPLATE_DEFAULTS, interfaces.SIPTemplateDefaults),
    (interfaces.EXTENSIONS, interfaces.Extensions),
    (interfaces.VOICEMAILS, interfaces.Voicemails),
    (interfaces.VOICEMAIL_ZONE_MESSAGES, interfaces.VoicemailZoneMessages),
    (interfaces.USERS, interfaces.Users),
    (interfaces.LINES, interfaces.Lines),
    (interfaces.LINE_CALLER_IDS, interfaces.LineCallerIds),
    (interfaces.SIP_ENDPOINT_VIEWS, interfaces.SIPEndpointViews),
    (interfaces.USER_LINES, interfaces.UserLines),
    (interfaces.LINE_EXTENSIONS, interfaces.LineExtensions),
    *((key, interfaces.LineEndpoints) for key in interfaces.LINE_ENDPOINTS.values()),
    (interfaces.USER_VOICEMAILS, interfaces.UserVoicemails),
    (interfaces.LINE_DEVICES, interfaces.LineDevices),
    (interfaces.OUTCALLS, interfaces.Outcalls),
    (interfaces.CALL_PERMISSIONS, interfaces.CallPermissions),
    (interfaces.ENDPOINT_IAX, interfaces.Endpoints),
    (interfaces.TRUNKS, interfaces.Trunks),
    (interfaces.REGISTER_IAX, interfaces.RegistersIAX),
    (interfaces.TRUNK_ENDPOINT_OWNERS, interfaces.EndpointOwners),
]
PROMISES = {key.name: protocol for key, protocol in KEYS_AND_PROTOCOLS}


def _keys() -> set[str]:
    """The names of every key that wazo_confd.interfaces declares."""
    names = set()
    for value in vars(interfaces).values():
        for key in value.values() if isinstance(value, dict) else [value]:
            if isinstance(key, Provided):
                names.add(key.name)
    return names


def test_each_key_has_its_protocol() -> None:
    assert set(PROMISES) == _keys()


def test_a_service_registered_under_a_key_is_got_back_by_it() -> None:
    providers = Providers()
    english = English()
    providers.register(GREETER, english)

    assert providers.get(GREETER) is english and GREETER in providers


def test_a_key_and_its_name_are_the_same_entry() -> None:
    providers = Providers()
    providers.register('greeter_service', English())

    assert providers.get(GREETER).greet() == 'hello' and GREETER in providers


def test_a_missing_provider_names_its_key() -> None:
    with pytest.raises(LookupError, match="'greeter_service'"):
        Providers().get(GREETER)


class RecordingProviders(Providers):
    def __init__(self) -> None:
        super().__init__()
        self.registered: dict[str, Any] = {}

    def register(self, key: Any, service: Any) -> None:
        super().register(key, service)
        self.registered[key if isinstance(key, str) else key.name] = service


@pytest.fixture(scope='module')
def registered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    database = Database(f'sqlite:///{tmp_path_factory.mktemp("providers") / "confd.db"}')
    Base.metadata.create_all(database.engine)
    _app, api = create_app(DEFAULTS, HttpDependencies(database, CachingVerifier(None, 0, 0)))  # type: ignore[arg-type]
    providers = RecordingProviders()
    enabled = dict.fromkeys(installed_plugins(), True)
    config = {**DEFAULTS, 'enabled_plugins': enabled}
    deps = PluginDependencies(api, database, Outbox(database, lambda: None), config, providers)
    deps.info['uuid'] = lambda: None
    load_plugins(enabled, deps)
    assert deps.plugin_failures == {}
    yield providers.registered
    database.dispose()


def test_every_registration_is_under_a_typed_key(registered: dict[str, Any]) -> None:
    assert set(registered) - UNREAD <= _keys() | {CONTRIBUTIONS.name, PJSIP_DOC.name, EXTENSION_OWNERS.name}


def test_every_key_is_registered_by_the_default_plugins(registered: dict[str, Any]) -> None:
    assert _keys() - NOT_YET_PROVIDED <= set(registered)
    assert not NOT_YET_PROVIDED & set(registered), 'provided now: drop it from NOT_YET_PROVIDED'


@pytest.mark.parametrize('name', sorted(set(PROMISES) - NOT_YET_PROVIDED))
def test_what_is_registered_keeps_the_promise_of_its_key(registered: dict[str, Any], name: str) -> None:
    assert isinstance(registered[name], PROMISES[name])
