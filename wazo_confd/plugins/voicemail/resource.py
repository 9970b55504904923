"""HTTP resources of /voicemails and /voicemails/{id}."""

from __future__ import annotations

from wazo_confd.kit.resource import ItemResource, ListResource

from .model import Voicemail
from .schema import VoicemailSchema


class VoicemailList(ListResource):
    acls = {'get': 'confd.voicemails.read', 'post': 'confd.voicemails.create'}
    schema = VoicemailSchema
    model = Voicemail
    item_endpoint = 'voicemails'


class VoicemailItem(ItemResource):
    acls = {
        'get': 'confd.voicemails.{id}.read',
        'head': 'confd.voicemails.{id}.read',
        'put': 'confd.voicemails.{id}.update',
        'delete': 'confd.voicemails.{id}.delete',
    }
    schema = VoicemailSchema
