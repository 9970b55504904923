"""What holds an extension, as upstream's errors name it: the `associated_id` of
`Extension is associated with a <owner_type> ('extension_id': ..., 'associated_id': ...)`.

An extension only says which kind of object binds it (`owner_type`); the plugin binding
it knows which one. Upstream shows its own `typeval` there, a string: each plugin that
binds extensions registers how to read it, and the plugins that refuse a bound extension
(its delete, another owner's link) ask here:

    extension_owners(deps.providers).register('outcall', lambda extension: ...)
    raise extension_owners(providers).refusal(extension)  # names the owner
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wazo_confd.errors import ResourceError, resource_associated
from wazo_confd.plugin_api import Provided, Providers


class ExtensionOwners:
    def __init__(self) -> None:
        self._readers: dict[str, Callable[[Any], str | None]] = {}

    def register(self, owner_type: str, associated_id: Callable[[Any], str | None]) -> None:
        """`associated_id(extension)`: upstream's `typeval` of an extension bound by this kind."""
        self._readers[owner_type] = associated_id

    def associated_id(self, extension: Any) -> str | None:
        """The id upstream names for the extension's owner, or None when no plugin says."""
        read = self._readers.get(extension.owner_type or '')
        return None if read is None else read(extension)

    def metadata(self, extension: Any, key: str = 'extension_id') -> dict[str, Any]:
        """The error metadata naming the extension (under `key`) and, when known, its owner."""
        associated_id = self.associated_id(extension)
        found = {key: extension.id}
        return found if associated_id is None else {**found, 'associated_id': associated_id}

    def refusal(self, extension: Any, key: str = 'extension_id') -> ResourceError:
        """`Extension is associated with a <owner_type> (...)`, for a bound extension."""
        return resource_associated('Extension', extension.owner_type, **self.metadata(extension, key))


EXTENSION_OWNERS = Provided[ExtensionOwners]('extension_owners')


def extension_owners(providers: Providers) -> ExtensionOwners:
    """The registry shared by these plugins (made by the first to ask)."""
    if EXTENSION_OWNERS not in providers:
        providers.register(EXTENSION_OWNERS, ExtensionOwners())
    return providers.get(EXTENSION_OWNERS)
