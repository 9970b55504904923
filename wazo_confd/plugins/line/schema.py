"""Wire format of lines, with their endpoint, users and extensions projected read-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from wazo_confd.kit.contributions import Placeholder
from wazo_confd.kit.projections import (
    EndpointCustomRelation,
    EndpointSCCPRelation,
    EndpointSIPRelation,
    ExtensionRelation,
    UserRelation,
    many,
    one,
)
from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictInteger, StrictString


def digits(value: str) -> None:
    if not value.isdigit():
        raise ValidationError('String does not contain only digits.')


class LineSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    tenant_uuid = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    protocol = fields.String(dump_only=True)
    device_id = fields.String(dump_only=True)
    device_slot = fields.Integer(dump_only=True)
    provisioning_extension = fields.String(dump_only=True)
    context = StrictString(required=True, validate=validate.Length(min=1, max=79))
    provisioning_code = StrictString(validate=[validate.Length(equal=6), digits])
    position = StrictInteger(validate=validate.Range(min=1))
    caller_id_name = StrictString(allow_none=True, validate=validate.Length(max=160))
    caller_id_num = StrictString(allow_none=True, validate=[validate.Length(max=80), digits])
    registrar = StrictString(validate=validate.Length(max=128))
    links = ListLinks(Link('lines'))
    application = Placeholder(None)  # the applications plugin contributes it
    # Fields (not only `Nested`): the POST schema loads them with other plugins' schemas.
    endpoint_sip: fields.Field = one(EndpointSIPRelation)
    endpoint_sccp: fields.Field = one(EndpointSCCPRelation)
    endpoint_custom: fields.Field = one(EndpointCustomRelation)
    extensions: fields.Field = many(ExtensionRelation)
    users = many(UserRelation)
    is_webrtc = fields.Boolean(dump_only=True)


ENDPOINT_FIELDS = ('endpoint_sip', 'endpoint_sccp', 'endpoint_custom')


class Loaded:
    """A nested body as sent (`raw`, handed to the plugin that creates the object) and as
    its schema loaded it (`form`); true when the loaded form is not empty, as upstream,
    whose SIP schema alone fills a default (`templates`) into every form."""

    def __init__(self, raw: Any, form: dict, defaults_count: bool):
        self.raw = raw
        self.form = form
        self.defaults_count = defaults_count

    def __bool__(self) -> bool:
        return bool(self.form) if self.defaults_count else any(key in self.raw for key in self.form)


class ProvidedNested(fields.Field):
    """A nested body loaded with a schema that another plugin provides: the parent
    schema's `nested_schemas[name]` makes it (plugins never import one another)."""

    def __init__(self, name: str, many: bool = False, defaults_count: bool = False, **kwargs: Any):
        super().__init__(load_only=True, allow_none=True, **kwargs)
        self.schema_key = name
        self.many = many
        self.defaults_count = defaults_count

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        parent = self.parent
        assert isinstance(parent, LineCreateSchema)
        schema = parent.nested_schemas[self.schema_key]()
        if not self.many:
            return self._load(schema, value)
        if not isinstance(value, list):
            raise ValidationError('Not a valid list.')
        loaded, errors = [], {}
        for index, item in enumerate(value):
            try:
                loaded.append(self._load(schema, item))
            except ValidationError as e:
                errors[index] = e.messages
        if errors:
            raise ValidationError(errors)
        return loaded

    def _load(self, schema: Any, value: Any) -> Loaded:
        if not isinstance(value, dict):
            raise ValidationError('Invalid input type.')
        return Loaded(value, schema.load(value), self.defaults_count)


def _first_option(options: Any, key: str) -> Any:
    for option in options or []:
        if len(option) == 2 and option[0] == key:
            return option
    return None


class LineCreateSchema(LineSchema):
    """POST /lines: the line, with at most one endpoint and extensions to create with it.
    Subclassed by `create_schema` with the factories of the nested schemas."""

    nested_schemas: ClassVar[dict[str, Callable[[], Any]]] = {}

    endpoint_sip = ProvidedNested('endpoint_sip', defaults_count=True)
    endpoint_sccp = ProvidedNested('endpoint_sccp')
    endpoint_custom = ProvidedNested('endpoint_custom')
    extensions = ProvidedNested('extension', many=True)

    @pre_load
    def propagate_context(self, data: Any, **kwargs: Any) -> Any:
        """Extensions without a context and a SIP endpoint without a `context` option get
        the line's context."""
        if not isinstance(data, dict) or not data.get('context'):
            return data
        data = dict(data)
        context = data['context']
        if isinstance(data.get('extensions'), list):
            data['extensions'] = [
                {**extension, 'context': context}
                if isinstance(extension, dict) and not extension.get('context')
                else extension
                for extension in data['extensions']
            ]
        sip = data.get('endpoint_sip')
        if isinstance(sip, dict) and sip:
            options = sip.get('endpoint_section_options') or []
            if isinstance(options, list) and _first_option(options, 'context') is None:
                data['endpoint_sip'] = {**sip, 'endpoint_section_options': [*options, ['context', context]]}
        return data

    @pre_load
    def remove_endpoints_none(self, data: Any, **kwargs: Any) -> Any:
        if not isinstance(data, dict):
            return data
        return {key: value for key, value in data.items() if not (key in ENDPOINT_FIELDS and value is None)}

    @validates_schema
    def _validate_only_one_endpoint(self, data: dict, **kwargs: Any) -> None:
        if len([name for name in ENDPOINT_FIELDS if data.get(name)]) > 1:
            raise ValidationError('Only one endpoint should be configured on a line')

    @validates_schema
    def _validate_multiple_caller_id(self, data: dict, **kwargs: Any) -> None:
        name = data.get('caller_id_name')
        if not name:
            return
        sip, sccp = data.get('endpoint_sip'), data.get('endpoint_sccp')
        if sip:
            found = _first_option(sip.form.get('endpoint_section_options'), 'callerid')
            if found is not None:
                raise ValidationError(
                    f'Ambiguous caller ID: line.caller_id_name = {name} '
                    f'endpoint_sip.endpoint_section_options["callerid"] = {found[1]}'
                )
        if sccp:
            found = _first_option(sccp.form.get('options'), 'cid_name')
            if found is not None:
                raise ValidationError(
                    f'Ambiguous caller ID: line.caller_id_name = {name} endpoint_sccp.options["cid_name"] = {found[1]}'
                )


def create_schema(nested_schemas: dict[str, Callable[[], Any]]) -> type[LineCreateSchema]:
    return type('LineCreateSchema', (LineCreateSchema,), {'nested_schemas': nested_schemas})


def event_payload(line: Any) -> dict:
    """What the line_* events carry (the contract's `confd_payload.only`)."""
    return {'id': line.id, 'protocol': line.protocol, 'name': line.name, 'tenant_uuid': line.tenant_uuid}
