"""The voicemails plugin: routes, and the voicemail service offered to other plugins."""

from __future__ import annotations

from typing import Any

from wazo_confd.kit.service import CRUDService
from wazo_confd.plugin_api import PluginDependencies

from .dao import VoicemailDao
from .notifier import VoicemailNotifier
from .resource import VoicemailItem, VoicemailList
from .schema import VoicemailSchema
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        def find_context(name: str, tenant_uuid: str) -> Any:
            # Looked up at request time: the contexts plugin may load after this one.
            return deps.providers.get('context_service').find_in_subtree(name, tenant_uuid)

        def zone_names() -> set[str] | None:
            if 'voicemail_zonemessages_service' not in deps.providers:
                return None
            return deps.providers.get('voicemail_zonemessages_service').names()

        dao = VoicemailDao(deps.database)
        validator = build_validator(dao, find_context, zone_names)
        service = CRUDService(dao, validator, VoicemailNotifier(deps.outbox))
        deps.providers.register('voicemail_service', service)
        service.schema = VoicemailSchema
        kwargs = {'service': service}
        deps.api.add_resource(VoicemailList, '/voicemails', endpoint='voicemaillist', resource_class_kwargs=kwargs)
        deps.api.add_resource(
            VoicemailItem, '/voicemails/<int:id>', endpoint='voicemails', resource_class_kwargs=kwargs
        )
