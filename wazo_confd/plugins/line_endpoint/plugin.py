"""The line-endpoint associations plugin. Lines and endpoints come from their plugins'
providers, looked up at request time (plugins load in any order)."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .notifier import LineEndpointNotifier
from .resource import LineEndpointCustom, LineEndpointSCCP, LineEndpointSIP
from .service import LineEndpointService

ROUTES = (
    ('sip', LineEndpointSIP, '/lines/<int:line_id>/endpoints/sip/<uuid:sip_uuid>'),
    ('sccp', LineEndpointSCCP, '/lines/<int:line_id>/endpoints/sccp/<int:sccp_id>'),
    ('custom', LineEndpointCustom, '/lines/<int:line_id>/endpoints/custom/<int:custom_id>'),
)


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        for kind, resource, rule in ROUTES:
            service = LineEndpointService(kind, deps.providers, LineEndpointNotifier(deps.outbox, kind))
            deps.providers.register(f'line_endpoint_{kind}_service', service)
            deps.api.add_resource(
                resource, rule, endpoint=f'line_endpoint_{kind}', resource_class_kwargs={'service': service}
            )
