"""Events of users: user_created, user_edited, user_deleted (tenant family)."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier

from .model import User


class UserNotifier(CRUDNotifier):
    names = {'created': 'user_created', 'edited': 'user_edited', 'deleted': 'user_deleted'}
    routing_keys = {
        'created': 'config.user.created',
        'edited': 'config.user.edited',
        'deleted': 'config.user.deleted',
    }
    reload_commands = {
        'ipbx': [
            'dialplan reload',
            'module reload chan_sccp.so',
            'module reload app_queue.so',
            'module reload res_pjsip.so',
        ]
    }

    def payload(self, user: User) -> dict:
        return {
            'id': user.id,
            'uuid': user.uuid,
            'subscription_type': user.subscription_type,
            'created_at': str(user.created_at) if user.created_at is not None else None,
            'tenant_uuid': user.tenant_uuid,
        }
