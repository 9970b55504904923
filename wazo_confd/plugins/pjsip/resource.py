"""HTTP resources of /sip/transports (global: writes reserved to the master tenant) and
/asterisk/pjsip/doc."""

from __future__ import annotations

from typing import Any

from flask import request

from wazo_confd.http.master_tenant import master_tenant_only
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.pjsip_doc import PJSIPDoc
from wazo_confd.kit.resource import ItemResource, ListResource
from wazo_confd.kit.schema import load

from .model import Transport
from .schema import TransportDeleteQuerySchema, TransportSchema
from .service import TransportService


class PJSIPDocResource(ConfdResource):
    acls = {'get': 'confd.asterisk.pjsip.doc.read'}
    docs = {'get': {'response': {'description': 'The option names of each res_pjsip section, by section'}}}

    def __init__(self, doc: PJSIPDoc):
        self.doc = doc

    def get(self) -> dict:
        return self.doc.content


class TransportList(ListResource):
    acls = {'get': 'confd.sip.transports.read', 'post': 'confd.sip.transports.create'}
    schema = TransportSchema
    model = Transport
    item_endpoint = 'sip_transports'
    item_id_field = 'uuid'
    item_id_var = 'transport_uuid'

    @master_tenant_only
    def post(self) -> tuple[dict, int, dict]:
        return super().post()


class TransportItem(ItemResource):
    acls = {
        'get': 'confd.sip.transports.{transport_uuid}.read',
        'put': 'confd.sip.transports.{transport_uuid}.update',
        'delete': 'confd.sip.transports.{transport_uuid}.delete',
    }
    schema = TransportSchema
    docs = {'delete': {'query': {'fallback': 'uuid'}}}
    service: TransportService

    def get(self, transport_uuid: Any) -> dict:  # type: ignore[override]
        return super().get(str(transport_uuid))

    @master_tenant_only
    def put(self, transport_uuid: Any) -> tuple[None, int]:  # type: ignore[override]
        return super().put(str(transport_uuid))

    @master_tenant_only
    def delete(self, transport_uuid: Any) -> tuple[None, int]:  # type: ignore[override]
        transport = self.find(str(transport_uuid))
        fallback_uuid = load(TransportDeleteQuerySchema(), request.args.to_dict())['fallback']
        fallback = self.find(str(fallback_uuid)) if fallback_uuid is not None else None
        self.service.delete_with_fallback(transport, fallback)
        return None, 204
