"""Imports every model so that the metadata is complete (migrations, tests)."""

from __future__ import annotations

from typing import Any

from stevedore import ExtensionManager

from .base import Base


def load_all() -> type[Base]:
    import wazo_confd.auth.model  # noqa: F401
    import wazo_confd.bus.model  # noqa: F401
    import wazo_confd.installation  # noqa: F401
    import wazo_confd.sysconfd.model  # noqa: F401
    import wazo_confd.tenancy  # noqa: F401

    manager: ExtensionManager[Any] = ExtensionManager('wazo_confd.plugins', invoke_on_load=False)
    for extension in manager:
        package = extension.entry_point.module.rsplit('.', 1)[0]
        try:
            __import__(f'{package}.model')
        except ModuleNotFoundError as e:
            if e.name != f'{package}.model':
                raise
    return Base
