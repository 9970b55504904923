"""The user-voicemail association: PUT /users/{id}/voicemails/{voicemail_id} links, GET,
POST and DELETE /users/{id}/voicemails list, create and unlink the user's one voicemail."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import USER_VOICEMAILS, USERS, VOICEMAILS
from wazo_confd.kit.association import Association
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.creation import Creation, CreationResource
from wazo_confd.kit.reloads import Reload

from .dao import UserVoicemailDao
from .service import UserVoicemailService


class UserVoicemailList(CreationResource):
    """The user's voicemail as a list of zero or one; POST (kit) makes one and links it."""

    service: UserVoicemailService
    acls = {
        'get': 'confd.users.{user_id}.voicemails.read',
        'delete': 'confd.users.{user_id}.voicemails.delete',
    }
    docs = {
        'get': {'response': {'description': "The user's voicemail, as a list of zero or one item"}},
        'delete': {'status': 204, 'response': {'description': 'Voicemail dissociated'}},
    }

    def get(self, user_id: Any) -> dict:
        voicemails = self.service.voicemails_of(self.find_left(user_id))
        return {'total': len(voicemails), 'items': [self.service.voicemails.dump(item) for item in voicemails]}

    def delete(self, user_id: Any) -> tuple[None, int]:
        self.service.dissociate_current(self.find_left(user_id))
        return None, 204


USER_VOICEMAIL = Association(
    url='/users/<uuid-or-int:user_id>/voicemails/<int:voicemail_id>',
    endpoint='uservoicemailitem',
    methods=('put',),
    left=USERS,
    right=VOICEMAILS,
    label='UserVoicemailItem',
    service=UserVoicemailService,
    dao=UserVoicemailDao,
    sides=('user', 'voicemail'),
    event='user_voicemail',
    routing='config.users.{left.uuid}.voicemails',
    payload=lambda user, voicemail: {'user_uuid': user.uuid, 'voicemail_id': voicemail.id},
    family='user',
    reloads=(Reload('module reload res_pjsip.so', 'module reload chan_sccp.so'),),
    # Also the voicemail nested in POST /users.
    provider=USER_VOICEMAILS,
    creation=Creation(
        url='/users/<uuid-or-int:user_id>/voicemails',
        endpoint='user_voicemails',
        label='UserVoicemailList',
        location='voicemails',
        resource=UserVoicemailList,
    ),
)


class Plugin(DeclaredPlugin):
    associations = (USER_VOICEMAIL,)
    # Its routes live under /users and link to /voicemails: without both, none.
    requires = ('users', 'voicemails')
