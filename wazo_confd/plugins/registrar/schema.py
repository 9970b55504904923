"""Wire format of registrars (the same fields in bodies, answers and events)."""

from __future__ import annotations

from typing import Any

from marshmallow import validate

from wazo_confd.kit.schema import BaseSchema, Link, ListLinks, StrictBoolean, StrictInteger, StrictString


def _host(**kwargs: Any) -> StrictString:
    return StrictString(validate=validate.Length(min=1, max=255), **kwargs)


def _port() -> StrictInteger:
    return StrictInteger(allow_none=True, validate=validate.Range(min=0, max=65535))


class RegistrarSchema(BaseSchema):
    # Chosen by the client on creation (a path segment: no '/'), generated otherwise.
    id = StrictString(validate=[validate.Length(min=1, max=128), validate.Regexp(r'^[^/]+$')])
    deletable = StrictBoolean(load_default=True, dump_default=True)
    name = StrictString(allow_none=True, validate=validate.Length(max=128))
    main_host = _host(required=True)
    main_port = _port()
    backup_host = _host(allow_none=True)
    backup_port = _port()
    proxy_main_host = _host(required=True)
    proxy_main_port = _port()
    proxy_backup_host = _host(allow_none=True)
    proxy_backup_port = _port()
    outbound_proxy_host = _host(allow_none=True)
    outbound_proxy_port = _port()
    links = ListLinks(Link('registrars'))


# What the registrar_* events carry: every field but `links`.
EVENT_FIELDS = tuple(name for name in RegistrarSchema._declared_fields if name != 'links')
