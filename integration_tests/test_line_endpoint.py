"""/lines/{id}/endpoints/{sip,sccp,custom}/{id} over HTTP against the real daemon."""

from __future__ import annotations

import threading
import uuid

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.lines import Events, add_sub_tenant, custom, line, sccp, sip, sip_line, user


def sip_url(line_id: int, endpoint_uuid: str) -> str:
    return f'/lines/{line_id}/endpoints/sip/{endpoint_uuid}'


def test_associate_sip_fills_the_line(client: Client, daemon: Daemon) -> None:
    new_line, endpoint = line(client), sip(client, auth_section_options=[['username', 'u1'], ['password', 'p']])

    response = client.put(sip_url(new_line['id'], endpoint['uuid']))

    assert response.status_code == 204 and response.content == b''
    after = client.get(f'/lines/{new_line["id"]}').json()
    assert after['protocol'] == 'sip'
    assert after['name'] == endpoint['name']
    assert after['endpoint_sip'] == {
        'uuid': endpoint['uuid'],
        'label': endpoint['label'],
        'name': endpoint['name'],
        'auth_section_options': [['username', 'u1']],
        'links': [{'rel': 'endpoint_sip', 'href': f'{daemon.base_url}/endpoints/sip/{endpoint["uuid"]}'}],
    }
    assert client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()['line'] == {
        'id': new_line['id'],
        'links': [{'rel': 'lines', 'href': f'{daemon.base_url}/lines/{new_line["id"]}'}],
    }


def test_associate_sccp_and_custom(client: Client) -> None:
    sccp_line, custom_line = line(client), line(client)
    sccp_endpoint, custom_endpoint = sccp(client), custom(client)

    assert client.put(f'/lines/{sccp_line["id"]}/endpoints/sccp/{sccp_endpoint["id"]}').status_code == 204
    assert client.put(f'/lines/{custom_line["id"]}/endpoints/custom/{custom_endpoint["id"]}').status_code == 204

    assert client.get(f'/lines/{sccp_line["id"]}').json()['endpoint_sccp']['id'] == sccp_endpoint['id']
    custom_after = client.get(f'/lines/{custom_line["id"]}').json()
    assert custom_after['protocol'] == 'custom'
    assert custom_after['name'] == custom_endpoint['interface']
    assert custom_after['endpoint_custom']['interface'] == custom_endpoint['interface']


def test_a_line_takes_one_endpoint_only(client: Client) -> None:
    new_line, first = sip_line(client)
    other = sccp(client)

    response = client.put(f'/lines/{new_line["id"]}/endpoints/sccp/{other["id"]}')

    assert response.status_code == 400
    assert response.json() == [
        f'Resource Error - Line is associated with a Endpoint '
        f"('line_id': {new_line['id']}, 'endpoint': 'sip', 'endpoint_id': '{first['uuid']}')"
    ]


def test_an_endpoint_serves_one_line_only(client: Client) -> None:
    first_line, endpoint = sip_line(client)
    second_line = line(client)

    response = client.put(sip_url(second_line['id'], endpoint['uuid']))

    assert response.status_code == 400
    assert response.json() == [
        f'Resource Error - Line is associated with a Endpoint '
        f"('line_id': {first_line['id']}, 'endpoint': 'sip', 'endpoint_uuid': '{endpoint['uuid']}')"
    ]


def test_unknown_line_or_endpoint_is_404(client: Client) -> None:
    new_line, endpoint = line(client), sip(client)
    missing = str(uuid.uuid4())

    no_line = client.put(sip_url(999999, endpoint['uuid']))
    no_endpoint = client.put(sip_url(new_line['id'], missing))

    assert no_line.status_code == 404
    assert no_line.json() == ["Resource Not Found - Line was not found ('id': 999999)"]
    assert no_endpoint.status_code == 404
    assert no_endpoint.json() == [f"Resource Not Found - SIPEndpoint was not found ('uuid': '{missing}')"]


def test_both_sides_must_share_a_tenant(client: Client, rows: Rows) -> None:
    new_line = line(client)
    sub = add_sub_tenant(rows, new_line['tenant_uuid'])
    endpoint = sip(client.as_token(client.token, tenant=sub))

    response = client.put(sip_url(new_line['id'], endpoint['uuid']))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('line_tenant_uuid': '{new_line['tenant_uuid']}', "
        f"'endpoint_tenant_uuid': '{sub}')"
    ]


def test_dissociate_empties_the_line(client: Client) -> None:
    new_line, endpoint = sip_line(client)

    response = client.delete(sip_url(new_line['id'], endpoint['uuid']))

    assert response.status_code == 204
    after = client.get(f'/lines/{new_line["id"]}').json()
    assert after['endpoint_sip'] is None and after['protocol'] is None and after['name'] is None


def test_dissociate_is_refused_while_users_use_the_line(client: Client) -> None:
    new_line, endpoint = sip_line(client)
    owner = user(client)
    client.put(f'/users/{owner["id"]}/lines/{new_line["id"]}')

    response = client.delete(sip_url(new_line['id'], endpoint['uuid']))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Line is associated with a User ('line_id': {new_line['id']}, 'user_ids': '{owner['id']}')"
    ]


def test_deleting_the_endpoint_frees_the_line(client: Client) -> None:
    new_line, endpoint = sip_line(client)

    assert client.delete(f'/endpoints/sip/{endpoint["uuid"]}').status_code == 204

    after = client.get(f'/lines/{new_line["id"]}').json()
    assert after['endpoint_sip'] is None and after['name'] is None


class TestEvents:
    def test_sip_associated_and_dissociated(self, client: Client, rows: Rows) -> None:
        new_line, endpoint = line(client), sip(client, auth_section_options=[['username', 'u'], ['password', 'p']])
        events = Events(client)

        client.put(sip_url(new_line['id'], endpoint['uuid']))
        client.delete(sip_url(new_line['id'], endpoint['uuid']))

        found = events.all('line_endpoint')
        assert [(e['name'], e['routing_key']) for e in found] == [
            ('line_endpoint_sip_associated', f'config.lines.{new_line["id"]}.endpoints.sip.{endpoint["uuid"]}.updated'),
            (
                'line_endpoint_sip_dissociated',
                f'config.lines.{new_line["id"]}.endpoints.sip.{endpoint["uuid"]}.deleted',
            ),
        ]
        assert found[0]['data'] == {
            'line': {'id': new_line['id'], 'tenant_uuid': new_line['tenant_uuid'], 'name': endpoint['name']},
            'endpoint_sip': {
                'uuid': endpoint['uuid'],
                'tenant_uuid': endpoint['tenant_uuid'],
                'label': endpoint['label'],
                'name': endpoint['name'],
                'auth_section_options': [['username', 'u']],
            },
        }
        assert found[0]['headers']['tenant_uuid'] == new_line['tenant_uuid']

    @pytest.mark.parametrize('kind', ['sccp', 'custom'])
    def test_sccp_and_custom_events(self, client: Client, rows: Rows, kind: str) -> None:
        new_line = line(client)
        endpoint = sccp(client) if kind == 'sccp' else custom(client)
        events = Events(client)

        client.put(f'/lines/{new_line["id"]}/endpoints/{kind}/{endpoint["id"]}')

        event = events.one(f'line_endpoint_{kind}_associated')
        assert event['routing_key'] == f'config.lines.{new_line["id"]}.endpoints.{kind}.{endpoint["id"]}.updated'
        expected = {'id': endpoint['id'], 'tenant_uuid': endpoint['tenant_uuid']}
        if kind == 'custom':
            expected['interface'] = endpoint['interface']
        assert event['data'][f'endpoint_{kind}'] == expected


def test_concurrent_associations_to_one_line_let_one_win(pg_daemon: Daemon) -> None:
    client = pg_daemon.client()
    for _ in range(3):
        new_line = line(client)
        endpoints = [sip(client), sip(client)]
        results: list[int] = []
        barrier = threading.Barrier(2)

        def associate(
            endpoint_uuid: str,
            barrier: threading.Barrier = barrier,
            results: list[int] = results,
            new_line: dict = new_line,
        ) -> None:
            own = pg_daemon.client()
            barrier.wait()
            results.append(own.put(sip_url(new_line['id'], endpoint_uuid)).status_code)

        threads = [threading.Thread(target=associate, args=(e['uuid'],)) for e in endpoints]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert sorted(results) == [204, 400]
        owner = client.get(f'/lines/{new_line["id"]}').json()['endpoint_sip']['uuid']
        lines_of = [client.get(f'/endpoints/sip/{e["uuid"]}').json()['line'] for e in endpoints]
        assert sum(1 for found in lines_of if found is not None) == 1
        assert owner in {e['uuid'] for e in endpoints}


def test_associating_the_same_pair_again_is_harmless(client: Client, rows: Rows) -> None:
    new_line, endpoint = sip_line(client)
    events = Events(client)

    assert client.put(sip_url(new_line['id'], endpoint['uuid'])).status_code == 204
    assert events.all() == []


def test_dissociating_an_endpoint_the_line_does_not_have_is_harmless(client: Client, rows: Rows) -> None:
    new_line, endpoint = sip_line(client)
    other = sip(client)
    events = Events(client)

    assert client.delete(sip_url(new_line['id'], other['uuid'])).status_code == 204
    assert client.get(f'/lines/{new_line["id"]}').json()['endpoint_sip']['uuid'] == endpoint['uuid']
    assert events.all() == []


@pytest.fixture(scope='module')
def stranger(daemon: Daemon) -> Client:
    """A key of another root tenant, which sees none of the admin's objects."""
    name = f'stranger-{uuid.uuid4().hex[:6]}'
    secret = daemon.admin('keys', 'create', name, '--acl', 'confd.#', '--tenant', str(uuid.uuid4())).stdout.strip()
    return daemon.client(token=secret)


def test_objects_of_another_tenant_are_404(client: Client, stranger: Client) -> None:
    new_line, endpoint = sip_line(client)
    mine = line(stranger)

    assert stranger.get(f'/lines/{new_line["id"]}').status_code == 404
    assert stranger.get(f'/endpoints/sip/{endpoint["uuid"]}').status_code == 404
    assert stranger.put(sip_url(mine['id'], endpoint['uuid'])).status_code == 404
    assert stranger.delete(sip_url(new_line['id'], endpoint['uuid'])).status_code == 404
    assert client.get(f'/lines/{mine["id"]}').status_code == 404
