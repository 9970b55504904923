"""User rules beyond plain CRUD: a default caller id, and lookups by id or uuid."""

from __future__ import annotations

from typing import Any

from wazo_confd.database.search import SearchParams
from wazo_confd.kit.service import CRUDService

from .dao import UserDao
from .model import User


class UserService(CRUDService):
    dao: UserDao

    def search(
        self, params: SearchParams, tenant_uuids: list[str] | None, uuids: list[str] | None = None
    ) -> tuple[int, list[User]]:
        return self.dao.search_users(params, tenant_uuids, uuids)

    def get(self, user_id: Any, tenant_uuids: list[str] | None) -> User:
        return self.dao.get_by_id_or_uuid(user_id, tenant_uuids)

    def create(self, user: User) -> User:
        if not user.caller_id:
            user.caller_id = f'"{user.fullname}"'
        return super().create(user)
