"""Base of every HTTP resource: ACL check, then the handler inside one unit of work.

The generic kit (wazo_confd.kit) builds its resources on this one; http/ never imports the
kit: what the OpenAPI generator needs of a kit resource, the resource tells through the
class attributes and hooks below.
"""

from __future__ import annotations

from typing import Any, ClassVar

from flask import Response, current_app, request
from flask_restful import Resource
from werkzeug.exceptions import MethodNotAllowed

from .auth import authenticate
from .errors import json_response
from .master_tenant import check_master_tenant, is_master_tenant_only


def no_auth(func: Any) -> Any:
    func.no_auth = True
    return func


class ConfdResource(Resource):
    """Subclasses declare `acls = {'get': 'confd.x.read', ...}` and write the handlers."""

    acls: ClassVar[dict[str, str]] = {}
    # True: every method is reserved to the master tenant (see wazo_confd.http.master_tenant).
    master_tenant_only: ClassVar[bool] = False
    # OpenAPI facts per method (see wazo_confd.http.openapi), e.g. {'put': {'body': EditSchema}}.
    docs: ClassVar[dict[str, dict]] = {}
    # What each method does, for the OpenAPI document: list, create, read, head, update, delete.
    operation_kinds: ClassVar[dict[str, str]] = {}

    def search_columns(self) -> list[str]:
        """The columns a list is sorted and filtered by (documented as query parameters)."""
        return []

    def listed_filters(self) -> list[str]:
        """The exact-match filters taking a comma-separated list of values."""
        return []

    def unique_fields(self) -> list[str]:
        """The body fields no two objects may share (marked `x-unique` in the document)."""
        return []

    # Path variables handed to the handler under another name, e.g. {'uuid': 'id'}: the
    # ACL is filled with the route's own names, the handler takes the generic ones.
    path_aliases: ClassVar[dict[str, str]] = {}

    def dispatch_request(self, *args: Any, **kwargs: Any) -> Response:
        method_name = request.method.lower()
        handler = getattr(self, method_name, None)
        if handler is None and method_name == 'head':
            handler = getattr(self, 'get', None)
            method_name = 'get'
        if handler is None:
            raise MethodNotAllowed()
        deps = current_app.extensions['confd']
        if not getattr(handler, 'no_auth', False):
            # A HEAD without an ACL of its own is a GET without the body (as Flask answers it).
            fallback = 'get' if method_name == 'head' else method_name
            acl = self.acls.get(request.method.lower()) or self.acls.get(method_name) or self.acls[fallback]
            auth = authenticate(deps.verifier, acl, kwargs)
            if is_master_tenant_only(self, handler):
                check_master_tenant(auth, deps.master_tenant())
        if self.path_aliases:
            kwargs = {self.path_aliases.get(name, name): value for name, value in kwargs.items()}
        with deps.database.unit_of_work(read_only=request.method in ('GET', 'HEAD')):
            result = handler(*args, **kwargs)
            response = self._to_response(result)
        return response

    @staticmethod
    def _to_response(result: Any) -> Response:
        if isinstance(result, Response):
            return result
        headers: dict | None = None
        status = 200
        if isinstance(result, tuple):
            if len(result) == 3:
                result, status, headers = result
            else:
                result, status = result
        if status == 204 or result is None and status != 200:
            return Response(status=status, headers=headers)
        return json_response(result, status, headers)
