"""Asterisk reload requests to a wazo-sysconfd stand-in, and the live reload setting."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text

from .helpers.bus import wait_for
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.sysconfd import SysconfdStandIn, daemon_with_sysconfd, sent_out
from .helpers.sysconfd import reloads_of as reloads_received

USER_RELOAD = {
    'ipbx': [
        'dialplan reload',
        'module reload chan_sccp.so',
        'module reload app_queue.so',
        'module reload res_pjsip.so',
    ],
    'agentbus': [],
}


@pytest.fixture(scope='module', params=['postgresql', 'sqlite'])
def reload_daemon(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sysconfd: SysconfdStandIn
) -> Iterator[Daemon]:
    with daemon_with_sysconfd(request.param, tmp_path_factory, sysconfd, 'sysconfd', {}) as daemon:
        yield daemon


@pytest.fixture
def rows(reload_daemon: Daemon) -> Iterator[Rows]:
    peek = Rows(reload_daemon.db_uri)
    yield peek
    peek.dispose()


def settle(rows: Rows) -> None:
    sent_out(rows)()


def test_each_user_write_sends_the_contract_commands(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    settle(rows)
    user: dict = {}

    def expect_reload(write: Callable[[], object]) -> None:
        before = len(sysconfd.requests)
        write()
        assert wait_for(lambda: len(sysconfd.requests) > before)
        time.sleep(0.2)  # a second request for the same write would come now
        assert sysconfd.requests[before:] == [USER_RELOAD]

    expect_reload(lambda: user.update(client.post('/users', json={'firstname': 'Reload'}).json()))
    expect_reload(lambda: client.put(f'/users/{user["id"]}', json={'firstname': 'Again'}))
    expect_reload(lambda: client.delete(f'/users/{user["id"]}'))


def test_a_context_write_sends_the_dialplan_reload(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    settle(rows)
    before = len(sysconfd.requests)

    assert reload_daemon.client().post('/contexts', json={'label': 'reloaded'}).status_code == 201

    assert wait_for(lambda: len(sysconfd.requests) > before)
    time.sleep(0.2)
    assert sysconfd.requests[before:] == [{'ipbx': ['dialplan reload'], 'agentbus': []}]


EXTENSION_EDIT_RELOAD = {
    'ipbx': [
        'dialplan reload',
        'module reload res_pjsip.so',
        'module reload chan_sccp.so',
        'module reload app_queue.so',
    ],
    'agentbus': [],
}


def reloads_of(sysconfd: SysconfdStandIn, rows: Rows, write: Callable[[], object]) -> list:
    """The request bodies wazo-sysconfd received for one write, once earlier ones are out."""
    return reloads_received(sysconfd, write, settle=sent_out(rows))


def test_a_context_inclusion_sends_the_dialplan_reload(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    internal, other = (client.post('/contexts', json={'label': 'incl'}).json() for _ in range(2))
    body = {'contexts': [{'id': other['id']}]}

    sent = reloads_of(sysconfd, rows, lambda: client.put(f'/contexts/{internal["id"]}/contexts', json=body))

    assert sent == [{'ipbx': ['dialplan reload'], 'agentbus': []}]


def test_call_permission_writes_send_no_reload(reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows) -> None:
    client = reload_daemon.client()
    made: dict = {}
    user = client.post('/users', json={'firstname': 'Permitted'}).json()
    settle(rows)

    writes = [
        lambda: made.update(client.post('/callpermissions', json={'name': f'perm-{uuid.uuid4().hex}'}).json()),
        lambda: client.put(f'/callpermissions/{made["id"]}', json={'mode': 'allow'}),
        lambda: client.put(f'/users/{user["uuid"]}/callpermissions/{made["id"]}'),
        lambda: client.delete(f'/users/{user["uuid"]}/callpermissions/{made["id"]}'),
        lambda: client.delete(f'/callpermissions/{made["id"]}'),
    ]

    assert [reloads_of(sysconfd, rows, write) for write in writes] == [[]] * len(writes)


def test_extension_writes_send_the_contract_reloads(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'exts'}).json()['name']
    made: dict = {}
    dialplan = [{'ipbx': ['dialplan reload'], 'agentbus': []}]

    def create() -> None:
        made.update(client.post('/extensions', json={'exten': '4321', 'context': context}).json())

    assert reloads_of(sysconfd, rows, create) == dialplan
    assert reloads_of(sysconfd, rows, lambda: client.put(f'/extensions/{made["id"]}', json={'exten': '4322'})) == [
        EXTENSION_EDIT_RELOAD
    ]
    assert reloads_of(sysconfd, rows, lambda: client.delete(f'/extensions/{made["id"]}')) == dialplan


def test_an_extension_edit_that_changes_nothing_sends_no_reload(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'same'}).json()['name']
    extension = client.post('/extensions', json={'exten': '4400', 'context': context}).json()

    def same() -> None:
        assert client.put(f'/extensions/{extension["id"]}', json={'exten': '4400'}).status_code == 204

    assert reloads_of(sysconfd, rows, same) == []


def test_voicemail_writes_send_the_contract_reloads(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'vms'}).json()['name']
    made: dict = {}
    voicemail_reload = [{'ipbx': ['voicemail reload'], 'agentbus': []}]
    edit_reload = [
        {'ipbx': ['voicemail reload', 'module reload res_pjsip.so', 'module reload chan_sccp.so'], 'agentbus': []}
    ]

    def create() -> None:
        made.update(client.post('/voicemails', json={'name': 'vm', 'number': '5000', 'context': context}).json())

    assert reloads_of(sysconfd, rows, create) == voicemail_reload
    assert (
        reloads_of(sysconfd, rows, lambda: client.put(f'/voicemails/{made["id"]}', json={'name': 'x'})) == edit_reload
    )
    assert reloads_of(sysconfd, rows, lambda: client.delete(f'/voicemails/{made["id"]}')) == voicemail_reload


VOICEMAIL_EDIT_RELOAD = (
    'exec_request_handlers',
    {'ipbx': ['voicemail reload', 'module reload res_pjsip.so', 'module reload chan_sccp.so'], 'agentbus': []},
)
VOICEMAIL_RELOAD = ('exec_request_handlers', {'ipbx': ['voicemail reload'], 'agentbus': []})


def calls_of(sysconfd: SysconfdStandIn, rows: Rows, write: Callable[[], object]) -> list:
    """The requests wazo-sysconfd received for one write, in arrival order."""
    settle(rows)
    before = len(sysconfd.calls)
    write()
    settle(rows)
    time.sleep(0.2)  # a late request for the same write would come now
    return sysconfd.calls[before:]


def test_a_voicemail_number_or_context_change_moves_its_mailbox_before_the_reload(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    first = client.post('/contexts', json={'label': 'vm-from'}).json()['name']
    second = client.post('/contexts', json={'label': 'vm-to'}).json()['name']
    voicemail = client.post('/voicemails', json={'name': 'mv', 'number': '5100', 'context': first}).json()
    url = f'/voicemails/{voicemail["id"]}'

    renumbered = calls_of(sysconfd, rows, lambda: client.put(url, json={'number': '5101'}))
    moved = calls_of(sysconfd, rows, lambda: client.put(url, json={'context': second}))

    assert renumbered == [
        ('move_voicemail', {'old_mailbox': '5100', 'old_context': first, 'new_mailbox': '5101', 'new_context': first}),
        VOICEMAIL_EDIT_RELOAD,
    ]
    assert moved == [
        ('move_voicemail', {'old_mailbox': '5101', 'old_context': first, 'new_mailbox': '5101', 'new_context': second}),
        VOICEMAIL_EDIT_RELOAD,
    ]


def test_a_voicemail_edit_keeping_its_mailbox_moves_nothing(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'vm-stay'}).json()['name']
    voicemail = client.post('/voicemails', json={'name': 'st', 'number': '5200', 'context': context}).json()
    url = f'/voicemails/{voicemail["id"]}'

    assert calls_of(sysconfd, rows, lambda: client.put(url, json={'name': 'renamed', 'number': '5200'})) == [
        VOICEMAIL_EDIT_RELOAD
    ]


def test_a_refused_voicemail_edit_moves_nothing(reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'vm-refused'}).json()['name']
    client.post('/voicemails', json={'name': 'a', 'number': '5300', 'context': context})
    voicemail = client.post('/voicemails', json={'name': 'b', 'number': '5301', 'context': context}).json()

    def clash() -> None:
        assert client.put(f'/voicemails/{voicemail["id"]}', json={'number': '5300'}).status_code == 400

    assert calls_of(sysconfd, rows, clash) == []


def test_a_voicemail_delete_deletes_its_mailbox_before_the_reload(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'vm-gone'}).json()['name']
    voicemail = client.post('/voicemails', json={'name': 'del', 'number': '5400', 'context': context}).json()

    assert calls_of(sysconfd, rows, lambda: client.delete(f'/voicemails/{voicemail["id"]}')) == [
        ('delete_voicemail', {'mailbox': '5400', 'context': context}),
        VOICEMAIL_RELOAD,
    ]


def test_mailbox_calls_made_while_sysconfd_is_down_arrive_later_in_commit_order(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'vm-down'}).json()['name']
    voicemail = client.post('/voicemails', json={'name': 'dn', 'number': '5500', 'context': context}).json()
    url = f'/voicemails/{voicemail["id"]}'
    settle(rows)
    before = len(sysconfd.calls)
    sysconfd.stop()
    try:
        assert client.put(url, json={'number': '5501'}).status_code == 204
        assert client.put(url, json={'number': '5502'}).status_code == 204
        assert client.delete(url).status_code == 204
        assert wait_for(lambda: client.get('/status').json()['sysconfd']['status'] == 'fail')
    finally:
        sysconfd.start()

    settle(rows)
    mailbox_calls = [call for call in sysconfd.calls[before:] if call[0] != 'exec_request_handlers']
    assert mailbox_calls == [
        (
            'move_voicemail',
            {'old_mailbox': '5500', 'old_context': context, 'new_mailbox': '5501', 'new_context': context},
        ),
        (
            'move_voicemail',
            {'old_mailbox': '5501', 'old_context': context, 'new_mailbox': '5502', 'new_context': context},
        ),
        ('delete_voicemail', {'mailbox': '5502', 'context': context}),
    ]
    assert sysconfd.calls[-1][0] == 'exec_request_handlers'  # the reloads come after the moves


def test_mailbox_calls_are_sent_with_live_reload_off(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'vm-quiet'}).json()['name']
    voicemail = client.post('/voicemails', json={'name': 'q', 'number': '5600', 'context': context}).json()
    assert client.put('/configuration/live_reload', json={'enabled': False}).status_code == 204
    try:
        calls = calls_of(sysconfd, rows, lambda: client.delete(f'/voicemails/{voicemail["id"]}'))
    finally:
        assert client.put('/configuration/live_reload', json={'enabled': True}).status_code == 204

    assert calls == [('delete_voicemail', {'mailbox': '5600', 'context': context})]


def test_line_endpoint_links_send_the_module_reload_of_their_kind(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'links'}).json()['name']
    line = client.post('/lines', json={'context': context}).json()
    endpoint = client.post('/endpoints/sccp', json={}).json()
    url = f'/lines/{line["id"]}/endpoints/sccp/{endpoint["id"]}'
    sccp = [{'ipbx': ['module reload chan_sccp.so'], 'agentbus': []}]

    assert reloads_of(sysconfd, rows, lambda: client.put(url)) == sccp
    assert reloads_of(sysconfd, rows, lambda: client.delete(url)) == sccp


def test_a_zone_messages_write_sends_the_voicemail_reload(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    zones = client.get('/asterisk/voicemail/zonemessages').json()
    settle(rows)
    before = len(sysconfd.requests)

    assert client.put('/asterisk/voicemail/zonemessages', json=zones).status_code == 204

    assert wait_for(lambda: len(sysconfd.requests) > before)
    time.sleep(0.2)
    assert sysconfd.requests[before:] == [{'ipbx': ['voicemail reload'], 'agentbus': []}]


def test_outcall_extension_links_send_the_dialplan_reload(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'out', 'type': 'outcall'}).json()['name']
    extension = client.post('/extensions', json={'exten': '_9.', 'context': context}).json()
    outcall = client.post('/outcalls', json={'name': f'out-{uuid.uuid4().hex[:8]}'}).json()
    link = f'/outcalls/{outcall["id"]}/extensions/{extension["id"]}'
    dialplan = [{'ipbx': ['dialplan reload'], 'agentbus': []}]

    assert reloads_of(sysconfd, rows, lambda: client.put(link, json={'strip_digits': 1})) == dialplan
    # A new pattern of the same link changes no dialplan (read at call time): no reload.
    assert reloads_of(sysconfd, rows, lambda: client.put(link, json={'strip_digits': 2})) == []
    assert reloads_of(sysconfd, rows, lambda: client.delete(link)) == dialplan


def test_outcall_writes_send_no_reload(reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows) -> None:
    client = reload_daemon.client()
    made: dict = {}

    def create() -> None:
        made.update(client.post('/outcalls', json={'name': f'out-{uuid.uuid4().hex[:8]}'}).json())

    assert reloads_of(sysconfd, rows, create) == []
    assert reloads_of(sysconfd, rows, lambda: client.put(f'/outcalls/{made["id"]}', json={'ring_time': 5})) == []
    assert reloads_of(sysconfd, rows, lambda: client.delete(f'/outcalls/{made["id"]}')) == []


def test_a_registrar_write_sends_no_reload(reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows) -> None:
    settle(rows)
    before = len(sysconfd.requests)

    response = reload_daemon.client().post('/registrars', json={'main_host': 'h', 'proxy_main_host': 'h'})

    assert response.status_code == 201
    time.sleep(0.5)
    assert rows.count('sysconfd_request') == rows.count('sysconfd_request', 'sent_at IS NOT NULL')
    assert sysconfd.requests[before:] == []


def test_reloads_recorded_while_sysconfd_is_down_all_arrive_later(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    settle(rows)
    before_rows = rows.count('sysconfd_request')
    sysconfd.stop()
    try:
        for i in range(10):
            assert client.post('/users', json={'firstname': f'down{i}'}).status_code == 201
        assert client.post('/users', json={}).status_code == 400  # rolled back
        status = wait_for(lambda: (s := client.get('/status').json()['sysconfd'])['status'] == 'fail' and s)
        assert status['backlog'] == 10
        received_before = len(sysconfd.requests)
    finally:
        sysconfd.start()

    settle(rows)
    assert rows.count('sysconfd_request') - before_rows == 10
    assert len(sysconfd.requests) > received_before
    assert all(body == USER_RELOAD for body in sysconfd.requests[received_before:])
    assert wait_for(lambda: client.get('/status').json()['sysconfd'] == {'status': 'ok', 'backlog': 0})


def test_live_reload_off_records_and_sends_nothing(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    settle(rows)
    assert client.put('/configuration/live_reload', json={'enabled': False}).status_code == 204
    try:
        assert client.get('/configuration/live_reload').json() == {'enabled': False}
        before_rows, before_requests = rows.count('sysconfd_request'), len(sysconfd.requests)

        assert client.post('/users', json={'firstname': 'Quiet'}).status_code == 201
        time.sleep(0.5)

        assert rows.count('sysconfd_request') == before_rows
        assert len(sysconfd.requests) == before_requests
    finally:
        assert client.put('/configuration/live_reload', json={'enabled': True}).status_code == 204
    assert client.get('/configuration/live_reload').json() == {'enabled': True}


def test_live_reload_edited_event_is_written(reload_daemon: Daemon, rows: Rows) -> None:
    client = reload_daemon.client()
    published = Events(client)
    assert client.put('/configuration/live_reload', json={'enabled': True}).status_code == 204

    event = published.one('live_reload_edited')

    assert event['routing_key'] == 'config.live_reload.edited'
    assert event['body']['data'] == {'live_reload_enabled': True}
    assert 'tenant_uuid' not in event['headers']
    assert event['headers']['required_acl'] == 'events.config.live_reload.edited'


def test_live_reload_refuses_a_non_boolean(reload_daemon: Daemon) -> None:
    response = reload_daemon.client().put('/configuration/live_reload', json={'enabled': 'yes'})

    assert response.status_code == 400
    assert response.json()[0].startswith('Input Error - enabled:')


def test_live_reload_is_for_the_master_tenant_only(reload_daemon: Daemon) -> None:
    tenant_uuid = str(uuid.uuid4())
    engine = create_engine(reload_daemon.db_uri)
    with engine.begin() as connection:
        connection.execute(
            text('INSERT INTO tenant (uuid, name, created_at) VALUES (:uuid, :name, CURRENT_TIMESTAMP)'),
            {'uuid': tenant_uuid, 'name': 'sub'},
        )
    engine.dispose()
    secret = reload_daemon.admin(
        'keys', 'create', f'sub-{tenant_uuid[:8]}', '--acl', 'confd.#', '--tenant', tenant_uuid
    )
    sub = reload_daemon.client(token=secret.stdout.strip())

    assert sub.get('/configuration/live_reload').status_code == 401
    assert sub.put('/configuration/live_reload', json={'enabled': False}).status_code == 401
    assert reload_daemon.client().get('/configuration/live_reload').status_code == 200


def test_user_line_and_line_extension_links_send_the_contract_reloads(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'ul', 'user_ranges': [{'start': '1000', 'end': '1999'}]}).json()[
        'name'
    ]
    line = client.post('/lines', json={'context': context, 'endpoint_sccp': {'options': [['allow', 'ulaw']]}}).json()
    user = client.post('/users', json={'firstname': 'reloads'}).json()
    extension = client.post('/extensions', json={'exten': '1234', 'context': context}).json()
    user_line = f'/users/{user["uuid"]}/lines/{line["id"]}'
    line_extension = f'/lines/{line["id"]}/extensions/{extension["id"]}'
    user_line_reload = [{'ipbx': ['dialplan reload', 'module reload res_pjsip.so'], 'agentbus': []}]
    line_extension_reload = [
        {'ipbx': ['dialplan reload', 'module reload res_pjsip.so', 'module reload app_queue.so'], 'agentbus': []}
    ]

    def write(method: str, url: str) -> None:
        response = client.request(method, url)
        assert response.status_code == 204, response.text

    assert reloads_of(sysconfd, rows, lambda: write('PUT', user_line)) == user_line_reload
    assert reloads_of(sysconfd, rows, lambda: write('PUT', line_extension)) == line_extension_reload
    assert reloads_of(sysconfd, rows, lambda: write('DELETE', line_extension)) == line_extension_reload
    assert reloads_of(sysconfd, rows, lambda: write('DELETE', user_line)) == user_line_reload


def test_user_voicemail_links_send_the_contract_reloads(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'uv'}).json()['name']
    voicemail = client.post('/voicemails', json={'name': 'uv', 'number': '5100', 'context': context}).json()
    user = client.post('/users', json={'firstname': 'voicemail reloads'}).json()
    modules = [{'ipbx': ['module reload res_pjsip.so', 'module reload chan_sccp.so'], 'agentbus': []}]

    link = f'/users/{user["id"]}/voicemails/{voicemail["id"]}'
    assert reloads_of(sysconfd, rows, lambda: client.put(link)) == modules
    assert reloads_of(sysconfd, rows, lambda: client.delete(f'/users/{user["id"]}/voicemails')) == modules


def test_a_recursive_user_delete_deletes_the_mailbox_of_its_voicemail(
    reload_daemon: Daemon, sysconfd: SysconfdStandIn, rows: Rows
) -> None:
    client = reload_daemon.client()
    context = client.post('/contexts', json={'label': 'vm-user'}).json()['name']
    user = client.post('/users', json={'firstname': 'Gone'}).json()
    body = {'name': 'own', 'number': '5700', 'context': context}
    assert client.post(f'/users/{user["id"]}/voicemails', json=body).status_code == 201

    calls = calls_of(sysconfd, rows, lambda: client.delete(f'/users/{user["id"]}?recursive=true'))

    assert calls[0] == ('delete_voicemail', {'mailbox': '5700', 'context': context})
    [(name, reloads)] = calls[1:]
    assert name == 'exec_request_handlers'
    assert set(reloads['ipbx']) == {'voicemail reload', *USER_RELOAD['ipbx']}
