"""/lines/{id}/extensions: link, unlink and create-and-link, with their rules and events."""

from __future__ import annotations

import threading
import uuid

import requests

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.telephony import create, create_context, events_with, sub_tenant


def setup_line(client: Client, endpoint: bool = True) -> tuple[dict, dict]:
    """A context with user ranges and a line in it (with an SCCP endpoint: a line needs
    an endpoint before it gets an extension)."""
    context = create_context(client)
    body = {'context': context['name']}
    if endpoint:
        body['endpoint_sccp'] = {'options': [['allow', 'ulaw']]}
    line = create(client, '/lines', body)
    return context, line


def new_extension(client: Client, context: dict, exten: str | None = None) -> dict:
    exten = exten or str(1000 + uuid.uuid4().int % 900)
    return create(client, '/extensions', {'exten': exten, 'context': context['name']})


def link(client: Client, line: dict, extension: dict) -> requests.Response:
    return client.put(f'/lines/{line["id"]}/extensions/{extension["id"]}')


def test_link_shows_on_both_sides_and_writes_the_event(client: Client, rows: Rows) -> None:
    published = Events(client)
    context, line = setup_line(client)
    extension = new_extension(client, context)

    response = link(client, line, extension)

    assert response.status_code == 204 and response.content == b''
    line_body = client.get(f'/lines/{line["id"]}').json()
    assert [e['id'] for e in line_body['extensions']] == [extension['id']]
    assert line_body['extensions'][0]['exten'] == extension['exten']
    extension_body = client.get(f'/extensions/{extension["id"]}').json()
    assert [item['id'] for item in extension_body['lines']] == [line['id']]
    assert extension_body['lines'][0]['links'][0]['rel'] == 'lines'
    event = events_with(published, 'line_extension_associated', line_id=line['id'], extension_id=extension['id'])
    assert len(event) == 1
    assert event[0]['routing_key'] == 'config.line_extension_associated.updated'
    assert event[0]['headers']['tenant_uuid'] == line['tenant_uuid']
    assert event[0]['body']['data'] == {'line_id': line['id'], 'extension_id': extension['id']}


def test_unlink_frees_the_extension(client: Client, rows: Rows) -> None:
    published = Events(client)
    context, line = setup_line(client)
    extension = new_extension(client, context)
    link(client, line, extension)

    response = client.delete(f'/lines/{line["id"]}/extensions/{extension["id"]}')

    assert response.status_code == 204
    assert client.get(f'/lines/{line["id"]}').json()['extensions'] == []
    assert client.delete(f'/extensions/{extension["id"]}').status_code == 204
    event = events_with(published, 'line_extension_dissociated', line_id=line['id'], extension_id=extension['id'])
    assert [e['routing_key'] for e in event] == ['config.line_extension_associated.deleted']


def test_the_line_takes_the_context_of_its_extension(client: Client) -> None:
    _, line = setup_line(client)
    other = create_context(client)
    extension = new_extension(client, other)

    assert link(client, line, extension).status_code == 204

    assert client.get(f'/lines/{line["id"]}').json()['context'] == other['name']
    assert client.get('/lines', params={'context': other['name']}).json()['items'][0]['id'] == line['id']


def test_a_linked_extension_cannot_be_deleted(client: Client) -> None:
    context, line = setup_line(client)
    extension = new_extension(client, context)
    link(client, line, extension)

    response = client.delete(f'/extensions/{extension["id"]}')

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Extension is associated with a line ('extension_id': {extension['id']}, 'associated_ids': [{line['id']}])"
    ]


def test_unlinking_a_pair_that_is_not_linked_does_nothing(client: Client, rows: Rows) -> None:
    context, line = setup_line(client)
    extension = new_extension(client, context)
    published = Events(client)

    response = client.delete(f'/lines/{line["id"]}/extensions/{extension["id"]}')

    assert response.status_code == 204
    assert published.all() == []


def test_a_line_takes_one_extension(client: Client, rows: Rows) -> None:
    context, line = setup_line(client)
    other = create_context(client)
    first, second = new_extension(client, context, '1101'), new_extension(client, other, '1102')
    link(client, line, first)

    response = link(client, line, second)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Line is associated with a Extension ('line_id': {line['id']}, 'extension_id': {first['id']})"
    ]
    assert rows.count('line_extension', 'line_id = :l', l=line['id']) == 1


def test_a_line_without_endpoint_takes_no_extension(client: Client, rows: Rows) -> None:
    context, line = setup_line(client, endpoint=False)
    extension = new_extension(client, context)

    response = link(client, line, extension)

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - Line must be associated with a Endpoint ('line_id': {line['id']})"]
    assert rows.count('line_extension', 'line_id = :l', l=line['id']) == 0


def test_the_context_must_be_internal(client: Client, rows: Rows) -> None:
    _, line = setup_line(client)
    incall = create(client, '/contexts', {'label': f'in-{uuid.uuid4().hex[:6]}', 'type': 'incall'})
    extension = create(client, '/extensions', {'exten': '5001', 'context': incall['name']})

    response = link(client, line, extension)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - ContextType 'incall' cannot be associated ('id': {extension['id']}, 'context': '{incall['name']}')"
    ]


def test_an_outcall_pattern_is_refused_naming_its_outcall(client: Client, rows: Rows) -> None:
    _, line = setup_line(client)
    outcall = create(client, '/outcalls', {'name': f'out-{uuid.uuid4().hex[:6]}'})
    outgoing = create(client, '/contexts', {'label': f'out-{uuid.uuid4().hex[:6]}', 'type': 'outcall'})
    pattern = create(client, '/extensions', {'exten': '_0X.', 'context': outgoing['name']})
    assert client.put(f'/outcalls/{outcall["id"]}/extensions/{pattern["id"]}', json={}).status_code == 204

    # Upstream names the dial pattern (the extension's `typeval`), as a string.
    dial_pattern = rows.scalar('SELECT id FROM outcall_extension WHERE extension_id = :e', e=pattern['id'])

    response = link(client, line, pattern)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Extension is associated with a outcall ('id': {pattern['id']}, 'associated_id': '{dial_pattern}')"
    ]
    assert rows.count('line_extension', 'line_id = :l', l=line['id']) == 0


def test_an_extension_rings_the_lines_of_one_main_user(client: Client) -> None:
    context, first = setup_line(client)
    second = create(client, '/lines', {'context': context['name'], 'endpoint_sccp': {'options': [['allow', 'alaw']]}})
    extension = new_extension(client, context)
    alice = create(client, '/users', {'firstname': f'a-{uuid.uuid4().hex[:6]}'})
    bob = create(client, '/users', {'firstname': f'b-{uuid.uuid4().hex[:6]}'})
    assert client.put(f'/users/{alice["id"]}/lines/{first["id"]}').status_code == 204
    assert client.put(f'/users/{bob["id"]}/lines/{second["id"]}').status_code == 204
    assert link(client, first, extension).status_code == 204

    response = link(client, second, extension)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - User is associated with a Line ('user_id': {alice['id']}, 'line_id': {first['id']})"
    ]


def test_two_lines_of_one_main_user_share_an_extension(client: Client) -> None:
    context, first = setup_line(client)
    second = create(client, '/lines', {'context': context['name'], 'endpoint_sccp': {'options': [['allow', 'alaw']]}})
    extension = new_extension(client, context)
    alice = create(client, '/users', {'firstname': f'a-{uuid.uuid4().hex[:6]}'})
    for line in (first, second):
        assert client.put(f'/users/{alice["id"]}/lines/{line["id"]}').status_code == 204
    assert link(client, first, extension).status_code == 204

    assert link(client, second, extension).status_code == 204


def test_lines_without_users_share_an_extension(client: Client) -> None:
    context, first = setup_line(client)
    second = create(client, '/lines', {'context': context['name'], 'endpoint_sccp': {'options': [['allow', 'alaw']]}})
    extension = new_extension(client, context)
    alice = create(client, '/users', {'firstname': f'a-{uuid.uuid4().hex[:6]}'})
    assert client.put(f'/users/{alice["id"]}/lines/{first["id"]}').status_code == 204
    assert link(client, first, extension).status_code == 204

    assert link(client, second, extension).status_code == 204
    assert sorted(line['id'] for line in client.get(f'/extensions/{extension["id"]}').json()['lines']) == sorted(
        [first['id'], second['id']]
    )


def test_the_number_must_lie_in_a_user_range(client: Client, rows: Rows) -> None:
    context, line = setup_line(client)
    outside = new_extension(client, context, '5555')

    response = link(client, line, outside)

    assert response.status_code == 400
    assert response.json() == [f"Input Error - Extension '5555' is outside of range for context '{context['name']}'"]
    assert rows.count('line_extension', 'line_id = :l', l=line['id']) == 0


def test_linking_the_same_pair_again_is_harmless(client: Client, rows: Rows) -> None:
    published = Events(client)
    context, line = setup_line(client)
    extension = new_extension(client, context)
    link(client, line, extension)

    assert link(client, line, extension).status_code == 204
    assert len(events_with(published, 'line_extension_associated', line_id=line['id'])) == 1


def test_unknown_line_or_extension_is_404(client: Client) -> None:
    context, line = setup_line(client)
    extension = new_extension(client, context)

    assert client.put(f'/lines/999999/extensions/{extension["id"]}').status_code == 404
    assert client.put(f'/lines/{line["id"]}/extensions/999999').status_code == 404


def test_both_sides_must_share_a_tenant(daemon: Daemon, client: Client, rows: Rows) -> None:
    context, line = setup_line(client)
    sub = sub_tenant(rows, line['tenant_uuid'])
    sub_client = daemon.client(tenant=sub)
    sub_context = create_context(sub_client)
    extension = new_extension(sub_client, sub_context)

    response = link(client, line, extension)

    assert response.status_code == 400
    assert response.json()[0].startswith('Resource Error - different tenants')


def test_post_creates_and_links_in_one_transaction(client: Client, daemon: Daemon, rows: Rows) -> None:
    published = Events(client)
    context, line = setup_line(client)

    response = client.post(f'/lines/{line["id"]}/extensions', json={'exten': '1234', 'context': context['name']})

    assert response.status_code == 201
    extension = response.json()
    assert response.headers['Location'] == f'{daemon.base_url}/extensions/{extension["id"]}'
    assert extension['exten'] == '1234'
    assert [e['id'] for e in client.get(f'/lines/{line["id"]}').json()['extensions']] == [extension['id']]
    assert events_with(published, 'extension_created', id=extension['id'])
    assert events_with(published, 'line_extension_associated', line_id=line['id'], extension_id=extension['id'])


def test_post_refused_by_a_rule_writes_nothing(client: Client, rows: Rows) -> None:
    context, line = setup_line(client)
    before = rows.count('extension')
    published = Events(client)

    response = client.post(f'/lines/{line["id"]}/extensions', json={'exten': '7777', 'context': context['name']})

    assert response.status_code == 400
    assert rows.count('extension') == before
    assert published.all() == []


def test_deleting_a_line_unlinks_and_frees_its_extension(client: Client, rows: Rows) -> None:
    published = Events(client)
    context, line = setup_line(client)
    extension = new_extension(client, context)
    link(client, line, extension)

    assert client.delete(f'/lines/{line["id"]}').status_code == 204

    assert events_with(published, 'line_extension_dissociated', line_id=line['id'], extension_id=extension['id'])
    assert client.delete(f'/extensions/{extension["id"]}').status_code == 204


def test_users_show_the_extension_of_their_main_line(client: Client) -> None:
    context, line = setup_line(client, endpoint=False)
    sip = create(client, '/endpoints/sip', {'label': f'sip-{uuid.uuid4().hex[:6]}'})
    assert client.put(f'/lines/{line["id"]}/endpoints/sip/{sip["uuid"]}').status_code == 204
    extension = new_extension(client, context, '1500')
    link(client, line, extension)
    user = create(client, '/users', {'firstname': f'ext-{uuid.uuid4().hex[:6]}'})
    assert client.put(f'/users/{user["id"]}/lines/{line["id"]}').status_code == 204

    summary = client.get('/users', params={'view': 'summary', 'uuid': user['uuid']}).json()['items'][0]
    directory = client.get('/users', params={'view': 'directory', 'uuid': user['uuid']}).json()['items'][0]
    found = client.get('/users', params={'exten': '1500', 'uuid': user['uuid']}).json()
    searched = client.get('/users', params={'search': '150', 'uuid': user['uuid']}).json()

    assert summary['extension'] == '1500'
    assert directory['exten'] == '1500'
    assert found['total'] == 1
    assert searched['total'] == 1
    assert client.get(f'/users/{user["id"]}').json()['lines'][0]['extensions'][0]['exten'] == '1500'


def test_concurrent_links_to_one_line_let_one_win(pg_daemon: Daemon) -> None:
    client = pg_daemon.client()
    context, line = setup_line(client)
    extensions = [new_extension(client, context, str(1600 + i)) for i in range(4)]
    statuses: list[int] = []

    def attempt(extension: dict) -> None:
        statuses.append(pg_daemon.client().put(f'/lines/{line["id"]}/extensions/{extension["id"]}').status_code)

    threads = [threading.Thread(target=attempt, args=(e,)) for e in extensions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [204, 400, 400, 400]
    assert len(client.get(f'/lines/{line["id"]}').json()['extensions']) == 1
