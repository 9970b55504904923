"""PUT/DELETE /trunks/{id}/endpoints/{sip,iax,custom}/{endpoint}: one endpoint per trunk,
an endpoint serves one trunk or one line, in one tenant; events, reloads and what each
side then shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.events import Events
from ..helpers.lines import custom, line, sip, unique
from ..helpers.trunks import iax, register, trunk
from .conftest import Reloads

KINDS: dict[str, tuple[Callable[[Client], dict], str]] = {
    'sip': (sip, 'uuid'),
    'iax': (iax, 'id'),
    'custom': (custom, 'id'),
}
NOT_FOUND = {'sip': 'SIPEndpoint', 'iax': 'IAXEndpoint', 'custom': 'CustomEndpoint'}
RELOADS = {
    'sip': [{'ipbx': ['module reload res_pjsip.so'], 'agentbus': []}],
    'iax': [{'ipbx': ['iax2 reload'], 'agentbus': []}],
    'custom': [],
}


def made(client: Client, kind: str) -> tuple[dict, Any]:
    maker, key = KINDS[kind]
    endpoint = maker(client)
    return endpoint, endpoint[key]


def url(trunk_id: int, kind: str, key: Any) -> str:
    return f'/trunks/{trunk_id}/endpoints/{kind}/{key}'


@pytest.mark.parametrize('kind', KINDS)
def test_associate_then_both_sides_show_it(api: Client, trunk_daemon: Daemon, kind: str) -> None:
    owner = trunk(api)
    endpoint, key = made(api, kind)

    assert api.put(url(owner['id'], kind, key)).status_code == 204

    shown = api.get(f'/trunks/{owner["id"]}').json()[f'endpoint_{kind}']
    assert shown[KINDS[kind][1]] == key
    assert shown['links'] == [{'rel': f'endpoint_{kind}', 'href': f'{trunk_daemon.base_url}/endpoints/{kind}/{key}'}]
    assert api.get(f'/endpoints/{kind}/{key}').json()['trunk']['id'] == owner['id']


def test_a_sip_trunk_shows_the_endpoint_username_and_client_uri(api: Client) -> None:
    owner = trunk(api)
    endpoint = sip(
        api,
        auth_section_options=[['username', 'office'], ['password', 'secret']],
        registration_section_options=[['client_uri', 'sip:office@example.com'], ['expiration', '120']],
    )
    api.put(url(owner['id'], 'sip', endpoint['uuid']))

    shown = api.get(f'/trunks/{owner["id"]}').json()['endpoint_sip']

    assert {k: v for k, v in shown.items() if k != 'links'} == {
        'uuid': endpoint['uuid'],
        'label': endpoint['label'],
        'name': endpoint['name'],
        'auth_section_options': [['username', 'office']],
        'registration_section_options': [['client_uri', 'sip:office@example.com']],
    }


def test_lists_of_endpoints_show_their_trunk(api: Client) -> None:
    owner = trunk(api)
    endpoint = sip(api)
    api.put(url(owner['id'], 'sip', endpoint['uuid']))

    listed = api.get('/endpoints/sip', params={'search': endpoint['label']}).json()['items']

    assert [e['trunk']['id'] for e in listed] == [owner['id']]


@pytest.mark.parametrize('kind', KINDS)
def test_associate_and_dissociate_events(api: Client, bus: Events, kind: str) -> None:
    owner = trunk(api)
    endpoint, key = made(api, kind)
    api.put(url(owner['id'], kind, key))
    api.put(url(owner['id'], kind, key))  # already linked: nothing happens
    api.delete(url(owner['id'], kind, key))

    messages = bus.among(f'trunk_endpoint_{kind}_associated', f'trunk_endpoint_{kind}_dissociated')

    routing = f'config.trunks.{owner["id"]}.endpoints.{kind}.{key}'
    assert [(m['name'], m['routing_key']) for m in messages] == [
        (f'trunk_endpoint_{kind}_associated', f'{routing}.updated'),
        (f'trunk_endpoint_{kind}_dissociated', f'{routing}.deleted'),
    ]
    if kind == 'sip':
        expected = {
            'uuid': key,
            'tenant_uuid': endpoint['tenant_uuid'],
            'name': endpoint['name'],
            'auth_section_options': [],
            'registration_section_options': [],
        }
    else:
        named = 'name' if kind == 'iax' else 'interface'
        expected = {'id': key, 'tenant_uuid': endpoint['tenant_uuid'], named: endpoint[named]}
    for message in messages:
        assert message['data'] == {
            'trunk': {'id': owner['id'], 'tenant_uuid': owner['tenant_uuid']},
            f'endpoint_{kind}': expected,
        }
        assert message['headers']['tenant_uuid'] == owner['tenant_uuid']


@pytest.mark.parametrize('kind', KINDS)
def test_associate_and_dissociate_reloads(api: Client, reloads: Reloads, kind: str) -> None:
    owner = trunk(api)
    _, key = made(api, kind)

    assert reloads(lambda: api.put(url(owner['id'], kind, key))) == RELOADS[kind]
    assert reloads(lambda: api.delete(url(owner['id'], kind, key))) == RELOADS[kind]


@pytest.mark.parametrize('kind', KINDS)
def test_dissociate_frees_both_sides(api: Client, kind: str) -> None:
    owner = trunk(api)
    _, key = made(api, kind)
    api.put(url(owner['id'], kind, key))

    assert api.delete(url(owner['id'], kind, key)).status_code == 204

    assert api.get(f'/trunks/{owner["id"]}').json()[f'endpoint_{kind}'] is None
    assert api.get(f'/endpoints/{kind}/{key}').json()['trunk'] is None


def test_a_trunk_has_one_endpoint(api: Client) -> None:
    owner = trunk(api)
    _, first = made(api, 'sip')
    _, second = made(api, 'custom')
    api.put(url(owner['id'], 'sip', first))

    response = api.put(url(owner['id'], 'custom', second))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Trunk is associated with a Endpoint ('trunk_id': {owner['id']}, 'endpoint': 'sip', "
        f"'endpoint_id': '{first}')"
    ]


@pytest.mark.parametrize('kind', KINDS)
def test_an_endpoint_serves_one_trunk(api: Client, kind: str) -> None:
    first, second = trunk(api), trunk(api)
    _, key = made(api, kind)
    api.put(url(first['id'], kind, key))

    response = api.put(url(second['id'], kind, key))

    assert response.status_code == 400
    shown = f"'{key}'" if kind == 'sip' else key
    assert response.json() == [
        f"Resource Error - Trunk is associated with a Endpoint ('trunk_id': {first['id']}, 'endpoint': '{kind}', "
        f"'endpoint_id': {shown})"
    ]


@pytest.mark.parametrize('kind', ['sip', 'custom'])
def test_an_endpoint_of_a_line_cannot_serve_a_trunk(api: Client, kind: str) -> None:
    owner, user_line = trunk(api), line(api)
    if owner['id'] == user_line['id']:  # the error tells which one it names
        owner = trunk(api)
    _, key = made(api, kind)
    assert api.put(f'/lines/{user_line["id"]}/endpoints/{kind}/{key}').status_code == 204

    response = api.put(url(owner['id'], kind, key))

    assert response.status_code == 400
    shown = f"'{key}'" if kind == 'sip' else key
    # As upstream, `trunk_id` names the line.
    assert response.json() == [
        f"Resource Error - Line is associated with a Endpoint ('trunk_id': {user_line['id']}, 'endpoint': '{kind}', "
        f"'endpoint_id': {shown})"
    ]


@pytest.mark.parametrize('kind', ['sip', 'custom'])
def test_an_endpoint_of_a_trunk_cannot_serve_a_line(api: Client, kind: str) -> None:
    owner, user_line = trunk(api), line(api)
    _, key = made(api, kind)
    api.put(url(owner['id'], kind, key))

    response = api.put(f'/lines/{user_line["id"]}/endpoints/{kind}/{key}')

    assert response.status_code == 400
    named = f"'endpoint_uuid': '{key}'" if kind == 'sip' else f"'endpoint_id': {key}"
    assert response.json() == [
        f"Resource Error - Trunk is associated with a Endpoint ('trunk_id': {owner['id']}, 'endpoint': '{kind}', "
        f'{named})'
    ]


@pytest.mark.parametrize('kind', ['sip', 'custom'])
def test_a_trunk_registered_in_iax_takes_no_other_endpoint(api: Client, kind: str) -> None:
    owner, made_register = trunk(api), register(api)
    api.put(f'/trunks/{owner["id"]}/registers/iax/{made_register["id"]}')
    _, key = made(api, kind)

    response = api.put(url(owner['id'], kind, key))

    assert response.status_code == 400
    # As upstream, the SIP check names the registration `register_sip_id`.
    assert response.json() == [
        f"Resource Error - Trunk is associated with a IAXRegister ('trunk_id': {owner['id']}, "
        f"'register_{kind if kind == 'sip' else 'iax'}_id': {made_register['id']})"
    ]


@pytest.mark.parametrize('kind', KINDS)
def test_an_endpoint_of_another_tenant_is_refused(api: Client, trunk_daemon: Daemon, kind: str) -> None:
    owner = trunk(api)
    child = api.post('/tenants', json={'name': unique('child')}).json()['uuid']
    endpoint, key = made(trunk_daemon.client(tenant=child), kind)

    response = api.put(url(owner['id'], kind, key))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('trunk_tenant_uuid': '{owner['tenant_uuid']}', "
        f"'endpoint_tenant_uuid': '{child}')"
    ]


@pytest.mark.parametrize('kind', KINDS)
def test_an_endpoint_the_tenant_cannot_see_is_404(api: Client, trunk_daemon: Daemon, kind: str) -> None:
    child = api.post('/tenants', json={'name': unique('child')}).json()['uuid']
    sibling = api.post('/tenants', json={'name': unique('sibling')}).json()['uuid']
    owner = trunk(trunk_daemon.client(tenant=child))
    _, key = made(trunk_daemon.client(tenant=sibling), kind)

    response = trunk_daemon.client(tenant=child).put(url(owner['id'], kind, key))

    assert response.status_code == 404


def test_unknown_trunk_is_404(api: Client) -> None:
    _, key = made(api, 'iax')

    response = api.put(url(999999, 'iax', key))

    assert response.status_code == 404
    assert response.json() == ["Resource Not Found - Trunk was not found ('id': 999999)"]


@pytest.mark.parametrize('kind', KINDS)
def test_deleting_the_endpoint_frees_the_trunk(api: Client, kind: str) -> None:
    owner = trunk(api)
    _, key = made(api, kind)
    api.put(url(owner['id'], kind, key))

    assert api.delete(f'/endpoints/{kind}/{key}').status_code == 204

    assert api.get(f'/trunks/{owner["id"]}').json()[f'endpoint_{kind}'] is None


@pytest.mark.parametrize('kind', KINDS)
def test_deleting_the_trunk_deletes_its_endpoint(api: Client, reloads: Reloads, kind: str) -> None:
    owner = trunk(api)
    _, key = made(api, kind)
    api.put(url(owner['id'], kind, key))
    if kind == 'sip':  # as a SIP trunk usually is: on the tenant's registration template
        [tenant] = [t for t in api.get('/tenants').json()['items'] if t['uuid'] == owner['tenant_uuid']]
        template = {'uuid': tenant['registration_trunk_sip_template_uuid']}
        assert api.put(f'/endpoints/sip/{key}', json={'templates': [template]}).status_code == 204
    sent = Events(api)

    # As upstream: the endpoint goes with its trunk, which alone reloads and tells it.
    assert reloads(lambda: api.delete(f'/trunks/{owner["id"]}')) == RELOADS[kind]

    response = api.get(f'/endpoints/{kind}/{key}')
    assert response.status_code == 404
    shown = f"'uuid': '{key}'" if kind == 'sip' else f"'id': {key}"
    assert response.json() == [f'Resource Not Found - {NOT_FOUND[kind]} was not found ({shown})']
    assert [(e['name'], e['data']) for e in sent.all()] == [('trunk_deleted', {'id': owner['id']})]


def test_endpoint_events_name_their_trunk(api: Client, trunk_daemon: Daemon) -> None:
    owner, endpoint = trunk(api), custom(api)
    api.put(url(owner['id'], 'custom', endpoint['id']))
    sent = Events(api)

    api.put(f'/endpoints/custom/{endpoint["id"]}', json={'enabled': False})

    [message] = sent.among('custom_endpoint_edited')
    assert message['data']['trunk'] == {'id': owner['id']}
