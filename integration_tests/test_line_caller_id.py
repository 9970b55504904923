"""A line's caller ID follows its main user: written to its endpoint whenever the main user,
the main extension or the endpoint changes (upstream's line fixes)."""

from __future__ import annotations

import uuid

import requests

from .helpers.client import Client
from .helpers.events import Events
from .helpers.telephony import create, create_context, unique


def _line(client: Client, endpoint: dict) -> tuple[dict, dict]:
    context = create_context(client)
    return context, create(client, '/lines', {'context': context['name'], **endpoint})


def _extension(client: Client, context: dict) -> dict:
    exten = str(1000 + uuid.uuid4().int % 900)
    return create(client, '/extensions', {'exten': exten, 'context': context['name']})


def _ok(response: requests.Response) -> None:
    assert response.status_code == 204, response.text


def _sip_callerid(client: Client, line: dict) -> list:
    endpoint = client.get(f'/endpoints/sip/{line["endpoint_sip"]["uuid"]}').json()
    return [value for key, value in endpoint['endpoint_section_options'] if key == 'callerid']


def _sccp_cid(client: Client, line: dict) -> dict:
    options = client.get(f'/endpoints/sccp/{line["endpoint_sccp"]["id"]}').json()['options']
    return {key: value for key, value in options if key in ('cid_name', 'cid_num')}


def _shown(client: Client, line: dict) -> tuple[str | None, str | None]:
    body = client.get(f'/lines/{line["id"]}').json()
    return body['caller_id_name'], body['caller_id_num']


def test_a_sip_line_takes_its_main_users_name(client: Client) -> None:
    _, line = _line(client, {'endpoint_sip': {}})
    user = create(client, '/users', {'firstname': 'Ann', 'lastname': unique('L')})

    _ok(client.put(f'/users/{user["uuid"]}/lines/{line["id"]}'))

    assert _sip_callerid(client, line) == [f'"Ann {user["lastname"]}"']
    assert _shown(client, line) == (f'Ann {user["lastname"]}', None)


def test_the_users_number_comes_before_the_extension(client: Client) -> None:
    context, line = _line(client, {'endpoint_sip': {}})
    extension = _extension(client, context)
    _ok(client.put(f'/lines/{line["id"]}/extensions/{extension["id"]}'))
    plain = create(client, '/users', {'firstname': 'Bea'})
    numbered = create(client, '/users', {'firstname': 'Cy', 'caller_id': '"Cyril" <5551>'})

    _ok(client.put(f'/users/{plain["id"]}/lines/{line["id"]}'))
    with_extension = _sip_callerid(client, line)
    _ok(client.delete(f'/users/{plain["id"]}/lines/{line["id"]}'))
    _ok(client.put(f'/users/{numbered["id"]}/lines/{line["id"]}'))

    assert with_extension == [f'"Bea" <{extension["exten"]}>']
    assert _sip_callerid(client, line) == ['"Cyril" <5551>']
    assert _shown(client, line) == ('Cyril', '5551')


def test_linking_and_unlinking_the_main_extension_rewrites_it(client: Client) -> None:
    context, line = _line(client, {'endpoint_sip': {'endpoint_section_options': [['callerid', '"Old" <1>']]}})
    user = create(client, '/users', {'firstname': 'Dee'})
    _ok(client.put(f'/users/{user["id"]}/lines/{line["id"]}'))
    extension = _extension(client, context)

    _ok(client.put(f'/lines/{line["id"]}/extensions/{extension["id"]}'))
    linked = _sip_callerid(client, line)
    _ok(client.delete(f'/lines/{line["id"]}/extensions/{extension["id"]}'))

    assert linked == [f'"Dee" <{extension["exten"]}>']
    assert _sip_callerid(client, line) == ['"Dee"']
    assert client.get('/lines', params={'search': 'Dee', 'context': context['name']}).json()['total'] == 1


def test_editing_the_main_user_rewrites_it_without_endpoint_events(client: Client) -> None:
    _, line = _line(client, {'endpoint_sip': {}})
    user = create(client, '/users', {'firstname': 'Eve'})
    _ok(client.put(f'/users/{user["id"]}/lines/{line["id"]}'))
    published = Events(client)

    _ok(client.put(f'/users/{user["uuid"]}', json={'caller_id': '"Evelyn" <777>'}))
    named = _sip_callerid(client, line)
    _ok(client.put(f'/users/{user["uuid"]}', json={'caller_id': '"Eva Z"', 'firstname': 'Eva', 'lastname': 'Z'}))

    assert named == ['"Evelyn" <777>']
    assert _sip_callerid(client, line) == ['"Eva Z"']
    assert _shown(client, line) == ('Eva Z', None)
    # As upstream, the endpoint is rewritten as part of the user's edit: its event is the user's.
    assert [e['name'] for e in published.all()] == ['user_edited', 'user_edited']


def test_a_secondary_user_changes_nothing(client: Client) -> None:
    _, line = _line(client, {'endpoint_sip': {}})
    main, other = (create(client, '/users', {'firstname': name}) for name in ('Fay', 'Gus'))
    _ok(client.put(f'/users/{main["id"]}/lines/{line["id"]}'))

    _ok(client.put(f'/users/{other["id"]}/lines/{line["id"]}'))
    _ok(client.put(f'/users/{other["id"]}', json={'caller_id': '"Gustave"'}))

    assert _sip_callerid(client, line) == ['"Fay"']


def test_sccp_takes_the_name_then_the_extension_or_the_users_number(client: Client) -> None:
    context, line = _line(client, {'endpoint_sccp': {'options': [['allow', 'ulaw']]}})
    user = create(client, '/users', {'firstname': 'Hal', 'caller_id': '"Hal" <4242>'})

    _ok(client.put(f'/users/{user["id"]}/lines/{line["id"]}'))
    without_extension = _sccp_cid(client, line)
    extension = _extension(client, context)
    _ok(client.put(f'/lines/{line["id"]}/extensions/{extension["id"]}'))
    with_extension = _sccp_cid(client, line)
    _ok(client.put(f'/users/{user["id"]}', json={'caller_id': '"Hal"'}))
    _ok(client.delete(f'/lines/{line["id"]}/extensions/{extension["id"]}'))

    assert without_extension == {'cid_name': 'Hal', 'cid_num': '4242'}
    assert with_extension == {'cid_name': 'Hal', 'cid_num': extension['exten']}
    # As upstream, an empty caller ID option is not shown (the line shows it empty).
    assert _sccp_cid(client, line) == {'cid_name': 'Hal'}
    assert _shown(client, line) == ('Hal', '')


def test_a_new_endpoint_takes_it(client: Client) -> None:
    _, line = _line(client, {'endpoint_sip': {}})
    user = create(client, '/users', {'firstname': 'Ivy', 'caller_id': '"Ivy" <303>'})
    _ok(client.put(f'/users/{user["id"]}/lines/{line["id"]}'))
    # The endpoint goes (the line keeps its user), another one comes.
    _ok(client.delete(f'/endpoints/sip/{line["endpoint_sip"]["uuid"]}'))
    endpoint = create(client, '/endpoints/sip', {'label': unique('sip')})

    _ok(client.put(f'/lines/{line["id"]}/endpoints/sip/{endpoint["uuid"]}'))

    after = client.get(f'/endpoints/sip/{endpoint["uuid"]}').json()['endpoint_section_options']
    assert after == [['callerid', '"Ivy" <303>']]
    assert _shown(client, line) == ('Ivy', '303')


def test_a_line_without_user_keeps_its_own(client: Client) -> None:
    context, line = _line(client, {'endpoint_sip': {'endpoint_section_options': [['callerid', '"Own" <9>']]}})
    extension = _extension(client, context)

    _ok(client.put(f'/lines/{line["id"]}/extensions/{extension["id"]}'))

    assert _sip_callerid(client, line) == ['"Own" <9>']


def test_a_line_edit_keeps_the_main_users_caller_id_and_the_extensions_context(client: Client) -> None:
    context, line = _line(client, {'endpoint_sip': {}})
    extension = _extension(client, context)
    _ok(client.put(f'/lines/{line["id"]}/extensions/{extension["id"]}'))
    user = create(client, '/users', {'firstname': 'Kay', 'lastname': unique('L')})
    _ok(client.put(f'/users/{user["uuid"]}/lines/{line["id"]}'))
    other = create_context(client)

    # As upstream, the line fixes that follow every line edit put both back.
    _ok(client.put(f'/lines/{line["id"]}', json={'caller_id_name': 'Other', 'context': other['name']}))

    assert _sip_callerid(client, line) == [f'"Kay {user["lastname"]}" <{extension["exten"]}>']
    assert client.get(f'/lines/{line["id"]}').json()['context'] == context['name']


def test_an_extension_edit_moves_its_lines_and_rewrites_their_caller_id(client: Client) -> None:
    context, line = _line(client, {'endpoint_sip': {}})
    extension = _extension(client, context)
    _ok(client.put(f'/lines/{line["id"]}/extensions/{extension["id"]}'))
    user = create(client, '/users', {'firstname': 'Lou', 'lastname': unique('L')})
    _ok(client.put(f'/users/{user["uuid"]}/lines/{line["id"]}'))
    other = create_context(client)

    _ok(client.put(f'/extensions/{extension["id"]}', json={'exten': '1999', 'context': other['name']}))

    assert _sip_callerid(client, line) == [f'"Lou {user["lastname"]}" <1999>']
    assert client.get(f'/lines/{line["id"]}').json()['context'] == other['name']
