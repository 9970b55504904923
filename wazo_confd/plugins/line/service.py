"""Line rules: a generated provisioning code, the endpoint and extensions created with a
line, and users and extensions let go when a line is deleted."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import cached_property
from typing import Any

from marshmallow import Schema

from wazo_confd.interfaces import (
    ENDPOINT_SIP,
    ENDPOINTS,
    EXTENSIONS,
    LINE_ENDPOINTS,
    LINE_EXTENSIONS,
    USER_LINES,
    Endpoints,
    Extensions,
    NestedLine,
)
from wazo_confd.kit.schema import load, shared
from wazo_confd.kit.service import CRUDService
from wazo_confd.plugin_api import Provided, Providers

from .caller_id import follow_main_extension_and_user
from .dao import LineDao
from .model import Line
from .schema import ENDPOINT_FIELDS, LineCreateSchema, create_schema


class LineService(CRUDService):
    dao: LineDao
    providers: Providers

    @cached_property
    def create_schema(self) -> type[LineCreateSchema]:
        """POST /lines: the line's schema with the nested endpoint and extensions, loaded
        with the schemas of their plugins, looked up at request time (plugins load in any
        order)."""
        providers = self.providers

        def schema_of(key: Provided[Endpoints] | Provided[Extensions]) -> Callable[[], Schema]:
            return lambda: shared(providers.get(key).schema)

        nested = {f'endpoint_{kind}': schema_of(key) for kind, key in ENDPOINTS.items()}
        nested['extension'] = schema_of(EXTENSIONS)
        return create_schema(nested)

    def edit(self, line: Line) -> None:
        super().edit(line)
        # An edit cannot take the line from its main extension's context nor from its main
        # user's caller ID: upstream puts them back after it.
        follow_main_extension_and_user(line)

    def create(self, line: Line) -> Line:
        if not line.provisioning_code:
            line.provisioning_code = self._free_provisioning_code()
        return super().create(line)

    def load_form(self, body: Any, partial: bool = False) -> dict:
        """A POST /lines body loaded, its nested endpoint and extensions checked by the
        schemas of their plugins; with `partial`, a PUT body."""
        if partial:
            return super().load_form(body, partial=True)
        return load(shared(self.create_schema), body)

    def create_from_body(self, body: Any, tenant_uuid: str | None) -> Line:
        return self.create_nested(self.load_form(body), tenant_uuid).line

    def create_nested(self, form: dict, tenant_uuid: str | None) -> NestedLine:
        """POST /lines by a request of that tenant, as upstream: the line (without caller
        ID) in its context's tenant, then its endpoint made from its nested body in the
        line's tenant and associated, then the caller ID written to the endpoint (an edit
        of the line), then each extension created (in its context's tenant) or found, and
        linked."""
        form = dict(form)
        nested = [(name.removeprefix('endpoint_'), form.pop(name, None)) for name in ENDPOINT_FIELDS]
        endpoint = next(((kind, loaded) for kind, loaded in nested if loaded), None)
        extensions = [loaded.form for loaded in form.pop('extensions', None) or []]
        name, num = form.pop('caller_id_name', None), form.pop('caller_id_num', None)
        created = NestedLine(self.create(self.build(form, tenant_uuid)))
        line = created.line
        if endpoint is not None:
            kind, loaded = endpoint
            created.endpoint_kind = kind
            created.endpoint = self.providers.get(ENDPOINTS[kind]).create_from_body(loaded.raw, line.tenant_uuid)
            self.providers.get(LINE_ENDPOINTS[kind]).associate(line, created.endpoint)
        if name:
            line.caller_id_name = name
        if num and created.endpoint_kind == 'sip':
            line.caller_id_num = num
        if name or num:
            self.edit(line)
        if extensions:
            line_extensions = self.providers.get(LINE_EXTENSIONS)
            created.extensions = [line_extensions.create_or_link(line, form, tenant_uuid) for form in extensions]
        return created

    def dump_nested(self, created: NestedLine) -> dict:
        """What POST /lines answers: the line, with the endpoint and extensions made with
        it shown whole, as upstream."""
        answer = self.dump(created.line)
        if created.endpoint_kind is not None:
            endpoints = self.providers.get(ENDPOINTS[created.endpoint_kind])
            answer[f'endpoint_{created.endpoint_kind}'] = endpoints.dump(created.endpoint)
        if created.extensions:
            extensions = self.providers.get(EXTENSIONS)
            answer['extensions'] = [extensions.dump(extension) for extension in created.extensions]
        return answer

    def delete(self, line: Line, recursive: bool = False) -> None:
        """The line, its users and extensions let go first, each with its event; with
        `recursive`, the extensions no other line rings are deleted, and its SIP endpoint
        after it."""
        # Users are dissociated first, each with its event (secondary users before the main one).
        if USER_LINES in self.providers:
            user_lines = self.providers.get(USER_LINES)
            for user in reversed(line.users):
                user_lines.dissociate(user, line)
        # Then its extensions, freed for other use, each with its event.
        if LINE_EXTENSIONS in self.providers:
            line_extensions = self.providers.get(LINE_EXTENSIONS)
            for extension in list(line.extensions):
                line_extensions.dissociate(line, extension)
                if recursive and not extension.lines:
                    self.providers.get(EXTENSIONS).delete(extension)
        endpoint = line.endpoint_sip if recursive else None
        super().delete(line)
        if endpoint is not None:
            self.dao.forget_line_of(endpoint)
            self.providers.get(ENDPOINT_SIP).delete(endpoint)

    def find_by_registrar(self, registrar_id: str) -> Line | None:
        """A line (of any tenant) naming that registrar, or None."""
        return self.dao.find_by(registrar=registrar_id)

    def lock(self, line: Line) -> None:
        self.dao.lock(line)

    def set_endpoint(self, line: Line, kind: str, endpoint: Any | None) -> None:
        """Give the line this endpoint of that kind (or none of it)."""
        self.dao.set_endpoint(line, kind, endpoint)

    def _free_provisioning_code(self) -> str:
        while True:
            code = str(100000 + secrets.randbelow(900000))
            if self.dao.provisioning_code_owner(code) is None:
                return code
