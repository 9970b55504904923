"""Business rules of lines: a free provisioning code, and a known registrar when its plugin
is there to ask (through the REGISTRARS provider); the context is the kit's (`tenant_from`)."""

from __future__ import annotations

from wazo_confd.errors import already_exists
from wazo_confd.interfaces import REGISTRARS
from wazo_confd.kit.validator import KnownReference, ValidationGroup, Validator
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


class RegistrarExists(KnownReference):
    """The line's registrar exists. Not given on creation (None until stored), the line
    gets the platform's `default` registrar unchecked, as upstream."""

    def __init__(self, providers: Providers):
        def known(registrar_id: str, _line: Line) -> bool:
            if REGISTRARS not in providers:
                return True
            return providers.get(REGISTRARS).find(registrar_id) is not None

        super().__init__('registrar', 'Registrar', known)


def build_validator(dao: LineDao, providers: Providers) -> ValidationGroup:
    rules = [ProvisioningCodeAvailable(dao), RegistrarExists(providers)]
    return ValidationGroup(create=rules, edit=rules)
