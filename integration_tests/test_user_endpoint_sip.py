"""GET /users/{id}/lines/{line_id|main}/associated/endpoints/sip: the SIP endpoint of a
user's line, as /endpoints/sip/{uuid} shows it."""

from __future__ import annotations

import uuid

import pytest
import yaml

from .helpers.client import Client
from .helpers.lines import context, line, sccp, sip_line, user

ROUTE = '/users/{user}/lines/{line}/associated/endpoints/sip'


def _linked(client: Client) -> tuple[dict, dict, dict]:
    owner = user(client)
    new_line, endpoint = sip_line(client)
    response = client.put(f'/users/{owner["uuid"]}/lines/{new_line["id"]}')
    assert response.status_code == 204, response.text
    return owner, new_line, endpoint


@pytest.mark.parametrize('by', ['uuid', 'id'])
def test_answers_the_endpoint_of_the_line_as_its_own_route(client: Client, by: str) -> None:
    owner, new_line, endpoint = _linked(client)

    by_id = client.get(ROUTE.format(user=owner[by], line=new_line['id']))
    main = client.get(ROUTE.format(user=owner[by], line='main'))

    expected = client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()
    assert (by_id.status_code, by_id.json()) == (200, expected)
    assert (main.status_code, main.json()) == (200, expected)


def test_the_merged_view(client: Client) -> None:
    owner, new_line, endpoint = _linked(client)
    params = {'view': 'merged'}

    response = client.get(ROUTE.format(user=owner['uuid'], line='main'), params=params)

    assert response.status_code == 200
    assert response.json() == client.get(f'/endpoints/sip/{endpoint["uuid"]}', params=params).json()


def test_main_is_the_users_main_line(client: Client) -> None:
    owner, first, endpoint = _linked(client)
    second, _ = sip_line(client)
    assert client.put(f'/users/{owner["id"]}/lines/{second["id"]}').status_code == 204

    response = client.get(ROUTE.format(user=owner['id'], line='main'))

    assert response.json()['uuid'] == endpoint['uuid']


def test_an_unknown_view_is_400(client: Client) -> None:
    owner, new_line, _ = _linked(client)

    response = client.get(ROUTE.format(user=owner['uuid'], line=new_line['id']), params={'view': 'flat'})

    assert (response.status_code, response.json()) == (400, ["Input Error - view: ['Must be one of: merged.']"])


def test_a_user_without_lines_is_404(client: Client) -> None:
    owner = user(client)

    response = client.get(ROUTE.format(user=owner['uuid'], line='main'))

    assert (response.status_code, response.json()) == (404, 'Resource Not Found.')


def test_a_line_of_someone_else_is_404(client: Client) -> None:
    owner, _, _ = _linked(client)
    other, _ = sip_line(client)

    response = client.get(ROUTE.format(user=owner['uuid'], line=other['id']))

    assert (response.status_code, response.json()) == (404, 'Resource Not Found.')


def test_a_line_without_sip_endpoint_is_404(client: Client) -> None:
    owner = user(client)
    new_line = line(client, context=context(client))
    endpoint = sccp(client)
    assert client.put(f'/lines/{new_line["id"]}/endpoints/sccp/{endpoint["id"]}').status_code == 204
    assert client.put(f'/users/{owner["uuid"]}/lines/{new_line["id"]}').status_code == 204

    by_id = client.get(ROUTE.format(user=owner['uuid'], line=new_line['id']))
    main = client.get(ROUTE.format(user=owner['uuid'], line='main'))

    assert (by_id.status_code, by_id.json()) == (404, 'Resource Not Found.')
    assert (main.status_code, main.json()) == (404, 'Resource Not Found.')


@pytest.mark.parametrize('line_id', ['999999999', 'nope'])
def test_an_unknown_line_is_404(client: Client, line_id: str) -> None:
    owner, _, _ = _linked(client)

    response = client.get(ROUTE.format(user=owner['uuid'], line=line_id))

    assert (response.status_code, response.json()) == (
        404,
        [f"Resource Not Found - Line was not found ('id': '{line_id}')"],
    )


def test_an_unknown_user_is_404(client: Client) -> None:
    missing = str(uuid.uuid4())

    response = client.get(ROUTE.format(user=missing, line='main'))

    assert (response.status_code, response.json()) == (
        404,
        [f"Resource Not Found - User was not found ('uuid': '{missing}')"],
    )


def test_it_is_in_the_document(client: Client) -> None:
    paths = yaml.safe_load(client.get('/api/api.yml').text)['paths']
    operation = paths['/users/{user_id}/lines/{line_id}/associated/endpoints/sip']['get']
    assert operation['x-required-acl'] == 'confd.users.{user_id}.lines.{line_id}.associated.endpoints.sip.read'
    assert {'name': 'view', 'in': 'query', 'schema': {'type': 'string', 'enum': ['merged']}} in operation['parameters']
    assert operation['responses']['200']['content']['application/json']['schema'] == {
        '$ref': '#/components/schemas/EndpointSIP'
    }
