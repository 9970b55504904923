"""Each line, endpoint and association route asks for exactly its upstream ACL."""

from __future__ import annotations

import uuid

import pytest

from .helpers.daemon import Daemon
from .helpers.lines import custom, line, sccp, sip, sip_line, user


@pytest.fixture(scope='module')
def objects(pg_daemon: Daemon) -> dict[str, int | str]:
    client = pg_daemon.client()
    new_line, endpoint = sip_line(client)
    return {
        'line': line(client)['id'],
        'sip_line': new_line['id'],
        'sip': sip(client)['uuid'],
        'tpl': client.post('/endpoints/sip/templates', json={}).json()['uuid'],
        'sccp': sccp(client)['id'],
        'custom': custom(client)['id'],
        'user': user(client)['uuid'],
    }


def routes(o: dict) -> list[tuple[str, str, str]]:
    return [
        ('GET', '/lines', 'confd.lines.read'),
        ('POST', '/lines', 'confd.lines.create'),
        ('GET', f'/lines/{o["line"]}', f'confd.lines.{o["line"]}.read'),
        ('PUT', f'/lines/{o["line"]}', f'confd.lines.{o["line"]}.update'),
        ('DELETE', '/lines/999999', 'confd.lines.999999.delete'),
        ('GET', '/endpoints/sip', 'confd.endpoints.sip.read'),
        ('POST', '/endpoints/sip', 'confd.endpoints.sip.create'),
        ('GET', f'/endpoints/sip/{o["sip"]}', f'confd.endpoints.sip.{o["sip"]}.read'),
        ('PUT', f'/endpoints/sip/{o["sip"]}', f'confd.endpoints.sip.{o["sip"]}.update'),
        ('DELETE', f'/endpoints/sip/{o["tpl"]}', f'confd.endpoints.sip.{o["tpl"]}.delete'),
        ('GET', '/endpoints/sip/templates', 'confd.endpoints.sip.templates.read'),
        ('POST', '/endpoints/sip/templates', 'confd.endpoints.sip.templates.create'),
        ('GET', f'/endpoints/sip/templates/{o["tpl"]}', f'confd.endpoints.sip.templates.{o["tpl"]}.read'),
        ('PUT', f'/endpoints/sip/templates/{o["tpl"]}', f'confd.endpoints.sip.templates.{o["tpl"]}.update'),
        ('DELETE', f'/endpoints/sip/templates/{o["sip"]}', f'confd.endpoints.sip.templates.{o["sip"]}.delete'),
        ('GET', '/endpoints/sccp', 'confd.endpoints.sccp.read'),
        ('POST', '/endpoints/sccp', 'confd.endpoints.sccp.create'),
        ('GET', f'/endpoints/sccp/{o["sccp"]}', f'confd.endpoints.sccp.{o["sccp"]}.read'),
        ('PUT', f'/endpoints/sccp/{o["sccp"]}', f'confd.endpoints.sccp.{o["sccp"]}.update'),
        ('DELETE', '/endpoints/sccp/999999', 'confd.endpoints.sccp.999999.delete'),
        ('GET', '/endpoints/custom', 'confd.endpoints.custom.read'),
        ('POST', '/endpoints/custom', 'confd.endpoints.custom.create'),
        ('GET', f'/endpoints/custom/{o["custom"]}', f'confd.endpoints.custom.{o["custom"]}.read'),
        ('PUT', f'/endpoints/custom/{o["custom"]}', f'confd.endpoints.custom.{o["custom"]}.update'),
        ('DELETE', '/endpoints/custom/999999', 'confd.endpoints.custom.999999.delete'),
        (
            'PUT',
            f'/lines/{o["line"]}/endpoints/sccp/{o["sccp"]}',
            f'confd.lines.{o["line"]}.endpoints.sccp.{o["sccp"]}.update',
        ),
        (
            'DELETE',
            f'/lines/{o["line"]}/endpoints/sccp/{o["sccp"]}',
            f'confd.lines.{o["line"]}.endpoints.sccp.{o["sccp"]}.delete',
        ),
        (
            'PUT',
            f'/lines/{o["line"]}/endpoints/sip/{o["sip"]}',
            f'confd.lines.{o["line"]}.endpoints.sip.{o["sip"]}.update',
        ),
        (
            'DELETE',
            f'/lines/{o["line"]}/endpoints/custom/{o["custom"]}',
            f'confd.lines.{o["line"]}.endpoints.custom.{o["custom"]}.delete',
        ),
        (
            'PUT',
            f'/users/{o["user"]}/lines/{o["sip_line"]}',
            f'confd.users.{o["user"]}.lines.{o["sip_line"]}.update',
        ),
        (
            'DELETE',
            f'/users/{o["user"]}/lines/{o["sip_line"]}',
            f'confd.users.{o["user"]}.lines.{o["sip_line"]}.delete',
        ),
        ('PUT', f'/users/{o["user"]}/lines', f'confd.users.{o["user"]}.lines.update'),
    ]


def test_each_route_is_granted_by_its_acl_and_refused_without_it(
    pg_daemon: Daemon, objects: dict[str, int | str]
) -> None:
    table = routes(objects)
    suffix = uuid.uuid4().hex[:6]
    granted = pg_daemon.admin(
        'keys', 'create', f'lines-{suffix}', '--acl', *(acl for _, _, acl in table)
    ).stdout.strip()
    other = pg_daemon.admin('keys', 'create', f'none-{suffix}', '--acl', 'confd.users.read').stdout.strip()

    for method, path, acl in table:
        allowed = pg_daemon.client(token=granted).request(method, path, json={'lines': []})
        refused = pg_daemon.client(token=other).request(method, path, json={'lines': []})
        assert allowed.status_code != 401, (method, path, acl, allowed.text)
        assert refused.status_code == 401, (method, path, acl)
