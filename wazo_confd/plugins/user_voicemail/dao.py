"""SQL for the user-voicemail links."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from wazo_confd.database import constraints
from wazo_confd.database.uow import Database
from wazo_confd.errors import resource_associated
from wazo_confd.kit.links import known_links, linked, unlinked

from .model import UserVoicemail


class UserVoicemailDao:
    def __init__(self, database: Database):
        self.database = database

    def voicemail_id_of(self, user: Any) -> int | None:
        session = self.database.session()
        known = known_links(session, user, 'voicemail')
        if known is not None:
            return known[0].id if known else None
        with session.no_autoflush:
            return session.scalar(select(UserVoicemail.voicemail_id).where(UserVoicemail.user_uuid == user.uuid))

    def associate(self, user: Any, voicemail: Any) -> None:
        session = self.database.session()
        user_uuid = user.uuid  # read before the flush: a failed flush expires the user
        session.add(UserVoicemail(user_uuid=user_uuid, voicemail_id=voicemail.id))
        try:
            session.flush()
        except IntegrityError as e:
            if constraints.violated(e) != 'unique':
                raise
            # A concurrent request gave this user a voicemail first.
            raise resource_associated('User', 'Voicemail', user_uuid=user_uuid) from e
        # Only the two sides of the link read the table: the rest of the session stays loaded.
        linked(session, user, 'voicemail', voicemail)
        linked(session, voicemail, 'users', user)

    def dissociate(self, user: Any, voicemail: Any) -> None:
        session = self.database.session()
        session.execute(delete(UserVoicemail).where(UserVoicemail.user_uuid == user.uuid))
        unlinked(session, user, 'voicemail')
        unlinked(session, voicemail, 'users')
