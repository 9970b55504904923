"""The user: a person of a tenant, with the settings that shape their calls."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wazo_confd.database.base import Base, new_uuid


def utcnow_naive() -> datetime:
    # Upstream stores and reports created_at as a naive UTC time.
    return datetime.now(UTC).replace(tzinfo=None)


class User(Base):
    __tablename__ = 'confd_user'

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    firstname: Mapped[str] = mapped_column(String(128))
    lastname: Mapped[str | None] = mapped_column(String(128), index=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    timezone: Mapped[str | None] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(Text)
    caller_id: Mapped[str | None] = mapped_column(String(160))
    # evaluates_none: an explicit null is stored as given; only an absent value takes the default.
    outgoing_caller_id: Mapped[str | None] = mapped_column(String(80).evaluates_none(), default='default')
    mobile_phone_number: Mapped[str | None] = mapped_column(String(80))
    mobile_fallback_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    username: Mapped[str | None] = mapped_column(String(254), unique=True)
    password: Mapped[str | None] = mapped_column(String(64))
    music_on_hold: Mapped[str | None] = mapped_column(String(128))
    preprocess_subroutine: Mapped[str | None] = mapped_column(String(79))
    userfield: Mapped[str | None] = mapped_column(String(128))
    call_transfer_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    dtmf_hangup_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    call_record_outgoing_external_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    call_record_outgoing_internal_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    call_record_incoming_external_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    call_record_incoming_internal_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    online_call_record_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    supervision_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    ring_seconds: Mapped[int] = mapped_column(Integer, default=30)
    simultaneous_calls: Mapped[int] = mapped_column(Integer, default=5)
    call_permission_password: Mapped[str | None] = mapped_column(String(16))
    subscription_type: Mapped[int] = mapped_column(Integer, default=0)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    func_key_template_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow_naive)
    dnd_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    incallfilter_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    busy_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    busy_destination: Mapped[str | None] = mapped_column(String(128))
    noanswer_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    noanswer_destination: Mapped[str | None] = mapped_column(String(128))
    unconditional_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    unconditional_destination: Mapped[str | None] = mapped_column(String(128))

    # Lines are another plugin's: related by name, main line first.
    lines: Mapped[list[Any]] = relationship(
        'Line',
        secondary='user_line',
        viewonly=True,
        order_by='[UserLine.main_line.desc(), UserLine.line_id]',
        lazy='selectin',
    )

    @property
    def main_line(self) -> Any:
        return self.lines[0] if self.lines else None

    @property
    def fullname(self) -> str:
        return f'{self.firstname} {self.lastname or ""}'.strip()

    @property
    def country(self) -> None:
        return None
