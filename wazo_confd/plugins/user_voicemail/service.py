"""Links users to voicemails: at most one per user; creating a box for a user links it in
the same transaction."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import SchemaError
from wazo_confd.interfaces import VOICEMAILS, Voicemails
from wazo_confd.kit.association import AssociationService

from .dao import UserVoicemailDao
from .validator import validate_association

MISSING_FIELDS = 'name, number and context must be provided if no id provided'


class UserVoicemailService(AssociationService):
    """PUT /users/{id}/voicemails/{voicemail_id}, GET, POST and DELETE /users/{id}/voicemails;
    the voicemail nested in POST /users."""

    dao: UserVoicemailDao

    @property
    def voicemails(self) -> Voicemails:
        return self.providers.get(VOICEMAILS)

    def voicemails_of(self, user: Any) -> list[Any]:
        voicemail_id = self.dao.voicemail_id_of(user)
        return [] if voicemail_id is None else [self.voicemails.get(voicemail_id, None)]

    def linked(self, user: Any, voicemail: Any) -> bool:
        return self.dao.voicemail_id_of(user) == voicemail.id

    def validate_link(self, user: Any, voicemail: Any) -> None:
        validate_association(user, voicemail, self.dao.voicemail_id_of(user))
        self.voicemails.validate_for_user(voicemail)

    def link(self, user: Any, voicemail: Any) -> None:
        self.dao.associate(user, voicemail)

    def unlink(self, user: Any, voicemail: Any) -> None:
        self.dao.dissociate(user, voicemail)

    def create_for(self, user: Any, form: dict, tenant_uuid: str | None = None) -> Any:
        """A voicemail from a loaded form (in its context's tenant, looked up from the
        request's, else the user's), linked to the user. As upstream, the voicemail's own
        rules are checked first, then the link's, naming the voicemail just made (a refused
        link rolls it back with the request)."""
        voicemails = self.voicemails
        created = voicemails.create(voicemails.build(form, tenant_uuid or user.tenant_uuid))
        self.validate_link(user, created)
        self.link(user, created)
        self.notify('associated', user, created)
        return created

    def dissociate_current(self, user: Any) -> None:
        """Unlink the user's voicemail; nothing happens (no event) without one, as upstream."""
        for voicemail in self.voicemails_of(user):
            self.dissociate(user, voicemail)

    def find_nested(self, body: dict, tenant_uuids: list[str], default_name: str) -> Any:
        """A `voicemail` nested in POST /users, checked before anything is written:
        `{"id": N}` names a box of these tenants (found now), any other body one to create
        (loaded now), called `default_name` when the body names none."""
        voicemail_id = body.get('id')
        if voicemail_id is None:
            if not any(body.get(name) for name in ('name', 'number', 'context')):
                raise SchemaError({'voicemail': {'_schema': [MISSING_FIELDS]}})
            if body.get('name') is None:
                body = {**body, 'name': default_name}
            return self.voicemails.load_form(body)
        if not isinstance(voicemail_id, int) or isinstance(voicemail_id, bool):
            raise SchemaError({'voicemail': {'id': ['Not a valid integer.']}})
        return self.voicemails.get(voicemail_id, tenant_uuids)

    def attach_nested(self, user: Any, found: Any) -> dict:
        """Link the box `find_nested` found to the user, as PUT /users/{id}/voicemails/{N}
        does, or create the one it loaded, as POST /users/{id}/voicemails does; answer its
        representation."""
        if isinstance(found, dict):
            voicemail = self.create_for(user, found)
        else:
            voicemail = found
            self.associate(user, voicemail)
        return self.voicemails.dump(voicemail)
