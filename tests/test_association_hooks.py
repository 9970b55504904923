"""What the association kit offers links beyond the plain pair: user-family events, a
link answered for the payload, a right-side lock, PUT-only routes, uuid-or-int path
variables, creation routes, input errors for unknown listed objects, required plugins."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from wazo_confd.errors import InputError, NotFoundError, not_found
from wazo_confd.kit.association import Association, AssociationNotifier, AssociationService, build_association
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.creation import Creation
from wazo_confd.kit.list_association import ListAssociation, ListAssociationNotifier, ListAssociationService
from wazo_confd.kit.routing import rules_of
from wazo_confd.plugin_api import Provided, Providers

from .fakes import Outbox
from .test_declaration import app as declaration_app
from .test_declaration import rules


@pytest.fixture
def app(tmp_path: Any) -> Any:
    yield from declaration_app.__wrapped__(tmp_path)  # type: ignore[attr-defined]


class Sides:
    """Both sides' services: `get` by key, `lock` recorded."""

    def __init__(self, objects: dict[Any, Any] | None = None) -> None:
        self.objects = objects or {}
        self.locked: list[Any] = []

    def lock(self, obj: Any) -> None:
        self.locked.append(obj)

    def get(self, key: Any, tenant_uuids: Any) -> Any:
        if key not in self.objects:
            raise not_found('Right', id=key)
        return self.objects[key]


class Flagged(AssociationService):
    """A link row with a flag of its own, shown in the event."""

    def linked(self, user: Any, right: Any) -> bool:
        return right.id in user.links

    def lock_right(self, right: Any) -> None:
        self.rights.lock(right)

    def link(self, user: Any, right: Any) -> dict:
        user.links[right.id] = {'main': not user.links}
        return user.links[right.id]

    def unlink(self, user: Any, right: Any) -> dict:
        return user.links.pop(right.id)

    def payload(self, user: Any, right: Any, link: dict) -> dict:
        return {'user_uuid': user.uuid, 'right_id': right.id, 'main': link['main']}


FLAGGED = Association(
    url='/users/<uuid-or-int:user_id>/rights/<int:right_id>',
    endpoint='user_rights',
    acl='confd.users.{user_id}.rights.{right_id}',
    methods=('put',),
    left=Provided[Any]('user_service'),
    right=Provided[Any]('right_service'),
    label='UserRight',
    service=Flagged,
    event='user_right',
    routing='config.users.{left.uuid}.rights',
    family='user',
    creation=Creation(
        url='/users/<uuid-or-int:user_id>/rights',
        endpoint='user_right_list',
        acl='confd.users.{user_id}.rights.create',
        label='UserRightList',
        location='rights',
    ),
)


def flagged(outbox: Outbox) -> tuple[Flagged, Sides, Sides]:
    users, rights = Sides(), Sides()
    providers = Providers()
    providers.register('user_service', users)
    providers.register('right_service', rights)
    return Flagged(FLAGGED, providers, AssociationNotifier(outbox, FLAGGED)), users, rights


def test_uuid_or_int_stands_for_two_rules() -> None:
    assert rules_of('/users/<uuid-or-int:user_id>/lines') == [
        '/users/<int:user_id>/lines',
        '/users/<uuid:user_id>/lines',
    ]
    assert rules_of('/lines/<int:line_id>') == ['/lines/<int:line_id>']


def test_user_family_events_name_the_user_and_carry_the_link() -> None:
    outbox = Outbox()
    service, users, rights = flagged(outbox)
    user, right = SimpleNamespace(uuid='u', tenant_uuid='t', links={}), SimpleNamespace(id=7, tenant_uuid='t')

    service.associate(user, right)
    service.dissociate(user, right)

    associated, dissociated = outbox.events
    assert (associated.name, associated.routing_key) == ('user_right_associated', 'config.users.u.rights.updated')
    assert associated.family == 'user' and associated.user_uuids == ['u']
    assert associated.data == dissociated.data == {'user_uuid': 'u', 'right_id': 7, 'main': True}
    assert dissociated.routing_key == 'config.users.u.rights.deleted'
    assert users.locked == [user, user] and rights.locked == [right, right]


def test_put_only_route_with_both_user_rules_and_a_creation_route(app: Any) -> None:
    build_association(FLAGGED, app[1])

    found = {rule.rule: (rule.endpoint, rule.methods) for rule in app[0].url_map.iter_rules()}
    for converter in ('int', 'uuid'):
        endpoint, methods = found[f'/1.1/users/<{converter}:user_id>/rights/<int:right_id>']
        assert endpoint == 'user_rights' and 'PUT' in methods and 'DELETE' not in methods
        endpoint, methods = found[f'/1.1/users/<{converter}:user_id>/rights']
        assert endpoint == 'user_right_list' and 'POST' in methods
    creation = app[0].view_functions['user_right_list'].view_class
    assert creation.acls == {'post': 'confd.users.{user_id}.rights.create'}
    assert app[0].view_functions['user_rights'].view_class.acls == {
        'put': 'confd.users.{user_id}.rights.{right_id}.update'
    }


def test_create_for_makes_the_right_object_in_the_left_tenant_and_links_it() -> None:
    outbox = Outbox()
    service, _, rights = flagged(outbox)
    made: list[Any] = []

    def create(obj: Any) -> Any:
        made.append(obj)
        return obj

    rights.build = lambda form, tenant_uuid: SimpleNamespace(id=form['id'], tenant_uuid=tenant_uuid)  # type: ignore[attr-defined]
    rights.create = create  # type: ignore[attr-defined]
    user = SimpleNamespace(uuid='u', tenant_uuid='t', links={})

    created = service.create_for(user, {'id': 3})

    assert made == [created] and created.tenant_uuid == 't' and 3 in user.links
    assert [event.name for event in outbox.events] == ['user_right_associated']


class Listed(ListAssociationService):
    def set_links(self, left: Any, rights: list[Any]) -> None:
        left.links = rights


@pytest.mark.parametrize('unknown, error', [('not found', NotFoundError), ('input', InputError)])
def test_an_unknown_listed_object_is_a_404_or_an_input_error_naming_the_list(unknown: Any, error: type) -> None:
    declaration = ListAssociation(
        url='/users/<uuid-or-int:user_id>/rights',
        endpoint='user_rights',
        acl='confd.users.{user_id}.rights.update',
        left=Provided[Any]('user_service'),
        right=Provided[Any]('right_service'),
        label='UserRights',
        service=Listed,
        field='rights',
        unknown=unknown,
    )
    providers = Providers()
    providers.register('user_service', Sides({1: SimpleNamespace(id=1)}))
    providers.register('right_service', Sides())
    service = Listed(declaration, providers, ListAssociationNotifier(Outbox(), declaration))

    with pytest.raises(error) as raised:
        service.find(1, [9], None)

    assert raised.type is error
    if isinstance(raised.value, InputError):
        assert raised.value.message == "Input Error - field 'rights': Right was not found ('id': 9)"


def test_a_plugin_requiring_a_disabled_one_adds_nothing(app: Any) -> None:
    class Plugin(DeclaredPlugin):
        associations = (FLAGGED,)
        requires = ('users', 'rights')

    app[1].config = {**app[1].config, 'enabled_plugins': {'users': True, 'rights': False}}
    Plugin().load(app[1])

    assert 'user_rights' not in rules(app[0])
