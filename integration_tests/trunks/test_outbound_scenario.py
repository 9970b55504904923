"""How an administrator sets up outbound calling through HTTP alone, then takes it down:
an outcall context `to-extern` included by the internal context, a SIP trunk with its
endpoint, an outcall dialled through `_9.` (the 9 stripped) going out through the trunk,
and a call permission denying `_900.` to one user. Every step's events are read from
RabbitMQ."""

from __future__ import annotations

from typing import Any

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.events import Events


class Admin:
    """The administrator's requests, each with the events it published (all of its tenant)."""

    def __init__(self, api: Client) -> None:
        self.api = api
        self.tenant: str | None = None

    def call(self, method: str, path: str, body: Any = None, status: int = 204) -> tuple[Any, list[tuple]]:
        sent = Events(self.api)
        response = self.api.request(method, path, json=body)
        assert response.status_code == status, (method, path, response.text)
        received = sent.all()
        if self.tenant is not None:
            assert {e['headers']['tenant_uuid'] for e in received} <= {self.tenant}, received
        return (response.json() if status == 201 else None), [
            (e['name'], e['routing_key'], e['data']) for e in received
        ]


def only(events: list[tuple], *names: str) -> list[tuple]:
    return [event for event in events if event[0] in names]


def test_set_up_outbound_calling_read_it_back_and_take_it_down(api: Client, trunk_daemon: Daemon) -> None:
    base = trunk_daemon.base_url
    admin = Admin(api)

    # The contexts: where outgoing numbers are dialled, and the users' context including it.
    to_extern, events = admin.call('POST', '/contexts', {'label': 'to-extern', 'type': 'outcall'}, 201)
    admin.tenant = tenant = to_extern['tenant_uuid']
    assert only(events, 'context_created') == [
        (
            'context_created',
            'config.contexts.created',
            {'id': to_extern['id'], 'name': to_extern['name'], 'type': 'outcall', 'tenant_uuid': tenant},
        )
    ]
    internal, _ = admin.call('POST', '/contexts', {'label': 'internal'}, 201)
    _, events = admin.call('PUT', f'/contexts/{internal["id"]}/contexts', {'contexts': [{'id': to_extern['id']}]})
    assert events == [
        (
            'contexts_associated',
            'config.contexts.contexts.updated',
            {'context_id': internal['id'], 'context_ids': [to_extern['id']]},
        )
    ]

    # The SIP trunk and its endpoint.
    endpoint, events = admin.call(
        'POST',
        '/endpoints/sip',
        {
            'label': 'provider',
            'auth_section_options': [['username', 'office'], ['password', 'secret']],
            'registration_section_options': [['client_uri', 'sip:office@provider.example.com']],
        },
        201,
    )
    assert [(name, key) for name, key, _ in events] == [('sip_endpoint_created', 'config.sip_endpoint.created')]
    trunk, events = admin.call('POST', '/trunks', {'outgoing_caller_id_format': 'national'}, 201)
    assert events == [('trunk_created', 'config.trunk.created', {'id': trunk['id']})]
    _, events = admin.call('PUT', f'/trunks/{trunk["id"]}/endpoints/sip/{endpoint["uuid"]}')
    sip_link = (
        {'id': trunk['id'], 'tenant_uuid': tenant},
        {
            'uuid': endpoint['uuid'],
            'tenant_uuid': tenant,
            'name': endpoint['name'],
            'auth_section_options': [['username', 'office']],
            'registration_section_options': [['client_uri', 'sip:office@provider.example.com']],
        },
    )
    routing = f'config.trunks.{trunk["id"]}.endpoints.sip.{endpoint["uuid"]}'
    assert events == [
        (
            'trunk_endpoint_sip_associated',
            f'{routing}.updated',
            {'trunk': sip_link[0], 'endpoint_sip': sip_link[1]},
        )
    ]

    # The outcall: `_9.` in to-extern, the 9 stripped, out through the trunk.
    outcall, events = admin.call('POST', '/outcalls', {'name': 'to-the-world', 'ring_time': 30}, 201)
    assert events == [('outcall_created', 'config.outcalls.created', {'id': outcall['id']})]
    pattern, events = admin.call('POST', '/extensions', {'exten': '_9.', 'context': to_extern['name']}, 201)
    assert events == [
        (
            'extension_created',
            'config.extensions.created',
            {'id': pattern['id'], 'exten': '_9.', 'context': to_extern['name']},
        )
    ]
    _, events = admin.call('PUT', f'/outcalls/{outcall["id"]}/extensions/{pattern["id"]}', {'strip_digits': 1})
    outcall_pattern = {'outcall_id': outcall['id'], 'extension_id': pattern['id']}
    assert events == [('outcall_extension_associated', 'config.outcalls.extensions.updated', outcall_pattern)]
    _, events = admin.call('PUT', f'/outcalls/{outcall["id"]}/trunks', {'trunks': [{'id': trunk['id']}]})
    assert events == [
        (
            'outcall_trunks_associated',
            'config.outcalls.trunks.updated',
            {'outcall_id': outcall['id'], 'trunk_ids': [trunk['id']]},
        )
    ]

    # No premium numbers for one user.
    user, _ = admin.call('POST', '/users', {'firstname': 'Bob'}, 201)
    permission, events = admin.call(
        'POST', '/callpermissions', {'name': 'no-premium', 'mode': 'deny', 'extensions': ['_900.']}, 201
    )
    assert events == [('call_permission_created', 'config.callpermission.created', {'id': permission['id']})]
    _, events = admin.call('PUT', f'/users/{user["uuid"]}/callpermissions/{permission["id"]}')
    user_permission = {'user_uuid': user['uuid'], 'call_permission_id': permission['id']}
    assert events == [
        (
            'user_call_permission_associated',
            f'config.users.{user["uuid"]}.callpermissions.updated',
            user_permission,
        )
    ]

    # Read everything back.
    def link(rel: str, key: Any) -> list[dict]:
        return [{'rel': rel, 'href': f'{base}/{rel}/{key}'}]

    assert api.get(f'/outcalls/{outcall["id"]}').json() == {
        'id': outcall['id'],
        'tenant_uuid': tenant,
        'name': 'to-the-world',
        'internal_caller_id': False,
        'preprocess_subroutine': None,
        'ring_time': 30,
        'description': None,
        'enabled': True,
        'links': link('outcalls', outcall['id']),
        'extensions': [
            {
                'id': pattern['id'],
                'exten': '_9.',
                'context': to_extern['name'],
                'caller_id': None,
                'external_prefix': None,
                'prefix': None,
                'strip_digits': 1,
                'links': link('extensions', pattern['id']),
            }
        ],
        'trunks': [
            {
                'id': trunk['id'],
                'tenant_uuid': tenant,
                'endpoint_sip': {
                    'uuid': endpoint['uuid'],
                    'label': 'provider',
                    'name': endpoint['name'],
                    'auth_section_options': [['username', 'office']],
                    'registration_section_options': [['client_uri', 'sip:office@provider.example.com']],
                    'links': [{'rel': 'endpoint_sip', 'href': f'{base}/endpoints/sip/{endpoint["uuid"]}'}],
                },
                'endpoint_custom': None,
                'links': link('trunks', trunk['id']),
            }
        ],
        'schedules': [],
        'call_permissions': [],
    }
    assert api.get(f'/trunks/{trunk["id"]}').json() == {
        'id': trunk['id'],
        'tenant_uuid': tenant,
        'context': None,
        'twilio_incoming': False,
        'outgoing_caller_id_format': 'national',
        'links': link('trunks', trunk['id']),
        'endpoint_sip': {
            'uuid': endpoint['uuid'],
            'label': 'provider',
            'name': endpoint['name'],
            'auth_section_options': [['username', 'office']],
            'registration_section_options': [['client_uri', 'sip:office@provider.example.com']],
            'links': [{'rel': 'endpoint_sip', 'href': f'{base}/endpoints/sip/{endpoint["uuid"]}'}],
        },
        'endpoint_custom': None,
        'endpoint_iax': None,
        'outcalls': [{'id': outcall['id'], 'name': 'to-the-world', 'links': link('outcalls', outcall['id'])}],
        'register_iax': None,
    }
    assert api.get(f'/endpoints/sip/{endpoint["uuid"]}').json()['trunk'] == {
        'id': trunk['id'],
        'links': link('trunks', trunk['id']),
    }
    assert api.get(f'/contexts/{internal["id"]}').json()['contexts'] == [
        {
            'id': to_extern['id'],
            'name': to_extern['name'],
            'label': 'to-extern',
            'links': link('contexts', to_extern['id']),
        }
    ]
    assert api.get(f'/extensions/{pattern["id"]}').json()['outcall'] == {
        'id': outcall['id'],
        'name': 'to-the-world',
        'links': link('outcalls', outcall['id']),
    }
    assert api.get(f'/callpermissions/{permission["id"]}').json() == {
        'id': permission['id'],
        'tenant_uuid': tenant,
        'name': 'no-premium',
        'password': None,
        'mode': 'deny',
        'extensions': ['_900.'],
        'enabled': True,
        'description': None,
        'links': link('callpermissions', permission['id']),
        'users': [
            {
                'uuid': user['uuid'],
                'firstname': 'Bob',
                'lastname': user['lastname'],
                'links': link('users', user['id']),  # upstream links users by id
            }
        ],
        'groups': [],
        'outcalls': [],
    }
    assert api.get(f'/users/{user["uuid"]}').json()['call_permissions'] == [
        {'id': permission['id'], 'name': 'no-premium', 'links': link('callpermissions', permission['id'])}
    ]

    # Take it down, in reverse.
    steps: list[tuple[str, str, Any, list[tuple]]] = [
        (
            'DELETE',
            f'/users/{user["uuid"]}/callpermissions/{permission["id"]}',
            None,
            [
                (
                    'user_call_permission_dissociated',
                    f'config.users.{user["uuid"]}.callpermissions.deleted',
                    user_permission,
                )
            ],
        ),
        (
            'DELETE',
            f'/callpermissions/{permission["id"]}',
            None,
            [('call_permission_deleted', 'config.callpermission.deleted', {'id': permission['id']})],
        ),
        (
            'PUT',
            f'/outcalls/{outcall["id"]}/trunks',
            {'trunks': []},
            [
                (
                    'outcall_trunks_associated',
                    'config.outcalls.trunks.updated',
                    {'outcall_id': outcall['id'], 'trunk_ids': []},
                )
            ],
        ),
        (
            'DELETE',
            f'/outcalls/{outcall["id"]}/extensions/{pattern["id"]}',
            None,
            [('outcall_extension_dissociated', 'config.outcalls.extensions.deleted', outcall_pattern)],
        ),
        (
            'DELETE',
            f'/extensions/{pattern["id"]}',
            None,
            [
                (
                    'extension_deleted',
                    'config.extensions.deleted',
                    {'id': pattern['id'], 'exten': '_9.', 'context': to_extern['name']},
                )
            ],
        ),
        (
            'DELETE',
            f'/outcalls/{outcall["id"]}',
            None,
            [('outcall_deleted', 'config.outcalls.deleted', {'id': outcall['id']})],
        ),
        (
            'DELETE',
            f'/trunks/{trunk["id"]}/endpoints/sip/{endpoint["uuid"]}',
            None,
            [
                (
                    'trunk_endpoint_sip_dissociated',
                    f'{routing}.deleted',
                    {'trunk': sip_link[0], 'endpoint_sip': sip_link[1]},
                )
            ],
        ),
        (
            'DELETE',
            f'/trunks/{trunk["id"]}',
            None,
            [('trunk_deleted', 'config.trunk.deleted', {'id': trunk['id']})],
        ),
        (
            'PUT',
            f'/contexts/{internal["id"]}/contexts',
            {'contexts': []},
            [
                (
                    'contexts_associated',
                    'config.contexts.contexts.updated',
                    {'context_id': internal['id'], 'context_ids': []},
                )
            ],
        ),
    ]
    for method, path, body, expected in steps:
        _, events = admin.call(method, path, body)
        assert events == expected, (method, path)

    _, events = admin.call('DELETE', f'/endpoints/sip/{endpoint["uuid"]}')
    assert [(name, key) for name, key, _ in events] == [('sip_endpoint_deleted', 'config.sip_endpoint.deleted')]
    assert events[0][2]['trunk'] is None
    _, events = admin.call('DELETE', f'/users/{user["uuid"]}')
    assert [(name, data['uuid']) for name, _, data in only(events, 'user_deleted')] == [('user_deleted', user['uuid'])]
    for context in (internal, to_extern):
        _, events = admin.call('DELETE', f'/contexts/{context["id"]}')
        assert events == [
            (
                'context_deleted',
                'config.contexts.deleted',
                {'id': context['id'], 'name': context['name'], 'type': context['type'], 'tenant_uuid': tenant},
            )
        ]
    for path in (f'/outcalls/{outcall["id"]}', f'/trunks/{trunk["id"]}', f'/callpermissions/{permission["id"]}'):
        assert api.get(path).status_code == 404
