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

    def put(self, line_id: Any, endpoint_id: Any) -> tuple[None, int]:
        return self.link(line_id, endpoint_id)

    def delete(self, line_id: Any, endpoint_id: Any) -> tuple[None, int]:
        return self.unlink(line_id, endpoint_id)


class LineEndpointSIP(_LineEndpoint):
    acls = {
        'put': 'confd.lines.{line_id}.endpoints.sip.{endpoint_id}.update',
        'delete': 'confd.lines.{line_id}.endpoints.sip.{endpoint_id}.delete',
    }


class LineEndpointSCCP(_LineEndpoint):
    acls = {
        'put': 'confd.lines.{line_id}.endpoints.sccp.{endpoint_id}.update',
        'delete': 'confd.lines.{line_id}.endpoints.sccp.{endpoint_id}.delete',
    }


class LineEndpointCustom(_LineEndpoint):
    acls = {
        'put': 'confd.lines.{line_id}.endpoints.custom.{endpoint_id}.update',
        'delete': 'confd.lines.{line_id}.endpoints.custom.{endpoint_id}.delete',
    }
