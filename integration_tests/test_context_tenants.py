"""The tenant of an extension, line or voicemail is its context's (issue 18): the context is
looked up among the request tenant and its sub-tenants, the object takes its tenant, and
visibility and associations follow that tenant."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.telephony import create, create_context, number, sub_tenant, unique

SCCP = {'endpoint_sccp': {'options': [['allow', 'ulaw']]}}


@dataclass
class Tree:
    """A tenant below the master tenant and its sub-tenant, each with a context, and a
    client naming each tenant (`Wazo-Tenant`)."""

    parent: str
    child: str
    at_parent: Client
    at_child: Client
    parent_context: str
    child_context: str


@pytest.fixture
def tree(daemon: Daemon, rows: Rows) -> Tree:
    master = daemon.client().get('/tenants').json()['items'][0]['uuid']
    # Both tenants exist before any request names them: the token's visible tenants are cached.
    parent = sub_tenant(rows, master)
    child = sub_tenant(rows, parent)
    at_parent, at_child = daemon.client(tenant=parent), daemon.client(tenant=child)
    return Tree(parent, child, at_parent, at_child, create_context(at_parent)['name'], create_context(at_child)['name'])


def extension_body(context: str) -> dict:
    return {'exten': str(1000 + int(number()) % 900), 'context': context}


def voicemail_body(context: str) -> dict:
    return {'name': unique('vm'), 'number': number(), 'context': context}


def line_body(context: str) -> dict:
    return {'context': context}


# (collection, table, resource name in errors, body naming a context)
RESOURCES: list[tuple[str, str, str, Callable[[str], dict]]] = [
    ('/extensions', 'extension', 'Extension', extension_body),
    ('/voicemails', 'voicemail', 'Voicemail', voicemail_body),
    ('/lines', 'line', 'Line', line_body),
]
ids = [resource[1] for resource in RESOURCES]


def not_found(context: str) -> list[str]:
    return [f"Input Error - field 'context': Context was not found ('context': '{context}')"]


def tenant_of(rows: Rows, table: str, row_id: int) -> str:
    return rows.scalar(f'SELECT tenant_uuid FROM {table} WHERE id = :id', id=row_id)


@pytest.mark.parametrize('path, table, _name, body', RESOURCES, ids=ids)
def test_a_new_object_takes_the_tenant_of_a_sub_tenant_context(
    tree: Tree, rows: Rows, path: str, table: str, _name: str, body: Callable[[str], dict]
) -> None:
    published = Events(tree.at_parent)

    response = tree.at_parent.post(path, json=body(tree.child_context))

    assert response.status_code == 201, response.text
    created = response.json()
    assert created['tenant_uuid'] == tree.child
    assert tenant_of(rows, table, created['id']) == tree.child
    [event] = published.named(f'{table}_created', id=created['id'])
    assert event['headers']['tenant_uuid'] == tree.child


@pytest.mark.parametrize('path, table, _name, body', RESOURCES, ids=ids)
def test_a_context_outside_the_request_subtree_is_not_found(
    tree: Tree, rows: Rows, path: str, table: str, _name: str, body: Callable[[str], dict]
) -> None:
    for context in (tree.parent_context, unique('nowhere')):
        response = tree.at_child.post(path, json=body(context))

        assert response.status_code == 400
        assert response.json() == not_found(context)
        assert rows.count(table, 'context = :c', c=context) == 0


@pytest.mark.parametrize('path, table, name, body', RESOURCES, ids=ids)
def test_visibility_follows_the_context_tenant(
    tree: Tree, path: str, table: str, name: str, body: Callable[[str], dict]
) -> None:
    of_child = create(tree.at_parent, path, body(tree.child_context))
    of_parent = create(tree.at_parent, path, body(tree.parent_context))

    assert tree.at_parent.get(f'{path}/{of_child["id"]}').status_code == 200
    assert tree.at_child.get(f'{path}/{of_child["id"]}').json()['tenant_uuid'] == tree.child
    hidden = tree.at_child.get(f'{path}/{of_parent["id"]}')
    assert hidden.status_code == 404
    assert hidden.json() == [f"Resource Not Found - {name} was not found ('id': {of_parent['id']})"]

    def listed(client: Client, context: str, recurse: str = '') -> list[int]:
        return [item['id'] for item in client.get(f'{path}?context={context}{recurse}').json()['items']]

    assert listed(tree.at_parent, tree.child_context) == []
    assert listed(tree.at_parent, tree.child_context, '&recurse=true') == [of_child['id']]
    assert listed(tree.at_child, tree.child_context) == [of_child['id']]
    assert listed(tree.at_child, tree.parent_context, '&recurse=true') == []


@pytest.mark.parametrize('path, table, _name, body', RESOURCES, ids=ids)
def test_an_edit_names_a_visible_context_of_the_object_tenant(
    tree: Tree, rows: Rows, path: str, table: str, _name: str, body: Callable[[str], dict]
) -> None:
    of_parent = create(tree.at_parent, path, body(tree.parent_context))
    of_child = create(tree.at_parent, path, body(tree.child_context))
    other_child_context = create_context(tree.at_child)['name']

    to_child = tree.at_parent.put(f'{path}/{of_parent["id"]}', json={'context': tree.child_context})
    to_parent = tree.at_parent.put(f'{path}/{of_child["id"]}', json={'context': tree.parent_context})
    unseen = tree.at_child.put(f'{path}/{of_child["id"]}', json={'context': tree.parent_context})

    assert to_child.status_code == 400
    assert to_child.json() == [
        f"Resource Error - different tenants ('current_tenant_uuid': '{tree.parent}', "
        f"'context_tenant_uuid': '{tree.child}')"
    ]
    assert to_parent.json() == [
        f"Resource Error - different tenants ('current_tenant_uuid': '{tree.child}', "
        f"'context_tenant_uuid': '{tree.parent}')"
    ]
    assert unseen.status_code == 400
    assert unseen.json() == not_found(tree.parent_context)
    assert rows.scalar(f'SELECT context FROM {table} WHERE id = :id', id=of_parent['id']) == tree.parent_context
    assert rows.scalar(f'SELECT context FROM {table} WHERE id = :id', id=of_child['id']) == tree.child_context

    moved = tree.at_parent.put(f'{path}/{of_child["id"]}', json={'context': other_child_context})

    assert moved.status_code == 204
    assert rows.scalar(f'SELECT context FROM {table} WHERE id = :id', id=of_child['id']) == other_child_context
    assert tenant_of(rows, table, of_child['id']) == tree.child


def test_a_line_of_a_sub_tenant_refuses_an_extension_of_the_parent(tree: Tree, rows: Rows) -> None:
    line = create(tree.at_parent, '/lines', {'context': tree.child_context, **SCCP})
    extension = create(tree.at_parent, '/extensions', extension_body(tree.parent_context))

    response = tree.at_parent.put(f'/lines/{line["id"]}/extensions/{extension["id"]}')

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('extension_tenant_uuid': '{tree.parent}', "
        f"'line_tenant_uuid': '{tree.child}')"
    ]
    assert rows.count('line_extension', 'line_id = :l', l=line['id']) == 0


def test_post_lines_extensions_creates_in_the_context_tenant_then_compares(tree: Tree, rows: Rows) -> None:
    line = create(tree.at_parent, '/lines', {'context': tree.child_context, **SCCP})
    refused = extension_body(tree.parent_context)

    response = tree.at_parent.post(f'/lines/{line["id"]}/extensions', json=refused)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('extension_tenant_uuid': '{tree.parent}', "
        f"'line_tenant_uuid': '{tree.child}')"
    ]
    assert rows.count('extension', 'context = :c', c=tree.parent_context) == 0

    created = create(tree.at_parent, f'/lines/{line["id"]}/extensions', extension_body(tree.child_context))

    assert created['tenant_uuid'] == tree.child
    assert rows.count('line_extension', 'line_id = :l AND extension_id = :e', l=line['id'], e=created['id']) == 1


def test_post_lines_extensions_looks_the_context_up_from_the_request_tenant(tree: Tree, rows: Rows) -> None:
    line = create(tree.at_child, '/lines', {'context': tree.child_context, **SCCP})

    response = tree.at_child.post(f'/lines/{line["id"]}/extensions', json=extension_body(tree.parent_context))

    assert response.status_code == 400
    assert response.json() == not_found(tree.parent_context)


def test_post_users_voicemails_creates_in_the_context_tenant_then_compares(tree: Tree, rows: Rows) -> None:
    user = create(tree.at_parent, '/users', {'firstname': unique('u')})

    response = tree.at_parent.post(f'/users/{user["id"]}/voicemails', json=voicemail_body(tree.child_context))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('voicemail_tenant_uuid': '{tree.child}', "
        f"'user_tenant_uuid': '{tree.parent}')"
    ]
    assert rows.count('voicemail', 'context = :c', c=tree.child_context) == 0

    child_user = create(tree.at_child, '/users', {'firstname': unique('u')})
    created = create(tree.at_parent, f'/users/{child_user["id"]}/voicemails', voicemail_body(tree.child_context))

    assert created['tenant_uuid'] == tree.child
    assert tree.at_child.get(f'/users/{child_user["id"]}/voicemails').json()['items'][0]['id'] == created['id']
    assert tree.at_child.post(
        f'/users/{child_user["id"]}/voicemails', json=voicemail_body(tree.parent_context)
    ).json() == not_found(tree.parent_context)


def test_line_and_endpoint_of_different_tenants(tree: Tree) -> None:
    line = create(tree.at_parent, '/lines', {'context': tree.child_context})
    endpoint = create(tree.at_parent, '/endpoints/sip', {'label': unique('sip')})
    url = f'/lines/{line["id"]}/endpoints/sip/{endpoint["uuid"]}'

    # The line is visible from the sub-tenant, the endpoint is not: it is the one not found.
    unseen = tree.at_child.put(url)
    refused = tree.at_parent.put(url)

    assert unseen.status_code == 404
    assert unseen.json() == [f"Resource Not Found - SIPEndpoint was not found ('uuid': '{endpoint['uuid']}')"]
    assert refused.status_code == 400
    assert refused.json() == [
        f"Resource Error - different tenants ('line_tenant_uuid': '{tree.child}', "
        f"'endpoint_tenant_uuid': '{tree.parent}')"
    ]


def test_post_lines_makes_its_nested_objects_in_the_context_tenant(tree: Tree, rows: Rows) -> None:
    extension = extension_body(tree.child_context)
    body = {'context': tree.child_context, **SCCP, 'extensions': [extension]}

    created = create(tree.at_parent, '/lines', body)

    assert created['tenant_uuid'] == tree.child
    assert created['extensions'][0]['tenant_uuid'] == tree.child
    assert created['endpoint_sccp']['tenant_uuid'] == tree.child
    assert tenant_of(rows, 'extension', created['extensions'][0]['id']) == tree.child
    assert tenant_of(rows, 'endpoint_sccp', created['endpoint_sccp']['id']) == tree.child


def test_post_lines_refuses_a_nested_extension_of_another_tenant(tree: Tree, rows: Rows) -> None:
    body = {'context': tree.child_context, **SCCP, 'extensions': [extension_body(tree.parent_context)]}

    response = tree.at_parent.post('/lines', json=body)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('extension_tenant_uuid': '{tree.parent}', "
        f"'line_tenant_uuid': '{tree.child}')"
    ]
    assert rows.count('line', 'context = :c', c=tree.child_context) == 0
    assert rows.count('extension', 'context = :c', c=tree.parent_context) == 0


def test_post_users_compares_the_tenants_of_its_nested_line_and_voicemail(tree: Tree, rows: Rows) -> None:
    firstname = unique('u')
    with_line = tree.at_parent.post(
        '/users', json={'firstname': firstname, 'lines': [{'context': tree.child_context, **SCCP}]}
    )
    with_voicemail = tree.at_parent.post(
        '/users', json={'firstname': firstname, 'voicemail': voicemail_body(tree.child_context)}
    )

    assert with_line.status_code == 400
    assert with_line.json() == [
        f"Resource Error - different tenants ('user_tenant_uuid': '{tree.parent}', 'line_tenant_uuid': '{tree.child}')"
    ]
    assert with_voicemail.status_code == 400
    assert with_voicemail.json() == [
        f"Resource Error - different tenants ('voicemail_tenant_uuid': '{tree.child}', "
        f"'user_tenant_uuid': '{tree.parent}')"
    ]
    assert rows.count('confd_user', 'firstname = :f', f=firstname) == 0
    assert rows.count('line', 'context = :c', c=tree.child_context) == 0
    assert rows.count('voicemail', 'context = :c', c=tree.child_context) == 0

    made = create(
        tree.at_parent,
        '/users',
        {
            'firstname': firstname,
            'lines': [{'context': tree.parent_context, **SCCP}],
            'voicemail': voicemail_body(tree.parent_context),
        },
    )

    assert made['lines'][0]['tenant_uuid'] == tree.parent
    assert made['voicemail']['tenant_uuid'] == tree.parent
