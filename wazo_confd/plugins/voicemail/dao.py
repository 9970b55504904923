"""SQL for voicemails: the generic dao, the mailbox (number, context) as it was loaded, and
the error of a concurrent second global voicemail of a context."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from wazo_confd.errors import ResourceError
from wazo_confd.kit.dao import CRUDDao

from .model import GLOBAL_CONTEXT_INDEX, Voicemail
from .validator import only_one_global_error

# SQLite names the columns of the violated unique index, not the index.
_SQLITE_GLOBAL_VIOLATION = 'UNIQUE constraint failed: voicemail.context'


class VoicemailDao(CRUDDao):
    def flush(self, obj: Any = None) -> None:
        try:
            super().flush(obj)
        except ResourceError as e:
            # A concurrent request made its context's global voicemail first: the
            # validator's error, not the `already exists` of (number, context).
            if isinstance(e.__cause__, IntegrityError) and _global_index_violated(e.__cause__):
                raise only_one_global_error() from e.__cause__
            raise

    def loaded_mailbox(self, voicemail: Voicemail) -> tuple[str, str]:
        """(number, context) as read from the database, before this request changed them."""
        state: Any = inspect(voicemail)

        def loaded(key: str) -> Any:
            history = state.attrs[key].history
            return history.deleted[0] if history.deleted else getattr(voicemail, key)

        return loaded('number'), loaded('context')


def _global_index_violated(error: IntegrityError) -> bool:
    diag = getattr(error.orig, 'diag', None)
    if diag is not None:
        return getattr(diag, 'constraint_name', None) == GLOBAL_CONTEXT_INDEX
    return str(error.orig).strip() == _SQLITE_GLOBAL_VIOLATION
