"""HTTP resources of /contexts/{context_id}/ranges/{user,group,queue,conference,incall}."""

from __future__ import annotations

from typing import ClassVar

from flask import request

from wazo_confd.http.auth import current_auth
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.schema import load

from .schema import ContextRangeQuerySchema, ContextRangeSchema
from .service import ContextRangeService

RANGE_TYPES = ('user', 'group', 'queue', 'conference', 'incall')


class ContextRangeList(ConfdResource):
    range_type: ClassVar[str]
    docs = {
        'get': {
            'kind': 'list',
            'query': {'availability': ['available', 'all']},
            'order': ['start', 'end'],
        }
    }
    schema = ContextRangeSchema

    def __init__(self, service: ContextRangeService):
        self.service = service

    def get(self, context_id: int) -> dict:
        params = load(
            ContextRangeQuerySchema(), {k: v for k, v in request.args.items() if k in ContextRangeQuerySchema().fields}
        )
        total, items = self.service.search(context_id, self.range_type, current_auth().item_tenants(), params)
        return {'total': total, 'items': ContextRangeSchema().dump(items, many=True)}


def range_resource(range_type: str) -> type[ContextRangeList]:
    """The list resource of one range type, with its own ACL."""
    name = f'Context{range_type.capitalize()}RangeList'
    acls = {'get': f'confd.contexts.{{context_id}}.ranges.{range_type}.read'}
    return type(name, (ContextRangeList,), {'range_type': range_type, 'acls': acls})
