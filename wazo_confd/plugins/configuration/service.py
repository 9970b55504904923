"""Live reload: whether changes ask wazo-sysconfd to reload Asterisk."""

from __future__ import annotations

from wazo_confd import installation
from wazo_confd.database.uow import Database
from wazo_confd.errors import Unauthorized
from wazo_confd.sysconfd import requests as reloads

from .notifier import LiveReloadNotifier


class LiveReloadService:
    def __init__(self, database: Database, notifier: LiveReloadNotifier):
        self._database = database
        self._notifier = notifier

    def ensure_master_tenant(self, tenant_uuid: str) -> None:
        """A global setting: only the master tenant may read or change it."""
        if tenant_uuid != installation.get(self._database.session()).master_tenant_uuid:
            raise Unauthorized('Unauthorized: only the master tenant may use this resource')

    def get(self) -> bool:
        return reloads.live_reload_enabled(self._database.session())

    def edit(self, enabled: bool) -> None:
        reloads.set_live_reload(self._database.session(), enabled)
        self._notifier.edited(enabled)
