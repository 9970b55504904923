"""Trunk rules: its context is one of its own tenant's."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import different_tenants, param_not_found
from wazo_confd.interfaces import CONTEXTS
from wazo_confd.kit.validator import ValidationGroup, Validator


class ContextOfTheTenant(Validator):
    """Upstream's Optional(GetResource('context')) then ContextTenantValidator."""

    def __init__(self, providers: Any):
        self.providers = providers

    def validate(self, trunk: Any) -> None:
        if trunk.context is None:
            return
        context = self.providers.get(CONTEXTS).find_in_subtree(trunk.context, trunk.tenant_uuid)
        if context is None:
            raise param_not_found('context', 'Context', context=trunk.context)
        if context.tenant_uuid != trunk.tenant_uuid:
            raise different_tenants(trunk_tenant_uuid=trunk.tenant_uuid, context_tenant_uuid=context.tenant_uuid)


def build_validator(dao: Any, providers: Any) -> ValidationGroup:
    return ValidationGroup(common=[ContextOfTheTenant(providers)])
