"""Business rules of registrars: a registrar stays while the platform
(`deletable: false`) or a line needs it."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import not_permitted, resource_associated
from wazo_confd.interfaces import LINES
from wazo_confd.kit.validator import ValidationGroup, Validator
from wazo_confd.plugin_api import Providers

from .model import Registrar


class Deletable(Validator):
    def validate(self, registrar: Registrar) -> None:
        if not registrar.deletable:
            raise not_permitted('Registrar is not deletable', id=registrar.id)


class NotUsedByLine(Validator):
    """Upstream leaves such lines naming a registrar that is gone, and each of their later
    edits fails; here the registrar must be freed first. Lines are another plugin: asked
    through its `line_service` provider, when it is there."""

    def __init__(self, providers: Providers):
        self.providers = providers

    def validate(self, registrar: Registrar) -> None:
        if LINES not in self.providers:
            return
        lines = self.providers.get(LINES)
        line = lines.find_by_registrar(registrar.id)
        if line is not None:
            raise resource_associated('Registrar', 'Line', registrar_id=registrar.id, line_id=line.id)


def build_validator(dao: Any, providers: Providers) -> ValidationGroup:
    return ValidationGroup(delete=[Deletable(), NotUsedByLine(providers)])
