"""HTTP resources of /lines/{line_id}/extensions and /lines/{line_id}/extensions/{extension_id}."""

from __future__ import annotations

from typing import Any

from flask import url_for

from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.association import AssociationResource

from .service import LineExtensionService


class LineExtensionItem(AssociationResource):
    service: LineExtensionService
    acls = {
        'put': 'confd.lines.{line_id}.extensions.{extension_id}.update',
        'delete': 'confd.lines.{line_id}.extensions.{extension_id}.delete',
    }

    def find_left(self, line_id: Any, tenant_uuids: list[str]) -> Any:
        return self.service.lines.get(line_id, tenant_uuids)

    def find_right(self, extension_id: Any, tenant_uuids: list[str]) -> Any:
        return self.service.extensions.get(extension_id, tenant_uuids)

    def put(self, line_id: int, extension_id: int) -> tuple[None, int]:
        return self.link(line_id, extension_id)

    def delete(self, line_id: int, extension_id: int) -> tuple[None, int]:
        return self.unlink(line_id, extension_id)


class LineExtensionList(ConfdResource):
    acls = {'post': 'confd.lines.{line_id}.extensions.create'}
    docs = {'post': {'status': 201, 'response': {'description': 'Extension created and associated'}}}

    def __init__(self, service: LineExtensionService):
        self.service = service

    def post(self, line_id: int) -> tuple[dict, int, dict]:
        line = self.service.lines.get(line_id, current_auth().item_tenants())
        created = self.service.create_from_body(line, json_body())
        location = url_for('extensions', _external=True, id=created.id)
        return self.service.dump_extension(created), 201, {'Location': location}
