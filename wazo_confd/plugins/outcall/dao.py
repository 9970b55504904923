"""SQL of outcalls beyond CRUD: their dial patterns, and the extensions they bind."""

from __future__ import annotations

from typing import Any

from wazo_confd.kit.dao import CRUDDao

from .model import Outcall, OutcallExtension

# What a bound extension's `owner_type` says (the extensions plugin reads it).
OWNER = 'outcall'


class OutcallDao(CRUDDao[Outcall]):
    def dial_pattern(self, outcall: Outcall, extension: Any) -> OutcallExtension | None:
        return next((p for p in outcall.extensions if p.extension_id == extension.id), None)

    def set_dial_pattern(self, outcall: Outcall, extension: Any, form: dict) -> None:
        """Lead `extension` to the outcall with the pattern's fields of `form` (changed
        when it already does)."""
        pattern = self.dial_pattern(outcall, extension)
        if pattern is None:
            pattern = OutcallExtension(extension_id=extension.id, extension=extension)
            outcall.extensions.append(pattern)
        for name, value in form.items():
            setattr(pattern, name, value)
        extension.owner_type = OWNER
        self.flush(outcall)

    def remove_dial_pattern(self, outcall: Outcall, extension: Any) -> None:
        pattern = self.dial_pattern(outcall, extension)
        if pattern is not None:
            outcall.extensions.remove(pattern)
        extension.owner_type = None
        self.flush(outcall)

    def delete(self, outcall: Outcall) -> None:
        # Its extensions are free again (their dial patterns go with it).
        for pattern in outcall.extensions:
            pattern.extension.owner_type = None
        super().delete(outcall)
