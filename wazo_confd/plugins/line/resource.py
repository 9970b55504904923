"""HTTP resources of /lines and /lines/{id}, and the nested line creator."""

from __future__ import annotations

from typing import Any

from flask import url_for
from marshmallow import Schema

from wazo_confd.http.body import json_body
from wazo_confd.kit.resource import ItemResource, ListResource
from wazo_confd.kit.schema import load, shared
from wazo_confd.plugin_api import Providers

from .model import Line
from .schema import ENDPOINT_FIELDS, LineSchema
from .service import LineService


class LineList(ListResource):
    acls = {'get': 'confd.lines.read', 'post': 'confd.lines.create'}
    schema = LineSchema
    model = Line
    item_endpoint = 'lines'
    service: LineService

    def __init__(self, service: LineService, create_schema: type[Schema], providers: Providers):
        super().__init__(service)
        self.create_schema = create_schema
        self.providers = providers

    def post(self) -> tuple[dict, int, dict]:
        line, answer = self.create_nested(json_body())
        return answer, 201, {'Location': url_for(self.item_endpoint, _external=True, id=line.id)}

    def create_nested(self, body: Any) -> tuple[Line, dict]:
        """Create a line from a POST /lines body (with its nested endpoint and extensions)
        in the caller's tenant; answer the line and its representation."""
        form = load(shared(self.create_schema), body)
        self.ensure_tenant()
        nested = [(name.removeprefix('endpoint_'), form.pop(name, None)) for name in ENDPOINT_FIELDS]
        endpoint = next(((kind, body.raw) for kind, body in nested if body), None)
        extensions = [body.form for body in form.pop('extensions', None) or []]
        caller_ids = (form.pop('caller_id_name', None), form.pop('caller_id_num', None))
        line, created_endpoint, linked = self.service.create_with(
            self.build_model(form), caller_ids, endpoint, extensions
        )
        answer = shared(self.schema).dump(line)
        if endpoint is not None:
            # As upstream, the answer shows the created endpoint and extensions whole.
            answer[f'endpoint_{endpoint[0]}'] = self.service.endpoint_creator(endpoint[0]).dump(created_endpoint)
        if linked:
            schema = self.providers.get('extension_schema')()
            answer['extensions'] = [schema.dump(extension) for extension in linked]
        return line, answer


class LineCreator:
    """What POST /lines does, offered to plugins that take lines nested in their own body
    (POST /users `lines`)."""

    def __init__(self, service: LineService, create_schema: type[Schema], providers: Providers):
        self.handler = LineList(service, create_schema, providers)

    def create(self, body: Any) -> tuple[Line, dict]:
        return self.handler.create_nested(body)


class LineItem(ItemResource):
    acls = {
        'get': 'confd.lines.{id}.read',
        'put': 'confd.lines.{id}.update',
        'delete': 'confd.lines.{id}.delete',
    }
    schema = LineSchema
