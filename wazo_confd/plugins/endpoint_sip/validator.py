"""Business rules of SIP endpoints and templates."""

from __future__ import annotations

from wazo_confd.errors import already_exists
from wazo_confd.kit.validator import ValidationGroup, Validator

from .dao import EndpointSIPDao
from .model import EndpointSIP


class SectionNameAvailable(Validator):
    """Endpoints and templates share one namespace of names (Asterisk's section names)."""

    def __init__(self, dao: EndpointSIPDao):
        self.dao = dao

    def validate(self, endpoint: EndpointSIP) -> None:
        if endpoint.name is None:
            return
        existing = self.dao.find_any_by_name(endpoint.name)
        if existing is not None and existing is not endpoint:
            resource = 'SIPEndpointTemplate' if existing.template else 'SIPEndpoint'
            raise already_exists(resource, name=endpoint.name)


def build_validator(dao: EndpointSIPDao) -> ValidationGroup:
    name = SectionNameAvailable(dao)
    return ValidationGroup(create=[name], edit=[name])
