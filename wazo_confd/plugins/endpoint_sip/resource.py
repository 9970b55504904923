"""HTTP resources of /endpoints/sip and /endpoints/sip/templates (items keyed by uuid)."""

from __future__ import annotations

from typing import Any

from flask import request

from wazo_confd.database.search import parse_params
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.kit.resource import ItemResource, ListResource
from wazo_confd.kit.schema import load

from .model import EndpointSIP
from .schema import EndpointSIPSchema, MergedEndpointSIPSchema, TemplateSIPSchema
from .service import EndpointSIPService


class _SIPList(ListResource):
    model = EndpointSIP
    item_id_field = 'uuid'
    item_id_var = 'uuid'
    service: EndpointSIPService

    def build_model(self, form: dict) -> EndpointSIP:
        return self.service.build(form, current_auth().tenant_uuid)


class _SIPItem(ItemResource):
    service: EndpointSIPService

    def get(self, uuid: Any) -> dict:  # type: ignore[override]
        return self.schema().dump(self.find(str(uuid)))

    def put(self, uuid: Any) -> tuple[None, int]:  # type: ignore[override]
        endpoint = self.find(str(uuid))
        self.service.apply(endpoint, load(self.schema(), json_body(), partial=True))
        self.service.edit(endpoint)
        return None, 204

    def delete(self, uuid: Any) -> tuple[None, int]:  # type: ignore[override]
        self.service.delete(self.find(str(uuid)))
        return None, 204


class EndpointSIPList(_SIPList):
    acls = {'get': 'confd.endpoints.sip.read', 'post': 'confd.endpoints.sip.create'}
    schema = EndpointSIPSchema
    item_endpoint = 'endpoint_sip'
    special_query = ('uuid',)
    docs = {'get': {'query': {'uuid': 'csv'}}}

    def search(self, raw: dict) -> tuple[int, list]:
        params = parse_params(self.service.dao.search_config, raw)
        uuid_arg = request.args.get('uuid')
        uuids = [u.strip() for u in uuid_arg.split(',') if u.strip()] if uuid_arg is not None else None
        return self.service.search_uuids(params, current_auth().list_tenants(raw.get('recurse', False)), uuids)


class EndpointSIPItem(_SIPItem):
    acls = {
        'get': 'confd.endpoints.sip.{uuid}.read',
        'put': 'confd.endpoints.sip.{uuid}.update',
        'delete': 'confd.endpoints.sip.{uuid}.delete',
    }
    schema = EndpointSIPSchema
    docs = {'get': {'query': {'view': ['merged']}}}

    def get(self, uuid: Any) -> dict:  # type: ignore[override]
        schema = MergedEndpointSIPSchema if request.args.get('view') == 'merged' else EndpointSIPSchema
        return schema().dump(self.find(str(uuid)))


class SIPTemplateList(_SIPList):
    acls = {'get': 'confd.endpoints.sip.templates.read', 'post': 'confd.endpoints.sip.templates.create'}
    schema = TemplateSIPSchema
    item_endpoint = 'endpoint_sip_templates'


class SIPTemplateItem(_SIPItem):
    acls = {
        'get': 'confd.endpoints.sip.templates.{uuid}.read',
        'put': 'confd.endpoints.sip.templates.{uuid}.update',
        'delete': 'confd.endpoints.sip.templates.{uuid}.delete',
    }
    schema = TemplateSIPSchema
