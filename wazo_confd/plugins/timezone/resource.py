"""GET /timezones: the IANA time zone names this system knows, as `{"zone_name"}` items."""

from __future__ import annotations

from flask import request
from marshmallow import fields

from wazo_confd.database.search import parse_params
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.schema import BaseSchema, parse_list_args

from .service import SEARCH, TimezoneService


class TimezoneSchema(BaseSchema):
    zone_name = fields.String(dump_only=True)


class TimezoneList(ConfdResource):
    acls = {'get': 'confd.timezones.get'}
    schema = TimezoneSchema
    docs = {'get': {'kind': 'list', 'order': ['zone_name'], 'query': {'zone_name': 'exact match'}}}

    def __init__(self, service: TimezoneService):
        self.service = service

    def get(self) -> dict:
        params = parse_params(SEARCH, parse_list_args(request.args))
        total, names = self.service.search(params)
        return {'total': total, 'items': [{'zone_name': name} for name in names]}
