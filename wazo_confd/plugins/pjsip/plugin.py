"""The PJSIP plugin: /sip/transports and /asterisk/pjsip/doc (the option names of
Asterisk's res_pjsip that SIP endpoints, templates and transports may use)."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import SIP_SECTION_NAMES
from wazo_confd.kit.pjsip_doc import PJSIPDoc
from wazo_confd.plugin_api import PluginDependencies

from .dao import TransportDao
from .notifier import TransportNotifier
from .resource import PJSIPDocResource, TransportItem, TransportList
from .service import TransportService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        doc = PJSIPDoc.from_config(deps.config)
        dao = TransportDao(deps.database)
        providers = deps.providers

        def endpoint_named(name: str) -> Any:
            # SIP endpoints are another plugin, maybe disabled: then no name is taken there.
            if SIP_SECTION_NAMES not in providers:
                return None
            return providers.get(SIP_SECTION_NAMES).find_by_section_name(name)

        service = TransportService(dao, build_validator(dao, endpoint_named, doc), TransportNotifier(deps.outbox))

        kwargs = {'service': service}
        deps.api.add_resource(
            PJSIPDocResource, '/asterisk/pjsip/doc', endpoint='pjsipdoclist', resource_class_kwargs={'doc': doc}
        )
        deps.api.add_resource(
            TransportList, '/sip/transports', endpoint='pjsiptransportlist', resource_class_kwargs=kwargs
        )
        deps.api.add_resource(
            TransportItem,
            '/sip/transports/<uuid:transport_uuid>',
            endpoint='sip_transports',
            resource_class_kwargs=kwargs,
        )
