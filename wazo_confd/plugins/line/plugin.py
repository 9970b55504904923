"""The lines plugin: /lines, and the line service offered to association plugins."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .dao import LineDao
from .notifier import LineNotifier
from .resource import LineItem, LineList
from .service import LineService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        dao = LineDao(deps.database)
        service = LineService(dao, build_validator(dao, deps.providers), LineNotifier(deps.outbox), deps.providers)
        deps.providers.register('line_service', service)
        kwargs = {'service': service}
        deps.api.add_resource(LineList, '/lines', endpoint='linelist', resource_class_kwargs=kwargs)
        deps.api.add_resource(LineItem, '/lines/<int:id>', endpoint='lines', resource_class_kwargs=kwargs)
