"""The user-line associations: PUT/DELETE /users/{id}/lines/{line_id} and PUT
/users/{id}/lines. Users and lines come from their plugins' providers, looked up at
request time (plugins load in any order)."""

from __future__ import annotations

from wazo_confd.interfaces import LINES, USER_LINES, USERS
from wazo_confd.kit.association import Association
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.list_association import ListAssociation
from wazo_confd.kit.reloads import Reload

from .dao import UserLineDao
from .service import UserLineListService, UserLineService

USER_LINE = Association(
    url='/users/<uuid-or-int:user_id>/lines/<int:line_id>',
    endpoint='user_lines',
    left=USERS,
    right=LINES,
    label='UserLineItem',
    service=UserLineService,
    dao=UserLineDao,
    event='user_line',
    routing='config.users.{left.uuid}.lines.{right.id}',
    family='user',
    reloads=(Reload('dialplan reload', 'module reload res_pjsip.so'),),
    provider=USER_LINES,
)

USER_LINE_LIST = ListAssociation(
    url='/users/<uuid-or-int:user_id>/lines',
    endpoint='userlinelist',
    left=USERS,
    right=LINES,
    label='UserLineList',
    service=UserLineListService,
    dao=UserLineDao,
    field='lines',
    unknown='input',
)


class Plugin(DeclaredPlugin):
    associations = (USER_LINE, USER_LINE_LIST)
    requires = ('users', 'lines')
