"""Business rules of SIP transports: names shared with SIP endpoints and templates, option
names Asterisk knows, and no deletion while an endpoint uses the transport (unless the
request names a fallback transport for those endpoints)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wazo_confd.errors import already_exists, resource_associated
from wazo_confd.kit.pjsip_doc import PJSIPDoc, PJSIPDocValidator
from wazo_confd.kit.validator import ValidationGroup, Validator

from .dao import TransportDao
from .model import Transport

# name -> the SIP endpoint or template of that name (its `template` tells which), or None.
EndpointFinder = Callable[[str], Any]


class NameAvailable(Validator):
    """Upstream names the conflict `name` on create, and the owner's resource on edit."""

    def __init__(self, dao: TransportDao, endpoint_named: EndpointFinder, editing: bool):
        self.dao = dao
        self.endpoint_named = endpoint_named
        self.editing = editing

    def validate(self, transport: Transport) -> None:
        existing = self.dao.find_by(name=transport.name)
        if existing is not None and existing is not transport:
            raise already_exists('Transport' if self.editing else 'name', name=transport.name)
        endpoint = self.endpoint_named(transport.name)
        if endpoint is not None:
            resource = 'SIPEndpointTemplate' if endpoint.template else 'SIPEndpoint'
            raise already_exists(resource if self.editing else 'name', name=transport.name)


class TransportUnused(Validator):
    def __init__(self, dao: TransportDao):
        self.dao = dao

    def validate(self, transport: Transport) -> None:
        found = self.dao.user(transport)
        if found is not None:
            _, key = found
            raise resource_associated(
                'Transport', 'EndpointSIP', transport_uuid=transport.uuid, endpoint_sip_uuid=key['uuid']
            )


def build_validator(dao: TransportDao, endpoint_named: EndpointFinder, doc: PJSIPDoc) -> ValidationGroup:
    options = PJSIPDocValidator('options', 'transport', doc)
    return ValidationGroup(
        create=[NameAvailable(dao, endpoint_named, editing=False), options],
        edit=[NameAvailable(dao, endpoint_named, editing=True), options],
        delete=[TransportUnused(dao)],
    )
