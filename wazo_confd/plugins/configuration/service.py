"""Live reload: whether changes ask wazo-sysconfd to reload Asterisk."""

from __future__ import annotations

from wazo_confd.database.uow import Database
from wazo_confd.sysconfd import requests as reloads

from .notifier import LiveReloadNotifier


class LiveReloadService:
    def __init__(self, database: Database, notifier: LiveReloadNotifier):
        self._database = database
        self._notifier = notifier

    def get(self) -> bool:
        return reloads.live_reload_enabled(self._database.session())

    def edit(self, enabled: bool) -> None:
        reloads.set_live_reload(self._database.session(), enabled)
        self._notifier.edited(enabled)
