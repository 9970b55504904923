"""The user_voicemails plugin: link users to voicemails (needs the users and voicemails plugins)."""

from __future__ import annotations

import logging

from wazo_confd.plugin_api import PluginDependencies

from .dao import UserVoicemailDao
from .notifier import UserVoicemailNotifier
from .resource import NestedUserVoicemail, UserVoicemailItem, UserVoicemailList
from .service import UserVoicemailService

logger = logging.getLogger(__name__)
REQUIRED_PLUGINS = ('users', 'voicemails')


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        enabled = deps.config.get('enabled_plugins', {})
        missing = [name for name in REQUIRED_PLUGINS if not enabled.get(name)]
        if missing:
            # Its routes live under /users and link to /voicemails: without both, none.
            logger.warning('user_voicemails routes not added: plugins %s are disabled', ', '.join(missing))
            return
        providers = deps.providers
        service = UserVoicemailService(
            UserVoicemailDao(deps.database),
            UserVoicemailNotifier(deps.outbox),
            user_service=lambda: providers.get('user_service'),
            voicemail_service=lambda: providers.get('voicemail_service'),
        )
        kwargs = {'service': service, 'providers': providers}
        providers.register('user_voicemail_creator', NestedUserVoicemail(**kwargs))
        deps.api.add_resource(
            UserVoicemailList,
            '/users/<int:user_id>/voicemails',
            '/users/<uuid:user_id>/voicemails',
            endpoint='user_voicemails',
            resource_class_kwargs=kwargs,
        )
        deps.api.add_resource(
            UserVoicemailItem,
            '/users/<int:user_id>/voicemails/<int:voicemail_id>',
            '/users/<uuid:user_id>/voicemails/<int:voicemail_id>',
            endpoint='uservoicemailitem',
            resource_class_kwargs=kwargs,
        )
