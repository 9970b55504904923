"""Generic list and item resources: a plain CRUD resource declares its schema, model,
ACLs and item endpoint, and writes nothing else."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from flask import request, url_for
from marshmallow import Schema, fields

from wazo_confd import tenancy
from wazo_confd.database.search import parse_params
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource

from .schema import load, parse_list_args, shared
from .service import CRUDService
from .validator import UniqueField


class RecursiveQuery(Schema):
    recursive = fields.Boolean(load_default=False)


def recursive_query() -> bool:
    """A DELETE's `?recursive=true`: delete too what only the object used (documented with
    `docs = {'delete': {'query': {'recursive': 'boolean'}}}`)."""
    given = {key: value for key, value in request.args.items() if key == 'recursive'}
    return bool(load(shared(RecursiveQuery), given)['recursive'])


class ServiceResource(ConfdResource):
    """A resource over a CRUD service; tells the OpenAPI generator what the service knows."""

    def __init__(self, service: CRUDService):
        self.service = service

    def search_columns(self) -> list[str]:
        config = getattr(self.service.dao, 'search_config', None)
        return list(getattr(config, 'columns', {}))

    def listed_filters(self) -> list[str]:
        config = getattr(self.service.dao, 'search_config', None)
        return sorted(getattr(config, 'listed_filters', ()))

    def unique_fields(self) -> list[str]:
        validator = getattr(self.service, 'validator', None)
        rules = [*getattr(validator, 'common', []), *getattr(validator, 'create', []), *getattr(validator, 'edit', [])]
        # A tuple of fields is unique together: a fresh value in any of them makes it unique.
        return sorted({name for rule in rules if isinstance(rule, UniqueField) for name in rule.fields})


class ListResource(ServiceResource):
    schema: ClassVar[type[Schema]]
    model: ClassVar[type]
    item_endpoint: ClassVar[str]
    item_id_field: ClassVar[str] = 'id'
    item_id_var: ClassVar[str] = 'id'
    # Extra query parameters handled by the resource, not exact-match filters.
    special_query: ClassVar[tuple[str, ...]] = ()
    # The query parameter listing the ids (comma separated) the list is restricted to.
    ids_query: ClassVar[str | None] = None
    operation_kinds = {'get': 'list', 'post': 'create'}

    def list_schema(self, args: dict) -> Schema:
        return shared(self.schema)

    def search(self, raw: dict) -> tuple[int, list]:
        params = parse_params(self.service.dao.search_config, raw)
        listed = request.args.get(self.ids_query) if self.ids_query is not None else None
        if listed is not None:
            params.ids = [i.strip() for i in listed.split(',') if i.strip()]
        return self.service.search(params, current_auth().list_tenants(raw.get('recurse', False)))

    def get(self) -> dict:
        special = (*self.special_query, self.ids_query) if self.ids_query is not None else self.special_query
        raw = parse_list_args(request.args, special)
        total, items = self.search(raw)
        return {'total': total, 'items': self.list_schema(raw).dump(items, many=True)}

    def build_model(self, form: dict) -> Any:
        return self.service.build(form, current_auth().tenant_uuid)

    def post(self) -> tuple[dict, int, dict]:
        body = json_body()
        form = load(shared(self.schema), body)
        self.ensure_tenant()
        created = self.create(form, body)
        location = url_for(
            self.item_endpoint, _external=True, **{self.item_id_var: getattr(created, self.item_id_field)}
        )
        return shared(self.schema).dump(created), 201, {'Location': location}

    def create(self, form: dict, body: Any) -> Any:
        """Create from the loaded form; `body` is the raw request body, for nested objects."""
        return self.service.create(self.build_model(form))

    def ensure_tenant(self) -> None:
        if not self.service.dao.tenant_scoped:
            return
        tenancy.ensure_exists(self.service.dao.session, current_auth().tenant_uuid)


class ItemResource(ServiceResource):
    schema: ClassVar[type[Schema]]
    operation_kinds = {'get': 'read', 'head': 'head', 'put': 'update', 'delete': 'delete'}
    # The body of PUT, when it differs from `schema` (loaded partially either way).
    put_schema: ClassVar[type[Schema] | None] = None

    def find(self, resource_id: Any) -> Any:
        if isinstance(resource_id, uuid.UUID):
            resource_id = str(resource_id)  # as stored
        return self.service.get(resource_id, current_auth().item_tenants())

    def get(self, id: Any) -> dict:
        return shared(self.schema).dump(self.find(id))

    def head(self, id: Any) -> tuple[None, int]:
        self.find(id)
        return None, 200

    def apply(self, obj: Any, form: dict) -> None:
        self.service.apply(obj, form)

    def put(self, id: Any) -> tuple[None, int]:
        obj = self.find(id)
        form = load(shared(self.put_schema or self.schema), json_body(), partial=True)
        self.service.check_edit(obj, form, current_auth().tenant_uuid)
        self.apply(obj, form)
        self.service.edit(obj)
        return None, 204

    def delete(self, id: Any) -> tuple[None, int]:
        self.service.delete(self.find(id))
        return None, 204
