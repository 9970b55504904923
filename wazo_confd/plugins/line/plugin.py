"""The lines plugin: /lines, and the line service offered to association plugins."""

from __future__ import annotations

from wazo_confd.kit.schema import shared
from wazo_confd.plugin_api import PluginDependencies

from .cache import refresh_caller_ids
from .dao import LineDao
from .notifier import LineNotifier
from .resource import LineCreator, LineItem, LineList
from .schema import create_schema
from .service import ENDPOINT_KINDS, LineService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        dao = LineDao(deps.database)
        service = LineService(dao, build_validator(dao, deps.providers), LineNotifier(deps.outbox), deps.providers)
        deps.providers.register('line_service', service)
        deps.database.before_flush(refresh_caller_ids)
        providers = deps.providers
        nested = {
            f'endpoint_{kind}': (lambda kind=kind: shared(providers.get(f'endpoint_{kind}_creator').resource.schema))
            for kind in ENDPOINT_KINDS
        }
        nested['extension'] = lambda: shared(providers.get('extension_schema'))
        create_kwargs = {'service': service, 'create_schema': create_schema(nested), 'providers': providers}
        providers.register('line_creator', LineCreator(**create_kwargs))
        deps.api.add_resource(LineList, '/lines', endpoint='linelist', resource_class_kwargs=create_kwargs)
        deps.api.add_resource(LineItem, '/lines/<int:id>', endpoint='lines', resource_class_kwargs={'service': service})
