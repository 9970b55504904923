"""HTTP resources of /lines and /lines/{id}."""

from __future__ import annotations

from typing import Any

from flask import url_for

from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.kit.resource import ItemResource, ListResource, recursive_query

from .service import LineService


class LineList(ListResource):
    service: LineService

    def post(self) -> tuple[dict, int, dict]:
        """A line, with the endpoint and extensions nested in the body made with it."""
        form = self.service.load_form(json_body())
        self.ensure_tenant()
        created = self.service.create_nested(form, current_auth().tenant_uuid)
        location = url_for(self.item_endpoint, _external=True, id=created.line.id)
        return self.service.dump_nested(created), 201, {'Location': location}


class LineItem(ItemResource):
    service: LineService
    docs = {'delete': {'query': {'recursive': 'boolean'}}}

    def delete(self, id: Any) -> tuple[None, int]:
        """With `?recursive=true`, the extensions only this line rings and its SIP endpoint
        go with it."""
        recursive = recursive_query()
        self.service.delete(self.find(id), recursive=recursive)
        return None, 204
