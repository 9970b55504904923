"""Lines: what a user's phone registers as. A line has at most one endpoint (SIP, SCCP or
custom), enforced by the table itself, and each endpoint serves at most one line."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, case
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wazo_confd.database.base import Base

from . import caller_id

ONE_ENDPOINT = (
    '(CASE WHEN endpoint_sip_uuid IS NULL THEN 0 ELSE 1 END'
    ' + CASE WHEN endpoint_sccp_id IS NULL THEN 0 ELSE 1 END'
    ' + CASE WHEN endpoint_custom_id IS NULL THEN 0 ELSE 1 END) <= 1'
)


class Line(Base):
    __tablename__ = 'line'
    __table_args__ = (CheckConstraint(ONE_ENDPOINT, name='one_endpoint'),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    # The endpoint's name (SIP name or custom interface), kept here for search and events.
    name: Mapped[str | None] = mapped_column(String(128), index=True)
    context: Mapped[str] = mapped_column(String(79), index=True)
    provisioning_code: Mapped[str] = mapped_column(String(6), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    # A copy of the endpoint's caller ID (see caller_id.py), kept for search and sort in SQL.
    cached_caller_id_name: Mapped[str | None] = mapped_column('caller_id_name', String(160))
    cached_caller_id_num: Mapped[str | None] = mapped_column('caller_id_num', String(80))
    registrar: Mapped[str] = mapped_column(String(128), default='default')
    device_id: Mapped[str | None] = mapped_column(String(255))
    endpoint_sip_uuid: Mapped[str | None] = mapped_column(
        String(36), ForeignKey('endpoint_sip.uuid', ondelete='SET NULL'), unique=True
    )
    endpoint_sccp_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey('endpoint_sccp.id', ondelete='SET NULL'), unique=True
    )
    endpoint_custom_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey('endpoint_custom.id', ondelete='SET NULL'), unique=True
    )

    # Computed from the loaded columns on an instance (a column_property was read again from
    # the database after every flush of the line), and as the same CASE in SQL for search.
    @hybrid_property
    def protocol(self) -> str | None:
        if self.endpoint_sip_uuid is not None:
            return 'sip'
        if self.endpoint_sccp_id is not None:
            return 'sccp'
        if self.endpoint_custom_id is not None:
            return 'custom'
        return None

    @protocol.inplace.expression
    @classmethod
    def _protocol_expression(cls) -> Any:
        return case(
            (cls.endpoint_sip_uuid.isnot(None), 'sip'),
            (cls.endpoint_sccp_id.isnot(None), 'sccp'),
            (cls.endpoint_custom_id.isnot(None), 'custom'),
            else_=None,
        )

    # Endpoints, users and user links belong to other plugins: related by name only.
    endpoint_sip: Mapped[Any] = relationship('EndpointSIP', back_populates='line', lazy='selectin')
    endpoint_sccp: Mapped[Any] = relationship('EndpointSCCP', back_populates='line', lazy='selectin')
    endpoint_custom: Mapped[Any] = relationship('EndpointCustom', back_populates='line', lazy='selectin')
    users: Mapped[list[Any]] = relationship(
        'User',
        secondary='user_line',
        viewonly=True,
        order_by='[UserLine.main_user.desc(), UserLine.user_id]',
        lazy='selectin',
    )

    @property
    def caller_id_name(self) -> str | None:
        return caller_id.read(self)[0]

    @caller_id_name.setter
    def caller_id_name(self, value: str | None) -> None:
        caller_id.write_name(self, value)

    @property
    def caller_id_num(self) -> str | None:
        return caller_id.read(self)[1]

    @caller_id_num.setter
    def caller_id_num(self, value: str | None) -> None:
        caller_id.write_num(self, value)

    def refresh_caller_id(self) -> None:
        name, num = caller_id.read(self)
        if (self.cached_caller_id_name, self.cached_caller_id_num) != (name, num):
            self.cached_caller_id_name, self.cached_caller_id_num = name, num

    @property
    def device_slot(self) -> int:
        return self.position

    @property
    def provisioning_extension(self) -> str:
        return self.provisioning_code

    @property
    def endpoint(self) -> Any:
        return self.endpoint_sip or self.endpoint_sccp or self.endpoint_custom

    @property
    def is_webrtc(self) -> bool:
        return bool(self.endpoint_sip is not None and self.endpoint_sip.is_webrtc)

    extensions: Mapped[list[Any]] = relationship(
        'Extension', secondary='line_extension', viewonly=True, order_by='Extension.id', lazy='selectin'
    )

    @property
    def application(self) -> None:
        return None
