"""The SIP endpoints plugin: /endpoints/sip, /endpoints/sip/templates, and each tenant's
default templates (made when the tenant is first seen, and at load for existing tenants)."""

from __future__ import annotations

import logging
from typing import Any

from flask import request
from sqlalchemy.exc import IntegrityError

from wazo_confd.interfaces import (
    ENDPOINT_SIP,
    SIP_ENDPOINT_VIEWS,
    SIP_SECTION_NAMES,
    SIP_TEMPLATE_DEFAULTS,
    SIPTemplateDefaults,
)
from wazo_confd.kit.builder import Built, DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.pjsip_doc import PJSIP_DOC, offer_pjsip_doc
from wazo_confd.kit.reloads import Reload
from wazo_confd.kit.resource import ItemResource
from wazo_confd.kit.schema import shared
from wazo_confd.kit.validator import ValidationGroup
from wazo_confd.plugin_api import PluginDependencies, Providers

from .dao import EndpointSIPDao, SIPTemplateDao
from .defaults import tenant_templates_creator
from .model import EndpointSIP
from .schema import EndpointSIPSchema, EventSIPSchema, TemplateSIPSchema
from .service import EndpointSIPService
from .validator import build_validator

logger = logging.getLogger(__name__)


class EndpointSIPItem(ItemResource):
    """`?view=merged`: the options with those the templates give."""

    docs = {'get': {'query': {'view': ['merged']}}}

    service: EndpointSIPService

    def get(self, id: Any) -> dict:
        view = request.args.get('view')
        self.service.check_view(view)  # a wrong view is refused before the endpoint is read
        return self.service.dump_view(self.find(id), view)


def validators(dao: EndpointSIPDao, providers: Providers) -> ValidationGroup:
    return build_validator(dao, providers.get(PJSIP_DOC))


def payload(endpoint: EndpointSIP) -> dict:
    return shared(EventSIPSchema).dump(endpoint)


def _sip(**declared: Any) -> Resource:
    """What endpoints and templates share: one table, kept apart by their daos."""
    return Resource(
        model=EndpointSIP,
        id='uuid',
        id_var='uuid',
        id_field='uuid',
        search=search_on(
            EndpointSIP,
            'name',
            'asterisk_id',
            'label',
            'template',
            search=('name', 'asterisk_id', 'label'),
            default_sort='label',
            tiebreak=EndpointSIP.uuid,
        ),
        reloads=(Reload('module reload res_pjsip.so', 'dialplan reload'),),
        validators=validators,
        service=EndpointSIPService,
        empty_on_create=('line',),
        **declared,
    )


ENDPOINTS_SIP = _sip(
    schema=EndpointSIPSchema,
    name='SIPEndpoint',
    url='/endpoints/sip',
    endpoints=('siplist', 'endpoint_sip'),
    ids_query='uuid',
    events=Events('sip_endpoint', 'config.sip_endpoint', payload=payload),
    dao=EndpointSIPDao,
    item_resource=EndpointSIPItem,
    provides=ENDPOINT_SIP,
)
SIP_TEMPLATES = _sip(
    schema=TemplateSIPSchema,
    name='SIPEndpointTemplate',
    label='SIPTemplate',
    url='/endpoints/sip/templates',
    endpoints=('siptemplatelist', 'endpoint_sip_templates'),
    events=Events('sip_endpoint_template', 'config.sip_endpoint_template', payload=payload),
    dao=SIPTemplateDao,
)


class Plugin(DeclaredPlugin):
    resources = (ENDPOINTS_SIP, SIP_TEMPLATES)

    def load(self, deps: PluginDependencies) -> None:
        offer_pjsip_doc(deps)
        super().load(deps)

    def loaded(self, built: Built, deps: PluginDependencies) -> None:
        if built.declaration is ENDPOINTS_SIP:
            assert isinstance(built.service, EndpointSIPService)
            deps.providers.register(SIP_SECTION_NAMES, built.service)
            deps.providers.register(SIP_ENDPOINT_VIEWS, built.service)
            return
        dao = built.dao
        assert isinstance(dao, SIPTemplateDao)
        defaults: SIPTemplateDefaults = dao.defaults_of_tenants
        deps.providers.register(SIP_TEMPLATE_DEFAULTS, defaults)
        create_defaults = tenant_templates_creator(dao, built.service.create)
        deps.database.on_tenant_created(create_defaults)
        # Tenants made before this plugin was enabled (the master tenant among them).
        try:
            with deps.database.unit_of_work() as uow:
                for tenant_uuid in dao.tenants_without_defaults():
                    create_defaults(uow.session, tenant_uuid)
        except IntegrityError:
            logger.info('another instance is creating the default SIP templates')
