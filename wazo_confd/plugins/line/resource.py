"""HTTP resources of /lines and /lines/{id}."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import SchemaError
from wazo_confd.kit.resource import ItemResource, ListResource

from .model import Line
from .schema import LineSchema
from .service import ENDPOINT_KINDS, LineService


class LineList(ListResource):
    acls = {'get': 'confd.lines.read', 'post': 'confd.lines.create'}
    schema = LineSchema
    model = Line
    item_endpoint = 'lines'
    service: LineService

    def post(self) -> tuple[dict, int, dict]:
        self.nested: tuple[str, Any] | None = None
        line, status, headers = super().post()
        if self.nested is not None:
            # As upstream, the answer shows the created endpoint whole.
            kind, endpoint = self.nested
            line[f'endpoint_{kind}'] = self.service.endpoint_creator(kind).dump(endpoint)
        return line, status, headers

    def create(self, form: dict, body: Any) -> Line:
        # Upstream accepts one endpoint to create along with the line.
        nested = {kind: body[f'endpoint_{kind}'] for kind in ENDPOINT_KINDS if body.get(f'endpoint_{kind}') is not None}
        if len(nested) > 1:
            raise SchemaError({'_schema': ['Only one endpoint should be configured on a line']})
        if not nested:
            return self.service.create(self.build_model(form))
        kind, endpoint_body = next(iter(nested.items()))
        line, endpoint = self.service.create_with_endpoint(self.build_model(form), kind, endpoint_body)
        self.nested = (kind, endpoint)
        return line


class LineItem(ItemResource):
    acls = {
        'get': 'confd.lines.{id}.read',
        'put': 'confd.lines.{id}.update',
        'delete': 'confd.lines.{id}.delete',
    }
    schema = LineSchema
