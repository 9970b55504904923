"""HTTP resources of /lines/{line_id}/endpoints/{sip,sccp,custom}/{endpoint}."""

from __future__ import annotations

from typing import Any

from wazo_confd.kit.association import AssociationResource

from .service import LineEndpointService


class _LineEndpoint(AssociationResource):
    service: LineEndpointService

    def find_left(self, line_id: Any, tenant_uuids: list[str]) -> Any:
        return self.service.lines.get(line_id, tenant_uuids)

    def find_right(self, endpoint_id: Any, tenant_uuids: list[str]) -> Any:
        key = str(endpoint_id) if self.service.kind == 'sip' else endpoint_id
        return self.service.endpoints.get(key, tenant_uuids)

    # The endpoint's path variable is named after its kind, as in upstream's API document
    # (`sip_uuid`, `sccp_id`, `custom_id`).
    def put(self, line_id: Any, **endpoint: Any) -> tuple[None, int]:
        return self.link(line_id, *endpoint.values())

    def delete(self, line_id: Any, **endpoint: Any) -> tuple[None, int]:
        return self.unlink(line_id, *endpoint.values())


class LineEndpointSIP(_LineEndpoint):
    acls = {
        'put': 'confd.lines.{line_id}.endpoints.sip.{sip_uuid}.update',
        'delete': 'confd.lines.{line_id}.endpoints.sip.{sip_uuid}.delete',
    }


class LineEndpointSCCP(_LineEndpoint):
    acls = {
        'put': 'confd.lines.{line_id}.endpoints.sccp.{sccp_id}.update',
        'delete': 'confd.lines.{line_id}.endpoints.sccp.{sccp_id}.delete',
    }


class LineEndpointCustom(_LineEndpoint):
    acls = {
        'put': 'confd.lines.{line_id}.endpoints.custom.{custom_id}.update',
        'delete': 'confd.lines.{line_id}.endpoints.custom.{custom_id}.delete',
    }
