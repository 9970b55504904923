"""User rules beyond plain CRUD: a default caller id, lookups by id or uuid, and the
lines and voicemail created with a user."""

from __future__ import annotations

from typing import Any

from wazo_confd.database.search import SearchParams
from wazo_confd.kit.service import CRUDService
from wazo_confd.kit.validator import ValidationGroup
from wazo_confd.plugin_api import Providers

from .dao import UserDao
from .model import User
from .notifier import UserNotifier


class UserService(CRUDService):
    dao: UserDao

    def __init__(self, dao: UserDao, validator: ValidationGroup, notifier: UserNotifier, providers: Providers):
        super().__init__(dao, validator, notifier)
        self.providers = providers

    def search(
        self, params: SearchParams, tenant_uuids: list[str] | None, uuids: list[str] | None = None
    ) -> tuple[int, list[Any]]:
        return self.dao.search_users(params, tenant_uuids, uuids)

    def get(self, user_id: Any, tenant_uuids: list[str] | None) -> User:
        return self.dao.get_by_id_or_uuid(user_id, tenant_uuids)

    def read(self, user_id: Any, tenant_uuids: list[str]) -> Any:
        """The user to answer a read with (not to change)."""
        return self.dao.read_by_id_or_uuid(user_id, tenant_uuids)

    def create(self, user: User) -> User:
        if not user.caller_id:
            user.caller_id = f'"{user.fullname}"'
        return super().create(user)

    def load_voicemail(self, body: dict) -> Any:
        """A nested `voicemail` body checked (and the box it names found) before any write;
        None when the user_voicemails plugin is off (the key is then ignored)."""
        if 'user_voicemail_creator' not in self.providers:
            return None
        return self.providers.get('user_voicemail_creator').load(body)

    def create_with(self, user: User, voicemail: Any, lines: list[dict]) -> tuple[User, dict | None, list[dict]]:
        """POST /users with nested objects, in upstream's order: the user, then its voicemail
        (`load_voicemail`: linked if it exists, else created), then each line created as
        POST /lines does and associated to the user. Answers the user and the nested
        objects' representations."""
        created = self.create(user)
        voicemail_answer = None
        if voicemail is not None:
            voicemail_answer = self.providers.get('user_voicemail_creator').attach(created, voicemail)
        line_answers = []
        if lines and 'line_creator' in self.providers and 'user_line_service' in self.providers:
            for body in lines:
                line, answer = self.providers.get('line_creator').create(body)
                self.providers.get('user_line_service').associate(created, line)
                line_answers.append(answer)
        return created, voicemail_answer, line_answers
