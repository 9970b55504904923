"""/users/{id}/callpermissions/{id} over HTTP against the real daemon."""

from __future__ import annotations

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.telephony import create, create_user, sub_tenant, unique


def permission(client: Client) -> dict:
    return create(client, '/callpermissions', {'name': unique('perm')})


def url(user: dict, call_permission: dict, key: str = 'uuid') -> str:
    return f'/users/{user[key]}/callpermissions/{call_permission["id"]}'


def test_associate_shows_the_permission_on_the_user(client: Client, daemon: Daemon) -> None:
    user, first, second = create_user(client), permission(client), permission(client)

    by_uuid = client.put(url(user, first))
    by_id = client.put(url(user, second, key='id'))

    assert (by_uuid.status_code, by_uuid.content) == (204, b'')
    assert by_id.status_code == 204
    expected = [
        {
            'id': made['id'],
            'name': made['name'],
            'links': [{'rel': 'callpermissions', 'href': f'{daemon.base_url}/callpermissions/{made["id"]}'}],
        }
        for made in (first, second)
    ]
    assert client.get(f'/users/{user["uuid"]}').json()['call_permissions'] == expected
    listed = client.get('/users', params={'uuid': user['uuid']}).json()['items']
    assert [item['call_permissions'] for item in listed] == [expected]


def test_associate_twice_is_no_error(client: Client) -> None:
    user, made = create_user(client), permission(client)
    client.put(url(user, made))

    assert client.put(url(user, made)).status_code == 204

    assert [p['id'] for p in client.get(f'/users/{user["uuid"]}').json()['call_permissions']] == [made['id']]


def test_a_permission_applies_to_many_users(client: Client) -> None:
    made, users = permission(client), [create_user(client), create_user(client)]
    for user in users:
        client.put(url(user, made))

    shown = client.get(f'/callpermissions/{made["id"]}').json()['users']

    assert [user['uuid'] for user in shown] == [user['uuid'] for user in users]


def test_dissociate_removes_it_and_again_is_no_error(client: Client) -> None:
    user, made = create_user(client), permission(client)
    client.put(url(user, made))

    first = client.delete(url(user, made, key='id'))
    again = client.delete(url(user, made))

    assert (first.status_code, again.status_code) == (204, 204)
    assert client.get(f'/users/{user["uuid"]}').json()['call_permissions'] == []
    assert client.get(f'/callpermissions/{made["id"]}').json()['users'] == []


def test_an_unknown_side_is_404(client: Client) -> None:
    user, made = create_user(client), permission(client)

    no_permission = client.put(f'/users/{user["uuid"]}/callpermissions/999999999')
    no_user = client.delete(f'/users/999999999/callpermissions/{made["id"]}')

    assert no_permission.status_code == 404
    assert no_permission.json() == ["Resource Not Found - CallPermission was not found ('id': 999999999)"]
    assert no_user.status_code == 404
    assert no_user.json()[0].startswith('Resource Not Found - User was not found')


def test_both_sides_must_share_a_tenant(client: Client, rows: Rows) -> None:
    user = create_user(client)
    sub = sub_tenant(rows, user['tenant_uuid'])
    theirs = permission(client.as_token(client.token, tenant=sub))

    response = client.put(url(user, theirs))

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - different tenants ('user_tenant_uuid': '{user['tenant_uuid']}', "
        f"'call_permission_tenant_uuid': '{sub}')"
    ]


def test_objects_of_a_parent_tenant_are_404_to_a_sub_tenant(client: Client, rows: Rows) -> None:
    user, made = create_user(client), permission(client)
    sub_client = client.as_token(client.token, tenant=sub_tenant(rows, user['tenant_uuid']))
    theirs = create_user(sub_client)

    assert sub_client.put(url(theirs, made)).status_code == 404
    assert sub_client.put(url(user, made)).status_code == 404


def test_deleting_the_user_removes_the_link(client: Client) -> None:
    user, made = create_user(client), permission(client)
    client.put(url(user, made))

    assert client.delete(f'/users/{user["uuid"]}').status_code == 204

    assert client.get(f'/callpermissions/{made["id"]}').json()['users'] == []
