"""The context: a dialplan namespace of a tenant, with the number ranges of its objects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wazo_confd.database.base import Base, new_uuid

# API field -> stored range type (the route segment of /contexts/{id}/ranges/{type}).
RANGE_FIELDS = {
    'user_ranges': 'user',
    'group_ranges': 'group',
    'queue_ranges': 'queue',
    'conference_room_ranges': 'conference',
    'incall_ranges': 'incall',
}


class ContextRange(Base):
    __tablename__ = 'context_range'

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    context_id: Mapped[int] = mapped_column(Integer, ForeignKey('context.id', ondelete='CASCADE'), index=True)
    type: Mapped[str] = mapped_column(String(16))
    start: Mapped[str] = mapped_column(String(16))
    end: Mapped[str | None] = mapped_column(String(16))
    did_length: Mapped[int] = mapped_column(Integer, default=0)

    def contains(self, exten: str) -> bool:
        """Whether a number lies in the range; incall ranges compare the last did_length digits."""
        if not exten.isdigit():
            return False
        start, end = self.start, self.end or self.start
        if self.type == 'incall' and self.did_length:
            start, end = start[-self.did_length :], end[-self.did_length :]
        if len(exten) != len(start):
            return False
        return int(start) <= int(exten) <= int(end)


class Context(Base):
    __tablename__ = 'context'

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    # Objects refer to a context by this generated, platform-wide unique name.
    name: Mapped[str] = mapped_column(String(79), unique=True)
    label: Mapped[str] = mapped_column(String(128))
    type: Mapped[str] = mapped_column(String(40), default='internal')
    description: Mapped[str | None] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    ranges: Mapped[list[ContextRange]] = relationship(
        ContextRange, cascade='all, delete-orphan', order_by=ContextRange.id, lazy='selectin'
    )

    def ranges_of(self, range_type: str) -> list[ContextRange]:
        return [r for r in self.ranges if r.type == range_type]

    def set_ranges(self, range_type: str, ranges: list[dict[str, Any]]) -> None:
        kept = [r for r in self.ranges if r.type != range_type]
        self.ranges = kept + [ContextRange(type=range_type, **r) for r in ranges]


def _range_property(range_type: str) -> property:
    return property(
        lambda self: self.ranges_of(range_type),
        lambda self, value: self.set_ranges(range_type, value),
    )


for _field, _type in RANGE_FIELDS.items():
    setattr(Context, _field, _range_property(_type))
