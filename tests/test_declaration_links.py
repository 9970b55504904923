"""What the kit builds from an `Association` (its ACLs, a link table's rows) and from a
`Settings` declaration."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from marshmallow import Schema, fields
from sqlalchemy import Integer, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wazo_confd.errors import ConfdError
from wazo_confd.http.openapi import build_spec
from wazo_confd.kit.association import Association, AssociationNotifier, AssociationService, build_association
from wazo_confd.kit.creation import Creation
from wazo_confd.kit.link_table import LinkTable
from wazo_confd.kit.list_association import (
    LinkTableListService,
    ListAssociation,
    ListAssociationNotifier,
    ListAssociationService,
    build_list_association,
)
from wazo_confd.kit.reloads import Reload
from wazo_confd.kit.routing import acl_of
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


@pytest.mark.parametrize(
    'url, acl',
    [
        ('/users', 'confd.users'),
        ('/users/<uuid-or-int:user_id>/lines', 'confd.users.{user_id}.lines'),
        ('/lines/<int:line_id>/endpoints/sip/<uuid:sip_uuid>', 'confd.lines.{line_id}.endpoints.sip.{sip_uuid}'),
        (
            '/trunks/<int:trunk_id>/registers/iax/<int:register_id>',
            'confd.trunks.{trunk_id}.registers.iax.{register_id}',
        ),
        ('/registrars/<id>', 'confd.registrars.{id}'),
        ('/phone-numbers/ranges/', 'confd.phone-numbers.ranges'),
    ],
)
def test_the_acl_of_a_url_follows_upstreams_naming_rule(url: str, acl: str) -> None:
    assert acl_of(url) == acl


def test_association_acls_come_from_the_url_unless_declared(app: Any) -> None:
    build_association(replace(LINKS, acl=None, endpoint='derived', url='/lefts/<int:left_id>/others/<int:id>'), app[1])
    build_association(replace(LINKS, acl='confd.elsewhere', endpoint='declared', url='/x/<int:a>/y/<int:b>'), app[1])
    creation = Creation(url='/lefts/<int:left_id>/made', endpoint='made', label='Made', location='left_right')
    build_association(replace(LINKS, endpoint='creating', url='/c/<int:a>/d/<int:b>', creation=creation), app[1])
    build_list_association(replace(MEMBERS, acl=None, endpoint='derived_list'), app[1])

    def acls(endpoint: str) -> dict:
        return app[0].view_functions[endpoint].view_class.acls

    assert acls('derived') == {
        'put': 'confd.lefts.{left_id}.others.{id}.update',
        'delete': 'confd.lefts.{left_id}.others.{id}.delete',
    }
    assert acls('declared') == {'put': 'confd.elsewhere.update', 'delete': 'confd.elsewhere.delete'}
    assert acls('made') == {'post': 'confd.lefts.{left_id}.made.create'}
    assert acls('derived_list') == {'put': 'confd.lefts.{left_id}.rights.update'}


def test_an_association_declares_its_service_or_its_link_table() -> None:
    with pytest.raises(ValueError, match='LeftRight: declare its service or its link table'):
        replace(LINKS, service=None)
    table = LinkTable(Pair, 'left_id', 'right_id')
    with pytest.raises(ValueError, match='a link table is its own dao'):
        replace(LINKS, table=table, dao=lambda database: None)


class Tables(DeclarativeBase):
    """Link tables of the tests alone (not the daemon's schema), without foreign keys."""


class Pair(Tables):
    __tablename__ = 'pair'

    left_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    right_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)


PERMISSIONS = Association(
    url='/users/<int:user_id>/callpermissions/<int:call_permission_id>',
    endpoint='user_permissions',
    left=Provided[Any]('left_service'),
    right=Provided[Any]('right_service'),
    label='UserPermission',
    table=LinkTable(Pair, 'left_id', 'right_id'),
    event='user_permission',
    routing='config.users.{left.id}.callpermissions',
    payload=lambda user, permission: {'user_id': user.id, 'call_permission_id': permission.id},
)


def _rows(database: Any, model: type, *columns: str) -> list[tuple]:
    query = select(*(getattr(model, column) for column in columns))
    return [tuple(row) for row in database.session().execute(query)]


def test_a_link_table_association_writes_one_row_per_linked_pair(app: Any) -> None:
    app[1].providers.register('left_service', Lefts())
    service = build_association(PERMISSIONS, app[1])
    user, other = SimpleNamespace(id=1, tenant_uuid='t'), SimpleNamespace(id=2, tenant_uuid='t')
    permission = SimpleNamespace(id=7, tenant_uuid='t')
    database, outbox = app[1].database, app[1].outbox
    Tables.metadata.create_all(database.engine)

    with database.unit_of_work():
        service.associate(user, permission)
        service.associate(user, permission)  # already linked: nothing more
        service.associate(other, permission)
        service.dissociate(other, permission)
        service.dissociate(other, permission)  # not linked: nothing more
        rows = _rows(database, Pair, 'left_id', 'right_id')

    assert rows == [(1, 7)]
    assert [(event.name, event.routing_key) for event in outbox.events] == [
        ('user_permission_associated', 'config.users.1.callpermissions.updated'),
        ('user_permission_associated', 'config.users.2.callpermissions.updated'),
        ('user_permission_dissociated', 'config.users.2.callpermissions.deleted'),
    ]
    assert outbox.events[0].data == {'user_id': 1, 'call_permission_id': 7}


TRUNKS = ListAssociation(
    url='/outcalls/<int:outcall_id>/trunks',
    endpoint='outcall_trunks',
    left=Provided[Any]('left_service'),
    right=Provided[Any]('right_service'),
    label='OutcallTrunks',
    table=LinkTable(Pair, 'left_id', 'right_id'),
    field='trunks',
    repeated='trunk',
)


def test_a_link_table_list_association_writes_the_rows_in_the_listed_order(app: Any) -> None:
    app[1].providers.register('left_service', Lefts())
    service = build_list_association(TRUNKS, app[1])
    outcall = SimpleNamespace(id=1, tenant_uuid='t')
    first, second, third = (SimpleNamespace(id=key, tenant_uuid='t') for key in (5, 3, 9))
    database = app[1].database
    Tables.metadata.create_all(database.engine)

    with database.unit_of_work():
        service.replace(outcall, [first, second, third])
        service.replace(outcall, [third, first])
        rows = _rows(database, Pair, 'left_id', 'right_id', 'priority')

    assert sorted(rows, key=lambda row: row[2]) == [(1, 9, 0), (1, 5, 1)]


def test_a_list_association_may_refuse_an_object_listed_twice() -> None:
    left, right = SimpleNamespace(id=1, tenant_uuid='t'), SimpleNamespace(id=5, tenant_uuid='t')
    service = LinkTableListService(TRUNKS, Providers(), ListAssociationNotifier(Outbox(), TRUNKS))

    with pytest.raises(ConfdError) as error:
        service.validate(left, [right, right])

    assert error.value.message == 'Resource Error - Operation not permitted. Cannot associate same trunk more than once'
