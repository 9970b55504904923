"""What every kind of endpoint (SIP, SCCP, custom) does for the line using it."""

from __future__ import annotations

from typing import Any, ClassVar

from .service import CRUDService


class EndpointService(CRUDService):
    """The line using an endpoint is named after it (its `line_name` attribute), and
    loses that name with the endpoint."""

    line_name: ClassVar[str]

    def edit(self, endpoint: Any) -> None:
        super().edit(endpoint)
        if endpoint.line is not None:
            endpoint.line.name = getattr(endpoint, self.line_name)

    def delete(self, endpoint: Any) -> None:
        if endpoint.line is not None:
            endpoint.line.name = None
        super().delete(endpoint)
