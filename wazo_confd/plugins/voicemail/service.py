"""Voicemail rules beyond plain CRUD: the mailbox follows its number and context on
wazo-sysconfd."""

from __future__ import annotations

from wazo_confd.kit.service import CRUDService

from .dao import VoicemailDao
from .model import Voicemail
from .notifier import VoicemailNotifier


class VoicemailService(CRUDService):
    dao: VoicemailDao
    notifier: VoicemailNotifier

    def edit(self, voicemail: Voicemail) -> None:
        old_number, old_context = self.dao.loaded_mailbox(voicemail)
        super().edit(voicemail)
        if (old_number, old_context) != (voicemail.number, voicemail.context):
            self.notifier.mailbox_moved(old_number, old_context, voicemail)
