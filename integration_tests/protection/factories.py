"""How to make an object of each route in a given tenant, through the API.

The isolation matrix (test_matrix.py) reads the route table of the running daemon and needs,
for every route with a path variable, a way to create the object that route addresses; for
every POST, a valid body; for every PUT, a valid body that changes something. A route
without its factory FAILS the matrix. A declared resource (wazo_confd/kit/declaration.py)
needs none here: its `example`, `update_example` and `example_refs` are in the document,
and examples.py makes its factories from them. Any other route is registered here with
`factory(route, ...)`, the route written as in the OpenAPI document (`/users/{id}`).

- `create(maker)` makes one object in `maker.tenant` (use `maker.api`, a client of the
  master tenant's admin selecting that tenant, and `created()` below) and returns `Made`:
  the values of the route's path variables, and the tenant that owns the object when it is
  not `maker.tenant` (a tenant is its own owner).
- `body()` returns a fresh, valid POST body for a collection route (unique names...).
  `body_in(maker)` instead, for a body that names objects of the tenant the POST creates in
  (an extension's context): it may create them in `maker.tenant` first.
- `Made(..., shared=True)`: the object belongs to no tenant and every tenant sees it.
- `update` is a valid PUT body that changes the object (`{}` for a PUT without body).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..helpers.client import Client


@dataclass
class Made:
    path: dict[str, Any]
    owner: str | None = None
    # A global object (no tenant, e.g. a SIP transport): every tenant sees it.
    shared: bool = False


@dataclass
class Maker:
    api: Client
    tenant: str
    new_tenant: Callable[[str], str]


@dataclass(frozen=True)
class Factory:
    create: Callable[[Maker], Made] | None = None
    body: Callable[[], dict] | None = None
    update: dict | None = None
    body_in: Callable[[Maker], dict] | None = None
    # The key of a listed item that holds the route's last path variable, when named otherwise.
    item_key: str | None = None


FACTORIES: dict[str, Factory] = {}


def factory(route: str, **kwargs: Any) -> None:
    FACTORIES[route] = Factory(**kwargs)


def unique(prefix: str) -> str:
    return f'{prefix}{uuid.uuid4().hex[:8]}'


def created(maker: Maker, collection: str, body: dict, var: str = 'id', key: str | None = None) -> Made:
    """POST `body` to `collection` in the maker's tenant; the path variable `var` gets `key`."""
    response = maker.api.post(collection, json=body)
    assert response.status_code == 201, f'factory POST {collection}: {response.status_code} {response.text}'
    return Made({var: response.json()[key or var]})


# --- tenants -------------------------------------------------------------------------------
factory('/tenants', body=lambda: {'name': unique('tenant')})
factory(
    '/tenants/{uuid}',
    create=lambda maker: _child_tenant(maker),
    update={'name': 'renamed'},
)


def _child_tenant(maker: Maker) -> Made:
    child = maker.new_tenant(maker.tenant)
    return Made({'uuid': child}, owner=child)


# --- users ---------------------------------------------------------------------------------
factory('/users', body=lambda: {'firstname': unique('user')})
factory(
    '/users/{id}',
    create=lambda maker: created(maker, '/users', {'firstname': unique('user')}),
    update={'firstname': 'Changed'},
)


# --- context ranges, user voicemails --------------------------------------------------------
def _context_name(maker: Maker) -> str:
    return created(maker, '/contexts', {'label': unique('ctx')}, var='name').path['name']


def _digits() -> str:
    return str(uuid.uuid4().int)[:12]


def _voicemail_body(maker: Maker) -> dict:
    return {'name': unique('vm'), 'number': _digits(), 'context': _context_name(maker)}


def _context_of_ranges(maker: Maker) -> Made:
    return Made({'context_id': created(maker, '/contexts', {'label': unique('ctx')}).path['id']})


def _user_voicemail(maker: Maker) -> Made:
    user = created(maker, '/users', {'firstname': unique('user')}).path['id']
    voicemail = created(maker, '/voicemails', _voicemail_body(maker)).path['id']
    return Made({'user_id': user, 'voicemail_id': voicemail})


for _range_type in ('user', 'group', 'queue', 'conference', 'incall'):
    factory(f'/contexts/{{context_id}}/ranges/{_range_type}', create=_context_of_ranges)
factory(
    '/users/{user_id}/voicemails',
    create=lambda maker: Made({'user_id': created(maker, '/users', {'firstname': unique('user')}).path['id']}),
    body_in=_voicemail_body,
)
factory('/users/{user_id}/voicemails/{voicemail_id}', create=_user_voicemail, update={})


# --- lines, endpoints and their associations ----------------------------------------------
def _sip(maker: Maker) -> dict:
    return _made_json(maker, '/endpoints/sip', {'label': unique('sip')})


def _line(maker: Maker) -> dict:
    return _made_json(maker, '/lines', {'context': _context_name(maker)})


def _made_json(maker: Maker, collection: str, body: dict) -> dict:
    response = maker.api.post(collection, json=body)
    assert response.status_code == 201, f'factory POST {collection}: {response.status_code} {response.text}'
    return response.json()


def _sip_line(maker: Maker) -> dict:
    """A line with a SIP endpoint: what a user's line needs."""
    line, endpoint = _line(maker), _sip(maker)
    response = maker.api.put(f'/lines/{line["id"]}/endpoints/sip/{endpoint["uuid"]}')
    assert response.status_code == 204, f'factory line endpoint: {response.status_code} {response.text}'
    return line


def _line_with(kind: str) -> Callable[[Maker], Made]:
    def create(maker: Maker) -> Made:
        line = _line(maker)
        if kind == 'sip':
            return Made({'line_id': line['id'], 'sip_uuid': _sip(maker)['uuid']})
        body = {'interface': unique('custom/')} if kind == 'custom' else {}
        return Made({'line_id': line['id'], f'{kind}_id': _made_json(maker, f'/endpoints/{kind}', body)['id']})

    return create


def _user_line(maker: Maker) -> Made:
    user = _made_json(maker, '/users', {'firstname': unique('user')})
    return Made({'user_id': user['id'], 'line_id': _sip_line(maker)['id']})


def _user(maker: Maker) -> Made:
    return Made({'user_id': _made_json(maker, '/users', {'firstname': unique('user')})['id']})


factory('/lines', body_in=lambda maker: {'context': _context_name(maker)})
factory(
    '/lines/{id}',
    create=lambda maker: created(maker, '/lines', {'context': _context_name(maker)}),
    update={'position': 2},
)
factory('/endpoints/sip', body=lambda: {'label': unique('sip')})
factory(
    '/endpoints/sip/{uuid}',
    create=lambda maker: created(maker, '/endpoints/sip', {'label': unique('sip')}, var='uuid'),
    update={'label': 'changed'},
)
factory('/endpoints/sip/templates', body=lambda: {'label': unique('tpl')})
factory(
    '/endpoints/sip/templates/{uuid}',
    create=lambda maker: created(maker, '/endpoints/sip/templates', {'label': unique('tpl')}, var='uuid'),
    update={'label': 'changed'},
)
factory('/sip/transports', body=lambda: {'name': unique('transport-')})
factory(
    '/sip/transports/{transport_uuid}',
    create=lambda maker: Made(
        created(maker, '/sip/transports', {'name': unique('transport-')}, var='transport_uuid', key='uuid').path,
        shared=True,
    ),
    update={'options': [['protocol', 'tcp']]},
    item_key='uuid',
)
_KIND_VAR = {'sip': 'sip_uuid', 'sccp': 'sccp_id', 'custom': 'custom_id'}
for _kind in ('sip', 'sccp', 'custom'):
    factory(f'/lines/{{line_id}}/endpoints/{_kind}/{{{_KIND_VAR[_kind]}}}', create=_line_with(_kind), update={})
factory('/users/{user_id}/lines/{line_id}', create=_user_line, update={})
factory('/users/{user_id}/lines', create=_user, update={'lines': []})
# A user's call services and forwards.
for _service in ('dnd', 'incallfilter'):
    factory(f'/users/{{user_id}}/services/{_service}', create=_user, update={'enabled': True})
factory('/users/{user_id}/services', create=_user, update={'dnd': {'enabled': True}})
for _forward in ('busy', 'noanswer', 'unconditional'):
    factory(f'/users/{{user_id}}/forwards/{_forward}', create=_user, update={'enabled': True, 'destination': '1234'})
factory('/users/{user_id}/forwards', create=_user, update={'busy': {'enabled': True, 'destination': '1234'}})


def _user_line_linked(maker: Maker) -> Made:
    made = _user_line(maker)
    response = maker.api.put(f'/users/{made.path["user_id"]}/lines/{made.path["line_id"]}')
    assert response.status_code == 204, f'factory user line: {response.status_code} {response.text}'
    return made


factory('/users/{user_id}/lines/{line_id}/associated/endpoints/sip', create=_user_line_linked)


# --- line extensions -----------------------------------------------------------------------
# A line's extension must lie in a user range of its context: _digits() gives 12 digits.
_USER_RANGE = {'start': '100000000000', 'end': '999999999999'}


def _ranged_context_name(maker: Maker) -> str:
    body = {'label': unique('ctx'), 'user_ranges': [_USER_RANGE]}
    return created(maker, '/contexts', body, var='name').path['name']


def _line_extension(maker: Maker) -> Made:
    context = _ranged_context_name(maker)
    # A line needs an endpoint before it gets an extension (upstream's rule).
    line = _made_json(maker, '/lines', {'context': context, 'endpoint_sccp': {'options': [['allow', 'ulaw']]}})
    extension = _made_json(maker, '/extensions', {'exten': _digits(), 'context': context})
    return Made({'line_id': line['id'], 'extension_id': extension['id']})


factory('/lines/{line_id}/extensions/{extension_id}', create=_line_extension, update={})
# The lines made for POST /lines/{line_id}/extensions, by tenant: a line takes one extension,
# so each body first frees them, and every allowed POST links one.
_EXTENSION_LINES: dict[str, list[int]] = {}


def _line_for_extensions(maker: Maker) -> Made:
    line = _sip_line(maker)
    _EXTENSION_LINES.setdefault(maker.tenant, []).append(line['id'])
    return Made({'line_id': line['id']})


def _extension_body_for_line(maker: Maker) -> dict:
    for line_id in _EXTENSION_LINES.get(maker.tenant, []):
        for extension in maker.api.get(f'/lines/{line_id}').json()['extensions']:
            maker.api.delete(f'/lines/{line_id}/extensions/{extension["id"]}')
    return {'exten': _digits(), 'context': _ranged_context_name(maker)}


factory('/lines/{line_id}/extensions', create=_line_for_extensions, body_in=_extension_body_for_line)


# --- outcall extensions ---------------------------------------------------------------------
def _outcall_extension(maker: Maker) -> Made:
    context = created(maker, '/contexts', {'label': unique('out'), 'type': 'outcall'}, var='name').path['name']
    extension = _made_json(maker, '/extensions', {'exten': f'_{_digits()}.', 'context': context})
    outcall = created(maker, '/outcalls', {'name': unique('out')}).path['id']
    return Made({'outcall_id': outcall, 'extension_id': extension['id']})


factory('/outcalls/{outcall_id}/extensions/{extension_id}', create=_outcall_extension, update={'strip_digits': 1})


def _outcall_call_permission(maker: Maker) -> Made:
    outcall = created(maker, '/outcalls', {'name': unique('out')}).path['id']
    call_permission = created(maker, '/callpermissions', {'name': unique('perm')}).path['id']
    return Made({'outcall_id': outcall, 'call_permission_id': call_permission})


factory('/outcalls/{outcall_id}/callpermissions/{call_permission_id}', create=_outcall_call_permission, update={})
factory(
    '/outcalls/{outcall_id}/trunks',
    create=lambda maker: created(maker, '/outcalls', {'name': unique('out')}, var='outcall_id', key='id'),
    update={'trunks': []},
)


# --- configuration -------------------------------------------------------------------------
# `enabled: true` is the default: the matrix leaves live reload as other tests expect it.
factory('/configuration/live_reload', update={'enabled': True})


# --- time zones ----------------------------------------------------------------------------
factory('/timezones')


# --- call permissions of users, context inclusions ------------------------------------------
def _user_call_permission(maker: Maker) -> Made:
    user = created(maker, '/users', {'firstname': unique('user')}).path['id']
    call_permission = created(maker, '/callpermissions', {'name': unique('perm')}).path['id']
    return Made({'user_id': user, 'call_permission_id': call_permission})


factory('/users/{user_id}/callpermissions/{call_permission_id}', create=_user_call_permission, update={})
factory('/contexts/{context_id}/contexts', create=_context_of_ranges, update={'contexts': []})

# --- trunks: their endpoints and IAX registrations ------------------------------------------
_TRUNK_ENDPOINT_BODIES: dict[str, Callable[[], dict]] = {
    'sip': lambda: {'label': unique('sip')},
    'iax': dict,
    'custom': lambda: {'interface': unique('custom/')},
}
_TRUNK_ENDPOINT_VARS = {'sip': ('endpoint_uuid', 'uuid'), 'iax': ('endpoint_id', 'id'), 'custom': ('endpoint_id', 'id')}


def _trunk_with(kind: str) -> Callable[[Maker], Made]:
    def create(maker: Maker) -> Made:
        trunk = _made_json(maker, '/trunks', {})
        endpoint = _made_json(maker, f'/endpoints/{kind}', _TRUNK_ENDPOINT_BODIES[kind]())
        var, key = _TRUNK_ENDPOINT_VARS[kind]
        return Made({'trunk_id': trunk['id'], var: endpoint[key]})

    return create


def _trunk_register(maker: Maker) -> Made:
    trunk = _made_json(maker, '/trunks', {})
    register = _made_json(maker, '/registers/iax', {'remote_host': unique('iax')})
    return Made({'trunk_id': trunk['id'], 'register_id': register['id']})


for _kind, (_var, _key) in _TRUNK_ENDPOINT_VARS.items():
    factory(f'/trunks/{{trunk_id}}/endpoints/{_kind}/{{{_var}}}', create=_trunk_with(_kind), update={})
factory('/trunks/{trunk_id}/registers/iax/{register_id}', create=_trunk_register, update={})
