"""HTTP behaviour shared by every route: errors, limits, CORS, proxies."""

from __future__ import annotations

import json

import requests

from integration_tests.helpers.client import Client
from integration_tests.helpers.daemon import Daemon

# Malformed, truncated, non-object, duplicate-key, invalid UTF-8 and deeply nested bodies
# are in test_bad_input.py, aimed at every route of the OpenAPI document.


def test_content_type_is_not_required(client: Client) -> None:
    response = client.post('/users', data=json.dumps({'firstname': 'NoType'}), headers={'Content-Type': 'text/plain'})

    assert response.status_code == 201


def test_body_over_max_content_length_is_413(daemon: Daemon) -> None:
    client = daemon.client()
    too_big = daemon.config.get('rest_api', {}).get('max_content_length', 40 * 1024 * 1024) + 1

    response = client.post('/users', data=b'{"firstname": "' + b'x' * too_big + b'"}')

    assert response.status_code == 413
    assert response.json()[0].startswith('Input Error - ')


def test_unknown_route_is_a_json_404(client: Client) -> None:
    response = client.get('/no-such-thing')

    assert response.status_code == 404
    assert response.headers['Content-Type'] == 'application/json'
    assert isinstance(response.json(), list)


def test_wrong_method_is_405(client: Client) -> None:
    response = client.request('PATCH', '/users')

    assert response.status_code == 405


def test_cors_preflight_allows_the_wazo_headers(daemon: Daemon) -> None:
    response = requests.options(
        f'{daemon.base_url}/users',
        headers={
            'Origin': 'https://ui.example.com',
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'X-Auth-Token, Wazo-Tenant, Content-Type',
        },
        timeout=10,
    )

    assert response.status_code == 200
    assert response.headers['Access-Control-Allow-Origin'] in ('*', 'https://ui.example.com')
    allowed = response.headers['Access-Control-Allow-Headers'].lower()
    assert 'x-auth-token' in allowed and 'wazo-tenant' in allowed


def test_forwarded_headers_shape_location_and_links(client: Client) -> None:
    response = client.post(
        '/users',
        json={'firstname': 'Proxied'},
        headers={'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'pbx.example.com', 'X-Script-Name': '/api/confd'},
    )

    assert response.status_code == 201
    user = response.json()
    expected = f'https://pbx.example.com/api/confd/1.1/users/{user["id"]}'
    assert response.headers['Location'] == expected
    assert user['links'][0]['href'] == expected


def test_every_error_body_ends_with_a_newline(daemon: Daemon, client: Client) -> None:
    too_big = daemon.config.get('rest_api', {}).get('max_content_length', 40 * 1024 * 1024) + 1
    answers = {
        400: client.post('/users', json={}),
        401: daemon.client('not-a-key').get('/users'),
        404: client.get('/users/999999999'),
        405: client.request('PATCH', '/users'),
        413: client.post('/users', data=b'{"firstname": "' + b'x' * too_big + b'"}'),
    }

    assert {status: response.status_code for status, response in answers.items()} == {s: s for s in answers}
    assert [status for status, response in answers.items() if not response.text.endswith(']\n')] == []


def test_success_json_bodies_end_with_a_newline(client: Client) -> None:
    created = client.post('/users', json={'firstname': 'Newline'})
    listed = client.get('/users')
    shown = client.get(f'/users/{created.json()["uuid"]}')

    assert [r.status_code for r in (created, listed, shown)] == [201, 200, 200]
    assert all(r.text.endswith('}\n') for r in (created, listed, shown))
