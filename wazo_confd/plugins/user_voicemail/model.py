"""The link of a user to their voicemail: at most one per user, a voicemail shared by many."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base


class UserVoicemail(Base):
    __tablename__ = 'user_voicemail'
    __table_args__ = {'info': {'resource': 'User'}}

    # The primary key on the user makes "one voicemail per user" hold under concurrency.
    user_uuid: Mapped[str] = mapped_column(
        String(36), ForeignKey('confd_user.uuid', ondelete='CASCADE'), primary_key=True
    )
    voicemail_id: Mapped[int] = mapped_column(Integer, ForeignKey('voicemail.id'), index=True)
