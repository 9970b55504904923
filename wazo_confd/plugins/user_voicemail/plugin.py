"""The user_voicemails plugin: link users to voicemails (needs the users and voicemails plugins)."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .dao import UserVoicemailDao
from .notifier import UserVoicemailNotifier
from .resource import UserVoicemailItem, UserVoicemailList
from .service import UserVoicemailService


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        providers = deps.providers
        service = UserVoicemailService(
            UserVoicemailDao(deps.database),
            UserVoicemailNotifier(deps.outbox),
            user_service=lambda: providers.get('user_service'),
            voicemail_service=lambda: providers.get('voicemail_service'),
        )
        kwargs = {'service': service, 'providers': providers}
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
