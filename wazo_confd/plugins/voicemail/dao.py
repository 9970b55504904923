"""SQL for voicemails: the generic dao, and the mailbox (number, context) as it was loaded."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from wazo_confd.kit.dao import CRUDDao

from .model import Voicemail


class VoicemailDao(CRUDDao):
    def loaded_mailbox(self, voicemail: Voicemail) -> tuple[str, str]:
        """(number, context) as read from the database, before this request changed them."""
        state: Any = inspect(voicemail)

        def loaded(key: str) -> Any:
            history = state.attrs[key].history
            return history.deleted[0] if history.deleted else getattr(voicemail, key)

        return loaded('number'), loaded('context')
