"""Links a line to an endpoint of one kind (sip, sccp or custom), or unlinks them.

The line row is locked first, so that of two concurrent associations to one line only
the first succeeds; the unique endpoint columns stop one endpoint serving two lines.
"""

from __future__ import annotations

from typing import Any

from wazo_confd.plugin_api import Providers

from .notifier import LineEndpointNotifier
from .validator import validate_association, validate_dissociation


class LineEndpointService:
    def __init__(self, kind: str, providers: Providers, notifier: LineEndpointNotifier):
        self.kind = kind
        self.providers = providers
        self.notifier = notifier

    @property
    def lines(self) -> Any:
        return self.providers.get('line_service')

    @property
    def endpoints(self) -> Any:
        return self.providers.get(f'endpoint_{self.kind}_service')

    def associate(self, line: Any, endpoint: Any) -> None:
        self.lines.lock(line)
        if getattr(line, f'endpoint_{self.kind}') is endpoint:
            return
        validate_association(self.kind, line, endpoint)
        line.name = endpoint.interface if self.kind == 'custom' else getattr(endpoint, 'name', None)
        self.lines.dao.set_endpoint(line, self.kind, endpoint)
        self.notifier.associated(line, endpoint)

    def dissociate(self, line: Any, endpoint: Any) -> None:
        self.lines.lock(line)
        if getattr(line, f'endpoint_{self.kind}') is not endpoint:
            return
        validate_dissociation(line)
        line.name = None
        self.lines.dao.set_endpoint(line, self.kind, None)
        self.notifier.dissociated(line, endpoint)
