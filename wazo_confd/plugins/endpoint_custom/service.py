"""Custom endpoint rules: the line using an endpoint is named after its interface."""

from __future__ import annotations

from wazo_confd.kit.service import CRUDService

from .model import EndpointCustom


class EndpointCustomService(CRUDService):
    def edit(self, endpoint: EndpointCustom) -> None:
        super().edit(endpoint)
        if endpoint.line is not None:
            endpoint.line.name = endpoint.interface

    def delete(self, endpoint: EndpointCustom) -> None:
        if endpoint.line is not None:
            endpoint.line.name = None
        super().delete(endpoint)
