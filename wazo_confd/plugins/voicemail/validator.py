"""Business rules of voicemails: unique number per context, one global box per context,
a timezone among the voicemail zone messages, and a box shared by users cannot become
global or be deleted."""

from __future__ import annotations

from collections.abc import Callable

from wazo_confd.errors import ResourceError, resource_associated
from wazo_confd.interfaces import VOICEMAIL_ZONE_MESSAGES
from wazo_confd.kit.dao import CRUDDao
from wazo_confd.kit.validator import KnownReference, ValidationGroup, Validator
from wazo_confd.plugin_api import Providers

from .model import Voicemail

ONLY_ONE_GLOBAL = 'Operation not permitted. There can be only one global voicemail per context.'
GLOBAL_NOT_FOR_USERS = 'Operation not permitted. A global voicemail cannot be associated to users.'


def only_one_global_error() -> ResourceError:
    return ResourceError(ONLY_ONE_GLOBAL)


def global_voicemail_error() -> ResourceError:
    """Upstream's error, without metadata, for a global voicemail given to a user."""
    return ResourceError(GLOBAL_NOT_FOR_USERS)


class UniqueGlobalPerContext(Validator):
    def __init__(self, dao: CRUDDao):
        self.dao = dao

    def validate(self, voicemail: Voicemail) -> None:
        if voicemail.accesstype != 'global':
            return
        existing = self.dao.find_by(context=voicemail.context, accesstype='global')
        if existing is not None and existing is not voicemail:
            raise only_one_global_error()


class UserVoicemailIsGlobal(Validator):
    def validate(self, voicemail: Voicemail) -> None:
        if voicemail.accesstype == 'global' and voicemail.id is not None and voicemail.users:
            raise global_voicemail_error()


class AssociatedToUser(Validator):
    def validate(self, voicemail: Voicemail) -> None:
        if voicemail.users:
            # Upstream lists the users' ids as one text: 'user_ids': '3, 4'.
            user_ids = ', '.join(str(user_id) for user_id in sorted(user.id for user in voicemail.users))
            raise resource_associated('Voicemail', 'User', voicemail_id=voicemail.id, user_ids=user_ids)


class TimezoneIsAZone(KnownReference):
    """A given `timezone` names one of the zone messages; `zone_names()` is None when the
    zone messages plugin is not loaded (then any value is stored)."""

    def __init__(self, zone_names: Callable[[], set[str] | None]):
        def known(timezone: str, _voicemail: Voicemail) -> bool:
            names = zone_names()
            return names is None or timezone in names

        super().__init__('timezone', 'Timezone', known)


def build_validator(dao: CRUDDao, providers: Providers) -> ValidationGroup:
    """The rules besides `(number, context)` being unique (declared with the resource) and
    the context being visible (the kit's `tenant_from`)."""

    def zone_names() -> set[str] | None:
        if VOICEMAIL_ZONE_MESSAGES not in providers:
            return None
        return providers.get(VOICEMAIL_ZONE_MESSAGES).names()

    rules: list[Validator] = [UniqueGlobalPerContext(dao), UserVoicemailIsGlobal()]
    return ValidationGroup(
        common=[TimezoneIsAZone(zone_names)],
        create=rules,
        edit=rules,
        delete=[AssociatedToUser()],
    )
