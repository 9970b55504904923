"""The SCCP endpoints plugin: /endpoints/sccp."""

from __future__ import annotations

from wazo_confd.kit.resource import NestedCreator
from wazo_confd.kit.service import CRUDService
from wazo_confd.kit.validator import ValidationGroup
from wazo_confd.plugin_api import PluginDependencies

from .dao import EndpointSCCPDao
from .notifier import EndpointSCCPNotifier
from .resource import EndpointSCCPItem, EndpointSCCPList


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        service = CRUDService(EndpointSCCPDao(deps.database), ValidationGroup(), EndpointSCCPNotifier(deps.outbox))
        deps.providers.register('endpoint_sccp_service', service)
        deps.providers.register('endpoint_sccp_creator', NestedCreator(EndpointSCCPList, service))
        kwargs = {'service': service}
        deps.api.add_resource(EndpointSCCPList, '/endpoints/sccp', endpoint='sccplist', resource_class_kwargs=kwargs)
        deps.api.add_resource(
            EndpointSCCPItem, '/endpoints/sccp/<int:id>', endpoint='endpoint_sccp', resource_class_kwargs=kwargs
        )
