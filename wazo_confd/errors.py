"""Domain errors, rendered by the HTTP layer with the upstream prefixes.

The message format is `<Category> - <text> (<metadata>)`, where the metadata is a Python
dict shown without its braces and left out when empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def format_metadata(metadata: dict[str, Any]) -> str:
    return f'({str(metadata)[1:-1]})' if metadata else ''


class ConfdError(Exception):
    category = 'Error'
    status_code = 500

    def __init__(self, text: str, metadata: dict[str, Any] | None = None):
        self.text = text
        self.metadata = metadata or {}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f'{self.category} - {self.text} {format_metadata(self.metadata)}'.strip()

    def body(self) -> list:
        return [self.message]


class InputError(ConfdError):
    category = 'Input Error'
    status_code = 400


class BareInputError(InputError):
    """An input error whose message has no prefix: upstream raises a few of its input
    errors with a bare message (xivo-dao's InputError made directly, not by a template)."""

    @property
    def message(self) -> str:
        return self.text


class ResourceError(ConfdError):
    category = 'Resource Error'
    status_code = 400


class NotFoundError(ConfdError):
    category = 'Resource Not Found'
    status_code = 404


class SchemaError(InputError):
    """Schema validation failure: one line per failing field."""

    def __init__(self, messages: dict[str, Any]):
        self.messages = messages
        super().__init__('invalid input')

    def body(self) -> list:
        return [f'{self.category} - {field}: {messages!r}' for field, messages in self.messages.items()]


class Unauthorized(Exception):
    status_code = 401

    def __init__(self, reason: str = 'Unauthorized'):
        self.reason = reason
        super().__init__(reason)


class ServiceUnavailable(Exception):
    status_code = 503

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def not_found(resource: str, **metadata: Any) -> NotFoundError:
    return NotFoundError(f'{resource} was not found', metadata)


def already_exists(resource: str, **metadata: Any) -> ResourceError:
    return ResourceError(f'{resource} already exists', metadata)


def invalid_choice(field: str, choices: Iterable[str], **metadata: Any) -> InputError:
    return InputError(f"'{field}' must be one of ({', '.join(choices)})", metadata)


def wrong_type(field: str, expected: str, **metadata: Any) -> InputError:
    return InputError(f"field '{field}': wrong type. Should be a {expected}", metadata)


def resource_associated(resource: str, associated: str, **metadata: Any) -> ResourceError:
    return ResourceError(f'{resource} is associated with a {associated}', metadata)


def outside_range(field: str, **metadata: Any) -> InputError:
    return InputError(f"field '{field}': value outside of allowed range", metadata)


def param_not_found(field: str, resource: str, **metadata: Any) -> InputError:
    return InputError(f"field '{field}': {resource} was not found", metadata)


def different_tenants(**metadata: Any) -> ResourceError:
    """Upstream's error for two related objects of different tenants."""
    return ResourceError('different tenants', metadata)


def resource_not_associated(resource: str, associated: str, **metadata: Any) -> ResourceError:
    return ResourceError(f'{resource} is not associated with {associated}', metadata)


def missing_association(resource: str, associated: str, **metadata: Any) -> ResourceError:
    return ResourceError(f'{resource} must be associated with a {associated}', metadata)


def secondary_users(**metadata: Any) -> ResourceError:
    return ResourceError('There are secondary users associated to the line', metadata)


def not_permitted(reason: str, **metadata: Any) -> ResourceError:
    return ResourceError(f'Operation not permitted. {reason}', metadata)
