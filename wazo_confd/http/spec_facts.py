"""What the OpenAPI generator learns beyond marshmallow's own field mapping: the character
and date rules of our fields, and facts only a resource instance knows.

Like all of http/, this module never imports wazo_confd.kit (the kit builds on http/): a
field says which characters it accepts in its `character_pattern` attribute, and a resource
tells its facts through ConfdResource's hooks.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from marshmallow import fields

from .resource import ConfdResource

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


def accepted_characters(self: Any, field: fields.Field, ret: dict, **kwargs: Any) -> dict:
    """A field whose class has a `character_pattern` (a regexp) accepts only what it matches."""
    pattern = getattr(field, 'character_pattern', None)
    if pattern is None:
        return {}
    if 'pattern' not in ret:
        if 'enum' in ret or 'format' in ret:
            return {'pattern': pattern}
        # Readers and Swagger UI would otherwise show a random string drawn from the pattern.
        return {'pattern': pattern, 'example': _plain_example(ret)}
    # One `pattern` per schema: the field's own regexp stays, the character rule joins it.
    return {'allOf': [*ret.get('allOf', []), {'pattern': pattern}]}


def _plain_example(ret: dict) -> str:
    example = 'string'[: ret.get('maxLength', 6)]
    return example.ljust(ret.get('minLength', 0), 'x')


@dataclasses.dataclass
class ResourceFacts:
    """What a resource instance knows beyond its class: sortable columns, unique fields."""

    columns: list[str] = dataclasses.field(default_factory=list)
    unique: list[str] = dataclasses.field(default_factory=list)
    listed: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def of(cls, resource: type[ConfdResource], kwargs: dict | None) -> ResourceFacts:
        if kwargs is None:
            return cls()
        try:
            instance = resource(**kwargs)
        except TypeError:
            return cls()
        return cls(columns=instance.search_columns(), unique=instance.unique_fields(), listed=instance.listed_filters())


# What a reader of the document needs before the first call (shown at the top of the page).
OVERVIEW = """Configuration of a Wazo telephony platform: users, lines, extensions, contexts,
voicemails and the rest. Every change is announced as an event on the bus.

**Authentication.** Send a token in the `X-Auth-Token` header (the *Authorize* button of this
page sets it). Each operation names the ACL the token needs. On the embedded profile
(`make run`), the admin key is in `.state/admin-key`.

**Tenants.** Objects belong to a tenant. The `Wazo-Tenant` header picks one of the tenants the
token may act on; without it, the token's own tenant. Lists take `recurse=true` to include
the sub-tenants.

**Lists.** A list answers `{"total": <count before paging>, "items": [...]}`; it pages with
`limit` and `offset`, sorts with `order` and `direction`, searches with `search`, and a
search column given as a parameter is an exact-match filter.

**Errors.** Every error body is a JSON array of strings, such as
`["Resource Not Found - User was not found ('id': 42)"]`.
"""

ERROR_DESCRIPTION = 'Every error body is a JSON array of messages; clients match the status and the message prefix.'
ERROR_EXAMPLES = {
    400: ["Input Error - firstname: ['Missing data for required field.']"],
    401: ['Unauthorized: ACL confd.users.read is not granted'],
    404: ["Resource Not Found - User was not found ('id': 42)"],
    413: ['Input Error - request body is too large'],
    503: ['Service Unavailable - database unavailable'],
}
TENANT_HEADER_DESCRIPTION = (
    "The tenant to act on: the token's tenant or one of its sub-tenants. Empty or absent: the token's tenant."
)
LIST_PARAMETER_DESCRIPTIONS = {
    'recurse': "Also list the objects of the tenant's sub-tenants.",
    'order': 'The column to sort by.',
    'direction': 'Sort direction (default `asc`).',
    'limit': 'At most this many items (no limit when absent).',
    'offset': 'Skip this many items first.',
    'search': 'Case- and accent-insensitive substring match on the search columns.',
}
# The default summary of an operation, by what it does (a resource may give its own).
SUMMARIES = {
    'list': 'List, search and page',
    'create': 'Create',
    'read': 'Read one',
    'head': 'Tell whether it exists',
    'update': 'Update the fields sent',
    'delete': 'Delete',
}
LINK_SUMMARIES = {'put': 'Associate', 'delete': 'Dissociate'}
