"""The custom endpoints plugin: /endpoints/custom."""

from __future__ import annotations

from wazo_confd.kit.resource import NestedCreator
from wazo_confd.kit.validator import UniqueField, ValidationGroup
from wazo_confd.plugin_api import PluginDependencies

from .dao import EndpointCustomDao
from .notifier import EndpointCustomNotifier
from .resource import EndpointCustomItem, EndpointCustomList
from .service import EndpointCustomService


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        dao = EndpointCustomDao(deps.database)
        # The interface is unique across the platform (it is what Asterisk dials).
        unique = [UniqueField('interface', dao.find_by, 'CustomEndpoint')]
        validator = ValidationGroup(create=unique, edit=unique)
        service = EndpointCustomService(dao, validator, EndpointCustomNotifier(deps.outbox))
        deps.providers.register('endpoint_custom_service', service)
        deps.providers.register('endpoint_custom_creator', NestedCreator(EndpointCustomList, service))
        kwargs = {'service': service}
        deps.api.add_resource(
            EndpointCustomList, '/endpoints/custom', endpoint='customlist', resource_class_kwargs=kwargs
        )
        deps.api.add_resource(
            EndpointCustomItem, '/endpoints/custom/<int:id>', endpoint='endpoint_custom', resource_class_kwargs=kwargs
        )
