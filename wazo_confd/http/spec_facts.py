"""What the OpenAPI generator learns beyond marshmallow's own field mapping: the character
and date rules of our fields, and facts only a resource instance knows."""

from __future__ import annotations

import dataclasses
from typing import Any

from marshmallow import fields

from wazo_confd.kit.schema import StrictString
from wazo_confd.kit.validator import UniqueField

from .resource import ConfdResource

# StrictString refuses control characters other than tab, CR and LF.
NO_CONTROL_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$'
# A plain marshmallow DateTime dumps naive times without an offset (upstream's created_at),
# which RFC 3339 `date-time` does not allow.
ISO_DATETIME_PATTERN = r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$'


def datetime_without_offset(self: Any, field: fields.Field, ret: dict, **kwargs: Any) -> dict:
    if (
        isinstance(field, fields.DateTime)
        and not isinstance(field, fields.AwareDateTime)
        and field.format in (None, 'iso', 'iso8601')
    ):
        if ret.get('format') == 'date-time':
            del ret['format']
            return {'pattern': ISO_DATETIME_PATTERN}
    return {}


def no_control_characters(self: Any, field: fields.Field, ret: dict, **kwargs: Any) -> dict:
    if not isinstance(field, StrictString):
        return {}
    if 'pattern' not in ret:
        return {'pattern': NO_CONTROL_PATTERN}
    # One `pattern` per schema: the field's own regexp stays, the character rule joins it.
    return {'allOf': [*ret.get('allOf', []), {'pattern': NO_CONTROL_PATTERN}]}


@dataclasses.dataclass
class ResourceFacts:
    """What a resource instance knows beyond its class: sortable columns, unique fields."""

    columns: list[str] = dataclasses.field(default_factory=list)
    unique: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def of(cls, resource: type[ConfdResource], kwargs: dict | None) -> ResourceFacts:
        if kwargs is None:
            return cls()
        try:
            instance = resource(**kwargs)
        except TypeError:
            return cls()
        service = getattr(instance, 'service', None)
        config = getattr(getattr(service, 'dao', None), 'search_config', None)
        validator = getattr(service, 'validator', None)
        rules = [*getattr(validator, 'common', []), *getattr(validator, 'create', []), *getattr(validator, 'edit', [])]
        # A tuple of fields is unique together: a fresh value in any of them makes it unique.
        unique = sorted({name for rule in rules if isinstance(rule, UniqueField) for name in rule.fields})
        return cls(columns=list(getattr(config, 'columns', {})), unique=unique)
