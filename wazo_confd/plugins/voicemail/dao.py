"""SQL for voicemails: search columns, and the number-per-context conflict."""

from __future__ import annotations

from typing import Any

from wazo_confd.database.search import SearchConfig
from wazo_confd.kit.dao import CRUDDao

from .model import Voicemail

SEARCH = SearchConfig(
    columns={
        'name': Voicemail.name,
        'number': Voicemail.number,
        'email': Voicemail.email,
        'context': Voicemail.context,
        'language': Voicemail.language,
        'timezone': Voicemail.timezone,
        'pager': Voicemail.pager,
        'accesstype': Voicemail.accesstype,
    },
    search=['name', 'number', 'email', 'pager'],
    default_sort='number',
    tiebreak=Voicemail.id,
)


class VoicemailDao(CRUDDao[Voicemail]):
    model = Voicemail
    empty_on_create = ('users',)
    resource_name = 'Voicemail'
    search_config = SEARCH

    def conflict_metadata(self, voicemail: Voicemail | None) -> dict[str, Any]:
        if voicemail is None:
            return {}
        return {'number': voicemail.number, 'context': voicemail.context}
