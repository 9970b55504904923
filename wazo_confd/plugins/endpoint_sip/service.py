"""SIP endpoint and template rules: generated names, template references, line names."""

from __future__ import annotations

import secrets
import string
from uuid import UUID

from wazo_confd.errors import InputError, SchemaError
from wazo_confd.kit.endpoints import EndpointService
from wazo_confd.kit.schema import shared

from .dao import EndpointSIPDao
from .model import EndpointSIP
from .schema import EndpointSIPSchema, MergedEndpointSIPSchema

NAME_ALPHABET = string.ascii_lowercase + string.digits


class EndpointSIPService(EndpointService):
    dao: EndpointSIPDao
    line_name = 'name'

    def build(self, form: dict, tenant_uuid: str | None) -> EndpointSIP:
        """A new endpoint (or template: the dao's kind) of that tenant from a loaded body."""
        endpoint = EndpointSIP(tenant_uuid=tenant_uuid, template=self.dao.template)
        self.apply(endpoint, form)
        return endpoint

    def dump_view(self, endpoint: EndpointSIP, view: str | None) -> dict:
        """The endpoint as shown by `?view=<view>`: no view, or `merged` (the options with
        those its templates give)."""
        return shared(self.view_schema(view)).dump(endpoint)

    def check_view(self, view: str | None) -> None:
        self.view_schema(view)

    @staticmethod
    def view_schema(view: str | None) -> type[EndpointSIPSchema]:
        """The schema of `?view=`; an Input Error for a view that is not `merged`."""
        if view is None:
            return EndpointSIPSchema
        if view != 'merged':
            raise SchemaError({'view': ['Must be one of: merged.']})
        return MergedEndpointSIPSchema

    def find_by_section_name(self, name: str) -> EndpointSIP | None:
        """The endpoint or template of that name, of any tenant: transports share
        Asterisk's section names with them."""
        return self.dao.find_any_by_name(name)

    def apply(self, endpoint: EndpointSIP, form: dict) -> None:
        """Copy a loaded body onto the endpoint, resolving template and transport references."""
        form = dict(form)
        templates = form.pop('templates', None)
        if 'transport' in form:
            transport = form.pop('transport')
            endpoint.transport_uuid = self._transport(str(transport['uuid'])) if transport else None
        for key, value in form.items():
            setattr(endpoint, key, value)
        if templates is not None:
            endpoint.templates = [self._template(str(ref['uuid']), endpoint.tenant_uuid) for ref in templates]

    def _template(self, uuid: str, tenant_uuid: str) -> EndpointSIP:
        # A template is used only by endpoints and templates of its own tenant.
        template = self.dao.template_of(tenant_uuid, uuid)
        if template is None:
            # Upstream names the resource `endpoint_sip` and shows the reference as loaded.
            reference = {'uuid': UUID(uuid)}
            raise InputError("field 'templates': endpoint_sip was not found", {'templates': reference})
        return template

    def _transport(self, uuid: str) -> str:
        # Transports are global: any tenant's endpoint may use any of them.
        if self.dao.find_transport(uuid=uuid) is None:
            raise InputError("field 'transport': SIPTransport was not found", {'uuid': UUID(uuid)})
        return uuid

    def create(self, endpoint: EndpointSIP) -> EndpointSIP:
        if not endpoint.name:
            endpoint.name = self._free_name()
        return super().create(endpoint)

    def _free_name(self) -> str:
        while True:
            name = ''.join(secrets.choice(NAME_ALPHABET) for _ in range(8))
            if self.dao.find_any_by_name(name) is None:
                return name
