"""HTTP resources of /users/{id}/voicemails and /users/{id}/voicemails/{voicemail_id}."""

from __future__ import annotations

from typing import Any

from flask import url_for

from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource

from .service import UserVoicemailService


class _UserVoicemailResource(ConfdResource):
    def __init__(self, service: UserVoicemailService):
        self.service = service

    def find_user(self, user_id: Any) -> Any:
        return self.service.get_user(user_id, current_auth().item_tenants())


class UserVoicemailList(_UserVoicemailResource):
    acls = {
        'get': 'confd.users.{user_id}.voicemails.read',
        'post': 'confd.users.{user_id}.voicemails.create',
        'delete': 'confd.users.{user_id}.voicemails.delete',
    }
    docs = {
        'get': {'response': {'description': "The user's voicemail, as a list of zero or one item"}},
        'post': {'status': 201, 'response': {'description': 'Voicemail created and associated'}},
        'delete': {'status': 204, 'response': {'description': 'Voicemail dissociated'}},
    }

    def get(self, user_id: Any) -> dict:
        voicemails = self.service.voicemails_of(self.find_user(user_id))
        return {'total': len(voicemails), 'items': [self.service.dump(voicemail) for voicemail in voicemails]}

    def post(self, user_id: Any) -> tuple[dict, int, dict]:
        created = self.service.create_from_body(self.find_user(user_id), json_body())
        location = url_for('voicemails', _external=True, id=created.id)
        return self.service.dump(created), 201, {'Location': location}

    def delete(self, user_id: Any) -> tuple[None, int]:
        self.service.dissociate(self.find_user(user_id))
        return None, 204


class UserVoicemailItem(_UserVoicemailResource):
    acls = {'put': 'confd.users.{user_id}.voicemails.{voicemail_id}.update'}
    docs = {'put': {'status': 204, 'response': {'description': 'Voicemail associated'}}}

    def put(self, user_id: Any, voicemail_id: int) -> tuple[None, int]:
        user = self.find_user(user_id)
        voicemail = self.service.get_voicemail(voicemail_id, current_auth().item_tenants())
        self.service.associate(user, voicemail)
        return None, 204
