"""Business rules of lines: a free provisioning code, and a known context and registrar
when their plugins are there to ask (through their `context_service` and
`registrar_service` providers)."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import InputError, already_exists, param_not_found
from wazo_confd.kit.validator import ValidationGroup, Validator
from wazo_confd.plugin_api import Providers

from .dao import LineDao
from .model import Line


class ProvisioningCodeAvailable(Validator):
    def __init__(self, dao: LineDao):
        self.dao = dao

    def validate(self, line: Line) -> None:
        owner = self.dao.provisioning_code_owner(line.provisioning_code)
        if owner is not None and owner is not line:
            raise already_exists('Line', provisioning_code=line.provisioning_code)


class ContextExists(Validator):
    """The line's context is a context of its tenant (or a sub-tenant), as for extensions.
    Contexts are another plugin: without a `context_service` provider the name is stored
    as given."""

    def __init__(self, providers: Providers):
        self.providers = providers

    def validate(self, line: Line) -> None:
        if 'context_service' not in self.providers:
            return
        contexts: Any = self.providers.get('context_service')
        if contexts.find_in_subtree(line.context, line.tenant_uuid) is None:
            raise InputError("field 'context': Context was not found", {'context': line.context})


class RegistrarExists(Validator):
    """The line's registrar exists. Not given on creation (None until stored), the line
    gets the platform's `default` registrar unchecked, as upstream."""

    def __init__(self, providers: Providers):
        self.providers = providers

    def validate(self, line: Line) -> None:
        if line.registrar is None or 'registrar_service' not in self.providers:
            return
        registrars: Any = self.providers.get('registrar_service')
        if registrars.find(line.registrar) is None:
            raise param_not_found('registrar', 'Registrar', registrar=line.registrar)


def build_validator(dao: LineDao, providers: Providers) -> ValidationGroup:
    rules = [ProvisioningCodeAvailable(dao), RegistrarExists(providers), ContextExists(providers)]
    return ValidationGroup(create=rules, edit=rules)
