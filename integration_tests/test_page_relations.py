"""A page embeds the same related objects as the item route: users' lines (main line first)
and voicemail, lines' users, voicemails' users.

List pages load these relationships their own way (database/page_loading.py); the item
routes load them through the ORM. Both must give the same body.
"""

from __future__ import annotations

import random

import requests

from .helpers.client import Client
from .helpers.lines import created, sip_line, unique, user


def _context(client: Client) -> str:
    body = {'label': unique('ctx'), 'user_ranges': [{'start': '10000', 'end': '19999'}]}
    return created(client.post('/contexts', json=body))['name']


def _exten() -> str:
    return str(random.randrange(10000, 20000))


def _ok(response: requests.Response) -> None:
    assert response.status_code == 204, response.text


def test_pages_embed_what_the_items_embed(client: Client) -> None:
    context = _context(client)
    owner, sharer, alone = (
        user(client, lastname='pagerel'),
        user(client, lastname='pagerel'),
        user(client, lastname='pagerel'),
    )
    main, main_sip = sip_line(client)
    second, second_sip = sip_line(client)
    extension = created(client.post('/extensions', json={'exten': _exten(), 'context': context}))
    _ok(client.put(f'/lines/{main["id"]}/extensions/{extension["id"]}'))
    _ok(client.put(f'/users/{owner["uuid"]}/lines/{main["id"]}'))
    _ok(client.put(f'/users/{owner["uuid"]}/lines/{second["id"]}'))
    _ok(client.put(f'/users/{sharer["uuid"]}/lines/{second["id"]}'))
    vm_name = unique('vm')
    voicemail = created(
        client.post(
            f'/users/{owner["uuid"]}/voicemails', json={'name': vm_name, 'number': _exten(), 'context': context}
        )
    )

    uuids = ','.join(u['uuid'] for u in (owner, sharer, alone))
    for params in (
        {'uuid': uuids},
        {'search': 'pagerel', 'uuid': uuids},
        {'uuid': uuids, 'order': 'firstname', 'offset': 1},
    ):
        page = client.get('/users', params=params).json()['items']
        assert page, params
        for item in page:
            assert item == client.get(f'/users/{item["uuid"]}').json()

    owner_page = client.get('/users', params={'uuid': owner['uuid']}).json()['items'][0]
    assert [line['id'] for line in owner_page['lines']] == [main['id'], second['id']]
    assert owner_page['lines'][0]['extensions'][0]['id'] == extension['id']
    assert owner_page['voicemail']['id'] == voicemail['id']
    for line_id, endpoint in ((main['id'], main_sip), (second['id'], second_sip)):
        line_page = client.get('/lines', params={'search': endpoint['name']}).json()['items']
        assert line_page == [client.get(f'/lines/{line_id}').json()]
    assert [u['uuid'] for u in line_page[0]['users']] == [owner['uuid'], sharer['uuid']]
    voicemail_page = client.get('/voicemails', params={'search': vm_name}).json()['items']
    assert voicemail_page == [client.get(f'/voicemails/{voicemail["id"]}').json()]
    assert [u['uuid'] for u in voicemail_page[0]['users']] == [owner['uuid']]
