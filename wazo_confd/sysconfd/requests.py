"""Records what a change asks of wazo-sysconfd in its own transaction: the reload commands
if live reload is on, and the mailbox calls (move, delete) whatever live reload says, since
they keep the messages of a voicemail with its number and context."""

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
    """One `sysconfd_request` row per transaction that asked for reloads or mailbox calls."""

    def __init__(self, database: Database):
        self._database = database

    def record(self, commands: dict[str, list[str]]) -> None:
        session = self._database.session()
        live = session.info.get(_LIVE)
        if live is None:
            live = session.info[_LIVE] = live_reload_enabled(session)
        if not live:
            return
        row = _row(session)
        handlers = dict(row.handlers)
        merge_handlers(handlers, commands)
        row.handlers = handlers

    def call(self, path: str, params: dict[str, str]) -> None:
        """Queue `GET /<path>?<params>` (e.g. `delete_voicemail`), sent in commit order."""
        row = _row(self._database.session())
        row.calls = [*(row.calls or []), {'path': path, 'params': params}]


_ROW = 'sysconfd_request'
_LIVE = 'sysconfd_live_reload'


def _row(session: Session) -> SysconfdRequest:
    row = session.info.get(_ROW)
    if row is None:
        row = SysconfdRequest(handlers={})
        session.info[_ROW] = row
        ordering.add_in_commit_order(session, row)
    return row
