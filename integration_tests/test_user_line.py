"""/users/{id}/lines/{id} and PUT /users/{id}/lines over HTTP against the real daemon."""

from __future__ import annotations

import threading

import requests

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.lines import Events, add_sub_tenant, line, sip, sip_line, user
from .helpers.telephony import create_context


def link(client: Client, owner: dict, target: dict) -> requests.Response:
    return client.put(f'/users/{owner["uuid"]}/lines/{target["id"]}')


def test_associate_embeds_the_line_in_the_user(client: Client, daemon: Daemon) -> None:
    owner = user(client)
    new_line, endpoint = sip_line(client)

    response = link(client, owner, new_line)

    assert response.status_code == 204 and response.content == b''
    lines = client.get(f'/users/{owner["id"]}').json()['lines']
    assert lines == [
        {
            'id': new_line['id'],
            'name': endpoint['name'],
            'endpoint_sip': {
                'uuid': endpoint['uuid'],
                'label': endpoint['label'],
                'name': endpoint['name'],
                'auth_section_options': [],
                'links': [{'rel': 'endpoint_sip', 'href': f'{daemon.base_url}/endpoints/sip/{endpoint["uuid"]}'}],
            },
            'endpoint_sccp': None,
            'endpoint_custom': None,
            'extensions': [],
            'links': [{'rel': 'lines', 'href': f'{daemon.base_url}/lines/{new_line["id"]}'}],
        }
    ]
    users = client.get(f'/lines/{new_line["id"]}').json()['users']
    assert users == [
        {
            'uuid': owner['uuid'],
            'firstname': owner['firstname'],
            'lastname': None,
            'links': [{'rel': 'users', 'href': f'{daemon.base_url}/users/{owner["id"]}'}],
        }
    ]


def test_user_summary_comes_from_the_main_line(client: Client) -> None:
    owner = user(client, userfield='summary-from-line')
    new_line, _ = sip_line(client)
    link(client, owner, new_line)

    item = client.get('/users', params={'view': 'summary', 'uuid': owner['uuid']}).json()['items'][0]
    directory = client.get('/users', params={'view': 'directory', 'uuid': owner['uuid']}).json()['items'][0]

    assert item['protocol'] == 'sip'
    assert item['provisioning_code'] == new_line['provisioning_code']
    # As upstream, the context is the main extension's: none without one.
    assert item['context'] is None and directory['context'] is None
    assert item['is_webrtc'] is False
    assert directory['line_id'] == new_line['id']


def test_a_line_without_endpoint_cannot_be_associated(client: Client) -> None:
    owner, bare = user(client), line(client)

    response = link(client, owner, bare)

    assert response.status_code == 400
    assert response.json() == [f"Resource Error - Line must be associated with a Endpoint ('line_id': {bare['id']})"]


def test_first_user_is_main_user_and_first_line_main_line(client: Client, rows: Rows) -> None:
    first, second = user(client), user(client)
    line_a, _ = sip_line(client)
    line_b, _ = sip_line(client)

    link(client, first, line_a)
    link(client, second, line_a)
    link(client, first, line_b)

    flags = rows.all(
        'SELECT user_id, line_id, main_user, main_line FROM user_line WHERE user_id IN (:a, :b) ORDER BY user_id, line_id',
        a=first['id'],
        b=second['id'],
    )
    assert [(f['user_id'], f['line_id'], bool(f['main_user']), bool(f['main_line'])) for f in flags] == [
        (first['id'], line_a['id'], True, True),
        (first['id'], line_b['id'], True, False),
        (second['id'], line_a['id'], False, True),
    ]


def test_associating_twice_is_harmless(client: Client, rows: Rows) -> None:
    owner = user(client)
    new_line, _ = sip_line(client)
    link(client, owner, new_line)

    assert link(client, owner, new_line).status_code == 204
    assert rows.count('user_line', 'user_id = :u', u=owner['id']) == 1


def test_main_user_cannot_leave_while_secondary_users_remain(client: Client) -> None:
    main, secondary = user(client), user(client)
    new_line, _ = sip_line(client)
    link(client, main, new_line)
    link(client, secondary, new_line)

    response = client.delete(f'/users/{main["id"]}/lines/{new_line["id"]}')

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - There are secondary users associated to the line ('line_id': {new_line['id']})"
    ]
    assert client.delete(f'/users/{secondary["id"]}/lines/{new_line["id"]}').status_code == 204


def test_dissociating_the_main_line_promotes_the_next_one(client: Client) -> None:
    owner = user(client)
    line_a, _ = sip_line(client)
    line_b, _ = sip_line(client)
    link(client, owner, line_a)
    link(client, owner, line_b)

    assert client.delete(f'/users/{owner["id"]}/lines/{line_a["id"]}').status_code == 204

    summary = client.get('/users', params={'view': 'directory', 'uuid': owner['uuid']}).json()['items'][0]
    assert summary['line_id'] == line_b['id']


def test_unknown_user_or_line_is_404(client: Client) -> None:
    owner = user(client)
    new_line, _ = sip_line(client)

    no_user = client.put(f'/users/999999/lines/{new_line["id"]}')
    no_line = client.put(f'/users/{owner["id"]}/lines/999999')

    assert no_user.status_code == 404
    assert no_user.json() == ["Resource Not Found - User was not found ('id': 999999)"]
    assert no_line.status_code == 404
    assert no_line.json() == ["Resource Not Found - Line was not found ('id': 999999)"]


def test_both_sides_must_share_a_tenant(client: Client, rows: Rows) -> None:
    new_line, _ = sip_line(client)
    sub = add_sub_tenant(rows, new_line['tenant_uuid'])
    stranger = user(client.as_token(client.token, tenant=sub))

    response = link(client, stranger, new_line)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('user_tenant_uuid': '{sub}', 'line_tenant_uuid': '{new_line['tenant_uuid']}')"
    ]


class TestSetLines:
    def test_replaces_the_lines_first_is_main(self, client: Client, rows: Rows) -> None:
        owner = user(client)
        old, _ = sip_line(client)
        line_a, _ = sip_line(client)
        line_b, _ = sip_line(client)
        link(client, owner, old)

        response = client.put(
            f'/users/{owner["uuid"]}/lines', json={'lines': [{'id': line_b['id']}, {'id': line_a['id']}]}
        )

        assert response.status_code == 204
        flags = rows.all('SELECT line_id, main_line FROM user_line WHERE user_id = :u ORDER BY line_id', u=owner['id'])
        assert [(f['line_id'], bool(f['main_line'])) for f in flags] == [(line_a['id'], False), (line_b['id'], True)]

    def test_empty_list_removes_every_line(self, client: Client, rows: Rows) -> None:
        owner = user(client)
        new_line, _ = sip_line(client)
        link(client, owner, new_line)

        assert client.put(f'/users/{owner["id"]}/lines', json={'lines': []}).status_code == 204
        assert rows.count('user_line', 'user_id = :u', u=owner['id']) == 0

    def test_same_line_twice_is_400(self, client: Client) -> None:
        owner = user(client)
        new_line, _ = sip_line(client)

        response = client.put(f'/users/{owner["id"]}/lines', json={'lines': [{'id': new_line['id']}] * 2})

        assert response.status_code == 400
        assert response.json() == [
            'Resource Error - Operation not permitted. Cannot associate same line more than once'
        ]

    def test_unknown_line_is_400(self, client: Client) -> None:
        owner = user(client)

        response = client.put(f'/users/{owner["id"]}/lines', json={'lines': [{'id': 999999}]})

        assert response.status_code == 400
        assert response.json() == ["Input Error - field 'lines': Line was not found ('id': 999999)"]

    def test_missing_lines_key_is_400(self, client: Client) -> None:
        owner = user(client)

        response = client.put(f'/users/{owner["id"]}/lines', json={})

        assert response.status_code == 400
        assert response.json()[0].startswith('Input Error - lines: ')


class TestEvents:
    def test_associated_and_dissociated(self, client: Client, rows: Rows) -> None:
        owner = user(client)
        new_line, endpoint = sip_line(client)
        events = Events(client)

        link(client, owner, new_line)
        client.delete(f'/users/{owner["id"]}/lines/{new_line["id"]}')

        found = events.all('user_line')
        assert [(e['name'], e['routing_key']) for e in found] == [
            ('user_line_associated', f'config.users.{owner["uuid"]}.lines.{new_line["id"]}.updated'),
            ('user_line_dissociated', f'config.users.{owner["uuid"]}.lines.{new_line["id"]}.deleted'),
        ]
        assert found[0]['data'] == {
            'user': {'id': owner['id'], 'uuid': owner['uuid'], 'tenant_uuid': owner['tenant_uuid']},
            'line': {
                'id': new_line['id'],
                'name': endpoint['name'],
                'endpoint_sip': {'uuid': endpoint['uuid']},
                'endpoint_sccp': None,
                'endpoint_custom': None,
            },
            'main_user': True,
            'main_line': True,
        }
        headers = found[0]['headers']
        assert headers[f'user_uuid:{owner["uuid"]}'] is True
        assert 'user_uuid:*' not in headers
        assert headers['tenant_uuid'] == owner['tenant_uuid']

    def test_deleting_a_line_dissociates_its_users(self, client: Client, rows: Rows) -> None:
        owner = user(client)
        new_line, _ = sip_line(client)
        link(client, owner, new_line)
        events = Events(client)

        assert client.delete(f'/lines/{new_line["id"]}').status_code == 204

        assert [e['name'] for e in events.all()] == ['user_line_dissociated', 'line_deleted']
        assert client.get(f'/users/{owner["id"]}').json()['lines'] == []


def test_concurrent_lines_for_one_user_give_one_main_line(pg_daemon: Daemon) -> None:
    client = pg_daemon.client()
    owner = user(client)
    lines = [sip_line(client)[0] for _ in range(4)]
    barrier = threading.Barrier(len(lines))
    results: list[int] = []

    def associate(target: dict) -> None:
        own = pg_daemon.client()
        barrier.wait()
        results.append(link(own, owner, target).status_code)

    threads = [threading.Thread(target=associate, args=(target,)) for target in lines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [204] * len(lines)
    peek = Rows(pg_daemon.db_uri)
    flags = peek.all('SELECT main_line FROM user_line WHERE user_id = :u', u=owner['id'])
    peek.dispose()
    assert sorted(bool(f['main_line']) for f in flags) == [False, False, False, True]


def test_users_are_found_by_their_main_line_provisioning_code(client: Client) -> None:
    owner = user(client)
    new_line, _ = sip_line(client)
    link(client, owner, new_line)

    by_filter = client.get('/users', params={'provisioning_code': new_line['provisioning_code']}).json()
    by_search = client.get('/users', params={'search': new_line['provisioning_code']}).json()

    assert [u['uuid'] for u in by_filter['items']] == [owner['uuid']]
    assert owner['uuid'] in [u['uuid'] for u in by_search['items']]


def test_deleting_a_user_frees_their_lines(client: Client) -> None:
    owner = user(client)
    new_line, _ = sip_line(client)
    link(client, owner, new_line)

    assert client.delete(f'/users/{owner["id"]}').status_code == 204

    assert client.get(f'/lines/{new_line["id"]}').json()['users'] == []


def lines_sharing_an_extension(client: Client) -> tuple[dict, dict, dict]:
    """Two SIP lines rung by one extension."""
    context = create_context(client)['name']
    extension = client.post('/extensions', json={'exten': '1234', 'context': context}).json()
    lines = []
    for _ in range(2):
        new_line, endpoint = line(client, context=context), sip(client)
        assert client.put(f'/lines/{new_line["id"]}/endpoints/sip/{endpoint["uuid"]}').status_code == 204
        assert client.put(f'/lines/{new_line["id"]}/extensions/{extension["id"]}').status_code == 204
        lines.append(new_line)
    return lines[0], lines[1], extension


def test_an_extension_gets_no_second_main_user(client: Client, rows: Rows) -> None:
    first, second, extension = lines_sharing_an_extension(client)
    owner, other = user(client), user(client)
    assert link(client, owner, first).status_code == 204
    published = Events(client)

    response = link(client, other, second)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Line is associated with a Extension ('line_id': {first['id']}, 'extension_id': {extension['id']})"
    ]
    assert rows.count('user_line', 'line_id = :l', l=second['id']) == 0
    assert published.all() == []
    listed = client.put(f'/users/{other["uuid"]}/lines', json={'lines': [{'id': second['id']}]})
    assert listed.status_code == 400
    assert listed.json() == response.json()
    assert rows.count('user_line', 'user_id = :u', u=other['id']) == 0


def test_the_main_user_of_a_shared_extension_may_take_its_other_lines(client: Client, rows: Rows) -> None:
    first, second, _ = lines_sharing_an_extension(client)
    owner, other = user(client), user(client)
    assert link(client, owner, first).status_code == 204

    assert link(client, owner, second).status_code == 204
    # The second line has its main user now: others join it as secondary users.
    assert link(client, other, second).status_code == 204
    assert rows.count('user_line', 'line_id = :l AND main_user', l=second['id']) == 1
    assert rows.count('user_line', 'user_id = :u AND NOT main_user', u=other['id']) == 1
