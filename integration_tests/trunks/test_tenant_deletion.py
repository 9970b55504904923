"""Deleting a tenant (DELETE /tenants/{uuid} with the local backend, or wazo-auth's
`auth_tenant_deleted` event) removes its trunks, outcalls and call permissions with their
links, and asks Asterisk for the reloads those trunks' deletion asks for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..helpers.bus import publish, wait_for
from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.database import Rows
from ..helpers.lines import created, sip, unique
from ..helpers.sysconfd import SysconfdStandIn, reloads_of
from ..helpers.trunks import iax, register, trunk
from .conftest import Reloads

BOTH_RELOADS = [{'ipbx': ['module reload res_pjsip.so', 'iax2 reload'], 'agentbus': []}]


@pytest.fixture
def rows(trunk_daemon: Daemon) -> Iterator[Rows]:
    peek = Rows(trunk_daemon.db_uri)
    yield peek
    peek.dispose()


def outbound_setup(client: Client, sip_trunk: bool = True, iax_trunk: bool = True) -> dict[str, int]:
    """Trunks (SIP, IAX, none), an outcall through them and a call permission of the outcall."""
    made = {'bare': trunk(client)['id']}
    if sip_trunk:
        made['sip'] = trunk(client)['id']
        client.put(f'/trunks/{made["sip"]}/endpoints/sip/{sip(client)["uuid"]}')
    if iax_trunk:
        made['iax'] = trunk(client)['id']
        client.put(f'/trunks/{made["iax"]}/endpoints/iax/{iax(client)["id"]}')
    made['outcall'] = created(client.post('/outcalls', json={'name': unique('out')}))['id']
    listed = [{'id': made[kind]} for kind in ('sip', 'iax', 'bare') if kind in made]
    assert client.put(f'/outcalls/{made["outcall"]}/trunks', json={'trunks': listed}).status_code == 204
    made['permission'] = created(client.post('/callpermissions', json={'name': unique('perm')}))['id']
    assert client.put(f'/outcalls/{made["outcall"]}/callpermissions/{made["permission"]}').status_code == 204
    return made


def assert_all_gone(rows: Rows, tenant: str, made: dict[str, int]) -> None:
    for table in ('trunk', 'outcall', 'call_permission'):
        assert rows.count(table, 'tenant_uuid = :t', t=tenant) == 0, table
    assert rows.count('outcall_trunk', 'outcall_id = :o', o=made['outcall']) == 0
    assert rows.count('outcall_call_permission', 'outcall_id = :o', o=made['outcall']) == 0


def new_tenant(api: Client) -> str:
    return created(api.post('/tenants', json={'name': unique('gone')}))['uuid']


def test_delete_tenant_removes_its_outbound_setup_and_reloads(
    api: Client, trunk_daemon: Daemon, reloads: Reloads, rows: Rows
) -> None:
    tenant = new_tenant(api)
    made = outbound_setup(trunk_daemon.client(tenant=tenant))

    assert reloads(lambda: api.delete(f'/tenants/{tenant}')) == BOTH_RELOADS

    assert_all_gone(rows, tenant, made)


def test_the_trunks_of_sub_tenants_count_too(
    api: Client, trunk_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    tenant = new_tenant(api)
    child = created(trunk_daemon.client(tenant=tenant).post('/tenants', json={'name': unique('sub')}))['uuid']
    made = outbound_setup(trunk_daemon.client(tenant=child), iax_trunk=False)
    pjsip = [{'ipbx': ['module reload res_pjsip.so'], 'agentbus': []}]

    assert reloads_of(sysconfd, lambda: publish('auth_tenant_deleted', {'uuid': tenant})) == pjsip

    assert wait_for(lambda: rows.count('tenant', 'uuid = :t', t=tenant) == 0)
    assert_all_gone(rows, child, made)


def test_the_bus_event_removes_them_and_reloads(
    api: Client, trunk_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    tenant = new_tenant(api)
    made = outbound_setup(trunk_daemon.client(tenant=tenant))

    assert reloads_of(sysconfd, lambda: publish('auth_tenant_deleted', {'uuid': tenant})) == BOTH_RELOADS

    assert wait_for(lambda: rows.count('tenant', 'uuid = :t', t=tenant) == 0)
    assert_all_gone(rows, tenant, made)


def test_a_tenant_without_endpoint_trunks_asks_for_no_reload(
    api: Client, trunk_daemon: Daemon, reloads: Reloads, rows: Rows
) -> None:
    tenant = new_tenant(api)
    made = outbound_setup(trunk_daemon.client(tenant=tenant), sip_trunk=False, iax_trunk=False)

    assert reloads(lambda: api.delete(f'/tenants/{tenant}')) == []

    assert_all_gone(rows, tenant, made)


def test_the_iax_registrations_of_its_trunks_go_too(api: Client, trunk_daemon: Daemon) -> None:
    tenant = new_tenant(api)
    client = trunk_daemon.client(tenant=tenant)
    owner, gone, kept = trunk(client), register(api), register(api)
    assert client.put(f'/trunks/{owner["id"]}/registers/iax/{gone["id"]}').status_code == 204

    assert api.delete(f'/tenants/{tenant}').status_code == 204

    # As deleting the trunk does: registrations belong to no tenant, the trunk's goes with it.
    response = api.get(f'/registers/iax/{gone["id"]}')
    assert response.status_code == 404
    assert response.json() == [f"Resource Not Found - IAXRegister was not found ('id': {gone['id']})"]
    assert api.get(f'/registers/iax/{kept["id"]}').status_code == 200
