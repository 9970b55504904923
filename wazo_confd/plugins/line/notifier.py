"""Events of lines: line_created, line_edited, line_deleted (tenant family)."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier

from .model import Line
from .schema import event_payload


class LineNotifier(CRUDNotifier):
    names = {'created': 'line_created', 'edited': 'line_edited', 'deleted': 'line_deleted'}
    routing_keys = {
        'created': 'config.line.created',
        'edited': 'config.line.edited',
        'deleted': 'config.line.deleted',
    }
    reload_commands = {'ipbx': ['module reload res_pjsip.so', 'dialplan reload', 'module reload chan_sccp.so']}

    def payload(self, line: Line) -> dict:
        return event_payload(line)
