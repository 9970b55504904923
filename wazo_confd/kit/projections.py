"""Read-only projections of the telephony objects that several resources embed
(a line's endpoint and users, a user's lines), each with its `links`.

They live here so that plugins embed one another's objects without importing each other.
"""

from __future__ import annotations

from typing import Any

from marshmallow import fields
from sqlalchemy import inspect

from .dao import created_in_transaction
from .schema import OptionPairs, relation

EndpointSIPRelation = relation(
    'endpoint_sip',
    'uuid',
    'label',
    'name',
    key='uuid',
    target='uuid',
    auth_section_options=OptionPairs(only={'username'}, dump_only=True),
)
EndpointSCCPRelation = relation('endpoint_sccp', 'id')
EndpointCustomRelation = relation('endpoint_custom', 'id', 'interface')
ExtensionRelation = relation('extensions', 'id', 'exten', 'context')
UserRelation = relation('users', 'uuid', 'firstname', 'lastname')
LineIdRelation = relation('lines', 'id')


def many(schema: type) -> fields.List:
    return fields.List(fields.Nested(schema), dump_only=True)


def one(schema: type) -> fields.Nested:
    return fields.Nested(schema, dump_only=True, allow_none=True)


LineRelation = relation(
    'lines',
    'id',
    'name',
    endpoint_sip=one(EndpointSIPRelation),
    endpoint_sccp=one(EndpointSCCPRelation),
    endpoint_custom=one(EndpointCustomRelation),
    extensions=many(ExtensionRelation),
)


# A trunk's SIP endpoint, as the trunk shows it (and an outcall shows its trunks).
TrunkEndpointSIPRelation = relation(
    'endpoint_sip',
    'uuid',
    'label',
    'name',
    key='uuid',
    target='uuid',
    auth_section_options=OptionPairs(only={'username'}, dump_only=True),
    registration_section_options=OptionPairs(only={'client_uri'}, dump_only=True),
)
# A trunk as an outcall shows it (upstream leaves the IAX endpoint out).
TrunkRelation = relation(
    'trunks',
    'id',
    'tenant_uuid',
    endpoint_sip=one(TrunkEndpointSIPRelation),
    endpoint_custom=one(EndpointCustomRelation),
)


def line_of(obj: Any) -> dict | None:
    """`{"id": ...}` of the line using an endpoint, as endpoint events carry it; None if none."""
    return {'id': obj.line.id} if obj.line is not None else None


def trunk_using(obj: Any) -> Any | None:
    """The trunk using an endpoint or a registration (the `trunk` the trunks plugin's
    backrefs give them), or None; no query for one made by this request: no trunk can use
    it yet."""
    state = inspect(obj)
    if 'trunk' in state.unloaded and state.session is not None and created_in_transaction(state.session, obj):
        return None
    return getattr(obj, 'trunk', None)


def trunk_of(obj: Any) -> dict | None:
    """`{"id": ...}` of the trunk using an endpoint, as endpoint events carry it; None if
    none (or when the trunks plugin is not there)."""
    trunk = trunk_using(obj)
    return {'id': trunk.id} if trunk is not None else None
