"""The lines plugin: /lines, and the line service offered to association plugins."""

from __future__ import annotations

from collections.abc import Callable

from marshmallow import Schema

from wazo_confd.interfaces import ENDPOINTS, EXTENSIONS, LINES, Endpoints, Extensions
from wazo_confd.kit.schema import shared
from wazo_confd.plugin_api import PluginDependencies, Provided

from .cache import refresh_caller_ids
from .dao import LineDao
from .notifier import LineNotifier
from .resource import LineItem, LineList
from .schema import LineSchema, create_schema
from .service import LineService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        providers = deps.providers
        dao = LineDao(deps.database)
        service = LineService(dao, build_validator(dao, providers), LineNotifier(deps.outbox), providers)

        # The nested bodies of POST /lines are loaded with the schemas of their plugins,
        # looked up at request time (plugins load in any order).
        def schema_of(key: Provided[Endpoints] | Provided[Extensions]) -> Callable[[], Schema]:
            return lambda: shared(providers.get(key).schema)

        nested = {f'endpoint_{kind}': schema_of(key) for kind, key in ENDPOINTS.items()}
        nested['extension'] = schema_of(EXTENSIONS)
        service.schema, service.create_schema = LineSchema, create_schema(nested)
        providers.register(LINES, service)
        deps.database.before_flush(refresh_caller_ids)
        kwargs = {'service': service}
        deps.api.add_resource(LineList, '/lines', endpoint='linelist', resource_class_kwargs=kwargs)
        deps.api.add_resource(LineItem, '/lines/<int:id>', endpoint='lines', resource_class_kwargs=kwargs)
