"""Links users to voicemails; creating a box for a user links it in the same transaction."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import SchemaError
from wazo_confd.interfaces import USERS, VOICEMAILS, Users, Voicemails
from wazo_confd.plugin_api import Providers

from .dao import UserVoicemailDao
from .notifier import UserVoicemailNotifier
from .validator import validate_association

MISSING_FIELDS = 'name, number and context must be provided if no id provided'


class UserVoicemailService:
    def __init__(self, dao: UserVoicemailDao, notifier: UserVoicemailNotifier, providers: Providers):
        self.dao = dao
        self.notifier = notifier
        self.providers = providers

    @property
    def users(self) -> Users:
        return self.providers.get(USERS)

    @property
    def voicemails(self) -> Voicemails:
        return self.providers.get(VOICEMAILS)

    def get_user(self, user_id: Any, tenant_uuids: list[str]) -> Any:
        return self.users.get(user_id, tenant_uuids)

    def get_voicemail(self, voicemail_id: int, tenant_uuids: list[str]) -> Any:
        return self.voicemails.get(voicemail_id, tenant_uuids)

    def voicemails_of(self, user: Any) -> list[Any]:
        voicemail_id = self.dao.voicemail_id_of(user)
        return [] if voicemail_id is None else [self.voicemails.get(voicemail_id, None)]

    def dump(self, voicemail: Any) -> dict:
        return self.voicemails.dump(voicemail)

    def associate(self, user: Any, voicemail: Any) -> None:
        current = self.dao.voicemail_id_of(user)
        if current == voicemail.id:
            return  # PUT is idempotent: the link is already there
        validate_association(user, voicemail, current)
        self.dao.associate(user, voicemail)
        self.notifier.associated(user, voicemail)

    def create_from_body(self, user: Any, body: Any) -> Any:
        """POST /users/{id}/voicemails: a voicemail made from the body, linked to the user."""
        return self.create_for(user, self.voicemails.load_form(body))

    def create_for(self, user: Any, form: dict) -> Any:
        """Create a voicemail in the user's tenant from a loaded form and link it to the user."""
        voicemails = self.voicemails
        voicemail = voicemails.build(form, user.tenant_uuid)
        validate_association(user, voicemail, self.dao.voicemail_id_of(user))
        created = voicemails.create(voicemail)
        self.dao.associate(user, created)
        self.notifier.associated(user, created)
        return created

    def find_nested(self, body: dict, tenant_uuids: list[str]) -> Any:
        """A `voicemail` nested in POST /users, checked before anything is written:
        `{"id": N}` names a box of these tenants (found now), any other body one to create
        (loaded now)."""
        voicemail_id = body.get('id')
        if voicemail_id is None:
            if not any(body.get(name) for name in ('name', 'number', 'context')):
                raise SchemaError({'voicemail': {'_schema': [MISSING_FIELDS]}})
            return self.voicemails.load_form(body)
        if not isinstance(voicemail_id, int) or isinstance(voicemail_id, bool):
            raise SchemaError({'voicemail': {'id': ['Not a valid integer.']}})
        return self.get_voicemail(voicemail_id, tenant_uuids)

    def attach_nested(self, user: Any, found: Any) -> dict:
        """Link the box `find_nested` found to the user, as PUT /users/{id}/voicemails/{N}
        does, or create the one it loaded, as POST /users/{id}/voicemails does; answer its
        representation."""
        if isinstance(found, dict):
            voicemail = self.create_for(user, found)
        else:
            voicemail = found
            self.associate(user, voicemail)
        return self.dump(voicemail)

    def dissociate(self, user: Any) -> None:
        """Unlink the user's voicemail; nothing happens (no event) without one, as upstream."""
        voicemail_id = self.dao.voicemail_id_of(user)
        if voicemail_id is None:
            return
        voicemail = self.voicemails.get(voicemail_id, None)
        self.dao.dissociate(user, voicemail)
        self.notifier.dissociated(user, voicemail)
