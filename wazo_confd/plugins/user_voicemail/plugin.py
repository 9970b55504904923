"""The user_voicemails plugin: link users to voicemails (needs the users and voicemails plugins)."""

from __future__ import annotations

import logging

from wazo_confd.interfaces import USER_VOICEMAILS
from wazo_confd.plugin_api import PluginDependencies

from .dao import UserVoicemailDao
from .notifier import UserVoicemailNotifier
from .resource import UserVoicemailItem, UserVoicemailList
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
        service = UserVoicemailService(
            UserVoicemailDao(deps.database), UserVoicemailNotifier(deps.outbox), deps.providers
        )
        # Also the voicemail nested in POST /users.
        deps.providers.register(USER_VOICEMAILS, service)
        kwargs = {'service': service}
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
