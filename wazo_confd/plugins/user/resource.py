"""HTTP resources of /users and /users/{id or uuid}."""

from __future__ import annotations

from typing import Any

from flask import request, url_for
from marshmallow import Schema

from wazo_confd.database.search import parse_params
from wazo_confd.errors import SchemaError, not_found
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.kit.resource import ItemResource, ListResource
from wazo_confd.kit.schema import load, shared

from .model import User
from .schema import VIEWS, UserCreateSchema, UserSchema
from .service import UserService

MAX_ID = 2**31 - 1


class UserList(ListResource):
    acls = {'get': 'confd.users.read', 'post': 'confd.users.create'}
    schema = UserSchema
    model = User
    item_endpoint = 'users'
    special_query = ('view', 'uuid')
    docs = {
        'get': {'views': VIEWS, 'query': {'view': list(VIEWS), 'uuid': 'csv'}},
        # A nested voicemail {"id": N} may name no voicemail: 404, as upstream.
        'post': {'body': UserCreateSchema, 'errors': (404,)},
    }
    service: UserService

    def post(self) -> tuple[dict, int, dict]:
        """A user, with the voicemail and lines nested in the body made (or linked) with it."""
        form = load(shared(UserCreateSchema), json_body())
        auth = current_auth()
        # Before any write: on SQLite, the tenant tree cannot be read once the request
        # holds the write lock.
        voicemail = self.service.find_nested_voicemail(form, auth.item_tenants())
        self.ensure_tenant()
        user, answer = self.service.create_nested(form, voicemail, auth.tenant_uuid)
        return answer, 201, {'Location': url_for(self.item_endpoint, _external=True, id=user.id)}

    def list_schema(self, raw: dict) -> Schema:
        view = request.args.get('view')
        if view is None:
            return shared(UserSchema)
        if view not in VIEWS:
            raise SchemaError({'view': [f'Must be one of: {", ".join(VIEWS)}.']})
        return shared(VIEWS[view])

    def search(self, raw: dict) -> tuple[int, list]:
        params = parse_params(self.service.dao.search_config, raw)
        uuid_arg = request.args.get('uuid')
        uuids = [u.strip() for u in uuid_arg.split(',') if u.strip()] if uuid_arg is not None else None
        tenants = current_auth().list_tenants(raw.get('recurse', False))
        return self.service.search(params, tenants, uuids)


class UserItem(ItemResource):
    acls = {
        'get': 'confd.users.{id}.read',
        'head': 'confd.users.{id}.read',
        'put': 'confd.users.{id}.update',
        'delete': 'confd.users.{id}.delete',
    }
    schema = UserSchema

    def find(self, resource_id: Any) -> User:
        if isinstance(resource_id, int) and resource_id > MAX_ID:
            raise not_found('User', id=resource_id)
        return self.service.get(resource_id, current_auth().item_tenants())

    def get(self, id: Any) -> dict:
        return shared(self.schema).dump(self.service.read(id, current_auth().item_tenants()))

    def head(self, id: Any) -> tuple[None, int]:
        self.service.read(id, current_auth().item_tenants())
        return None, 200
