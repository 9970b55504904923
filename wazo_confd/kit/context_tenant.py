"""Objects naming a context (extensions, lines, voicemails) belong to that context's tenant.

The context is looked up by name among the request's tenant and all its sub-tenants: a
name found nowhere there is `Context was not found`. A new object takes the tenant of the
context it names, a sub-tenant's included; an edit may only name a context of the object's
own tenant (`different tenants` otherwise). Associations then compare these tenants.
"""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import different_tenants, param_not_found
from wazo_confd.interfaces import CONTEXTS


class ContextTenant:
    """The rule for a resource whose `field` names a context (declared `tenant_from`)."""

    def __init__(self, providers: Any, field: str = 'context', side: str = 'current'):
        self.providers = providers
        self.field = field
        # How `different tenants` names the object's tenant (`<side>_tenant_uuid`).
        self.side = side

    def find(self, name: str, tenant_uuid: str) -> Any | None:
        """The context among the tenant's subtree; None when the contexts plugin is off
        (the name is then stored unchecked)."""
        # Asked at request time: the contexts plugin may load after the one asking.
        if CONTEXTS not in self.providers:
            return None
        context = self.providers.get(CONTEXTS).find_in_subtree(name, tenant_uuid)
        if context is None:
            raise param_not_found(self.field, 'Context', **{self.field: name})
        return context

    def tenant_for(self, form: dict, tenant_uuid: str) -> str:
        """The tenant of an object made from `form` by a request of `tenant_uuid`."""
        name = form.get(self.field)
        context = None if name is None else self.find(name, tenant_uuid)
        return tenant_uuid if context is None else context.tenant_uuid

    def check_edit(self, obj: Any, form: dict, tenant_uuid: str) -> None:
        """A PUT naming a context: visible from the request's tenant, and of the object's."""
        name = form.get(self.field)
        context = None if name is None else self.find(name, tenant_uuid)
        if context is not None and context.tenant_uuid != obj.tenant_uuid:
            raise different_tenants(
                **{f'{self.side}_tenant_uuid': obj.tenant_uuid}, context_tenant_uuid=context.tenant_uuid
            )
