"""Rules of SCCP endpoints: as upstream, the options are the caller ID and the codecs."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import BareInputError
from wazo_confd.kit.validator import ValidationGroup, Validator

from .model import EndpointSCCP

OPTION_NAMES = ('cid_name', 'cid_num', 'allow', 'disallow')


class KnownOptions(Validator):
    def validate(self, endpoint: EndpointSCCP) -> None:
        for name, _value in endpoint.options or []:
            if name not in OPTION_NAMES:
                raise BareInputError(f'Unknown SCCP options: {name}')


def build_validator(_dao: Any, _providers: Any) -> ValidationGroup:
    rules: list[Validator] = [KnownOptions()]
    return ValidationGroup(create=rules, edit=rules)
