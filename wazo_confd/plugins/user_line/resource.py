"""HTTP resources of /users/{user_id}/lines/{line_id} and PUT /users/{user_id}/lines."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from wazo_confd.errors import InputError, NotFoundError, not_found
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.association import AssociationResource
from wazo_confd.kit.dao import MAX_ID
from wazo_confd.kit.schema import BaseSchema, StrictInteger, load

from .service import UserLineService


class LineIDSchema(BaseSchema):
    id = StrictInteger(required=True)


class LinesIDSchema(BaseSchema):
    lines = fields.List(fields.Nested(LineIDSchema), required=True)


class UserLineItem(AssociationResource):
    acls = {
        'put': 'confd.users.{user_id}.lines.{line_id}.update',
        'delete': 'confd.users.{user_id}.lines.{line_id}.delete',
    }
    service: UserLineService

    def find_left(self, user_id: Any, tenant_uuids: list[str]) -> Any:
        return self.service.users.get(_user_key(user_id), tenant_uuids)

    def find_right(self, line_id: Any, tenant_uuids: list[str]) -> Any:
        return self.service.lines.get(line_id, tenant_uuids)

    def put(self, user_id: Any, line_id: int) -> tuple[None, int]:
        return self.link(user_id, line_id)

    def delete(self, user_id: Any, line_id: int) -> tuple[None, int]:
        return self.unlink(user_id, line_id)


class UserLineList(ConfdResource):
    acls = {'put': 'confd.users.{user_id}.lines.update'}
    schema = LinesIDSchema
    docs = {'put': {'status': 204, 'response': {'description': 'Lines associated'}}}

    def __init__(self, service: UserLineService):
        self.service = service

    def put(self, user_id: Any) -> tuple[None, int]:
        tenants = current_auth().item_tenants()
        user = self.service.users.get(_user_key(user_id), tenants)
        form = load(LinesIDSchema(), json_body())
        lines = []
        for item in form['lines']:
            try:
                lines.append(self.service.lines.get(item['id'], tenants))
            except NotFoundError as e:
                raise InputError("field 'lines': Line was not found", e.metadata) from e
        self.service.set_lines(user, lines)
        return None, 204


def _user_key(user_id: Any) -> Any:
    if isinstance(user_id, int):
        if user_id > MAX_ID:
            raise not_found('User', id=user_id)
        return user_id
    return str(user_id)
