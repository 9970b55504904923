"""/outcalls/{id}/extensions/{id} over HTTP against the real daemon."""

from __future__ import annotations

import threading

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.telephony import create, create_context, sub_tenant, unique


def outcall(client: Client) -> dict:
    return create(client, '/outcalls', {'name': unique('out')})


def outcall_extension(client: Client, exten: str = '_9.', context: dict | None = None) -> dict:
    context = context or create_context(client, type='outcall', user_ranges=[])
    return create(client, '/extensions', {'exten': exten, 'context': context['name']})


def url(outcall: dict, extension: dict) -> str:
    return f'/outcalls/{outcall["id"]}/extensions/{extension["id"]}'


def test_link_shows_the_dial_pattern_on_both_sides(client: Client, daemon: Daemon) -> None:
    route, extension = outcall(client), outcall_extension(client)
    body = {'caller_id': 'Reception <5551234>', 'external_prefix': '+33', 'prefix': '0', 'strip_digits': 1}

    response = client.put(url(route, extension), json=body)

    assert response.status_code == 204 and response.content == b''
    assert client.get(f'/outcalls/{route["id"]}').json()['extensions'] == [
        {
            'id': extension['id'],
            'exten': '_9.',
            'context': extension['context'],
            **body,
            'links': [{'rel': 'extensions', 'href': f'{daemon.base_url}/extensions/{extension["id"]}'}],
        }
    ]
    assert client.get(f'/extensions/{extension["id"]}').json()['outcall'] == {
        'id': route['id'],
        'name': route['name'],
        'links': [{'rel': 'outcalls', 'href': f'{daemon.base_url}/outcalls/{route["id"]}'}],
    }


def test_an_empty_body_links_with_default_pattern(client: Client) -> None:
    route, extension = outcall(client), outcall_extension(client)

    assert client.put(url(route, extension), json={}).status_code == 204

    [pattern] = client.get(f'/outcalls/{route["id"]}').json()['extensions']
    assert (pattern['caller_id'], pattern['external_prefix'], pattern['prefix'], pattern['strip_digits']) == (
        None,
        None,
        None,
        0,
    )


def test_linking_again_changes_the_pattern(client: Client) -> None:
    route, extension = outcall(client), outcall_extension(client)
    client.put(url(route, extension), json={'prefix': '0', 'strip_digits': 1})

    assert client.put(url(route, extension), json={'strip_digits': 2}).status_code == 204

    [pattern] = client.get(f'/outcalls/{route["id"]}').json()['extensions']
    assert (pattern['prefix'], pattern['strip_digits']) == ('0', 2)


def test_linking_again_publishes_nothing(client: Client, daemon: Daemon) -> None:
    # As upstream: a new pattern of an existing link is no new association.
    route, extension = outcall(client), outcall_extension(client)
    client.put(url(route, extension), json={'strip_digits': 1})
    bus = Events(client)

    assert client.put(url(route, extension), json={'strip_digits': 2}).status_code == 204

    assert bus.all('outcall_extension') == []


def test_extensions_are_listed_in_the_order_they_were_linked(client: Client) -> None:
    route = outcall(client)
    context = create_context(client, type='outcall', user_ranges=[])
    made = [outcall_extension(client, exten, context) for exten in ('_9.', '_0.', '_8XXX')]
    for extension in made:
        client.put(url(route, extension), json={})

    listed = client.get(f'/outcalls/{route["id"]}').json()['extensions']

    assert [item['id'] for item in listed] == [extension['id'] for extension in made]


def test_unlink_removes_the_pattern(client: Client) -> None:
    route, extension = outcall(client), outcall_extension(client)
    client.put(url(route, extension), json={})

    assert client.delete(url(route, extension)).status_code == 204

    assert client.get(f'/outcalls/{route["id"]}').json()['extensions'] == []
    assert client.get(f'/extensions/{extension["id"]}').json()['outcall'] is None


def test_unlinking_what_is_not_linked_is_204(client: Client) -> None:
    assert client.delete(url(outcall(client), outcall_extension(client))).status_code == 204


def test_an_extension_leads_to_one_outcall_at_most(client: Client, rows: Rows) -> None:
    first, second, extension = outcall(client), outcall(client), outcall_extension(client)
    client.put(url(first, extension), json={})
    # Upstream names the dial pattern (the extension's `typeval`), as a string.
    pattern = rows.scalar('SELECT id FROM outcall_extension WHERE extension_id = :e', e=extension['id'])

    response = client.put(url(second, extension), json={})

    assert response.status_code == 400
    assert response.json() == [
        'Resource Error - Extension is associated with a outcall '
        f"('extension_id': {extension['id']}, 'associated_id': '{pattern}')"
    ]


def test_concurrent_links_of_one_extension_let_one_outcall_win(client: Client, daemon: Daemon, rows: Rows) -> None:
    routes, extension = [outcall(client) for _ in range(4)], outcall_extension(client)
    answers: list[tuple[int, object]] = []

    def attempt(route: dict) -> None:
        response = daemon.client().put(url(route, extension), json={})
        answers.append((response.status_code, response.json() if response.content else None))

    threads = [threading.Thread(target=attempt, args=(route,)) for route in routes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(status for status, _ in answers) == [204, 400, 400, 400]
    pattern = rows.scalar('SELECT id FROM outcall_extension WHERE extension_id = :e', e=extension['id'])
    assert [body for status, body in answers if status == 400] == 3 * [
        [
            'Resource Error - Extension is associated with a outcall '
            f"('extension_id': {extension['id']}, 'associated_id': '{pattern}')"
        ]
    ]
    winner = client.get(f'/extensions/{extension["id"]}').json()['outcall']
    assert [route['id'] for route in routes if client.get(f'/outcalls/{route["id"]}').json()['extensions']] == [
        winner['id']
    ]


def test_the_extension_of_a_user_is_refused_naming_the_user(client: Client) -> None:
    # As upstream: the extension of a line that has a user is that user's (`type` user).
    context = create_context(client)
    line = create(client, '/lines', {'context': context['name']})
    endpoint = create(client, '/endpoints/sip', {'label': unique('sip')})
    extension = create(client, '/extensions', {'exten': '1042', 'context': context['name']})
    user = create(client, '/users', {'firstname': unique('user')})
    for path in (
        f'/lines/{line["id"]}/endpoints/sip/{endpoint["uuid"]}',
        f'/lines/{line["id"]}/extensions/{extension["id"]}',
        f'/users/{user["uuid"]}/lines/{line["id"]}',
    ):
        assert client.put(path).status_code == 204, path

    response = client.put(url(outcall(client), extension), json={})

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Extension is associated with a user ('extension_id': {extension['id']}, "
        f"'associated_id': '{user['id']}')"
    ]


def test_an_extension_outside_an_outcall_context_is_refused(client: Client) -> None:
    context = create_context(client)
    extension = create(client, '/extensions', {'exten': '1234', 'context': context['name']})

    response = client.put(url(outcall(client), extension), json={})

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - ContextType 'internal' cannot be associated "
        f"('id': {extension['id']}, 'context': '{context['name']}')"
    ]


@pytest.mark.parametrize(
    'body',
    [
        {'caller_id': 'x' * 81},
        {'external_prefix': 'abc'},
        {'external_prefix': '1' * 65},
        {'prefix': '12a'},
        {'prefix': '1' * 33},
        {'strip_digits': -1},
        {'strip_digits': '1'},
        {'strip_digits': None},
    ],
)
def test_invalid_pattern_fields_are_400(client: Client, body: dict) -> None:
    route, extension = outcall(client), outcall_extension(client)

    response = client.put(url(route, extension), json=body)

    assert response.status_code == 400
    [field] = body
    assert response.json()[0].startswith('Input Error - ') and field in response.json()[0]
    assert client.get(f'/outcalls/{route["id"]}').json()['extensions'] == []


def test_a_lone_plus_is_a_valid_prefix(client: Client) -> None:
    route, extension = outcall(client), outcall_extension(client)

    assert client.put(url(route, extension), json={'prefix': '+', 'external_prefix': '+'}).status_code == 204


@pytest.mark.parametrize('method', ['put', 'delete'])
def test_unknown_outcall_or_extension_is_404(client: Client, method: str) -> None:
    route, extension = outcall(client), outcall_extension(client)
    call = getattr(client, method)

    no_outcall = call(f'/outcalls/999999999/extensions/{extension["id"]}', json={})
    no_extension = call(f'/outcalls/{route["id"]}/extensions/999999999', json={})

    assert (no_outcall.status_code, no_extension.status_code) == (404, 404)
    assert no_outcall.json() == ["Resource Not Found - Outcall was not found ('id': 999999999)"]
    assert no_extension.json() == ["Resource Not Found - Extension was not found ('id': 999999999)"]


def test_a_missing_side_is_404_whatever_the_body(client: Client) -> None:
    # As upstream: both sides are found before the body is read.
    route, extension = outcall(client), outcall_extension(client)

    no_outcall = client.put(f'/outcalls/999999999/extensions/{extension["id"]}', json={'strip_digits': -1})
    no_extension = client.put(f'/outcalls/{route["id"]}/extensions/999999999', json={'prefix': 'abc'})

    assert (no_outcall.status_code, no_extension.status_code) == (404, 404)
    assert no_outcall.json() == ["Resource Not Found - Outcall was not found ('id': 999999999)"]
    assert no_extension.json() == ["Resource Not Found - Extension was not found ('id': 999999999)"]


def test_different_tenants_are_refused(client: Client, daemon: Daemon, rows: Rows) -> None:
    route = outcall(client)
    child = daemon.client(tenant=sub_tenant(rows, route['tenant_uuid']))
    extension = outcall_extension(child)

    response = client.put(url(route, extension), json={})

    assert response.status_code == 400
    assert response.json() == [
        'Resource Error - different tenants '
        f"('extension_tenant_uuid': '{extension['tenant_uuid']}', 'outcall_tenant_uuid': '{route['tenant_uuid']}')"
    ]


def test_another_tenant_cannot_link_or_unlink(client: Client, daemon: Daemon, rows: Rows) -> None:
    route, extension = outcall(client), outcall_extension(client)
    other = daemon.client(tenant=sub_tenant(rows, route['tenant_uuid']))

    assert other.put(url(route, extension), json={}).status_code == 404
    client.put(url(route, extension), json={})
    assert other.delete(url(route, extension)).status_code == 404
    assert len(client.get(f'/outcalls/{route["id"]}').json()['extensions']) == 1


def test_deleting_the_outcall_frees_its_extensions(client: Client) -> None:
    first, second, extension = outcall(client), outcall(client), outcall_extension(client)
    client.put(url(first, extension), json={})

    assert client.delete(f'/outcalls/{first["id"]}').status_code == 204

    assert client.get(f'/extensions/{extension["id"]}').json()['outcall'] is None
    assert client.put(url(second, extension), json={}).status_code == 204


def test_a_linked_extension_cannot_be_deleted(client: Client, rows: Rows) -> None:
    route, extension = outcall(client), outcall_extension(client)
    client.put(url(route, extension), json={})
    pattern = rows.scalar('SELECT id FROM outcall_extension WHERE extension_id = :e', e=extension['id'])

    response = client.delete(f'/extensions/{extension["id"]}')

    assert response.status_code == 400
    assert response.json() == [
        'Resource Error - Extension is associated with a outcall '
        f"('extension_id': {extension['id']}, 'associated_id': '{pattern}')"
    ]


def test_a_freed_extension_can_be_deleted(client: Client) -> None:
    route, extension = outcall(client), outcall_extension(client)
    client.put(url(route, extension), json={})
    client.delete(url(route, extension))

    assert client.delete(f'/extensions/{extension["id"]}').status_code == 204


def test_deleting_the_tenant_removes_its_outcalls_and_dial_patterns(daemon: Daemon, rows: Rows) -> None:
    tenant = daemon.client().post('/tenants', json={'name': unique('t')}).json()['uuid']
    client = daemon.client(tenant=tenant)
    route, extension = outcall(client), outcall_extension(client)
    client.put(url(route, extension), json={})

    assert daemon.client().delete(f'/tenants/{tenant}').status_code == 204

    assert rows.count('outcall', 'tenant_uuid = :t', t=tenant) == 0
    assert rows.count('outcall_extension', 'outcall_id = :o', o=route['id']) == 0
