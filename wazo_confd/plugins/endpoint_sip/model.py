"""SIP endpoints and SIP templates: one table, told apart by `template`.

Option sections are stored as JSON lists of `[key, value]` pairs. Names are unique across
endpoints and templates (Asterisk sections share one namespace). A template's parents are
ordered: later parents and the object's own options override earlier ones.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wazo_confd.database.base import Base, new_uuid

SECTIONS = (
    'aor',
    'auth',
    'endpoint',
    'identify',
    'registration',
    'registration_outbound_auth',
    'outbound_auth',
)


class EndpointSIPTemplateLink(Base):
    __tablename__ = 'endpoint_sip_template'

    child_uuid: Mapped[str] = mapped_column(
        String(36), ForeignKey('endpoint_sip.uuid', ondelete='CASCADE'), primary_key=True
    )
    parent_uuid: Mapped[str] = mapped_column(
        String(36), ForeignKey('endpoint_sip.uuid', ondelete='CASCADE'), primary_key=True, index=True
    )
    priority: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[EndpointSIP] = relationship('EndpointSIP', foreign_keys=[parent_uuid], lazy='joined')


class EndpointSIP(Base):
    __tablename__ = 'endpoint_sip'

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    name: Mapped[str] = mapped_column(String(79), unique=True)
    label: Mapped[str | None] = mapped_column(String(128))
    template: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    asterisk_id: Mapped[str | None] = mapped_column(String(1024))
    # A transport (pjsip plugin) in use cannot be deleted, unless its users move to a fallback.
    transport_uuid: Mapped[str | None] = mapped_column(String(36), ForeignKey('pjsip_transport.uuid'), index=True)
    aor_section_options: Mapped[list] = mapped_column(JSON, default=list)
    auth_section_options: Mapped[list] = mapped_column(JSON, default=list)
    endpoint_section_options: Mapped[list] = mapped_column(JSON, default=list)
    identify_section_options: Mapped[list] = mapped_column(JSON, default=list)
    registration_section_options: Mapped[list] = mapped_column(JSON, default=list)
    registration_outbound_auth_section_options: Mapped[list] = mapped_column(JSON, default=list)
    outbound_auth_section_options: Mapped[list] = mapped_column(JSON, default=list)

    template_links: Mapped[list[EndpointSIPTemplateLink]] = relationship(
        EndpointSIPTemplateLink,
        foreign_keys=[EndpointSIPTemplateLink.child_uuid],
        order_by=EndpointSIPTemplateLink.priority,
        cascade='all, delete-orphan',
        passive_deletes=True,
        # With the endpoints: a page of them (a users summary's `is_webrtc`) reads its
        # templates in one statement, not one per endpoint.
        lazy='selectin',
    )
    # The line using this endpoint (lines are another plugin: related by name).
    line: Mapped[Any] = relationship(
        'Line', back_populates='endpoint_sip', uselist=False, viewonly=True, lazy='selectin'
    )

    @property
    def templates(self) -> list[EndpointSIP]:
        return [link.parent for link in self.template_links]

    @templates.setter
    def templates(self, parents: list[EndpointSIP]) -> None:
        self.template_links = [
            EndpointSIPTemplateLink(parent_uuid=parent.uuid, parent=parent, priority=position)
            for position, parent in enumerate(parents)
        ]

    @property
    def transport(self) -> dict | None:
        return {'uuid': self.transport_uuid} if self.transport_uuid else None

    def combined(self, section: str, seen: frozenset[str] = frozenset()) -> list[list[str]]:
        """The options of a section with those inherited from the templates, parents first."""
        if self.uuid in seen:
            return []
        options: list[list[str]] = []
        for parent in self.templates:
            options.extend(parent.combined(section, seen | {self.uuid}))
        options.extend(getattr(self, f'{section}_section_options') or [])
        return options

    def effective_option(self, section: str, key: str) -> str | None:
        value = None
        for option_key, option_value in self.combined(section):
            if option_key == key:
                value = option_value
        return value

    @property
    def is_webrtc(self) -> bool:
        return self.effective_option('endpoint', 'webrtc') == 'yes'


class SIPTemplateDefault(Base):
    """Which template is a tenant's default `global`, `webrtc`, ... (one of each per tenant)."""

    __tablename__ = 'endpoint_sip_tenant_default'

    tenant_uuid: Mapped[str] = mapped_column(
        String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    template_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('endpoint_sip.uuid', ondelete='CASCADE'))
