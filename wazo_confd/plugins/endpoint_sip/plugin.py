"""The SIP endpoints plugin: /endpoints/sip, /endpoints/sip/templates, and each tenant's
default templates (made when the tenant is first seen, and at load for existing tenants)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wazo_confd.interfaces import ENDPOINT_SIP, SIP_SECTION_NAMES, SIP_TEMPLATE_DEFAULTS
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.pjsip_doc import PJSIPDoc
from wazo_confd.plugin_api import PluginDependencies

from .dao import EndpointSIPDao, SIPTemplateDao
from .defaults import tenant_templates_creator
from .notifier import EndpointSIPNotifier, SIPTemplateNotifier
from .resource import EndpointSIPItem, EndpointSIPList, SIPTemplateItem, SIPTemplateList
from .schema import EndpointSIPSchema, TemplateSIPSchema
from .service import EndpointSIPService
from .validator import build_validator

logger = logging.getLogger(__name__)


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        endpoint_dao = EndpointSIPDao(deps.database)
        template_dao = SIPTemplateDao(deps.database)
        doc = PJSIPDoc.from_config(deps.config)
        endpoints = EndpointSIPService(
            endpoint_dao, build_validator(endpoint_dao, doc), EndpointSIPNotifier(deps.outbox), template_dao
        )
        templates = EndpointSIPService(
            template_dao, build_validator(template_dao, doc), SIPTemplateNotifier(deps.outbox), template_dao
        )
        endpoints.schema, templates.schema = EndpointSIPSchema, TemplateSIPSchema
        deps.providers.register(ENDPOINT_SIP, endpoints)
        deps.providers.register(SIP_SECTION_NAMES, endpoints)
        deps.providers.register(SIP_TEMPLATE_DEFAULTS, template_dao.defaults_of)
        # Placeholders other plugins fill (the trunks plugin: `trunk`).
        contributions(deps.providers).offer('endpoint_sip', EndpointSIPSchema)

        create_defaults = tenant_templates_creator(template_dao, templates.create)
        deps.database.on_tenant_created(create_defaults)
        self._fill_existing_tenants(deps, template_dao, create_defaults)

        api = deps.api
        kwargs = {'service': endpoints}
        api.add_resource(EndpointSIPList, '/endpoints/sip', endpoint='siplist', resource_class_kwargs=kwargs)
        api.add_resource(
            EndpointSIPItem, '/endpoints/sip/<uuid:uuid>', endpoint='endpoint_sip', resource_class_kwargs=kwargs
        )
        kwargs = {'service': templates}
        api.add_resource(
            SIPTemplateList, '/endpoints/sip/templates', endpoint='siptemplatelist', resource_class_kwargs=kwargs
        )
        api.add_resource(
            SIPTemplateItem,
            '/endpoints/sip/templates/<uuid:uuid>',
            endpoint='endpoint_sip_templates',
            resource_class_kwargs=kwargs,
        )

    @staticmethod
    def _fill_existing_tenants(
        deps: PluginDependencies, template_dao: SIPTemplateDao, create_defaults: Callable[[Session, str], None]
    ) -> None:
        # Tenants made before this plugin was enabled (the master tenant among them).
        try:
            with deps.database.unit_of_work() as uow:
                for tenant_uuid in template_dao.tenants_without_defaults():
                    create_defaults(uow.session, tenant_uuid)
        except IntegrityError:
            logger.info('another instance is creating the default SIP templates')
