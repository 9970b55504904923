"""Business rules of a user-voicemail link: same tenant, one per user (the
voicemails plugin refuses a global box)."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import different_tenants, resource_associated


def validate_association(user: Any, voicemail: Any, current_voicemail_id: int | None) -> None:
    if user.tenant_uuid != voicemail.tenant_uuid:
        raise different_tenants(voicemail_tenant_uuid=voicemail.tenant_uuid, user_tenant_uuid=user.tenant_uuid)
    if current_voicemail_id is not None:
        # Upstream names the voicemail being linked, not the one the user has.
        raise resource_associated('User', 'Voicemail', user_id=user.id, voicemail_id=voicemail.id)
