"""The option names of Asterisk's res_pjsip, per configuration section, and the validator
that refuses an option name Asterisk would not know.

The project ships the names (`wazo_confd/data/pjsip_doc.json`: section -> option name ->
{name, default}); `pjsip_config_doc_filename` may name another file of the same shape,
plain or gzipped, such as the JSON documentation a newer Asterisk installs.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wazo_confd.errors import InputError, invalid_choice
from wazo_confd.plugin_api import PluginDependencies, Provided

from .validator import Validator

logger = logging.getLogger(__name__)

PACKAGED_DOC = Path(__file__).resolve().parent.parent / 'data' / 'pjsip_doc.json'

# Sections the documentation does not describe (their options live in other Asterisk
# modules): upstream wazo-confd accepts these names.
UNDOCUMENTED_SECTIONS = {
    'identify': ('match', 'endpoint', 'srv_lookups', 'match_header'),
    'registration': (
        'auth_rejection_permanent',
        'client_uri',
        'contact_user',
        'contact_header_params',
        'expiration',
        'max_retries',
        'outbound_proxy',
        'retry_interval',
        'server_uri',
        'forbidden_retry_interval',
        'fatal_retry_interval',
        'line',
        'transport',
        'support_path',
        'support_outbound',
    ),
}
# Names starting with '@' are Asterisk's per-object user variables.
USER_VARIABLE_SECTIONS = ('aor', 'endpoint')
INTERNAL_OPTIONS = ('type',)


class PJSIPDocError(InputError):
    def __init__(self) -> None:
        super().__init__('failed to read PJSIP JSON documentation')


class PJSIPDoc:
    """The documentation file, read once on first use."""

    def __init__(self, filename: str | None = None):
        self.filename = Path(filename) if filename else PACKAGED_DOC
        self._content: dict[str, dict[str, Any]] | None = None

    @classmethod
    def from_config(cls, config: dict) -> PJSIPDoc:
        return cls(config.get('pjsip_config_doc_filename'))

    @property
    def content(self) -> dict[str, dict[str, Any]]:
        if self._content is None:
            content = self._read()
            for options in content.values():
                for name in INTERNAL_OPTIONS:
                    options.pop(name, None)
            self._content = content
        return self._content

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            opener = gzip.open if self.filename.suffix == '.gz' else open
            with opener(self.filename, 'rt', encoding='utf-8') as f:
                content = json.load(f)
            if not isinstance(content, dict) or not all(isinstance(v, dict) for v in content.values()):
                raise ValueError('not a mapping of sections')
            return content
        except (OSError, ValueError) as e:
            logger.error('failed to read the PJSIP documentation %s: %s', self.filename, e)
            raise PJSIPDocError() from e

    def section_options(self, section: str) -> Iterable[str]:
        if section in UNDOCUMENTED_SECTIONS:
            return UNDOCUMENTED_SECTIONS[section]
        return self.content.get(section, {}).keys()

    def is_valid(self, section: str, option: str) -> bool:
        if section in USER_VARIABLE_SECTIONS and option.startswith('@'):
            return True
        return option in self.section_options(section)


class PJSIPDocValidator(Validator):
    """Every option name of `field` (a list of [name, value] pairs) exists in `section`."""

    def __init__(self, field: str, section: str, doc: PJSIPDoc):
        self.field = field
        self.section = section
        self.doc = doc

    def validate(self, model: Any) -> None:
        for option in getattr(model, self.field, None) or []:
            if not self.doc.is_valid(self.section, option[0]):
                raise invalid_choice(
                    f'{self.field}: invalid variable ({option[0]})', self.doc.section_options(self.section)
                )


# One documentation among the plugins that check PJSIP options (endpoints, transports).
PJSIP_DOC = Provided[PJSIPDoc]('pjsip_doc')


def offer_pjsip_doc(deps: PluginDependencies) -> PJSIPDoc:
    """The configured documentation, offered among the providers (by the first to ask)
    for the validators that a declaration builds from the providers alone."""
    if PJSIP_DOC not in deps.providers:
        deps.providers.register(PJSIP_DOC, PJSIPDoc.from_config(deps.config))
    return deps.providers.get(PJSIP_DOC)
