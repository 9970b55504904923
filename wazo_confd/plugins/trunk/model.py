"""Trunks: how a tenant's calls leave the PBX, through one SIP, IAX or custom endpoint
(at most one, enforced by the table) and, for IAX, one registration.

Endpoints and registrations are other plugins' models, named by string; the backrefs give
each of them a read-only `trunk` attribute.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from wazo_confd.database.base import Base

ONE_ENDPOINT = (
    '(CASE WHEN endpoint_sip_uuid IS NULL THEN 0 ELSE 1 END'
    ' + CASE WHEN endpoint_iax_id IS NULL THEN 0 ELSE 1 END'
    ' + CASE WHEN endpoint_custom_id IS NULL THEN 0 ELSE 1 END) <= 1'
)


def _owner() -> Any:
    return backref('trunk', uselist=False, viewonly=True, lazy='selectin')


class Trunk(Base):
    __tablename__ = 'trunk'
    __table_args__ = (CheckConstraint(ONE_ENDPOINT, name='one_endpoint'), {'info': {'resource': 'Trunk'}})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    # A foreign key: a context that a trunk uses cannot be deleted (kit NotReferred).
    context: Mapped[str | None] = mapped_column(String(79), ForeignKey('context.name'), index=True)
    twilio_incoming: Mapped[bool | None] = mapped_column(Boolean, default=False)
    outgoing_caller_id_format: Mapped[str] = mapped_column(String(16), default='+E164')
    endpoint_sip_uuid: Mapped[str | None] = mapped_column(
        String(36), ForeignKey('endpoint_sip.uuid', ondelete='SET NULL'), unique=True
    )
    endpoint_iax_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey('endpoint_iax.id', ondelete='SET NULL'), unique=True
    )
    endpoint_custom_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey('endpoint_custom.id', ondelete='SET NULL'), unique=True
    )
    register_iax_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey('register_iax.id', ondelete='SET NULL'), unique=True
    )

    endpoint_sip: Mapped[Any] = relationship('EndpointSIP', lazy='selectin', backref=_owner())
    endpoint_iax: Mapped[Any] = relationship('EndpointIAX', lazy='selectin', backref=_owner())
    endpoint_custom: Mapped[Any] = relationship('EndpointCustom', lazy='selectin', backref=_owner())
    register_iax: Mapped[Any] = relationship('RegisterIAX', lazy='selectin', backref=_owner())

    @property
    def endpoint(self) -> Any:
        return self.endpoint_sip or self.endpoint_iax or self.endpoint_custom

    @property
    def protocol(self) -> str | None:
        for kind in ('sip', 'iax', 'custom'):
            if getattr(self, f'endpoint_{kind}') is not None:
                return kind
        return None
