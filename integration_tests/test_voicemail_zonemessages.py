"""/asterisk/voicemail/zonemessages, /timezones, and a voicemail's `timezone` checked
against the zone messages, over HTTP against the real daemon."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.telephony import create_context, create_voicemail, events, number

PATH = '/asterisk/voicemail/zonemessages'
EU_FR = {'name': 'eu-fr', 'timezone': 'Europe/Paris', 'message': "'vm-received' q 'digits/at' kM"}


@pytest.fixture
def zones(client: Client) -> Iterator[list[dict]]:
    """The zone messages before the test, put back after it (the daemon is shared)."""
    before = client.get(PATH).json()['items']
    yield before
    assert client.put(PATH, json={'items': before}).status_code == 204


@pytest.fixture(scope='module')
def sub_key(daemon: Daemon) -> Client:
    tenant = daemon.client().post('/tenants', json={'name': f't{uuid.uuid4().hex[:8]}'}).json()
    secret = daemon.admin('keys', 'create', f'k-{uuid.uuid4().hex[:8]}', '--acl', 'confd.#', '--tenant', tenant['uuid'])
    return daemon.client(secret.stdout.strip())


def test_the_platform_ships_the_eu_fr_zone(client: Client) -> None:
    assert EU_FR in client.get(PATH).json()['items']


def test_put_replaces_the_zones_in_order(client: Client, zones: list[dict]) -> None:
    wanted = [
        {'name': 'us-east', 'timezone': 'America/New_York', 'message': "'vm-received' Q 'digits/at' IMp"},
        {'name': 'eu-fr', 'timezone': 'Europe/Paris', 'message': None},
    ]

    response = client.put(PATH, json={'items': wanted})

    assert response.status_code == 204 and response.content == b''
    assert client.get(PATH).json() == {'items': wanted}


def test_a_message_defaults_to_null(client: Client, zones: list[dict]) -> None:
    client.put(PATH, json={'items': [{'name': 'utc', 'timezone': 'UTC'}]})

    assert client.get(PATH).json() == {'items': [{'name': 'utc', 'timezone': 'UTC', 'message': None}]}


@pytest.mark.parametrize(
    'body, field',
    [
        ({}, 'items'),
        ({'items': [{'timezone': 'UTC'}]}, 'items'),
        ({'items': [{'name': 'x'}]}, 'items'),
        ({'items': [{'name': 'x' * 129, 'timezone': 'UTC'}]}, 'items'),
        ({'items': 'eu-fr'}, 'items'),
    ],
)
def test_bad_bodies_are_400_and_change_nothing(client: Client, zones: list[dict], body: dict, field: str) -> None:
    response = client.put(PATH, json=body)

    assert response.status_code == 400
    assert response.json()[0].startswith(f'Input Error - {field}:'), response.json()
    assert client.get(PATH).json()['items'] == zones


def test_put_sends_the_edited_event(client: Client, rows: Rows, zones: list[dict]) -> None:
    published = Events(client)

    client.put(PATH, json={'items': zones})

    sent = events(published, 'voicemail_zonemessages_edited')
    assert len(sent) == 1
    assert sent[0]['routing_key'] == 'config.voicemail_zonemessages.edited'
    assert sent[0]['body']['data'] == {}
    assert 'tenant_uuid' not in sent[0]['headers']


def test_only_the_master_tenant_changes_the_zones(
    client: Client, rows: Rows, sub_key: Client, zones: list[dict]
) -> None:
    response = sub_key.put(PATH, json={'items': []})

    assert response.status_code == 401
    assert client.get(PATH).json()['items'] == zones
    assert sub_key.get(PATH).status_code == 200


# --- /timezones ------------------------------------------------------------------------------
def test_timezones_lists_the_iana_zone_names(client: Client, sub_key: Client) -> None:
    body = client.get('/timezones').json()

    names = [item['zone_name'] for item in body['items']]
    assert body['total'] == len(names) > 300
    assert {'Europe/Paris', 'America/New_York', 'UTC'} <= set(names)
    assert names == sorted(names)
    assert all(set(item) == {'zone_name'} for item in body['items'])
    assert sub_key.get('/timezones').json() == body


def test_timezones_search_sort_and_page_like_other_lists(client: Client) -> None:
    found = client.get('/timezones?search=paris').json()
    page = client.get('/timezones?search=europe/&order=zone_name&direction=desc&limit=2&offset=1').json()
    exact = client.get('/timezones?zone_name=UTC').json()
    everything = [i['zone_name'] for i in client.get('/timezones').json()['items']]
    europe = sorted((n for n in everything if 'europe/' in n.lower()), reverse=True)

    assert found == {'total': 1, 'items': [{'zone_name': 'Europe/Paris'}]}
    assert page['total'] == len(europe) and [i['zone_name'] for i in page['items']] == europe[1:3]
    assert exact == {'total': 1, 'items': [{'zone_name': 'UTC'}]}
    assert client.get('/timezones?order=name').json() == ["Input Error - order: column 'name' was not found"]


# --- a voicemail's timezone --------------------------------------------------------------------
def test_a_voicemail_takes_a_zone_name(client: Client, zones: list[dict]) -> None:
    client.put(PATH, json={'items': [*zones, {'name': 'utc', 'timezone': 'UTC'}]})

    voicemail = create_voicemail(client, create_context(client), timezone='utc')

    assert client.get(f'/voicemails/{voicemail["id"]}').json()['timezone'] == 'utc'


def test_a_voicemail_refuses_an_unknown_zone_on_create(client: Client, rows: Rows) -> None:
    before = rows.count('voicemail')
    body = {'name': 'x', 'number': number(), 'context': create_context(client)['name'], 'timezone': 'Europe/Paris'}

    response = client.post('/voicemails', json=body)

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'timezone': Timezone was not found ('timezone': 'Europe/Paris')"]
    assert rows.count('voicemail') == before


def test_a_voicemail_refuses_an_unknown_zone_on_edit(client: Client) -> None:
    voicemail = create_voicemail(client, create_context(client), timezone='eu-fr')

    response = client.put(f'/voicemails/{voicemail["id"]}', json={'timezone': 'nope'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'timezone': Timezone was not found ('timezone': 'nope')"]
    assert client.get(f'/voicemails/{voicemail["id"]}').json()['timezone'] == 'eu-fr'


def test_a_voicemail_timezone_may_be_null(client: Client) -> None:
    voicemail = create_voicemail(client, create_context(client), timezone='eu-fr')

    response = client.put(f'/voicemails/{voicemail["id"]}', json={'timezone': None})

    assert response.status_code == 204
    assert client.get(f'/voicemails/{voicemail["id"]}').json()['timezone'] is None
