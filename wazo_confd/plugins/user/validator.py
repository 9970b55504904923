"""Business rules of users: email and username are unique across the platform."""

from __future__ import annotations

from wazo_confd.kit.validator import UniqueField, ValidationGroup

from .dao import UserDao


def build_validator(dao: UserDao) -> ValidationGroup:
    unique = [
        UniqueField('email', dao.find_by, 'User'),
        UniqueField('username', dao.find_by, 'User'),
    ]
    return ValidationGroup(create=unique, edit=unique)
