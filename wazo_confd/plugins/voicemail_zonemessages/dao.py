"""SQL for the voicemail zone messages: read in order, replaced whole."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wazo_confd.database.uow import Database

from .model import VoicemailZoneMessage


class VoicemailZoneMessagesDao:
    def __init__(self, database: Database):
        self.database = database

    @property
    def session(self) -> Session:
        return self.database.session()

    def find_all(self) -> list[VoicemailZoneMessage]:
        return list(self.session.scalars(select(VoicemailZoneMessage).order_by(VoicemailZoneMessage.position)))

    def names(self) -> set[str]:
        # Asked by the voicemail validators: the voicemail under validation is not flushed.
        with self.session.no_autoflush:
            return set(self.session.scalars(select(VoicemailZoneMessage.name)))

    def replace_all(self, zones: list[dict]) -> None:
        self.session.execute(delete(VoicemailZoneMessage))
        self.session.add_all(VoicemailZoneMessage(position=rank, **zone) for rank, zone in enumerate(zones))
        self.session.flush()
