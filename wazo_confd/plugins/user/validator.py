"""Business rules of users: email and username are unique across the platform."""

from __future__ import annotations

from functools import partial

from wazo_confd.kit.validator import UniqueField, ValidationGroup, Validator
from wazo_confd.plugin_api import Providers

from .dao import UserDao


def build_validator(dao: UserDao, providers: Providers) -> ValidationGroup:
    # Checked by the id of the row holding the value: lighter than loading that user.
    unique: list[Validator] = [
        UniqueField('email', partial(dao.key_by, 'id'), 'User', key='id'),
        UniqueField('username', partial(dao.key_by, 'id'), 'User', key='id'),
    ]
    return ValidationGroup(create=unique, edit=unique)
