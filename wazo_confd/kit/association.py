"""Association routes: `PUT` links two objects, `DELETE` unlinks them, both answer 204.

Both sides are looked up among the tenants visible to the token (404 otherwise); the
service then checks that they belong to the same tenant.
"""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import different_tenants
from wazo_confd.http.auth import current_auth
from wazo_confd.http.resource import ConfdResource


def check_same_tenant(left: Any, right: Any, left_name: str, right_name: str) -> None:
    """Raise upstream's `different tenants` error, naming each side's tenant."""
    if left.tenant_uuid != right.tenant_uuid:
        raise different_tenants(
            **{f'{left_name}_tenant_uuid': left.tenant_uuid, f'{right_name}_tenant_uuid': right.tenant_uuid}
        )


class AssociationResource(ConfdResource):
    """Subclasses say how to find each side and which service links them."""

    docs = {
        'put': {'status': 204, 'response': {'description': 'Associated'}},
        'delete': {'status': 204, 'response': {'description': 'Dissociated'}},
    }

    def __init__(self, service: Any):
        self.service = service

    def find_left(self, left_id: Any, tenant_uuids: list[str]) -> Any:
        raise NotImplementedError

    def find_right(self, right_id: Any, tenant_uuids: list[str]) -> Any:
        raise NotImplementedError

    def _pair(self, left_id: Any, right_id: Any) -> tuple[Any, Any]:
        tenants = current_auth().item_tenants()
        return self.find_left(left_id, tenants), self.find_right(right_id, tenants)

    def link(self, left_id: Any, right_id: Any) -> tuple[None, int]:
        self.service.associate(*self._pair(left_id, right_id))
        return None, 204

    def unlink(self, left_id: Any, right_id: Any) -> tuple[None, int]:
        self.service.dissociate(*self._pair(left_id, right_id))
        return None, 204
