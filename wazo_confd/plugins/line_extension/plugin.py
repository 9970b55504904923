"""The line-extension association: PUT/DELETE /lines/{id}/extensions/{extension_id} and
POST /lines/{id}/extensions. Lines and extensions come from their plugins' providers."""

from __future__ import annotations

from wazo_confd.interfaces import EXTENSIONS, LINE_EXTENSIONS, LINES
from wazo_confd.kit.association import Association
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.creation import Creation
from wazo_confd.kit.reloads import Reload

from .dao import LineExtensionDao
from .service import LineExtensionService

LINE_EXTENSION = Association(
    url='/lines/<int:line_id>/extensions/<int:extension_id>',
    endpoint='line_extensions',
    left=LINES,
    right=EXTENSIONS,
    label='LineExtensionItem',
    service=LineExtensionService,
    dao=LineExtensionDao,
    sides=('line', 'extension'),
    event='line_extension',
    # Upstream's routing keys both say `associated`.
    routing='config.line_extension_associated',
    payload=lambda line, extension: {'line_id': line.id, 'extension_id': extension.id},
    reloads=(Reload('dialplan reload', 'module reload res_pjsip.so', 'module reload app_queue.so'),),
    provider=LINE_EXTENSIONS,
    creation=Creation(
        url='/lines/<int:line_id>/extensions',
        endpoint='lineextensionlist',
        label='LineExtensionList',
        location='extensions',
    ),
)


class Plugin(DeclaredPlugin):
    associations = (LINE_EXTENSION,)
    requires = ('lines', 'extensions')
