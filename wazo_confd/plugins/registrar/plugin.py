"""The registrars plugin: routes, and the registrar service offered to the lines plugin."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .dao import RegistrarDao
from .notifier import RegistrarNotifier
from .resource import RegistrarItem, RegistrarList
from .service import RegistrarService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        dao = RegistrarDao(deps.database)
        service = RegistrarService(dao, build_validator(dao, deps.providers), RegistrarNotifier(deps.outbox))
        deps.providers.register('registrar_service', service)
        kwargs = {'service': service}
        deps.api.add_resource(RegistrarList, '/registrars', endpoint='registrarlist', resource_class_kwargs=kwargs)
        deps.api.add_resource(RegistrarItem, '/registrars/<id>', endpoint='registrars', resource_class_kwargs=kwargs)
