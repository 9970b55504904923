"""How the builders add a route of a declared resource and offer its service."""

from __future__ import annotations

from typing import Any

from wazo_confd.plugin_api import PluginDependencies, Provided


def add_route(
    deps: PluginDependencies,
    resource: type,
    rules: list[str],
    endpoint: str,
    service: Any,
    provider: Provided[Any] | None = None,
) -> None:
    """Route `rules` to `resource` (built with the service) as `endpoint`; offer the service
    to other plugins as `provider`, when named."""
    deps.api.add_resource(resource, *rules, endpoint=endpoint, resource_class_kwargs={'service': service})
    if provider is not None:
        deps.providers.register(provider, service)
