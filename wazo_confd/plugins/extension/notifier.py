"""Events of extensions: extension_created, extension_edited, extension_deleted (tenant family)."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier

from .model import Extension


class ExtensionNotifier(CRUDNotifier):
    names = {'created': 'extension_created', 'edited': 'extension_edited', 'deleted': 'extension_deleted'}
    routing_keys = {
        'created': 'config.extensions.created',
        'edited': 'config.extensions.edited',
        'deleted': 'config.extensions.deleted',
    }

    def payload(self, extension: Extension) -> dict:
        return {'id': extension.id, 'exten': extension.exten, 'context': extension.context}
