"""The context-context association: PUT /contexts/{context_id}/contexts, the contexts a
context includes, in order. Contexts come from the contexts plugin's provider."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import relationship

from wazo_confd.database.base import Base
from wazo_confd.errors import not_permitted
from wazo_confd.interfaces import CONTEXTS
from wazo_confd.kit.association import check_same_tenant
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.link_table import LinkTable
from wazo_confd.kit.list_association import LinkTableListService, ListAssociation, refuse_repeats
from wazo_confd.kit.projections import many
from wazo_confd.kit.reloads import Reload
from wazo_confd.kit.schema import relation
from wazo_confd.plugin_api import PluginDependencies

from .model import ContextInclusion

# How a context shows the contexts it includes.
IncludedContextRelation = relation('contexts', 'id', 'name', 'label')


class ContextContexts(LinkTableListService):
    def lock(self, context: Any) -> None:
        self.lefts.dao.lock(context)

    def validate(self, context: Any, included: list[Any]) -> None:
        # Upstream's order: repeats, then the context itself, then (ours) the tenants.
        refuse_repeats(included, 'context', verb='include')
        if any(other.id == context.id for other in included):
            raise not_permitted('Cannot include context inside itself')
        for other in included:
            check_same_tenant(context, other, 'context', 'included_context')


CONTEXT_CONTEXTS = ListAssociation(
    url='/contexts/<int:context_id>/contexts',
    endpoint='contextcontextlist',
    left=CONTEXTS,
    right=CONTEXTS,
    label='ContextContextList',
    service=ContextContexts,
    # The context's `contexts` are read again when shown.
    table=LinkTable(ContextInclusion, 'context_id', 'included_context_id', left_links='contexts'),
    field='contexts',
    sides=('context', 'included_context'),
    event='contexts',  # contexts_associated
    routing='config.contexts.contexts',
    # A listed context is a field of the body: an input error, not a missing page.
    unknown='input',
    payload=lambda context, included: {'context_id': context.id, 'context_ids': [other.id for other in included]},
    reloads=(Reload('dialplan reload'),),
    example={'contexts': [{'id': 1}]},
)


def _mapped_class(table: str) -> Any:
    """The class mapped to `table` (another plugin's model, never imported)."""
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, 'name', None) == table:
            return mapper.class_
    raise LookupError(f'no model of the table {table}')


def map_included_contexts() -> None:
    """Give every context its `contexts`, read through the inclusion rows, in order."""
    context = _mapped_class('context')
    if 'contexts' in context.__mapper__.relationships:
        return
    context.contexts = relationship(
        context,
        secondary=ContextInclusion.__table__,
        primaryjoin=context.id == ContextInclusion.context_id,
        secondaryjoin=context.id == ContextInclusion.included_context_id,
        order_by=ContextInclusion.priority,
        viewonly=True,
        lazy='selectin',
    )


class Plugin(DeclaredPlugin):
    associations = (CONTEXT_CONTEXTS,)

    def load(self, deps: PluginDependencies) -> None:
        map_included_contexts()
        super().load(deps)
        contributions(deps.providers).contribute('contexts', 'contexts', many(IncludedContextRelation))
