"""/sip/transports and /asterisk/pjsip/doc over HTTP against the real daemon."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.lines import Events, created, sip, unique


def transport(client: Client, **fields: object) -> dict:
    return created(client.post('/sip/transports', json={'name': unique('transport'), **fields}))


def _key(daemon: Daemon, tenant: str) -> str:
    return daemon.admin('keys', 'create', unique('k'), '--acl', 'confd.#', '--tenant', tenant).stdout.strip()


@pytest.fixture(scope='module')
def sub_tenant(daemon: Daemon) -> tuple[dict, Client]:
    """A sub-tenant and a client with a key of it granting every confd ACL."""
    tenant = daemon.client().post('/tenants', json={'name': unique('t')}).json()
    return tenant, daemon.client(_key(daemon, tenant['uuid']))


def test_the_default_transports_are_seeded(client: Client) -> None:
    items = client.get('/sip/transports', params={'search': 'transport-'}).json()['items']

    found = {t['name']: t for t in items}
    assert dict(found['transport-udp']['options'])['protocol'] == 'udp'
    assert dict(found['transport-wss']['options'])['protocol'] == 'wss'


def test_create_answers_the_transport_and_its_location(client: Client, daemon: Daemon) -> None:
    options = [['bind', '0.0.0.0:5060'], ['local_net', '192.168.0.0/16'], ['local_net', '10.37.1.0/24']]

    response = client.post('/sip/transports', json={'name': 'my-transport', 'options': options})

    body = created(response)
    assert body == {'uuid': body['uuid'], 'name': 'my-transport', 'options': options}
    assert response.headers['Location'] == f'{daemon.base_url}/sip/transports/{body["uuid"]}'
    assert client.get(f'/sip/transports/{body["uuid"]}').json() == body
    client.delete(f'/sip/transports/{body["uuid"]}')


def test_minimal_transport_has_no_options(client: Client) -> None:
    assert transport(client)['options'] == []


@pytest.mark.parametrize(
    'body, field',
    [
        ({'name': 123}, 'name'),
        ({'name': 'global'}, 'name'),
        ({'name': 'has space'}, 'name'),
        ({'name': 'x' * 80}, 'name'),
        ({}, 'name'),
        ({'name': 'ok', 'options': {}}, 'options'),
        ({'name': 'ok', 'options': [['one', 'two', 'three']]}, 'options'),
        ({'name': 'ok', 'options': [['bind', 'x']] * 129}, 'options'),
    ],
)
def test_bad_fields_are_400(client: Client, body: dict, field: str) -> None:
    response = client.post('/sip/transports', json=body)

    assert response.status_code == 400
    assert response.json()[0].startswith(f'Input Error - {field}:')


def test_unknown_option_name_is_400(client: Client) -> None:
    response = client.post('/sip/transports', json={'name': unique('t'), 'options': [['not-a-transport-option', '42']]})

    assert response.status_code == 400
    message = response.json()[0]
    assert message.startswith("Input Error - 'options: invalid variable (not-a-transport-option)' must be one of (")
    assert 'local_net' in message


def test_name_taken_by_a_transport_an_endpoint_or_a_template_is_400(client: Client) -> None:
    taken = [
        transport(client)['name'],
        sip(client)['name'],
        created(client.post('/endpoints/sip/templates', json={'label': 'tpl'}))['name'],
    ]
    for name in taken:
        response = client.post('/sip/transports', json={'name': name})
        assert response.status_code == 400
        assert response.json() == [f"Resource Error - name already exists ('name': '{name}')"]


def test_edit_to_a_taken_name_names_its_owner(client: Client) -> None:
    mine, other, endpoint = transport(client), transport(client), sip(client)
    url = f'/sip/transports/{mine["uuid"]}'

    assert client.put(url, json={'name': other['name']}).json() == [
        f"Resource Error - Transport already exists ('name': '{other['name']}')"
    ]
    assert client.put(url, json={'name': endpoint['name']}).json() == [
        f"Resource Error - SIPEndpoint already exists ('name': '{endpoint['name']}')"
    ]
    assert client.put(url, json={'name': mine['name']}).status_code == 204


def test_put_changes_only_the_given_fields(client: Client) -> None:
    made = transport(client, options=[['bind', '0.0.0.0:5061']])

    assert client.put(f'/sip/transports/{made["uuid"]}', json={'options': [['protocol', 'tcp']]}).status_code == 204

    after = client.get(f'/sip/transports/{made["uuid"]}').json()
    assert after == {**made, 'options': [['protocol', 'tcp']]}


def test_put_with_an_unknown_option_is_400(client: Client) -> None:
    made = transport(client)

    response = client.put(f'/sip/transports/{made["uuid"]}', json={'options': [['match', 'x']]})

    assert response.status_code == 400
    assert response.json()[0].startswith("Input Error - 'options: invalid variable (match)'")


@pytest.mark.parametrize('method', ['get', 'put', 'delete'])
def test_missing_transport_is_404(client: Client, method: str) -> None:
    missing = str(uuid.uuid4())

    response = client.request(method.upper(), f'/sip/transports/{missing}', json={})

    assert response.status_code == 404
    assert response.json() == [f"Resource Not Found - Transport was not found ('uuid': '{missing}')"]


def test_search_order_and_paging(client: Client) -> None:
    prefix = unique('sort')
    first, second = transport(client, name=f'{prefix}-a'), transport(client, name=f'{prefix}-b')

    page = client.get('/sip/transports', params={'search': prefix, 'order': 'name', 'direction': 'desc'}).json()
    assert page['total'] == 2 and [t['uuid'] for t in page['items']] == [second['uuid'], first['uuid']]
    page = client.get('/sip/transports', params={'search': prefix, 'limit': 1, 'offset': 1}).json()
    assert page['total'] == 2 and [t['uuid'] for t in page['items']] == [second['uuid']]
    assert client.get('/sip/transports', params={'name': first['name']}).json()['items'] == [first]


def test_delete_of_a_used_transport_is_400_without_fallback(client: Client) -> None:
    used = transport(client)
    endpoint = sip(client, transport={'uuid': used['uuid']})

    response = client.delete(f'/sip/transports/{used["uuid"]}')

    assert response.status_code == 400
    assert response.json() == [
        'Resource Error - Transport is associated with a EndpointSIP '
        f"('transport_uuid': '{used['uuid']}', 'endpoint_sip_uuid': '{endpoint['uuid']}')"
    ]
    assert client.get(f'/sip/transports/{used["uuid"]}').status_code == 200


def test_delete_with_fallback_moves_the_endpoints_to_it(client: Client) -> None:
    used, fallback = transport(client), transport(client)
    endpoint = sip(client, transport={'uuid': used['uuid']})

    response = client.delete(f'/sip/transports/{used["uuid"]}', params={'fallback': fallback['uuid']})

    assert response.status_code == 204
    assert client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()['transport'] == {'uuid': fallback['uuid']}
    assert client.get(f'/sip/transports/{used["uuid"]}').status_code == 404


def test_delete_with_a_missing_or_bad_fallback(client: Client) -> None:
    made, missing = transport(client), str(uuid.uuid4())

    response = client.delete(f'/sip/transports/{made["uuid"]}', params={'fallback': missing})
    assert response.status_code == 404
    assert response.json() == [f"Resource Not Found - Transport was not found ('uuid': '{missing}')"]
    response = client.delete(f'/sip/transports/{made["uuid"]}', params={'fallback': 'nope'})
    assert response.status_code == 400 and response.json()[0].startswith('Input Error - fallback:')
    assert client.get(f'/sip/transports/{made["uuid"]}').status_code == 200


def test_a_sub_tenant_reads_transports_but_does_not_change_them(
    sub_tenant: tuple[dict, Client], client: Client
) -> None:
    _, key = sub_tenant
    made = transport(client)

    assert key.get(f'/sip/transports/{made["uuid"]}').json() == made
    assert made['uuid'] in {t['uuid'] for t in key.get('/sip/transports', params={'limit': 1000}).json()['items']}
    assert key.post('/sip/transports', json={'name': unique('t')}).status_code == 401
    assert key.put(f'/sip/transports/{made["uuid"]}', json={'name': unique('t')}).status_code == 401
    assert key.delete(f'/sip/transports/{made["uuid"]}').status_code == 401
    assert client.get(f'/sip/transports/{made["uuid"]}').json() == made


def test_a_sub_tenant_endpoint_uses_a_global_transport(sub_tenant: tuple[dict, Client], client: Client) -> None:
    _, key = sub_tenant
    made = transport(client)

    assert sip(key, transport={'uuid': made['uuid']})['transport'] == {'uuid': made['uuid']}


def test_events_of_create_edit_delete(client: Client, rows: Rows) -> None:
    events = Events(client)

    made = transport(client, options=[['protocol', 'udp']])
    client.put(f'/sip/transports/{made["uuid"]}', json={'name': unique('renamed')})
    edited = client.get(f'/sip/transports/{made["uuid"]}').json()
    client.delete(f'/sip/transports/{made["uuid"]}')

    found = events.all('sip_transport')
    assert [(e['name'], e['routing_key']) for e in found] == [
        ('sip_transport_created', 'config.sip.transports.created'),
        ('sip_transport_edited', 'config.sip.transports.edited'),
        ('sip_transport_deleted', 'config.sip.transports.deleted'),
    ]
    assert [e['data'] for e in found] == [made, edited, edited]
    assert all('tenant_uuid' not in e['headers'] for e in found)


def test_pjsip_doc_lists_the_option_names_by_section(client: Client) -> None:
    response = client.get('/asterisk/pjsip/doc')

    assert response.status_code == 200
    doc = response.json()
    assert {'aor', 'auth', 'contact', 'endpoint', 'global', 'system', 'transport'} <= set(doc)
    assert doc['endpoint']['direct_media_method'] == {'name': 'direct_media_method', 'default': 'invite'}
    assert 'local_net' in doc['transport'] and 'type' not in doc['transport']


def test_a_configured_doc_file_replaces_the_shipped_names(tmp_path: Path) -> None:
    doc = tmp_path / 'pjsip.json'
    doc.write_text(json.dumps({'transport': {'bind': {'name': 'bind'}}}))
    uri = f'sqlite:///{tmp_path / "confd.sqlite"}'
    daemon = Daemon(str(tmp_path / 'daemon'), uri, {'pjsip_config_doc_filename': str(doc)}).start()
    try:
        client = daemon.client()
        assert client.get('/asterisk/pjsip/doc').json() == {'transport': {'bind': {'name': 'bind'}}}
        assert client.post('/sip/transports', json={'name': 'a', 'options': [['bind', 'x']]}).status_code == 201
        assert client.post('/sip/transports', json={'name': 'b', 'options': [['local_net', 'x']]}).status_code == 400

        doc.unlink()
        other = Daemon(str(tmp_path / 'other'), uri, {'pjsip_config_doc_filename': str(doc)})
    finally:
        daemon.stop()
    # An unreadable file: the routes that need it answer 400, the daemon keeps serving.
    other.start()
    try:
        response = other.client().get('/asterisk/pjsip/doc')
        assert response.status_code == 400
        assert response.json() == ['Input Error - failed to read PJSIP JSON documentation']
        assert other.client().get('/sip/transports').status_code == 200
    finally:
        other.stop()
