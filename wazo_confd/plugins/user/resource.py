"""HTTP hooks of /users: the nested POST, the list's views, reads as plain rows."""

from __future__ import annotations

from typing import Any

from flask import request, url_for
from marshmallow import Schema

from wazo_confd.errors import InputError
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.kit.resource import ItemResource, ListResource, recursive_query
from wazo_confd.kit.schema import load, shared

from .schema import VIEWS, UserCreateSchema, UserSchema
from .service import UserService


class UserList(ListResource):
    special_query = ('view',)
    docs = {
        'get': {'views': VIEWS, 'query': {'view': list(VIEWS)}},
        # A nested voicemail {"id": N} or a nested line's device_id may name nothing: 404, as upstream.
        'post': {'body': UserCreateSchema, 'errors': (404,)},
    }
    service: UserService

    def post(self) -> tuple[dict, int, dict]:
        """A user, with the voicemail and lines nested in the body made (or linked) with it."""
        form = load(shared(UserCreateSchema), json_body())
        auth = current_auth()
        # Before any write: on SQLite, the tenant tree cannot be read once the request
        # holds the write lock.
        tenant_uuids = auth.item_tenants()
        voicemail = self.service.find_nested_voicemail(form, tenant_uuids)
        self.ensure_tenant()
        user, answer = self.service.create_nested(form, voicemail, auth.tenant_uuid, tenant_uuids)
        return answer, 201, {'Location': url_for(self.item_endpoint, _external=True, id=user.id)}

    def list_schema(self, args: dict) -> Schema:
        view = request.args.get('view')
        if not view:
            return shared(UserSchema)
        if view not in VIEWS:
            raise InputError(f"view '{view}' does not exist")
        return shared(VIEWS[view])


class UserItem(ItemResource):
    """A read answers from plain rows (`UserDao.read_by_id_or_uuid`), not a loaded user."""

    docs = {'delete': {'query': {'recursive': 'boolean'}}}
    service: UserService

    def get(self, id: Any) -> dict:
        return shared(self.schema).dump(self.service.read(id, current_auth().item_tenants()))

    def head(self, id: Any) -> tuple[None, int]:
        self.service.read(id, current_auth().item_tenants())
        return None, 200

    def delete(self, id: Any) -> tuple[None, int]:
        user = self.find(id)
        self.service.delete_user(user, recursive_query())
        return None, 204
