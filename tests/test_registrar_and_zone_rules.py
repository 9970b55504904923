"""The rules added with registrars and voicemail zones: a line's registrar, a registrar's
deletion, a voicemail's timezone, the registrar events and the time zone list."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from wazo_confd.database.search import SearchParams
from wazo_confd.errors import InputError, ResourceError
from wazo_confd.kit.builder import notifier_class
from wazo_confd.kit.settings import SettingsNotifier
from wazo_confd.plugin_api import Providers
from wazo_confd.plugins.line.validator import RegistrarExists
from wazo_confd.plugins.registrar.model import Registrar
from wazo_confd.plugins.registrar.plugin import REGISTRARS
from wazo_confd.plugins.registrar.validator import Deletable, NotUsedByLine
from wazo_confd.plugins.timezone.service import TimezoneService
from wazo_confd.plugins.voicemail.validator import TimezoneIsAZone
from wazo_confd.plugins.voicemail_zonemessages.plugin import ZONE_MESSAGES

from .fakes import Outbox


def providers(**services: Any) -> Providers:
    registry = Providers()
    for name, service in services.items():
        registry.register(name, service)
    return registry


class Registrars:
    def __init__(self, *ids: str) -> None:
        self.ids = ids

    def find(self, registrar_id: str) -> Any:
        return SimpleNamespace(id=registrar_id) if registrar_id in self.ids else None


def test_a_line_with_an_unknown_registrar_is_an_input_error() -> None:
    rule = RegistrarExists(providers(registrar_service=Registrars('default')))

    with pytest.raises(InputError) as error:
        rule.validate(SimpleNamespace(registrar='nope'))

    assert error.value.message == "Input Error - field 'registrar': Registrar was not found ('registrar': 'nope')"


@pytest.mark.parametrize(
    'registrar, registry',
    [
        ('default', providers(registrar_service=Registrars('default'))),
        (None, providers(registrar_service=Registrars())),  # not given on creation
        ('anything', providers()),  # the registrars plugin is not loaded
    ],
)
def test_a_line_registrar_that_passes(registrar: str | None, registry: Providers) -> None:
    RegistrarExists(registry).validate(SimpleNamespace(registrar=registrar))


def test_a_registrar_that_is_not_deletable_stays() -> None:
    with pytest.raises(ResourceError) as error:
        Deletable().validate(Registrar(id='default', deletable=False))

    assert (
        error.value.message == "Resource Error - Operation not permitted. Registrar is not deletable ('id': 'default')"
    )


def test_a_registrar_named_by_a_line_stays() -> None:
    lines = SimpleNamespace(find_by_registrar=lambda registrar_id: SimpleNamespace(id=7))

    with pytest.raises(ResourceError) as error:
        NotUsedByLine(providers(line_service=lines)).validate(Registrar(id='r1', deletable=True))

    assert (
        error.value.message
        == "Resource Error - Registrar is associated with a Line ('registrar_id': 'r1', 'line_id': 7)"
    )


def test_a_free_registrar_may_go() -> None:
    lines = SimpleNamespace(find_by_registrar=lambda registrar_id: None)
    registrar = Registrar(id='r1', deletable=True)

    Deletable().validate(registrar)
    NotUsedByLine(providers(line_service=lines)).validate(registrar)


def test_a_voicemail_timezone_must_name_a_zone() -> None:
    rule = TimezoneIsAZone(lambda: {'eu-fr'})

    with pytest.raises(InputError) as error:
        rule.validate(SimpleNamespace(timezone='Europe/Paris'))

    assert error.value.message == "Input Error - field 'timezone': Timezone was not found ('timezone': 'Europe/Paris')"


@pytest.mark.parametrize('timezone, names', [('eu-fr', {'eu-fr'}), (None, set()), ('any', None)])
def test_a_voicemail_timezone_that_passes(timezone: str | None, names: set[str] | None) -> None:
    TimezoneIsAZone(lambda: names).validate(SimpleNamespace(timezone=timezone))


def test_registrar_events_carry_every_field_but_links_and_no_tenant() -> None:
    outbox = Outbox()
    registrar = Registrar(id='r1', deletable=True, name='n', main_host='h', proxy_main_host='p')

    notifier_class(REGISTRARS)(outbox).created(registrar)  # type: ignore[arg-type]

    event = outbox.events[0]
    assert (event.name, event.routing_key, event.family, event.tenant_uuid) == (
        'registrar_created',
        'config.registrar.created',
        'service',
        None,
    )
    assert event.data == {
        'id': 'r1',
        'deletable': True,
        'name': 'n',
        'main_host': 'h',
        'main_port': None,
        'backup_host': None,
        'backup_port': None,
        'proxy_main_host': 'p',
        'proxy_main_port': None,
        'proxy_backup_host': None,
        'proxy_backup_port': None,
        'outbound_proxy_host': None,
        'outbound_proxy_port': None,
    }


def test_zone_messages_edits_reload_voicemail() -> None:
    outbox = Outbox()

    SettingsNotifier(outbox, ZONE_MESSAGES).edited()

    assert outbox.events[0].data == {} and outbox.events[0].family == 'service'
    assert outbox.reloads == [{'ipbx': ['voicemail reload']}]


def test_timezones_search_is_literal_and_case_insensitive() -> None:
    total, names = TimezoneService().search(SearchParams(search='PARIS'))

    assert (total, names) == (1, ['Europe/Paris'])
    assert TimezoneService().search(SearchParams(search='Europe_Paris'))[0] == 0


def test_timezones_page_from_the_end_when_descending() -> None:
    total, names = TimezoneService().search(SearchParams(direction='desc', limit=2, offset=0))

    assert total > 300 and names == sorted(names, reverse=True) and len(names) == 2
