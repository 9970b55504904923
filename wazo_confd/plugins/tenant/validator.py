"""Tenant rules (local backend): a tree that never loses its root or a branch by accident
(the uuid being unique is declared with the resource)."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import ResourceError
from wazo_confd.kit.validator import ValidationGroup, Validator
from wazo_confd.tenancy import Tenant

from .dao import TenantDao


class NotMaster(Validator):
    def __init__(self, dao: TenantDao):
        self.dao = dao

    def validate(self, tenant: Tenant) -> None:
        if tenant.uuid == self.dao.master_tenant_uuid():
            raise ResourceError('Operation not permitted. The master tenant cannot be deleted', {'uuid': tenant.uuid})


class NoSubTenants(Validator):
    def __init__(self, dao: TenantDao):
        self.dao = dao

    def validate(self, tenant: Tenant) -> None:
        if self.dao.count_children(tenant.uuid):
            raise ResourceError('Operation not permitted. Delete its sub-tenants first', {'uuid': tenant.uuid})


def build_validator(dao: TenantDao, providers: Any) -> ValidationGroup:
    return ValidationGroup(delete=[NotMaster(dao), NoSubTenants(dao)])
