"""The zone messages of voicemail.conf: named time zones (with the way the time of a
message is spoken) that a voicemail chooses by name in its `timezone`."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base


class VoicemailZoneMessage(Base):
    __tablename__ = 'voicemail_zonemessage'

    # The rank in the list as last written: the list is replaced whole.
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(128))
    timezone: Mapped[str] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)
