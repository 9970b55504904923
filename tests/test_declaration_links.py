"""What the kit builds from an `Association` and from a `Settings` declaration."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from marshmallow import Schema, fields

from wazo_confd.errors import ConfdError
from wazo_confd.http.openapi import build_spec
from wazo_confd.kit.association import Association, AssociationNotifier, AssociationService, build_association
from wazo_confd.kit.list_association import (
    ListAssociation,
    ListAssociationNotifier,
    ListAssociationService,
    build_list_association,
)
from wazo_confd.kit.reloads import Reload
from wazo_confd.kit.settings import Settings, SettingsNotifier, build_settings
from wazo_confd.plugin_api import Provided, Providers
from wazo_confd.plugins.voicemail_zonemessages.plugin import ZONE_MESSAGES

from .fakes import Outbox
from .test_declaration import app as declaration_app
from .test_declaration import rules


@pytest.fixture
def app(tmp_path: Any) -> Any:
    yield from declaration_app.__wrapped__(tmp_path)  # type: ignore[attr-defined]


class Links(AssociationService):
    def linked(self, left: Any, right: Any) -> bool:
        return right in left.links

    def link(self, left: Any, right: Any) -> None:
        left.links.append(right)

    def unlink(self, left: Any, right: Any) -> None:
        left.links.remove(right)


class Lefts:
    def __init__(self) -> None:
        self.locked: list[Any] = []

    def lock(self, obj: Any) -> None:
        self.locked.append(obj)


LINKS = Association(
    url='/lefts/<int:left_id>/rights/<uuid:right_uuid>',
    endpoint='left_right',
    acl='confd.lefts.{left_id}.rights.{right_uuid}',
    left=Provided[Any]('left_service'),
    right=Provided[Any]('right_service'),
    label='LeftRight',
    service=Links,
    sides=('left', 'right'),
    event='left_right',
    routing='config.lefts.{left.id}.rights.{right.uuid}',
    payload=lambda left, right: {'left_id': left.id, 'right_uuid': right.uuid},
    reloads=(Reload('dialplan reload', on='associated'),),
    provider=Provided[Any]('left_right_service'),
)


def service(outbox: Outbox) -> Links:
    providers = Providers()
    providers.register('left_service', Lefts())
    return Links(LINKS, providers, AssociationNotifier(outbox, LINKS))


def test_association_route_acls_and_provider(app: Any) -> None:
    built = build_association(LINKS, app[1])

    rule, methods = rules(app[0])['left_right']
    assert rule == '/1.1/lefts/<int:left_id>/rights/<uuid:right_uuid>' and {'PUT', 'DELETE'} <= methods
    resource = app[0].view_functions['left_right'].view_class
    assert resource.__name__ == 'LeftRight'
    assert resource.acls == {
        'put': 'confd.lefts.{left_id}.rights.{right_uuid}.update',
        'delete': 'confd.lefts.{left_id}.rights.{right_uuid}.delete',
    }
    assert app[1].providers.get('left_right_service') is built


def test_associate_locks_links_and_sends_the_event_and_reloads() -> None:
    outbox = Outbox()
    links = service(outbox)
    left, right = SimpleNamespace(id=1, tenant_uuid='t', links=[]), SimpleNamespace(uuid='u', tenant_uuid='t')

    links.associate(left, right)
    links.associate(left, right)  # already linked: nothing more

    assert left.links == [right] and links.lefts.locked == [left, left]
    [event] = outbox.events
    assert (event.name, event.routing_key, event.data) == (
        'left_right_associated',
        'config.lefts.1.rights.u.updated',
        {'left_id': 1, 'right_uuid': 'u'},
    )
    assert outbox.reloads == [{'ipbx': ['dialplan reload']}]


def test_dissociate_unlinks_and_sends_the_deleted_event() -> None:
    outbox = Outbox()
    links = service(outbox)
    right = SimpleNamespace(uuid='u', tenant_uuid='t')
    left = SimpleNamespace(id=1, tenant_uuid='t', links=[right])

    links.dissociate(left, right)

    assert left.links == [] and outbox.events[0].routing_key == 'config.lefts.1.rights.u.deleted'
    assert outbox.events[0].name == 'left_right_dissociated' and outbox.reloads == []


def test_sides_of_two_tenants_are_refused_by_default() -> None:
    left, right = SimpleNamespace(id=1, tenant_uuid='a', links=[]), SimpleNamespace(uuid='u', tenant_uuid='b')

    with pytest.raises(ConfdError) as error:
        service(Outbox()).associate(left, right)

    assert "'left_tenant_uuid': 'a', 'right_tenant_uuid': 'b'" in error.value.message and left.links == []


def test_settings_route_acls_and_master_only_put(app: Any) -> None:
    build_settings(ZONE_MESSAGES, app[1])

    resource = app[0].view_functions['voicemailzonemessageslist'].view_class
    assert resource.acls == {
        'get': 'confd.asterisk.voicemail.zonemessages.get',
        'put': 'confd.asterisk.voicemail.zonemessages.update',
    }
    assert getattr(resource.put, 'master_tenant_only', False) and not hasattr(resource.get, 'master_tenant_only')
    assert app[1].providers.get('voicemail_zonemessages_service').names


def test_settings_without_event_still_reload() -> None:
    outbox = Outbox()
    settings = Settings(
        url='/x', endpoint='x', acl='confd.x', schema=Schema, dao=object, label='X', reloads=(Reload('x reload'),)
    )

    SettingsNotifier(outbox, settings).edited()

    assert outbox.events == [] and outbox.reloads == [{'ipbx': ['x reload']}]


class Members(ListAssociationService):
    def set_links(self, left: Any, rights: list[Any]) -> None:
        left.links = list(rights)


MEMBERS = ListAssociation(
    url='/lefts/<int:left_id>/rights',
    endpoint='left_rights',
    acl='confd.lefts.{left_id}.rights.update',
    left=Provided[Any]('left_service'),
    right=Provided[Any]('right_service'),
    label='LeftRights',
    service=Members,
    field='rights',
    key='uuid',
    key_field=fields.UUID,
    event='left_rights',
    routing='config.lefts.{left.id}.rights',
    payload=lambda left, rights: {'left_id': left.id, 'rights': [right.uuid for right in rights]},
    reloads=(Reload('dialplan reload'),),
    example={'rights': [{'uuid': '6f7a1c9e-0d1b-4f3e-9a55-0c1d2e3f4a5b'}]},
)


def members(outbox: Outbox) -> Members:
    providers = Providers()
    providers.register('left_service', Lefts())
    return Members(MEMBERS, providers, ListAssociationNotifier(outbox, MEMBERS))


def test_list_association_route_acl_and_body(app: Any) -> None:
    build_list_association(MEMBERS, app[1])

    rule, methods = rules(app[0])['left_rights']
    resource = app[0].view_functions['left_rights'].view_class
    assert rule == '/1.1/lefts/<int:left_id>/rights' and 'PUT' in methods
    assert resource.acls == {'put': 'confd.lefts.{left_id}.rights.update'}
    assert resource.body().load({'rights': [{'uuid': '6f7a1c9e-0d1b-4f3e-9a55-0c1d2e3f4a5b'}]})['rights'][0]['uuid']
    with app[0].app_context():
        put = build_spec(app[0])['paths']['/lefts/{left_id}/rights']['put']
    assert put['requestBody']['content']['application/json']['example'] == MEMBERS.example


def test_replace_links_exactly_the_listed_objects_and_sends_one_event() -> None:
    outbox = Outbox()
    service = members(outbox)
    left = SimpleNamespace(id=1, tenant_uuid='t', links=['old'])
    rights = [SimpleNamespace(uuid='a', tenant_uuid='t'), SimpleNamespace(uuid='b', tenant_uuid='t')]

    service.replace(left, rights)

    assert left.links == rights and service.lefts.locked == [left]
    [event] = outbox.events
    assert (event.name, event.routing_key, event.data) == (
        'left_rights_associated',
        'config.lefts.1.rights.updated',
        {'left_id': 1, 'rights': ['a', 'b']},
    )
    assert outbox.reloads == [{'ipbx': ['dialplan reload']}]


def test_replace_refuses_an_object_of_another_tenant_and_links_nothing() -> None:
    left = SimpleNamespace(id=1, tenant_uuid='t', links=[])
    rights = [SimpleNamespace(uuid='a', tenant_uuid='t'), SimpleNamespace(uuid='b', tenant_uuid='other')]

    with pytest.raises(ConfdError):
        members(Outbox()).replace(left, rights)

    assert left.links == []
