"""Voicemail rules beyond plain CRUD: the mailbox follows its number and context on
wazo-sysconfd, and the check other plugins make before giving a voicemail to a user."""

from __future__ import annotations

from wazo_confd.kit.service import CRUDService

from .dao import VoicemailDao
from .model import Voicemail
from .notifier import VoicemailNotifier
from .validator import global_voicemail_error


class VoicemailService(CRUDService):
    dao: VoicemailDao
    notifier: VoicemailNotifier

    def edit(self, voicemail: Voicemail) -> None:
        old_number, old_context = self.dao.loaded_mailbox(voicemail)
        super().edit(voicemail)
        if (old_number, old_context) != (voicemail.number, voicemail.context):
            self.notifier.mailbox_moved(old_number, old_context, voicemail)

    def validate_for_user(self, voicemail: Voicemail) -> None:
        """A user may be given a personal voicemail only (PUT or POST /users/{id}/voicemails)."""
        if voicemail.accesstype == 'global':
            raise global_voicemail_error()
