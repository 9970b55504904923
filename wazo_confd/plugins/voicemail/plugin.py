"""The voicemails plugin: /voicemails, and the `voicemail_service` and `voicemail_schema`
offered to other plugins."""

from __future__ import annotations

from wazo_confd.interfaces import VOICEMAILS as VOICEMAILS_KEY
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.reloads import Reload

from .dao import VoicemailDao
from .model import Voicemail
from .notifier import VoicemailNotifier
from .schema import VoicemailSchema
from .service import VoicemailService
from .validator import build_validator

VOICEMAILS = Resource(
    model=Voicemail,
    schema=VoicemailSchema,
    url='/voicemails',
    endpoints=('voicemaillist', 'voicemails'),
    head=True,
    search=search_on(
        Voicemail,
        *('name', 'number', 'email', 'context', 'language', 'timezone', 'pager', 'accesstype'),
        search=('name', 'number', 'email', 'pager'),
        default_sort='number',
        tiebreak=Voicemail.id,
    ),
    events=Events('voicemail', 'config.voicemail'),
    dao=VoicemailDao,
    notifier=VoicemailNotifier,
    service=VoicemailService,
    reloads=(
        Reload('voicemail reload'),
        Reload('module reload res_pjsip.so', 'module reload chan_sccp.so', on='edited'),
    ),
    unique=(('number', 'context'),),
    validators=build_validator,
    tenant_from='context',
    empty_on_create=('users',),
    provides=VOICEMAILS_KEY,
    example={'name': 'Reception', 'number': '8000', 'context': 'default', 'password': '1234'},
    update_example={'name': 'Front desk'},
    example_refs={'context': ('/contexts', 'name')},
)


class Plugin(DeclaredPlugin):
    resources = (VOICEMAILS,)
