"""Business rules of users: email and username are unique across the platform, and a user
keeps their voicemail from a plain delete."""

from __future__ import annotations

from functools import partial
from typing import Any

from wazo_confd.errors import resource_associated
from wazo_confd.interfaces import USER_VOICEMAILS
from wazo_confd.kit.validator import UniqueField, ValidationGroup, Validator
from wazo_confd.plugin_api import Providers

from .dao import UserDao


class NoVoicemailAssociated(Validator):
    """DELETE /users/{id} without `recursive` leaves voicemails alone: unlink them first."""

    def __init__(self, providers: Providers):
        self.providers = providers

    def validate(self, user: Any) -> None:
        if USER_VOICEMAILS not in self.providers:
            return
        for voicemail in self.providers.get(USER_VOICEMAILS).voicemails_of(user):
            raise resource_associated('User', 'Voicemail', user_id=user.id, voicemail_id=voicemail.id)


def build_validator(dao: UserDao, providers: Providers) -> ValidationGroup:
    # Checked by the id of the row holding the value: lighter than loading that user.
    unique: list[Validator] = [
        UniqueField('email', partial(dao.key_by, 'id'), 'User', key='id'),
        UniqueField('username', partial(dao.key_by, 'id'), 'User', key='id'),
    ]
    return ValidationGroup(create=unique, edit=unique, delete=[NoVoicemailAssociated(providers)])
