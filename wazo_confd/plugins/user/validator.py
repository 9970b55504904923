"""Business rules of users: email and username are unique across the platform."""

from __future__ import annotations

from functools import partial

from wazo_confd.kit.validator import UniqueField, ValidationGroup

from .dao import UserDao


def build_validator(dao: UserDao) -> ValidationGroup:
    unique = [
        UniqueField('email', partial(dao.key_by, 'id'), 'User', key='id'),
        UniqueField('username', partial(dao.key_by, 'id'), 'User', key='id'),
    ]
    return ValidationGroup(create=unique, edit=unique)
