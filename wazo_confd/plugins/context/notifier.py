"""Events of contexts: context_created, context_edited, context_deleted (tenant family)."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier

from .model import Context


class ContextNotifier(CRUDNotifier):
    names = {'created': 'context_created', 'edited': 'context_edited', 'deleted': 'context_deleted'}
    routing_keys = {
        'created': 'config.contexts.created',
        'edited': 'config.contexts.edited',
        'deleted': 'config.contexts.deleted',
    }
    reload_commands = {'ipbx': ['dialplan reload']}

    def payload(self, context: Context) -> dict:
        return {'id': context.id, 'name': context.name, 'type': context.type, 'tenant_uuid': context.tenant_uuid}
