"""Wire format of users: the full representation, and the directory and summary views."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_dump, post_load, validate, validates_schema

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.projections import LineRelation, many
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictInteger, StrictString, shared

CALLER_ID = r'^"(.*)"( <\+?\d+>)?$'
USERNAME = r'^[a-zA-Z0-9-\._~\!\$&\'\(\)\*\+,;=%@]{2,254}$'
PASSWORD = r'^[a-zA-Z0-9-\._~\!\$&\'\(\)\*\+,;=%]{4,64}$'
CALL_RECORD_FIELDS = (
    'call_record_outgoing_external_enabled',
    'call_record_outgoing_internal_enabled',
    'call_record_incoming_external_enabled',
    'call_record_incoming_internal_enabled',
)
CALL_RECORD_CONFLICT = "'call_record_enabled' is deprecated and incompatible with 'call_record_*_enabled' options"
FORWARDS = ('busy', 'noanswer', 'unconditional')
NULL_ON_CREATE = (
    'caller_id',
    'call_record_enabled',
    'call_transfer_enabled',
    'dtmf_hangup_enabled',
    'enabled',
    'online_call_record_enabled',
    'ring_seconds',
    'simultaneous_calls',
    'supervision_enabled',
)


def _string(max_length: int | None = None, regexp: str | None = None, **kwargs: Any) -> StrictString:
    validators: list = []
    if max_length is not None:
        validators.append(validate.Length(max=max_length))
    if regexp is not None:
        validators.append(validate.Regexp(regexp))
    return StrictString(validate=validators, **kwargs)


class VoicemailProjection(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    links = ListLinks(Link('voicemails'))


class UserSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.String(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    firstname = _string(128, required=True)
    lastname = _string(128, allow_none=True)
    email = fields.Email(validate=validate.Length(max=254), allow_none=True)
    timezone = _string(128, allow_none=True)
    country = fields.String(dump_only=True, allow_none=True)
    language = _string(regexp=r'^[a-z]{2}_[A-Z]{2}$', allow_none=True)
    description = _string(allow_none=True)
    caller_id = _string(160, regexp=CALLER_ID)
    outgoing_caller_id = _string(80, allow_none=True)
    mobile_phone_number = _string(80, regexp=r'^\+?[0-9\*#]+$', allow_none=True)
    mobile_fallback_enabled = StrictBoolean()
    username = _string(regexp=USERNAME, allow_none=True)
    # Readable, as upstream: clients provisioning phones read it back.
    password = _string(regexp=PASSWORD, allow_none=True)
    music_on_hold = _string(128, allow_none=True)
    preprocess_subroutine = _string(79, allow_none=True)
    userfield = _string(128, allow_none=True)
    call_transfer_enabled = StrictBoolean()
    dtmf_hangup_enabled = StrictBoolean()
    # Read back as true when all four recording flags are (see dump_call_record_enabled).
    call_record_enabled = StrictBoolean()
    call_record_outgoing_external_enabled = StrictBoolean()
    call_record_outgoing_internal_enabled = StrictBoolean()
    call_record_incoming_internal_enabled = StrictBoolean()
    call_record_incoming_external_enabled = StrictBoolean()
    online_call_record_enabled = StrictBoolean()
    supervision_enabled = StrictBoolean()
    ring_seconds = StrictInteger(validate=validate.Range(min=0, max=10800))
    simultaneous_calls = StrictInteger(validate=validate.Range(min=1, max=20))
    call_permission_password = _string(regexp=r'^[0-9#\*]{1,16}$', allow_none=True)
    subscription_type = StrictInteger(validate=validate.Range(min=0, max=10))
    created_at = fields.DateTime(dump_only=True)
    enabled = StrictBoolean()
    func_key_template_id = fields.Integer(dump_only=True, allow_none=True)
    links = ListLinks(Link('users'))

    # Related objects are embedded read-only; associations change them. The plugins owning
    # a relation contribute its field (kit/contributions.py) in place of the placeholder.
    agent = Placeholder(None)
    call_permissions = Placeholder([])
    call_pickup_target_users = Placeholder([])
    groups = Placeholder([])
    incalls = Placeholder([])
    lines: fields.Field = many(LineRelation)
    queues = Placeholder([])
    schedules = Placeholder([])
    switchboards = Placeholder([])
    # Filled through the `voicemail` attribute the voicemails plugin's model gives users.
    voicemail: fields.Field = fields.Method('_dump_voicemail', dump_only=True)
    fallbacks = fields.Method('_dump_fallbacks', dump_only=True)
    forwards: fields.Field = fields.Method('_dump_forwards', dump_only=True)
    services = fields.Method('_dump_services', dump_only=True)

    def _dump_voicemail(self, user: Any) -> dict | None:
        voicemail = getattr(user, 'voicemail', None)
        if voicemail is None:
            return None
        return shared(VoicemailProjection).dump(voicemail)

    def _dump_fallbacks(self, user: Any) -> dict:
        return {
            'busy_destination': None,
            'congestion_destination': None,
            'fail_destination': None,
            'noanswer_destination': None,
        }

    def _dump_forwards(self, user: Any) -> dict:
        # Spelt out (in FORWARDS order): called for every user of a page.
        return {
            'busy': {'enabled': bool(user.busy_enabled), 'destination': user.busy_destination},
            'noanswer': {'enabled': bool(user.noanswer_enabled), 'destination': user.noanswer_destination},
            'unconditional': {
                'enabled': bool(user.unconditional_enabled),
                'destination': user.unconditional_destination,
            },
        }

    def _dump_services(self, user: Any) -> dict:
        return {
            'dnd': {'enabled': bool(user.dnd_enabled)},
            'incallfilter': {'enabled': bool(user.incallfilter_enabled)},
        }

    @validates_schema
    def validate_call_record(self, data: dict, **kwargs: Any) -> None:
        # The deprecated switch sets all four flags: giving both would be ambiguous.
        if data.get('call_record_enabled') is None:
            return
        if any(data.get(name) is not None for name in CALL_RECORD_FIELDS):
            raise ValidationError(CALL_RECORD_CONFLICT)

    @post_dump
    def dump_call_record_enabled(self, data: dict, **kwargs: Any) -> dict:
        data['call_record_enabled'] = all(data.get(name) for name in CALL_RECORD_FIELDS)
        return data

    @post_load
    def load_call_record_enabled(self, data: dict, **kwargs: Any) -> dict:
        enabled = data.pop('call_record_enabled', None)
        if enabled is not None:
            for name in CALL_RECORD_FIELDS:
                data[name] = enabled
        return data


def _main_line(attribute: str, default: Any = None) -> fields.Function:
    """A field read from the user's main line (None, or `default`, without one)."""

    def read(user: Any) -> Any:
        line = user.main_line
        return getattr(line, attribute) if line is not None else default

    return fields.Function(read)


def _main_extension(attribute: str) -> fields.Function:
    """A field read from the first extension of the user's main line (None without one)."""

    def read(user: Any) -> Any:
        line = user.main_line
        extensions = line.extensions if line is not None else []
        return getattr(extensions[0], attribute) if extensions else None

    return fields.Function(read)


def _blank_as_null(attribute: str) -> fields.Function:
    """A text field shown as null when empty, as upstream's views do."""
    return fields.Function(lambda user: getattr(user, attribute) or None)


class UserDirectorySchema(BaseSchema):
    id = fields.Integer()
    uuid = fields.String()
    line_id = _main_line('id')
    agent_id = fields.Constant(None)
    firstname = fields.String()
    lastname = _blank_as_null('lastname')
    email = _blank_as_null('email')
    exten = _main_extension('exten')
    mobile_phone_number = _blank_as_null('mobile_phone_number')
    voicemail_number = fields.Function(lambda user: getattr(getattr(user, 'voicemail', None), 'number', None))
    userfield = _blank_as_null('userfield')
    description = _blank_as_null('description')
    # The main extension's (none without one), as upstream.
    context = _main_extension('context')


def _provisioning_code(user: Any) -> Any:
    # A custom or WebRTC main line is not provisioned on a phone: no code to show.
    line = user.main_line
    if line is None or line.protocol == 'custom' or line.is_webrtc:
        return None
    return line.provisioning_code


class UserSummarySchema(BaseSchema):
    id = fields.Integer()
    uuid = fields.String()
    firstname = fields.String()
    lastname = _blank_as_null('lastname')
    email = _blank_as_null('email')
    extension = _main_extension('exten')
    context = _main_extension('context')
    provisioning_code = fields.Function(_provisioning_code)
    protocol = _main_line('protocol')
    enabled = fields.Boolean()
    subscription_type = fields.Integer()
    is_webrtc = _main_line('is_webrtc', False)


class LinePresenceSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    protocol = fields.String()


class UserLinePresenceSchema(BaseSchema):
    uuid = fields.String()
    tenant_uuid = fields.String()
    lines = fields.List(fields.Nested(LinePresenceSchema))
    services = fields.Method('_dump_services')

    def _dump_services(self, user: Any) -> dict:
        return {'dnd': {'enabled': bool(user.dnd_enabled)}}


VIEWS = {
    'directory': UserDirectorySchema,
    'summary': UserSummarySchema,
    'line_presence': UserLinePresenceSchema,
}


class UserCreateSchema(UserSchema):
    """POST /users: the user, with lines and a voicemail to create (or link) with it. The
    nested bodies are loaded by the plugins that own them, `forwards` by the forwards' schema;
    other nested keys are ignored."""

    lines = fields.List(fields.Dict(), load_only=True, allow_none=True)
    voicemail = fields.Dict(load_only=True, allow_none=True)
    # Loaded by the forwards' own schema once the user exists, as upstream.
    forwards = fields.Dict(load_only=True, allow_none=True)

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        # As upstream, a new user may give these as null (PUT may not): each then keeps
        # its default (`caller_id`: made from the name).
        super().on_bind_field(field_name, field_obj)
        if field_name in NULL_ON_CREATE:
            field_obj.allow_none = True

    @post_load
    def drop_nulls_of_defaulted_fields(self, data: dict, **kwargs: Any) -> dict:
        for name in NULL_ON_CREATE:
            if name in data and data[name] is None:
                del data[name]
        return data
