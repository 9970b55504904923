"""SQL for users: search columns, lookups by id or uuid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Select,
    Text,
    any_,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
    true,
)

from wazo_confd.database.plain_rows import PlainRows
from wazo_confd.database.search import SearchConfig, storable
from wazo_confd.errors import not_found
from wazo_confd.kit.dao import MAX_ID, CRUDDao

from .model import User

# The main line's columns, read through the lines plugin's tables by name (no import).
_LINE = table('line', column('id'), column('provisioning_code'))
_USER_LINE = table('user_line', column('user_id'), column('line_id'), column('main_line'))
_LINE_EXTENSION = table('line_extension', column('line_id'), column('extension_id'))
_EXTENSION = table('extension', column('id'), column('exten'), column('context'))
_USER_VOICEMAIL = table('user_voicemail', column('user_uuid'), column('voicemail_id'))
_VOICEMAIL = table('voicemail', column('id'), column('number'))


def _main_line(name: str) -> ScalarSelect[Any]:
    return (
        select(_LINE.c[name])
        .join(_USER_LINE, _USER_LINE.c.line_id == _LINE.c.id)
        .where(_USER_LINE.c.user_id == User.id, _USER_LINE.c.main_line == true())
        .scalar_subquery()
    )


def _main_extension(name: str) -> ScalarSelect[Any]:
    """A column of the first extension of the user's main line."""
    return (
        select(_EXTENSION.c[name])
        .join(_LINE_EXTENSION, _LINE_EXTENSION.c.extension_id == _EXTENSION.c.id)
        .join(_USER_LINE, _USER_LINE.c.line_id == _LINE_EXTENSION.c.line_id)
        .where(_USER_LINE.c.user_id == User.id, _USER_LINE.c.main_line == true())
        .order_by(_EXTENSION.c.id)
        .limit(1)
        .scalar_subquery()
    )


def _users_matching(
    selectable_column: ColumnElement[Any], join: Callable[[Select], Select]
) -> Callable[[str], ColumnElement[bool]]:
    """`User.id = ANY(ARRAY(ids of users whose related column matches))`: computed once,
    then served by the primary key, so user search keeps its trigram index."""

    def condition(folded_pattern: str) -> ColumnElement[bool]:
        matching = join(select(_USER_LINE.c.user_id)).where(
            func.lower(func.unaccent(selectable_column)).like(folded_pattern, escape='\\')
        )
        return User.id == any_(func.array(matching.scalar_subquery()))

    return condition


def _voicemail_number() -> ScalarSelect[Any]:
    return (
        select(_VOICEMAIL.c.number)
        .join(_USER_VOICEMAIL, _USER_VOICEMAIL.c.voicemail_id == _VOICEMAIL.c.id)
        .where(_USER_VOICEMAIL.c.user_uuid == User.uuid)
        .scalar_subquery()
    )


SEARCH = SearchConfig(
    columns={
        'id': User.id,
        'uuid': User.uuid,
        'firstname': User.firstname,
        'lastname': User.lastname,
        'fullname': User.firstname + ' ' + func.coalesce(User.lastname, ''),
        'caller_id': User.caller_id,
        'description': User.description,
        'userfield': User.userfield,
        'email': User.email,
        'mobile_phone_number': User.mobile_phone_number,
        'music_on_hold': User.music_on_hold,
        'outgoing_caller_id': User.outgoing_caller_id,
        'preprocess_subroutine': User.preprocess_subroutine,
        'voicemail_number': _voicemail_number(),
        'provisioning_code': _main_line('provisioning_code'),
        'exten': _main_extension('exten'),
        'extension': _main_extension('exten'),
        'context': _main_extension('context'),
        'username': User.username,
        'enabled': User.enabled,
        'subscription_type': User.subscription_type,
    },
    search=[
        'fullname',
        'caller_id',
        'description',
        'userfield',
        'email',
        'mobile_phone_number',
        'preprocess_subroutine',
        'outgoing_caller_id',
        'exten',
        'username',
        'provisioning_code',
        'subscription_type',
    ],
    default_sort='lastname',
    sort_insensitive={'firstname', 'lastname', 'fullname', 'description'},
    # Migration 0950: the users' rows are counted, their serial counts last name changes.
    counted=True,
    anchored_orders=frozenset({'lastname'}),
    listed_filters=frozenset({'exten', 'mobile_phone_number'}),
    tiebreak=User.id,
    # Migration 0830: confd_fold() of the document search_index derives from `search`.
    stored_document=literal_column('confd_user.search_folded', Text),
    search_alternatives={
        'exten': _users_matching(
            _EXTENSION.c.exten,
            lambda query: (
                query.join(_LINE_EXTENSION, _LINE_EXTENSION.c.line_id == _USER_LINE.c.line_id)
                .join(_EXTENSION, _EXTENSION.c.id == _LINE_EXTENSION.c.extension_id)
                .where(_USER_LINE.c.main_line == true())
            ),
        ),
        'provisioning_code': _users_matching(
            _LINE.c.provisioning_code,
            lambda query: query.join(_LINE, _LINE.c.id == _USER_LINE.c.line_id).where(_USER_LINE.c.main_line == true()),
        ),
    },
)


class UserDao(CRUDDao[User]):
    """Lists and reads answer plain rows (`PlainRows`), to be dumped, not changed; a
    user is found by its id or its uuid. Usable alone too (the declaration sets the same)."""

    model = User
    resource_name = 'User'
    search_config = SEARCH
    ids_column = 'uuid'

    @cached_property
    def plain(self) -> PlainRows:
        # Built on first use: the voicemails plugin's model adds `voicemail` to users.
        return PlainRows(User)

    @cached_property
    def _read_by(self) -> dict[str, Select]:
        return {key: self.plain.select().where(getattr(User, key) == bindparam('key')) for key in ('id', 'uuid')}

    def read_by_id_or_uuid(self, user_id: int | str, tenant_uuids: Sequence[str]) -> Any:
        """The user as a plain row, to be dumped, not changed; 404 outside `tenant_uuids`."""
        key, value = ('id', user_id) if isinstance(user_id, int) else ('uuid', str(user_id))
        if not (0 <= user_id <= MAX_ID if isinstance(user_id, int) else storable(str(user_id))):
            raise not_found(self.resource_name, **{key: value})
        rows = self.session.connection().execute(self._read_by[key], {'key': value}).all()
        if not rows or rows[0].tenant_uuid not in tenant_uuids:
            raise not_found(self.resource_name, **{key: value})
        return self.plain.build(self.session, list(rows))[0]

    def get(self, user_id: Any, tenant_uuids: Sequence[str] | None) -> User:
        if isinstance(user_id, int):
            return super().get(user_id, tenant_uuids)
        return self.get_unique(tenant_uuids, uuid=str(user_id))
