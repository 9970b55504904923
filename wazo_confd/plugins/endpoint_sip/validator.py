"""Business rules of SIP endpoints and templates."""

from __future__ import annotations

from wazo_confd.errors import already_exists, not_permitted
from wazo_confd.kit.pjsip_doc import PJSIPDoc, PJSIPDocValidator
from wazo_confd.kit.validator import ValidationGroup, Validator

from .dao import EndpointSIPDao
from .model import EndpointSIP

# option field prefix -> the res_pjsip section whose option names it takes
SECTION_DOCS = {
    'aor': 'aor',
    'auth': 'auth',
    'endpoint': 'endpoint',
    'identify': 'identify',
    'registration': 'registration',
    'registration_outbound_auth': 'auth',
    'outbound_auth': 'auth',
}


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
        if self.dao.find_transport(name=endpoint.name) is not None:
            raise already_exists('Transport', name=endpoint.name)


class NoTemplateCycle(Validator):
    """A template may not be its own template, nor a template of the templates it uses,
    however deep: Asterisk would loop. The error names the template found using it."""

    def validate(self, endpoint: EndpointSIP) -> None:
        if any(parent is endpoint for parent in endpoint.templates):
            raise not_permitted('Cannot use itself as template')
        self._check_below(endpoint, endpoint, set())

    def _check_below(self, edited: EndpointSIP, template: EndpointSIP, seen: set[str]) -> None:
        # Depth first, each template once (a cycle made before this rule would loop).
        for parent in template.templates:
            if parent.uuid in seen:
                continue
            seen.add(parent.uuid)
            if any(grandparent is edited for grandparent in parent.templates):
                raise not_permitted(f'SIPEndpointTemplate({parent.uuid}) already include this template')
            self._check_below(edited, parent, seen)


def build_validator(dao: EndpointSIPDao, doc: PJSIPDoc) -> ValidationGroup:
    """Each option section is checked against the res_pjsip section Asterisk reads it as."""
    rules: list[Validator] = [SectionNameAvailable(dao), NoTemplateCycle()]
    rules += [PJSIPDocValidator(f'{field}_section_options', section, doc) for field, section in SECTION_DOCS.items()]
    return ValidationGroup(create=rules, edit=rules)
