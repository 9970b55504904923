"""User rules beyond plain CRUD: a default caller id, lookups by id or uuid, and the
lines and voicemail created with a user."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wazo_confd.errors import not_found
from wazo_confd.interfaces import LINE_CALLER_IDS, LINE_DEVICES, LINES, USER_LINES, USER_VOICEMAILS, VOICEMAILS
from wazo_confd.kit.service import CRUDService
from wazo_confd.plugin_api import Providers

from .dao import UserDao
from .model import User

if TYPE_CHECKING:
    from .call_services import CallServices

# What a line's caller ID is made of, when the user is its main user.
CALLER_ID_FIELDS = frozenset({'caller_id', 'firstname', 'lastname'})


class UserService(CRUDService):
    dao: UserDao
    providers: Providers
    # The user's services and forwards (call_services.py), set when their routes are added.
    call_services: CallServices | None = None

    def read(self, user_id: Any, tenant_uuids: Sequence[str]) -> Any:
        """The user to answer a read with (not to change)."""
        return self.dao.read_by_id_or_uuid(user_id, tenant_uuids)

    def create(self, user: User) -> User:
        if not user.caller_id:
            user.caller_id = f'"{user.fullname}"'
        return super().create(user)

    def delete_user(self, user: User, recursive: bool) -> None:
        """DELETE /users/{id}: refused while the user has a voicemail, unless `recursive`:
        then the voicemail is unlinked first, and deleted when no other user has it."""
        if recursive and USER_VOICEMAILS in self.providers:
            user_voicemails = self.providers.get(USER_VOICEMAILS)
            for voicemail in user_voicemails.voicemails_of(user):
                user_voicemails.dissociate_current(user)
                if not voicemail.users:
                    self.providers.get(VOICEMAILS).delete(voicemail)
        self.delete(user)

    def edit(self, user: User) -> None:
        changed = self.dao.changed_fields(user)
        super().edit(user)
        if changed & CALLER_ID_FIELDS and LINE_CALLER_IDS in self.providers:
            caller_ids = self.providers.get(LINE_CALLER_IDS)
            for line in user.lines:
                caller_ids.refresh(line)

    def lock(self, user: User) -> None:
        """Wait for concurrent changes of the user's row (links to it take turns)."""
        self.dao.lock(user)

    def find_nested_voicemail(self, form: dict, tenant_uuids: Sequence[str]) -> Any:
        """The `voicemail` nested in a POST /users form checked (and the box it names
        found among these tenants) before any write; None without one, or when the
        user_voicemails plugin is off (the key is then ignored)."""
        voicemail = form.get('voicemail')
        if voicemail is None or USER_VOICEMAILS not in self.providers:
            return None
        # A box to create is named after its user unless named.
        name = f'{form["firstname"]} {form.get("lastname") or ""}'.strip()
        return self.providers.get(USER_VOICEMAILS).find_nested(voicemail, tenant_uuids, name)

    def create_nested(
        self, form: dict, voicemail: Any, tenant_uuid: str, tenant_uuids: Sequence[str]
    ) -> tuple[User, dict]:
        """POST /users with nested objects, in upstream's order: the user in that tenant,
        then its voicemail (`find_nested_voicemail`: linked if it exists, else created), then each
        line created as POST /lines does, associated to the user and plugged into the device
        its body names (`device_id`), then its `forwards` (as PUT /users/{id}/forwards).
        Answers the user and its representation with the nested objects'."""
        form = dict(form)
        form.pop('voicemail', None)
        lines = form.pop('lines', None) or []
        forwards = form.pop('forwards', None)
        created = self.create(self.build(form, tenant_uuid))
        voicemail_answer = None
        if voicemail is not None:
            voicemail_answer = self.providers.get(USER_VOICEMAILS).attach_nested(created, voicemail)
        line_answers = []
        if lines and LINES in self.providers and USER_LINES in self.providers:
            line_answers = [self._create_line(created, body, tenant_uuid, tenant_uuids) for body in lines]
        if forwards and self.call_services is not None:
            self.call_services.set_forwards(created, forwards)
        answer = self.dump(created)
        if voicemail_answer is not None:
            answer['voicemail'] = voicemail_answer
        if line_answers:
            answer['lines'] = line_answers
        return created, answer

    def _create_line(self, user: User, body: Any, tenant_uuid: str, tenant_uuids: Sequence[str]) -> dict:
        line_service, user_lines = self.providers.get(LINES), self.providers.get(USER_LINES)
        line = line_service.create_nested(line_service.load_form(body), tenant_uuid)
        # Shown as created: without the user it is then linked to.
        answer = line_service.dump_nested(line)
        user_lines.associate(user, line.line)
        device_id = body.get('device_id') if isinstance(body, dict) else None
        if device_id is not None:
            self._plug(line.line, str(device_id), tenant_uuids)
        return answer

    def _plug(self, line: Any, device_id: str, tenant_uuids: Sequence[str]) -> None:
        """Plug a nested line into the device its body names (the request then fails as a
        whole when there is no such device)."""
        if LINE_DEVICES not in self.providers:
            # No devices plugin: no device is known.
            raise not_found('Device', id=device_id)
        self.providers.get(LINE_DEVICES).associate(line, device_id, tenant_uuids)
