"""The PJSIP plugin: /sip/transports and /asterisk/pjsip/doc (the option names of
Asterisk's res_pjsip that SIP endpoints, templates and transports may use)."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import SIP_SECTION_NAMES
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.pjsip_doc import PJSIP_DOC, offer_pjsip_doc
from wazo_confd.kit.reloads import Reload
from wazo_confd.kit.schema import shared
from wazo_confd.kit.validator import ValidationGroup
from wazo_confd.plugin_api import PluginDependencies, Providers

from .dao import TransportDao
from .model import Transport
from .resource import PJSIPDocResource, TransportItem
from .schema import TransportSchema
from .service import TransportService
from .validator import build_validator


def validators(dao: TransportDao, providers: Providers) -> ValidationGroup:
    def endpoint_named(name: str) -> Any:
        # SIP endpoints are another plugin, maybe disabled: then no name is taken there.
        if SIP_SECTION_NAMES not in providers:
            return None
        return providers.get(SIP_SECTION_NAMES).find_by_section_name(name)

    return build_validator(dao, endpoint_named, providers.get(PJSIP_DOC))


TRANSPORTS = Resource(
    model=Transport,
    schema=TransportSchema,
    url='/sip/transports',
    endpoints=('pjsiptransportlist', 'sip_transports'),
    id='uuid',
    id_var='transport_uuid',
    id_field='uuid',
    # Global rows: every tenant reads them, only the master tenant changes them.
    scope='global',
    master_only=('create', 'update', 'delete'),
    search=search_on(Transport, 'uuid', 'name', default_sort='name', tiebreak=Transport.uuid),
    events=Events(
        'sip_transport', 'config.sip.transports', payload=lambda t: shared(TransportSchema).dump(t), family='service'
    ),
    reloads=(Reload('module reload res_pjsip.so'),),
    validators=validators,
    service=TransportService,
    dao=TransportDao,
    item_resource=TransportItem,
)


class Plugin(DeclaredPlugin):
    resources = (TRANSPORTS,)

    def load(self, deps: PluginDependencies) -> None:
        doc = offer_pjsip_doc(deps)
        super().load(deps)
        kwargs = {'doc': doc}
        deps.api.add_resource(
            PJSIPDocResource, '/asterisk/pjsip/doc', endpoint='pjsipdoclist', resource_class_kwargs=kwargs
        )
