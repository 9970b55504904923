"""SQL for the user-voicemail links."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from wazo_confd.database.uow import Database
from wazo_confd.errors import resource_associated

from .model import UserVoicemail


class UserVoicemailDao:
    def __init__(self, database: Database):
        self.database = database

    def voicemail_id_of(self, user_uuid: str) -> int | None:
        session = self.database.session()
        with session.no_autoflush:
            return session.scalar(select(UserVoicemail.voicemail_id).where(UserVoicemail.user_uuid == user_uuid))

    def associate(self, user_uuid: str, voicemail_id: int) -> None:
        session = self.database.session()
        session.add(UserVoicemail(user_uuid=user_uuid, voicemail_id=voicemail_id))
        try:
            session.flush()
        except IntegrityError as e:
            # A concurrent request gave this user a voicemail first.
            raise resource_associated('User', 'Voicemail', user_uuid=user_uuid) from e
        session.expire_all()

    def dissociate(self, user_uuid: str) -> None:
        session = self.database.session()
        session.execute(delete(UserVoicemail).where(UserVoicemail.user_uuid == user_uuid))
        session.expire_all()
