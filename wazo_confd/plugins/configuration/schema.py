"""Wire format of /configuration/live_reload."""

from __future__ import annotations

from wazo_confd.kit.schema import BaseSchema, StrictBoolean


class LiveReloadSchema(BaseSchema):
    enabled = StrictBoolean(required=True)
