"""Generic CRUD service: validate, persist, notify. No SQL, no URLs, no file names."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marshmallow import Schema

from wazo_confd.database.search import SearchParams

from .context_tenant import ContextTenant
from .dao import CRUDDao
from .notifier import CRUDNotifier
from .schema import load, shared
from .validator import ValidationGroup


class CRUDService:
    # The wire format and the mapped class of the resource, set by the plugin that builds
    # the service (the model defaults to the dao's): for objects made from a body nested
    # in another resource's, and for their representation.
    schema: type[Schema]
    model: type
    # The other plugins' providers, for a service that asks them at request time.
    providers: Any = None
    # For a resource whose objects take the tenant of the context they name (declared
    # `tenant_from`): kit/context_tenant.py.
    context_tenant: ContextTenant | None = None

    def __init__(self, dao: CRUDDao, validator: ValidationGroup, notifier: CRUDNotifier):
        self.dao = dao
        self.validator = validator
        self.notifier = notifier
        self.model = dao.model

    def search(self, params: SearchParams, tenant_uuids: Sequence[str] | None) -> tuple[int, list]:
        return self.dao.search(params, tenant_uuids)

    def get(self, resource_id: Any, tenant_uuids: Sequence[str] | None) -> Any:
        return self.dao.get(resource_id, tenant_uuids)

    def find_by(self, tenant_uuids: Sequence[str] | None = None, **criteria: Any) -> Any | None:
        """The object with these values among these tenants (any tenant: None), or None."""
        return self.dao.find_by(tenant_uuids, **criteria)

    def load_form(self, body: Any, partial: bool = False) -> dict:
        """A request body validated with the schema, as the resource's POST (or PUT:
        `partial`) does; an `Input Error` when it is not valid."""
        return load(shared(self.schema), body, partial=partial)

    def build(self, form: dict, tenant_uuid: str | None) -> Any:
        """A new object from a loaded form, made by a request of that tenant (platform-wide
        objects: none): in that tenant, or in the tenant of the context it names."""
        if not self.dao.tenant_scoped:
            return self.model(**form)
        if self.context_tenant is not None and tenant_uuid is not None:
            tenant_uuid = self.context_tenant.tenant_for(form, tenant_uuid)
        return self.model(tenant_uuid=tenant_uuid, **form)

    def check_edit(self, obj: Any, form: dict, tenant_uuid: str) -> None:
        """A loaded PUT body checked against the request's tenant, before it is applied:
        a context it names must be visible from there, and of the object's tenant."""
        if self.context_tenant is not None:
            self.context_tenant.check_edit(obj, form, tenant_uuid)

    def apply(self, obj: Any, form: dict) -> None:
        """Copy a loaded PUT body onto the object."""
        for key, value in form.items():
            setattr(obj, key, value)

    def create_from_body(self, body: Any, tenant_uuid: str | None) -> Any:
        """Create an object from a request body in that tenant, as the resource's POST does."""
        return self.create(self.build(self.load_form(body), tenant_uuid))

    def dump(self, obj: Any) -> dict:
        """The object's representation, as its item GET answers."""
        return shared(self.schema).dump(obj)

    def create(self, obj: Any) -> Any:
        self.validator.validate_create(obj)
        created = self.dao.create(obj)
        self.notifier.created(created)
        return created

    def edit(self, obj: Any) -> None:
        changed = self.dao.changed_fields(obj)
        self.validator.validate_edit(obj)
        self.dao.edit(obj)
        self.notifier.edited(obj, changed)

    def delete(self, obj: Any) -> None:
        self.validator.validate_delete(obj)
        self.dao.delete(obj)
        self.notifier.deleted(obj)
