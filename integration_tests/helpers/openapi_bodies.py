"""What tests read from the daemon's OpenAPI document: its list routes."""

from __future__ import annotations


def list_routes(spec: dict) -> list[str]:
    """Every path whose GET answers a page: `{"total": ..., "items": [...]}`."""
    routes = []
    for path, operations in spec['paths'].items():
        get = operations.get('get', {})
        schema = (
            get.get('responses', {}).get('200', {}).get('content', {}).get('application/json', {}).get('schema', {})
        )
        if {'total', 'items'} <= set(schema.get('properties', {})):
            routes.append(path)
    return sorted(routes)
