"""Turns a `Resource` declaration into its dao, notifier, validators, service, HTTP
resources, routes and providers."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from wazo_confd.http.master_tenant import master_tenant_only
from wazo_confd.plugin_api import PluginDependencies

from .association import Association, build_association
from .context_tenant import ContextTenant
from .contributions import contributions
from .dao import CRUDDao
from .declaration import Resource
from .list_association import ListAssociation, build_list_association
from .notifier import CRUDNotifier
from .resource import ItemResource, ListResource
from .routing import add_route
from .service import CRUDService
from .settings import Settings, build_settings
from .validator import NotReferred, UniqueField, ValidationGroup

logger = logging.getLogger(__name__)


@dataclass
class Built:
    declaration: Resource
    dao: CRUDDao
    notifier: CRUDNotifier
    service: CRUDService
    list_resource: type[ListResource]
    item_resource: type[ItemResource]


def build(declaration: Resource, deps: PluginDependencies) -> Built:
    """Build the resource's pieces, add its routes and register its providers."""
    dao = dao_class(declaration)(deps.database)
    dao.contributed_empty = contributions(deps.providers).empty_on_create(declaration.endpoints[1])
    notifier = notifier_class(declaration)(deps.outbox)
    service_class = declaration.service or CRUDService
    service = service_class(dao, validation(declaration, dao, deps.providers), notifier)
    service.schema, service.model, service.providers = declaration.schema, declaration.model, deps.providers
    if declaration.tenant_from is not None:
        service.context_tenant = ContextTenant(deps.providers, declaration.tenant_from)
    built = Built(declaration, dao, notifier, service, list_class(declaration), item_class(declaration))
    add_routes(built, deps)
    schemas = [declaration.schema, *([declaration.put_schema] if declaration.put_schema else [])]
    contributions(deps.providers).offer(declaration.endpoints[1], *schemas)
    if declaration.provides is not None:
        deps.providers.register(declaration.provides, service)
    return built


def add_routes(built: Built, deps: PluginDependencies) -> None:
    declaration = built.declaration
    list_endpoint, item_endpoint = declaration.endpoints
    if {'list', 'create'} & set(declaration.operations):
        add_route(deps, built.list_resource, [declaration.url], list_endpoint, built.service)
    if {'read', 'update', 'delete'} & set(declaration.operations):
        add_route(deps, built.item_resource, declaration.item_rules(), item_endpoint, built.service)


def dao_class(declaration: Resource) -> type[CRUDDao]:
    base: type[CRUDDao] = declaration.dao or CRUDDao
    attrs: dict[str, Any] = {
        'model': declaration.model,
        'resource_name': declaration.resource_name,
        'tenant_scoped': declaration.scope == 'tenant',
        'id_column': declaration.id_field,
    }
    if declaration.search is not None:
        attrs['search_config'] = declaration.search
    if declaration.empty_on_create:
        attrs['empty_on_create'] = declaration.empty_on_create
    if declaration.unique and base.conflict_metadata is CRUDDao.conflict_metadata:
        first = declaration.unique[0]
        names = (first,) if isinstance(first, str) else first
        # What a concurrent insert that the unique constraint refused names.
        attrs['conflict_metadata'] = lambda self, obj: {} if obj is None else {n: getattr(obj, n) for n in names}
    return type(f'{declaration.class_label}Dao', (base,), attrs)


def notifier_class(declaration: Resource) -> type[CRUDNotifier]:
    events = declaration.events
    attrs: dict[str, Any] = {'reloads': declaration.reloads}
    if events is None:
        return type(f'{declaration.class_label}Notifier', (_ReloadsOnly,), attrs)
    actions = ('created', 'edited', 'deleted')
    attrs['names'] = {action: f'{events.name}_{action}' for action in actions}
    attrs['routing_keys'] = {action: f'{events.routing}.{action}' for action in actions}
    attrs['family'] = events.family
    if callable(events.payload):
        payload = events.payload
        attrs['payload'] = lambda self, obj: payload(obj)
    else:
        attrs['payload_fields'] = events.payload
    return type(f'{declaration.class_label}Notifier', (declaration.notifier or CRUDNotifier,), attrs)


class _ReloadsOnly(CRUDNotifier):
    """A resource without events (tenants: wazo-auth sends theirs) still queues its reloads."""

    names: ClassVar[dict[str, str]] = {}
    routing_keys: ClassVar[dict[str, str]] = {}

    def send(self, action: str, obj: Any, *args: Any, changed: frozenset[str] | None = None, **kwargs: Any) -> None:
        self.request_reloads(action, obj, changed)


def validation(declaration: Resource, dao: CRUDDao, providers: Any) -> ValidationGroup:
    group = declaration.validators(dao, providers) if declaration.validators else ValidationGroup()
    unique = [UniqueField(key, dao.find_by, declaration.resource_name) for key in declaration.unique]
    group.create[:0] = unique
    group.edit[:0] = unique
    if declaration.referred_by is not None:
        column = declaration.model.__table__.c[declaration.referred_by]  # type: ignore[attr-defined]
        group.delete.insert(0, NotReferred(lambda: dao.session, column, declaration.resource_name))
    return group


def list_class(declaration: Resource) -> type[ListResource]:
    operations = declaration.operations
    acls = {'get': declaration.acl_of('list')} if 'list' in operations else {}
    docs: dict[str, dict] = {}
    if declaration.ids_query is not None and 'list' in operations:
        docs['get'] = {'query': {declaration.ids_query: 'csv'}}
    if 'create' in operations:
        acls['post'] = declaration.acl_of('create')
        docs['post'] = {'example': declaration.example, 'example_refs': declaration.example_refs}
    base = declaration.list_resource or ListResource
    attrs = {
        **_common(declaration, base, acls, docs, _LIST),
        'model': declaration.model,
        'item_endpoint': declaration.endpoints[1],
        'item_id_field': declaration.id_field,
        'item_id_var': declaration.id_var,
        'ids_query': declaration.ids_query,
    }
    attrs.update(_master_only_handlers(base, declaration, {'post': 'create'}))
    return type(f'{declaration.class_label}List', (base,), attrs)


_LIST = {'GET': 'list', 'POST': 'create'}
_ITEM = {'GET': 'read', 'HEAD': 'read', 'PUT': 'update', 'DELETE': 'delete'}


def item_class(declaration: Resource) -> type[ItemResource]:
    operations = declaration.operations
    verbs = {'get': 'read', 'put': 'update', 'delete': 'delete'}
    acls = {method: declaration.acl_of(op) for method, op in verbs.items() if op in operations}
    if declaration.head and 'read' in operations:
        acls['head'] = acls['get']
    docs: dict[str, dict] = {}
    if 'update' in operations:
        docs['put'] = {'example': declaration.update_example}
        if declaration.put_schema is not None:
            docs['put']['body'] = declaration.put_schema
    base = declaration.item_resource or ItemResource
    attrs = {
        **_common(declaration, base, acls, docs, _ITEM),
        'put_schema': declaration.put_schema,
        'path_aliases': {declaration.id_var: 'id'} if declaration.id_var != 'id' else {},
    }
    attrs.update(_master_only_handlers(base, declaration, {'put': 'update', 'delete': 'delete'}))
    return type(f'{declaration.class_label}Item', (base,), attrs)


def _common(declaration: Resource, base: type, acls: dict, docs: dict, methods: dict[str, str]) -> dict[str, Any]:
    # What a hook class documents itself (a query parameter, a view) adds to the declared docs.
    own: dict[str, dict] = getattr(base, 'docs', {})
    merged = {method: _merged(own.get(method, {}), docs.get(method, {})) for method in {*own, *docs}}
    return {
        '__module__': declaration.schema.__module__,
        'acls': acls,
        'docs': merged,
        'methods': {method for method, op in methods.items() if op in declaration.operations},
        'master_tenant_only': declaration.scope == 'master',
        'schema': declaration.schema,
    }


def _merged(own: dict, declared: dict) -> dict:
    """One method's docs: the hook's, then the declaration's; query parameters from both."""
    merged = {**own, **declared}
    if 'query' in own and 'query' in declared:
        merged['query'] = {**own['query'], **declared['query']}
    return merged


def _master_only_handlers(base: type, declaration: Resource, methods: dict[str, str]) -> dict[str, Callable]:
    """The handlers of `master_only` operations, marked on a wrapper (never on the base's)."""
    handlers = {}
    for method, operation in methods.items():
        if operation in declaration.master_only:
            handlers[method] = _master_only(getattr(base, method))
    return handlers


def _master_only(handler: Callable) -> Callable:
    @functools.wraps(handler)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        return handler(self, *args, **kwargs)

    return master_tenant_only(wrapper)


class DeclaredPlugin:
    """A plugin made of declared resources, associations and settings; `loaded` is the
    hook for anything more."""

    resources: ClassVar[tuple[Resource, ...]] = ()
    associations: ClassVar[tuple[Association | ListAssociation, ...]] = ()
    settings: ClassVar[tuple[Settings, ...]] = ()
    # Plugins owning the objects this one's routes link (and live under): while one of
    # them is disabled, this plugin adds nothing.
    requires: ClassVar[tuple[str, ...]] = ()

    def load(self, deps: PluginDependencies) -> None:
        enabled = deps.config.get('enabled_plugins', {})
        missing = [name for name in self.requires if not enabled.get(name)]
        if missing:
            logger.warning('%s: no routes added, plugins %s are disabled', type(self).__module__, ', '.join(missing))
            return
        for declaration in self.resources:
            self.loaded(build(declaration, deps), deps)
        for association in self.associations:
            if isinstance(association, ListAssociation):
                build_list_association(association, deps)
            else:
                build_association(association, deps)
        for document in self.settings:
            build_settings(document, deps)

    def loaded(self, built: Built, deps: PluginDependencies) -> None:
        """Called once per declared resource, after its routes and providers are added."""
