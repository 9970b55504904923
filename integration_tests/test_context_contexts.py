"""PUT /contexts/{id}/contexts over HTTP against the real daemon: the contexts a context
includes, in order, shown as its `contexts`."""

from __future__ import annotations

import requests

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.telephony import create_context, sub_tenant


def include(client: Client, context: dict, *included: dict) -> requests.Response:
    return client.put(f'/contexts/{context["id"]}/contexts', json={'contexts': [{'id': c['id']} for c in included]})


def shown(daemon: Daemon, context: dict) -> dict:
    return {
        'id': context['id'],
        'name': context['name'],
        'label': context['label'],
        'links': [{'rel': 'contexts', 'href': f'{daemon.base_url}/contexts/{context["id"]}'}],
    }


def test_a_context_shows_what_it_includes_in_order(client: Client, daemon: Daemon) -> None:
    internal = create_context(client)
    second, first = create_context(client, type='outcall'), create_context(client, type='outcall')

    response = include(client, internal, first, second)

    assert response.status_code == 204
    after = client.get(f'/contexts/{internal["id"]}').json()
    assert after['contexts'] == [shown(daemon, first), shown(daemon, second)]
    listed = client.get('/contexts', params={'search': internal['name']}).json()['items']
    assert [item['contexts'] for item in listed] == [after['contexts']]
    assert client.get(f'/contexts/{first["id"]}').json()['contexts'] == []


def test_a_new_list_replaces_the_old_one(client: Client, daemon: Daemon) -> None:
    internal, a, b, c = (create_context(client) for _ in range(4))
    include(client, internal, a, b)

    include(client, internal, c, a)

    assert client.get(f'/contexts/{internal["id"]}').json()['contexts'] == [shown(daemon, c), shown(daemon, a)]


def test_an_empty_list_includes_nothing(client: Client) -> None:
    internal, other = create_context(client), create_context(client)
    include(client, internal, other)

    assert include(client, internal).status_code == 204

    assert client.get(f'/contexts/{internal["id"]}').json()['contexts'] == []


def test_deleting_an_included_context_removes_it_from_the_list(client: Client) -> None:
    internal, other = create_context(client), create_context(client)
    include(client, internal, other)

    assert client.delete(f'/contexts/{other["id"]}').status_code == 204

    assert client.get(f'/contexts/{internal["id"]}').json()['contexts'] == []


def test_a_context_cannot_include_itself(client: Client) -> None:
    internal = create_context(client)

    response = include(client, internal, internal)

    assert response.status_code == 400
    assert response.json() == ['Resource Error - Operation not permitted. Cannot include context inside itself']


def test_a_context_is_included_once(client: Client) -> None:
    internal, other = create_context(client), create_context(client)

    response = include(client, internal, other, other)

    assert response.status_code == 400
    assert response.json() == ['Resource Error - Operation not permitted. Cannot include same context more than once']


def test_a_repeat_is_refused_before_the_context_itself(client: Client) -> None:
    # Upstream's order of checks: repeats first.
    internal = create_context(client)

    response = include(client, internal, internal, internal)

    assert response.status_code == 400
    assert response.json() == ['Resource Error - Operation not permitted. Cannot include same context more than once']


def test_an_unknown_listed_context_is_an_input_error(client: Client) -> None:
    internal = create_context(client)

    response = client.put(f'/contexts/{internal["id"]}/contexts', json={'contexts': [{'id': 999999999}]})

    assert response.status_code == 400
    assert response.json() == ["Input Error - field 'contexts': Context was not found ('id': 999999999)"]


def test_an_unknown_context_is_404(client: Client) -> None:
    response = client.put('/contexts/999999999/contexts', json={'contexts': []})

    assert response.status_code == 404
    assert response.json() == ["Resource Not Found - Context was not found ('id': 999999999)"]


def test_invalid_bodies_are_400(client: Client) -> None:
    internal = create_context(client)
    path = f'/contexts/{internal["id"]}/contexts'

    bodies: list[object] = [
        {},
        {'contexts': None},
        {'contexts': [{}]},
        {'contexts': [{'id': 'one'}]},
        {'contexts': 'x'},
        [],
    ]
    for body in bodies:
        response = client.put(path, json=body)
        assert response.status_code == 400, body
        assert response.json()[0].startswith('Input Error - '), body


def test_contexts_of_other_tenants(client: Client, rows: Rows) -> None:
    internal = create_context(client)
    sub_client = client.as_token(client.token, tenant=sub_tenant(rows, internal['tenant_uuid']))
    theirs = create_context(sub_client)

    from_parent = include(client, internal, theirs)
    from_sub = include(sub_client, theirs, internal)

    assert from_parent.status_code == 400
    assert from_parent.json() == [
        f"Resource Error - different tenants ('context_tenant_uuid': '{internal['tenant_uuid']}', "
        f"'included_context_tenant_uuid': '{theirs['tenant_uuid']}')"
    ]
    assert from_sub.status_code == 400
    assert from_sub.json() == [f"Input Error - field 'contexts': Context was not found ('id': {internal['id']})"]
    assert sub_client.put(f'/contexts/{internal["id"]}/contexts', json={'contexts': []}).status_code == 404
