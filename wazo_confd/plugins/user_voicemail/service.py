"""Links users to voicemails; creating a box for a user links it in the same transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .dao import UserVoicemailDao
from .notifier import UserVoicemailNotifier
from .validator import validate_association


class UserVoicemailService:
    def __init__(
        self,
        dao: UserVoicemailDao,
        notifier: UserVoicemailNotifier,
        user_service: Callable[[], Any],
        voicemail_service: Callable[[], Any],
    ):
        self.dao = dao
        self.notifier = notifier
        self.user_service = user_service
        self.voicemail_service = voicemail_service

    def get_user(self, user_id: Any, tenant_uuids: list[str]) -> Any:
        return self.user_service().get(user_id, tenant_uuids)

    def get_voicemail(self, voicemail_id: int, tenant_uuids: list[str]) -> Any:
        return self.voicemail_service().get(voicemail_id, tenant_uuids)

    def voicemails_of(self, user: Any) -> list[Any]:
        voicemail_id = self.dao.voicemail_id_of(user)
        return [] if voicemail_id is None else [self.voicemail_service().get(voicemail_id, None)]

    def associate(self, user: Any, voicemail: Any) -> None:
        current = self.dao.voicemail_id_of(user)
        if current == voicemail.id:
            return  # PUT is idempotent: the link is already there
        validate_association(user, voicemail, current)
        self.dao.associate(user, voicemail)
        self.notifier.associated(user, voicemail)

    def create_for(self, user: Any, voicemail: Any) -> Any:
        """Create a voicemail in the user's tenant and link it to the user."""
        validate_association(user, voicemail, self.dao.voicemail_id_of(user))
        created = self.voicemail_service().create(voicemail)
        self.dao.associate(user, created)
        self.notifier.associated(user, created)
        return created

    def dissociate(self, user: Any) -> None:
        """Unlink the user's voicemail; nothing happens (no event) without one, as upstream."""
        voicemail_id = self.dao.voicemail_id_of(user)
        if voicemail_id is None:
            return
        voicemail = self.voicemail_service().get(voicemail_id, None)
        self.dao.dissociate(user, voicemail)
        self.notifier.dissociated(user, voicemail)
