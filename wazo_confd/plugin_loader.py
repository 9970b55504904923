"""Loads the enabled plugins through stevedore; a failure is logged and shown in /status."""

from __future__ import annotations

import logging
from importlib.metadata import EntryPoint
from typing import Any

from stevedore import ExtensionManager

from wazo_confd.config import PLUGIN_GROUP
from wazo_confd.plugin_api import PluginDependencies

logger = logging.getLogger(__name__)


def load_plugins(enabled: dict[str, bool], deps: PluginDependencies) -> list[str]:
    wanted = sorted(name for name, on in enabled.items() if on)
    failures = deps.plugin_failures

    def _on_failure(_manager: ExtensionManager[Any], entry_point: EntryPoint, error: BaseException) -> None:
        name = getattr(entry_point, 'name', str(entry_point))
        if name in wanted:
            failures[name] = f'import failed: {error}'
            logger.error('plugin %s failed to import: %s', name, error)

    manager: ExtensionManager[Any] = ExtensionManager(
        PLUGIN_GROUP, invoke_on_load=False, on_load_failure_callback=_on_failure
    )
    available = {extension.name: extension for extension in manager}
    loaded = []
    for name in wanted:
        extension = available.get(name)
        if extension is None:
            if name not in failures:
                failures[name] = 'not installed'
                logger.error('plugin %s is enabled but not installed', name)
            continue
        try:
            extension.plugin().load(deps)
        except Exception as e:
            failures[name] = f'load failed: {e.__class__.__name__}: {e}'
            logger.exception('plugin %s failed to load', name)
            continue
        loaded.append(name)
    logger.info('plugins loaded: %s', ', '.join(loaded) or 'none')
    return loaded
