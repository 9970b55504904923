"""Records the reload commands of a change in its own transaction, if live reload is on."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from wazo_confd.bus import ordering
from wazo_confd.database.uow import Database

from .model import LiveReload, SysconfdRequest

LIVE_RELOAD_ID = 1


def live_reload_enabled(session: Session) -> bool:
    enabled = session.scalar(select(LiveReload.enabled).where(LiveReload.id == LIVE_RELOAD_ID))
    return True if enabled is None else bool(enabled)


def set_live_reload(session: Session, enabled: bool) -> None:
    row = session.get(LiveReload, LIVE_RELOAD_ID)
    if row is None:
        session.add(LiveReload(id=LIVE_RELOAD_ID, enabled=enabled))
    else:
        row.enabled = enabled


def merge_handlers(target: dict[str, list[str]], commands: dict[str, list[str]]) -> None:
    """Add `commands` to `target`, each command once, in first-seen order."""
    for key, values in commands.items():
        known = target.setdefault(key, [])
        known.extend(value for value in values if value not in known)


class ReloadRequests:
    """One `sysconfd_request` row per transaction that asked for reloads."""

    def __init__(self, database: Database):
        self._database = database

    def record(self, commands: dict[str, list[str]]) -> None:
        session = self._database.session()
        row = session.info.get('sysconfd_request')
        if row is None:
            if not live_reload_enabled(session):
                return
            row = SysconfdRequest(handlers={})
            session.info['sysconfd_request'] = row
            ordering.add_in_commit_order(session, row)
        handlers = dict(row.handlers)
        merge_handlers(handlers, commands)
        row.handlers = handlers
