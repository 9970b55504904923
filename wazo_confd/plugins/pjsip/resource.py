"""HTTP resources of /asterisk/pjsip/doc, and the DELETE of a SIP transport (which may
name a fallback transport for the endpoints using it)."""

from __future__ import annotations

from typing import Any

from flask import request

from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.pjsip_doc import PJSIPDoc
from wazo_confd.kit.resource import ItemResource
from wazo_confd.kit.schema import load

from .schema import TransportDeleteQuerySchema
from .service import TransportService


class PJSIPDocResource(ConfdResource):
    acls = {'get': 'confd.asterisk.pjsip.doc.read'}
    docs = {'get': {'response': {'description': 'The option names of each res_pjsip section, by section'}}}

    def __init__(self, doc: PJSIPDoc):
        self.doc = doc

    def get(self) -> dict:
        return self.doc.content


class TransportItem(ItemResource):
    docs = {'delete': {'query': {'fallback': 'uuid'}}}
    service: TransportService

    def delete(self, id: Any) -> tuple[None, int]:
        transport = self.find(id)
        fallback_uuid = load(TransportDeleteQuerySchema(), request.args.to_dict())['fallback']
        fallback = self.find(fallback_uuid) if fallback_uuid is not None else None
        self.service.delete_with_fallback(transport, fallback)
        return None, 204
