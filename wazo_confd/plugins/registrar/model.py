"""Registrars: where phones register and which proxies they use, shared by all tenants.

A line names its registrar by id; the platform ships one, `default`, that cannot be deleted.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base

DEFAULT_REGISTRAR = 'default'


class Registrar(Base):
    __tablename__ = 'registrar'

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    deletable: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str | None] = mapped_column(String(128))
    main_host: Mapped[str] = mapped_column(String(255))
    main_port: Mapped[int | None] = mapped_column(Integer)
    backup_host: Mapped[str | None] = mapped_column(String(255))
    backup_port: Mapped[int | None] = mapped_column(Integer)
    proxy_main_host: Mapped[str] = mapped_column(String(255))
    proxy_main_port: Mapped[int | None] = mapped_column(Integer)
    proxy_backup_host: Mapped[str | None] = mapped_column(String(255))
    proxy_backup_port: Mapped[int | None] = mapped_column(Integer)
    outbound_proxy_host: Mapped[str | None] = mapped_column(String(255))
    outbound_proxy_port: Mapped[int | None] = mapped_column(Integer)
