"""Business rules of extensions: a valid exten, unique in its context, in range once bound."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from wazo_confd.errors import BareInputError, InputError, ResourceError, resource_associated
from wazo_confd.interfaces import CONTEXTS
from wazo_confd.kit.extension_owners import extension_owners
from wazo_confd.kit.validator import ValidationGroup, Validator
from wazo_confd.plugin_api import Providers

from .model import Extension

ContextFinder = Callable[[str, str], Any]

# Upstream's: a number, or a pattern (`_` then digits, `*`, `#`, X, Z, N in either case,
# classes `[...]`, ranges, `.`, `!` and `_`).
EXTEN = re.compile(r'^(?:_[*#0-9_XxZzNn\[\].!-]{1,39}|[*#0-9]{1,40})\Z')
# Outgoing routes also match international numbers: an optional `_`, then an optional `+`.
OUTCALL_EXTEN = re.compile(r'^_?\+?[*#0-9_XxZzNn\[\].!-]*\Z')


def outside_context_range(exten: str, context: str) -> InputError:
    return InputError(f"Extension '{exten}' is outside of range for context '{context}'")


def check_in_range(extension: Extension, context: Any, range_type: str) -> None:
    """Raise unless the extension's number lies in one of the context's ranges of that type."""
    if extension.is_pattern():
        return
    if not any(r.contains(extension.exten) for r in context.ranges_of(range_type)):
        raise outside_context_range(extension.exten, extension.context)


class ExtenRegexValidator(Validator):
    def __init__(self, find_context: ContextFinder):
        self.find_context = find_context

    def validate(self, extension: Extension) -> None:
        context = self.find_context(extension.context, extension.tenant_uuid)
        allowed = OUTCALL_EXTEN if context is not None and context.type == 'outcall' else EXTEN
        if not allowed.match(extension.exten):
            # Upstream's words, without a prefix (see BareInputError).
            raise BareInputError("exten: ['String does not match expected pattern.']")


class ContextOnUpdateValidator(Validator):
    """A bound extension stays in a context of the type its owner needs."""

    def __init__(self, find_context: ContextFinder):
        self.find_context = find_context

    def validate(self, extension: Extension) -> None:
        if extension.owner_type is None:
            return
        context = self.find_context(extension.context, extension.tenant_uuid)
        wanted = {'incall': 'incall', 'outcall': 'outcall'}.get(extension.owner_type, 'internal')
        if context.type != wanted:
            raise ResourceError(f"ContextType '{context.type}' cannot be associated")


class ExtensionRangeValidator(Validator):
    """A bound extension keeps a number in its context's ranges for the owner's kind."""

    def __init__(self, find_context: ContextFinder):
        self.find_context = find_context

    def validate(self, extension: Extension) -> None:
        if extension.owner_type not in ('user', 'group', 'queue', 'conference', 'incall'):
            return
        check_in_range(extension, self.find_context(extension.context, extension.tenant_uuid), extension.owner_type)


class ExtensionAssociationValidator(Validator):
    """A bound extension cannot be deleted: upstream names the owner's type (and id, as
    the binding plugin says), or the line."""

    def __init__(self, providers: Providers):
        self.providers = providers

    def validate(self, extension: Extension) -> None:
        owner_type = extension.owner_type
        if owner_type is not None and owner_type != 'user':
            raise extension_owners(self.providers).refusal(extension)
        if extension.lines:
            # Upstream's words: the lines in lower case, and every line ringing it.
            line_ids = [line.id for line in extension.lines]
            raise resource_associated('Extension', 'line', extension_id=extension.id, associated_ids=line_ids)


def build_validator(dao: Any, providers: Providers) -> ValidationGroup:
    """The rules besides `(exten, context)` being unique (declared with the resource) and
    the context being visible (the kit's `tenant_from`)."""

    def find_context(name: str, tenant_uuid: str) -> Any:
        # Asked at request time: the contexts plugin may load after this one.
        return providers.get(CONTEXTS).find_in_subtree(name, tenant_uuid)

    regex = ExtenRegexValidator(find_context)
    return ValidationGroup(
        create=[regex],
        edit=[
            ContextOnUpdateValidator(find_context),
            ExtensionRangeValidator(find_context),
            regex,
        ],
        delete=[ExtensionAssociationValidator(providers)],
    )
