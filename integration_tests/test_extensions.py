"""/extensions over HTTP against the real daemon."""

from __future__ import annotations

import threading

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.telephony import bind_extension, create, create_context, events_with, sub_tenant


def test_create_returns_the_extension_with_location(client: Client, daemon: Daemon) -> None:
    context = create_context(client)

    response = client.post('/extensions', json={'exten': '1000', 'context': context['name']})

    assert response.status_code == 201
    extension = response.json()
    assert response.headers['Location'] == f'{daemon.base_url}/extensions/{extension["id"]}'
    assert extension['exten'] == '1000'
    assert extension['context'] == context['name']
    assert extension['enabled'] is True and extension['commented'] is False
    assert extension['tenant_uuid'] == context['tenant_uuid']
    assert extension['lines'] == [] and extension['group'] is None and extension['incall'] is None
    assert extension['links'] == [{'rel': 'extensions', 'href': f'{daemon.base_url}/extensions/{extension["id"]}'}]


def test_create_outside_of_the_ranges_is_allowed_until_bound(client: Client) -> None:
    context = create_context(client)

    assert client.post('/extensions', json={'exten': '9999', 'context': context['name']}).status_code == 201


def test_enabled_false_is_commented(client: Client) -> None:
    context = create_context(client)

    extension = create(client, '/extensions', {'exten': '1000', 'context': context['name'], 'enabled': False})

    assert extension['enabled'] is False and extension['commented'] is True


def test_patterns_are_accepted(client: Client) -> None:
    internal = create_context(client)
    outcall = create_context(client, type='outcall')

    assert client.post('/extensions', json={'exten': '_XXXX', 'context': internal['name']}).status_code == 201
    assert client.post('/extensions', json={'exten': '_+XXXX', 'context': outcall['name']}).status_code == 201


@pytest.mark.parametrize(
    ('exten', 'kind'),
    [
        ('_1xxx', 'internal'),
        ('_1nz.', 'internal'),
        ('_[1-3]XX!', 'internal'),
        ('_1_2X', 'internal'),
        ('+33123456789', 'outcall'),
        ('0033.', 'outcall'),
        ('_+1nxxNXXxxxx', 'outcall'),
        ('*8', 'outcall'),
    ],
)
def test_upstream_s_exten_patterns_are_accepted(client: Client, exten: str, kind: str) -> None:
    context = create_context(client, type=kind)

    created = client.post('/extensions', json={'exten': exten, 'context': context['name']})
    other = create(client, '/extensions', {'exten': '_9.', 'context': context['name']})
    edited = client.put(f'/extensions/{other["id"]}', json={'exten': f'{exten}9'})

    assert created.status_code == 201, created.text
    assert created.json()['exten'] == exten
    assert edited.status_code == 204, edited.text


@pytest.mark.parametrize(
    ('exten', 'kind'),
    [('_+111', 'internal'), ('1x', 'internal'), ('_', 'internal'), ('12\n', 'internal'), ('9+1', 'outcall')],
)
def test_other_extens_are_refused(client: Client, exten: str, kind: str) -> None:
    context = create_context(client, type=kind)

    response = client.post('/extensions', json={'exten': exten, 'context': context['name']})

    assert response.status_code == 400
    assert response.json() == ["exten: ['String does not match expected pattern.']"]


def test_invalid_exten_is_400(client: Client) -> None:
    context = create_context(client)

    for exten in ('ABC123', 'XXXX', '_+111'):
        response = client.post('/extensions', json={'exten': exten, 'context': context['name']})
        assert response.status_code == 400, exten
        # Upstream's words, without the usual prefix (ExtenRegexValidator).
        assert response.json() == ["exten: ['String does not match expected pattern.']"]
    assert client.post('/extensions', json={'exten': '1' * 41, 'context': context['name']}).status_code == 400
    assert client.post('/extensions', json={'exten': 1000, 'context': context['name']}).status_code == 400


def test_unknown_context_is_400(client: Client) -> None:
    response = client.post('/extensions', json={'exten': '1000', 'context': 'nope'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'context': Context was not found ('context': 'nope')"]


def test_same_exten_twice_in_a_context_is_400(client: Client) -> None:
    context = create_context(client)
    create(client, '/extensions', {'exten': '1000', 'context': context['name']})

    response = client.post('/extensions', json={'exten': '1000', 'context': context['name']})

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Extension already exists ('exten': '1000', 'context': '{context['name']}')"
    ]


def test_same_exten_in_two_contexts_is_fine(client: Client) -> None:
    first, second = create_context(client), create_context(client)
    create(client, '/extensions', {'exten': '1000', 'context': first['name']})

    assert client.post('/extensions', json={'exten': '1000', 'context': second['name']}).status_code == 201


def test_edit_to_a_taken_exten_is_400(client: Client) -> None:
    context = create_context(client)
    create(client, '/extensions', {'exten': '1000', 'context': context['name']})
    other = create(client, '/extensions', {'exten': '1001', 'context': context['name']})

    response = client.put(f'/extensions/{other["id"]}', json={'exten': '1000'})

    assert response.status_code == 400
    assert response.json()[0].startswith('Resource Error - Extension already exists')


def test_put_is_partial(client: Client) -> None:
    context = create_context(client)
    extension = create(client, '/extensions', {'exten': '1000', 'context': context['name']})

    assert client.put(f'/extensions/{extension["id"]}', json={'enabled': False}).status_code == 204

    after = client.get(f'/extensions/{extension["id"]}').json()
    assert after['exten'] == '1000' and after['enabled'] is False


def test_bound_extension_must_stay_in_range(client: Client, rows: Rows) -> None:
    context = create_context(client)
    extension = create(client, '/extensions', {'exten': '1000', 'context': context['name']})
    bind_extension(rows, extension['id'], 'user')

    response = client.put(f'/extensions/{extension["id"]}', json={'exten': '5000'})

    assert response.status_code == 400
    assert response.json() == [f"Input Error - Extension '5000' is outside of range for context '{context['name']}'"]
    assert client.put(f'/extensions/{extension["id"]}', json={'exten': '1999'}).status_code == 204


def test_bound_extension_cannot_move_to_a_context_of_another_type(client: Client, rows: Rows) -> None:
    context = create_context(client)
    incall = create_context(client, type='incall', incall_ranges=[{'start': '1000', 'end': '1999'}])
    extension = create(client, '/extensions', {'exten': '1000', 'context': context['name']})
    bind_extension(rows, extension['id'], 'user')

    response = client.put(f'/extensions/{extension["id"]}', json={'context': incall['name']})

    assert response.status_code == 400
    assert response.json() == ["Resource Error - ContextType 'incall' cannot be associated"]


def test_bound_extension_cannot_be_deleted(client: Client, rows: Rows) -> None:
    context = create_context(client)
    extension = create(client, '/extensions', {'exten': '1000', 'context': context['name']})
    bind_extension(rows, extension['id'], 'queue')

    response = client.delete(f'/extensions/{extension["id"]}')

    assert response.status_code == 400
    # Upstream names the owner by its type (a linked line: see test_line_extension).
    assert response.json() == [
        f"Resource Error - Extension is associated with a queue ('extension_id': {extension['id']})"
    ]


def test_type_follows_the_context_and_filters_the_list(client: Client) -> None:
    incall = create_context(client, type='incall')
    extension = create(client, '/extensions', {'exten': '4185551234', 'context': incall['name']})

    listed = client.get('/extensions', params={'context': incall['name'], 'type': 'incall'}).json()

    assert [e['id'] for e in listed['items']] == [extension['id']]
    assert client.get('/extensions', params={'context': incall['name'], 'type': 'internal'}).json()['total'] == 0


def test_type_follows_a_change_of_the_context_type(client: Client) -> None:
    context = create_context(client)
    extension = create(client, '/extensions', {'exten': '1000', 'context': context['name']})

    client.put(f'/contexts/{context["id"]}', json={'type': 'incall'})

    listed = client.get('/extensions', params={'context': context['name'], 'type': 'incall'}).json()
    assert [e['id'] for e in listed['items']] == [extension['id']]


def test_list_default_order_is_exten_and_search_looks_into_context(client: Client) -> None:
    context = create_context(client)
    for exten in ('1002', '1000', '1001'):
        create(client, '/extensions', {'exten': exten, 'context': context['name']})

    listed = client.get('/extensions', params={'search': context['uuid']}).json()

    assert [e['exten'] for e in listed['items']] == ['1000', '1001', '1002']


def test_unknown_extension_is_404(client: Client) -> None:
    for response in (
        client.get('/extensions/999999'),
        client.put('/extensions/999999', json={'exten': '1'}),
        client.delete('/extensions/999999'),
    ):
        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - Extension was not found ('id': 999999)"]


def test_context_of_a_parent_tenant_is_not_found_from_a_sub_tenant(daemon: Daemon, client: Client, rows: Rows) -> None:
    context = create_context(client)
    sub = daemon.client(tenant=sub_tenant(rows, context['tenant_uuid']))

    response = sub.post('/extensions', json={'exten': '1000', 'context': context['name']})

    assert response.status_code == 400
    assert response.json()[0].startswith("Input Error - field 'context': Context was not found")


def test_context_of_a_sub_tenant_is_a_tenant_mismatch(daemon: Daemon, client: Client, rows: Rows) -> None:
    main_context = create_context(client)
    sub = daemon.client(tenant=sub_tenant(rows, main_context['tenant_uuid']))
    sub_context = create_context(sub)
    extension = create(client, '/extensions', {'exten': '1000', 'context': main_context['name']})

    response = client.put(f'/extensions/{extension["id"]}', json={'context': sub_context['name']})

    assert response.status_code == 400
    assert response.json()[0].startswith('Resource Error - different tenants')


def test_create_edit_delete_events(client: Client, rows: Rows) -> None:
    published = Events(client)
    context = create_context(client)
    extension = create(client, '/extensions', {'exten': '1000', 'context': context['name']})
    client.put(f'/extensions/{extension["id"]}', json={'exten': '1001'})
    client.delete(f'/extensions/{extension["id"]}')

    for action, exten in (('created', '1000'), ('edited', '1001'), ('deleted', '1001')):
        [event] = events_with(published, f'extension_{action}', id=extension['id'])
        assert event['routing_key'] == f'config.extensions.{action}'
        assert event['body']['data'] == {'id': extension['id'], 'exten': exten, 'context': context['name']}
        assert event['headers']['tenant_uuid'] == context['tenant_uuid']
        assert event['headers']['user_uuid:*'] is True


def test_concurrent_creations_of_one_exten_make_one_row(pg_daemon: Daemon) -> None:
    from .helpers.database import Rows

    client = pg_daemon.client()
    context = create_context(client)
    body = {'exten': '1500', 'context': context['name']}
    barrier = threading.Barrier(6)
    statuses: list[int] = []

    def post() -> None:
        barrier.wait()
        statuses.append(pg_daemon.client().post('/extensions', json=body).status_code)

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [201] + [400] * 5
    rows = Rows(pg_daemon.db_uri)
    try:
        assert rows.count('extension', 'context = :c', c=context['name']) == 1
    finally:
        rows.dispose()
