"""IAX registrations: the remote servers Asterisk registers to, shared by the platform."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base


class RegisterIAX(Base):
    __tablename__ = 'register_iax'

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    auth_username: Mapped[str | None] = mapped_column(String(128))
    auth_password: Mapped[str | None] = mapped_column(String(128))
    remote_host: Mapped[str] = mapped_column(String(255))
    remote_port: Mapped[int | None] = mapped_column(Integer)
    callback_extension: Mapped[str | None] = mapped_column(String(128))
    callback_context: Mapped[str | None] = mapped_column(String(79))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
