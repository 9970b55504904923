"""PUT /outcalls/{id}/trunks: the trunks an outcall sends its calls through, in order;
what each side shows, the errors, the event read from RabbitMQ, and the links removed
with either side."""

from __future__ import annotations

from typing import Any

import requests

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.events import Events
from ..helpers.lines import created, custom, sip, unique
from ..helpers.trunks import iax, trunk
from .conftest import Reloads


def outcall(client: Client) -> dict:
    return created(client.post('/outcalls', json={'name': unique('out')}))


def put_trunks(client: Client, owner: dict, *trunks: Any) -> requests.Response:
    ids = [t['id'] if isinstance(t, dict) else t for t in trunks]
    return client.put(f'/outcalls/{owner["id"]}/trunks', json={'trunks': [{'id': i} for i in ids]})


def test_an_outcall_shows_its_trunks_in_order(api: Client, trunk_daemon: Daemon) -> None:
    base = trunk_daemon.base_url
    owner, second, first = outcall(api), trunk(api), trunk(api)
    endpoint = sip(api, auth_section_options=[['username', 'office']])
    api.put(f'/trunks/{first["id"]}/endpoints/sip/{endpoint["uuid"]}')
    interface = custom(api)
    api.put(f'/trunks/{second["id"]}/endpoints/custom/{interface["id"]}')

    response = put_trunks(api, owner, first, second)

    assert response.status_code == 204
    shown = api.get(f'/outcalls/{owner["id"]}').json()['trunks']
    assert shown == [
        {
            'id': first['id'],
            'tenant_uuid': first['tenant_uuid'],
            'endpoint_sip': {
                'uuid': endpoint['uuid'],
                'label': endpoint['label'],
                'name': endpoint['name'],
                'auth_section_options': [['username', 'office']],
                'registration_section_options': [],
                'links': [{'rel': 'endpoint_sip', 'href': f'{base}/endpoints/sip/{endpoint["uuid"]}'}],
            },
            'endpoint_custom': None,
            'links': [{'rel': 'trunks', 'href': f'{base}/trunks/{first["id"]}'}],
        },
        {
            'id': second['id'],
            'tenant_uuid': second['tenant_uuid'],
            'endpoint_sip': None,
            'endpoint_custom': {
                'id': interface['id'],
                'interface': interface['interface'],
                'links': [{'rel': 'endpoint_custom', 'href': f'{base}/endpoints/custom/{interface["id"]}'}],
            },
            'links': [{'rel': 'trunks', 'href': f'{base}/trunks/{second["id"]}'}],
        },
    ]
    listed = api.get('/outcalls', params={'search': owner['name']}).json()['items']
    assert [item['trunks'] for item in listed] == [shown]


def test_a_trunk_shows_its_outcalls(api: Client, trunk_daemon: Daemon) -> None:
    shared, one, other = trunk(api), outcall(api), outcall(api)
    put_trunks(api, one, shared)
    put_trunks(api, other, trunk(api), shared)

    shown = api.get(f'/trunks/{shared["id"]}').json()['outcalls']

    assert sorted(shown, key=lambda o: o['id']) == [
        {
            'id': o['id'],
            'name': o['name'],
            'links': [{'rel': 'outcalls', 'href': f'{trunk_daemon.base_url}/outcalls/{o["id"]}'}],
        }
        for o in (one, other)
    ]
    listed = api.get('/trunks', params={'id': shared['id']}).json()['items']
    assert [item['outcalls'] for item in listed] == [shown]


def test_a_new_list_replaces_the_old_one_and_an_empty_list_clears_it(api: Client) -> None:
    owner, a, b, c = outcall(api), trunk(api), trunk(api), trunk(api)
    put_trunks(api, owner, a, b)

    assert put_trunks(api, owner, c, a).status_code == 204
    assert [t['id'] for t in api.get(f'/outcalls/{owner["id"]}').json()['trunks']] == [c['id'], a['id']]
    assert api.get(f'/trunks/{b["id"]}').json()['outcalls'] == []

    assert put_trunks(api, owner).status_code == 204
    assert api.get(f'/outcalls/{owner["id"]}').json()['trunks'] == []


def test_the_event_names_the_outcall_and_its_trunks(api: Client) -> None:
    owner, a, b = outcall(api), trunk(api), trunk(api)
    sent = Events(api)

    put_trunks(api, owner, b, a)

    [event] = sent.all('outcall_trunks')
    assert event['name'] == 'outcall_trunks_associated'
    assert event['routing_key'] == 'config.outcalls.trunks.updated'
    assert event['data'] == {'outcall_id': owner['id'], 'trunk_ids': [b['id'], a['id']]}
    assert event['headers']['tenant_uuid'] == owner['tenant_uuid']


def test_no_reload_is_requested(api: Client, reloads: Reloads) -> None:
    owner, a = outcall(api), trunk(api)

    assert reloads(lambda: put_trunks(api, owner, a)) == []


def test_an_unknown_trunk_is_an_input_error_and_changes_nothing(api: Client) -> None:
    owner, a = outcall(api), trunk(api)
    put_trunks(api, owner, a)
    sent = Events(api)

    response = put_trunks(api, owner, a, 999999)

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'trunks': Trunk was not found ('id': 999999)"]
    assert [t['id'] for t in api.get(f'/outcalls/{owner["id"]}').json()['trunks']] == [a['id']]
    assert sent.all('outcall_trunks') == []


def test_the_same_trunk_twice_is_refused(api: Client) -> None:
    owner, a = outcall(api), trunk(api)

    response = put_trunks(api, owner, a, a)

    assert response.status_code == 400
    assert response.json() == ['Resource Error - Operation not permitted. Cannot associate same trunk more than once']
    assert api.get(f'/outcalls/{owner["id"]}').json()['trunks'] == []


def test_a_trunk_of_a_sub_tenant_is_another_tenant(api: Client, trunk_daemon: Daemon) -> None:
    owner = outcall(api)
    child = api.post('/tenants', json={'name': unique('child')}).json()['uuid']
    theirs = trunk(trunk_daemon.client(tenant=child))

    response = put_trunks(api, owner, theirs)

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('outcall_tenant_uuid': '{owner['tenant_uuid']}', "
        f"'trunk_tenant_uuid': '{child}')"
    ]


def test_an_outcall_or_trunk_another_tenant_cannot_see_is_not_found(api: Client, trunk_daemon: Daemon) -> None:
    sibling = trunk_daemon.client(tenant=api.post('/tenants', json={'name': unique('sib')}).json()['uuid'])
    owner, mine = outcall(api), trunk(api)

    assert put_trunks(sibling, owner).status_code == 404
    response = put_trunks(sibling, outcall(sibling), mine)
    assert response.status_code == 400
    assert response.json() == [f"Input Error - field 'trunks': Trunk was not found ('id': {mine['id']})"]


def test_a_missing_outcall_is_404_whatever_the_body(api: Client) -> None:
    response = api.put('/outcalls/999999/trunks', json={'trunks': 'nonsense'})

    assert response.status_code == 404
    assert response.json() == ["Resource Not Found - Outcall was not found ('id': 999999)"]


def test_invalid_bodies_are_400(api: Client) -> None:
    owner = outcall(api)
    bodies: list[Any] = [{}, {'trunks': None}, {'trunks': [{}]}, {'trunks': [{'id': 'one'}]}, [1]]

    for body in bodies:
        response = api.put(f'/outcalls/{owner["id"]}/trunks', json=body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()[0].startswith('Input Error'), response.text


def test_deleting_a_trunk_or_an_outcall_removes_the_links(api: Client) -> None:
    owner, a, b = outcall(api), trunk(api), trunk(api)
    put_trunks(api, owner, a, b)

    assert api.delete(f'/trunks/{a["id"]}').status_code == 204
    assert [t['id'] for t in api.get(f'/outcalls/{owner["id"]}').json()['trunks']] == [b['id']]

    assert api.delete(f'/outcalls/{owner["id"]}').status_code == 204
    assert api.get(f'/trunks/{b["id"]}').json()['outcalls'] == []


def test_an_iax_trunk_is_listed_without_its_endpoint(api: Client) -> None:
    owner, a, peer = outcall(api), trunk(api), iax(api)
    api.put(f'/trunks/{a["id"]}/endpoints/iax/{peer["id"]}')
    put_trunks(api, owner, a)

    [shown] = api.get(f'/outcalls/{owner["id"]}').json()['trunks']

    assert 'endpoint_iax' not in shown
    assert (shown['endpoint_sip'], shown['endpoint_custom']) == (None, None)
