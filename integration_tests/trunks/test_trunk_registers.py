"""PUT/DELETE /trunks/{id}/registers/iax/{id}: one IAX registration per trunk, one trunk
per registration, and only for a trunk without endpoint or with an IAX one."""

from __future__ import annotations

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.events import Events
from ..helpers.lines import sip, unique
from ..helpers.trunks import iax, register, trunk


def url(trunk_id: int, register_id: int) -> str:
    return f'/trunks/{trunk_id}/registers/iax/{register_id}'


def test_associate_then_both_sides_show_it(api: Client, trunk_daemon: Daemon) -> None:
    owner, made = trunk(api), register(api)

    assert api.put(url(owner['id'], made['id'])).status_code == 204

    assert api.get(f'/trunks/{owner["id"]}').json()['register_iax'] == {
        'id': made['id'],
        'links': [{'rel': 'register_iax', 'href': f'{trunk_daemon.base_url}/registers/iax/{made["id"]}'}],
    }
    assert api.get(f'/registers/iax/{made["id"]}').json()['trunk']['id'] == owner['id']


def test_an_iax_trunk_may_register(api: Client) -> None:
    owner, made, endpoint = trunk(api), register(api), iax(api)
    api.put(f'/trunks/{owner["id"]}/endpoints/iax/{endpoint["id"]}')

    assert api.put(url(owner['id'], made['id'])).status_code == 204


def test_associate_and_dissociate_events(api: Client, bus: Events) -> None:
    owner, made = trunk(api), register(api)
    api.put(url(owner['id'], made['id']))
    api.put(url(owner['id'], made['id']))  # already linked: nothing happens
    api.delete(url(owner['id'], made['id']))

    messages = bus.among('trunk_register_iax_associated', 'trunk_register_iax_dissociated')

    data = {'trunk_id': owner['id'], 'register_id': made['id']}
    assert [(m['name'], m['routing_key'], m['data']) for m in messages] == [
        ('trunk_register_iax_associated', 'config.trunks.registers.iax.updated', data),
        ('trunk_register_iax_dissociated', 'config.trunks.registers.iax.deleted', data),
    ]
    assert messages[0]['headers']['tenant_uuid'] == owner['tenant_uuid']


def test_dissociate_frees_both_sides(api: Client) -> None:
    owner, made = trunk(api), register(api)
    api.put(url(owner['id'], made['id']))

    assert api.delete(url(owner['id'], made['id'])).status_code == 204

    assert api.get(f'/trunks/{owner["id"]}').json()['register_iax'] is None
    assert api.get(f'/registers/iax/{made["id"]}').json()['trunk'] is None


def test_a_trunk_has_one_registration(api: Client) -> None:
    owner, first, second = trunk(api), register(api), register(api)
    api.put(url(owner['id'], first['id']))

    response = api.put(url(owner['id'], second['id']))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Trunk is associated with a IAXRegister ('trunk_id': {owner['id']}, "
        f"'register_iax_id': {first['id']})"
    ]


def test_a_registration_serves_one_trunk(api: Client) -> None:
    first, second, made = trunk(api), trunk(api), register(api)
    api.put(url(first['id'], made['id']))

    response = api.put(url(second['id'], made['id']))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Trunk is associated with a IAXRegister ('trunk_id': {first['id']}, "
        f"'register_iax_id': {made['id']})"
    ]


def test_a_sip_trunk_cannot_register_in_iax(api: Client) -> None:
    owner, made, endpoint = trunk(api), register(api), sip(api)
    api.put(f'/trunks/{owner["id"]}/endpoints/sip/{endpoint["uuid"]}')

    response = api.put(url(owner['id'], made['id']))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Trunk is associated with a Endpoint ('trunk_id': {owner['id']}, 'protocol': 'sip')"
    ]


def test_unknown_sides_are_404(api: Client) -> None:
    owner, made = trunk(api), register(api)

    assert api.put(url(999999, made['id'])).json() == ["Resource Not Found - Trunk was not found ('id': 999999)"]
    assert api.put(url(owner['id'], 999999)).json() == ["Resource Not Found - IAXRegister was not found ('id': 999999)"]


def test_a_trunk_of_another_tenant_is_404(api: Client, trunk_daemon: Daemon) -> None:
    child = api.post('/tenants', json={'name': unique('child')}).json()['uuid']
    sibling = api.post('/tenants', json={'name': unique('sibling')}).json()['uuid']
    owner, made = trunk(trunk_daemon.client(tenant=child)), register(api)

    assert trunk_daemon.client(tenant=sibling).put(url(owner['id'], made['id'])).status_code == 404
    # Registrations belong to no tenant: the trunk's tenant may use any of them.
    assert trunk_daemon.client(tenant=child).put(url(owner['id'], made['id'])).status_code == 204


def test_deleting_the_trunk_deletes_its_registration_and_endpoint(api: Client) -> None:
    owner, made, endpoint = trunk(api), register(api), iax(api)
    api.put(f'/trunks/{owner["id"]}/endpoints/iax/{endpoint["id"]}')
    api.put(url(owner['id'], made['id']))
    sent = Events(api)

    assert api.delete(f'/trunks/{owner["id"]}').status_code == 204

    # As upstream: both go with the trunk, whose event alone tells it.
    response = api.get(f'/registers/iax/{made["id"]}')
    assert response.status_code == 404
    assert response.json() == [f"Resource Not Found - IAXRegister was not found ('id': {made['id']})"]
    assert api.get(f'/endpoints/iax/{endpoint["id"]}').status_code == 404
    assert [(e['name'], e['data']) for e in sent.all()] == [('trunk_deleted', {'id': owner['id']})]


def test_deleting_the_registration_frees_the_trunk(api: Client) -> None:
    owner, made = trunk(api), register(api)
    api.put(url(owner['id'], made['id']))

    assert api.delete(f'/registers/iax/{made["id"]}').status_code == 204

    assert api.get(f'/trunks/{owner["id"]}').json()['register_iax'] is None
