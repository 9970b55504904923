"""HTTP resources of /users/{id}/voicemails and /users/{id}/voicemails/{voicemail_id}."""

from __future__ import annotations

from typing import Any

from flask import url_for
from marshmallow import Schema

from wazo_confd.errors import SchemaError
from wazo_confd.http.auth import current_auth
from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.schema import load, shared
from wazo_confd.plugin_api import Providers

from .service import UserVoicemailService

MISSING_FIELDS = 'name, number and context must be provided if no id provided'


class _UserVoicemailResource(ConfdResource):
    def __init__(self, service: UserVoicemailService, providers: Providers):
        self.service = service
        self.providers = providers

    def schema(self) -> Schema:
        # The voicemail wire format is the voicemails plugin's, reached through providers.
        return shared(self.providers.get('voicemail_schema'))

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
        return {'total': len(voicemails), 'items': self.schema().dump(voicemails, many=True)}

    def post(self, user_id: Any) -> tuple[dict, int, dict]:
        user = self.find_user(user_id)
        form = load(self.schema(), json_body())
        model = self.providers.get('voicemail_service').dao.model
        created = self.service.create_for(user, model(tenant_uuid=user.tenant_uuid, **form))
        location = url_for('voicemails', _external=True, id=created.id)
        return self.schema().dump(created), 201, {'Location': location}

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


class NestedUserVoicemail:
    """A `voicemail` nested in POST /users: `{"id": N}` links that box as
    PUT /users/{id}/voicemails/{N} does, any other body creates one for the user as
    POST /users/{id}/voicemails does.

    `load` checks the body and finds the box before anything is written (on SQLite the
    tenant lookup of `item_tenants` cannot run once the request holds the write lock);
    `attach` then links or creates it and answers its representation."""

    def __init__(self, service: UserVoicemailService, providers: Providers):
        self.service = service
        self.providers = providers

    def schema(self) -> Schema:
        return shared(self.providers.get('voicemail_schema'))

    def load(self, body: dict) -> Any:
        voicemail_id = body.get('id')
        if voicemail_id is None:
            if not any(body.get(name) for name in ('name', 'number', 'context')):
                raise SchemaError({'voicemail': {'_schema': [MISSING_FIELDS]}})
            return load(self.schema(), body)
        if not isinstance(voicemail_id, int) or isinstance(voicemail_id, bool):
            raise SchemaError({'voicemail': {'id': ['Not a valid integer.']}})
        return self.service.get_voicemail(voicemail_id, current_auth().item_tenants())

    def attach(self, user: Any, loaded: Any) -> dict:
        if isinstance(loaded, dict):
            model = self.providers.get('voicemail_service').dao.model
            voicemail = self.service.create_for(user, model(tenant_uuid=user.tenant_uuid, **loaded))
        else:
            voicemail = loaded
            self.service.associate(user, voicemail)
        return self.schema().dump(voicemail)
