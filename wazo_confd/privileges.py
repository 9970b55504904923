"""Dropping root for good once the privileged resources are open."""

from __future__ import annotations

import grp
import logging
import os
import pwd

logger = logging.getLogger(__name__)


class PrivilegeError(Exception):
    """The configured user cannot be switched to; its text is the operator's one line."""


def drop_privileges(user: str | None) -> None:
    """Become `user` and its primary group, with no other group, if running as root.

    Started by an ordinary user, the daemon keeps running as that user (`user` is then
    only checked to exist). Real, effective and saved ids all change, so root cannot be
    taken back.
    """
    if not user:
        return
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise PrivilegeError(f'unknown system user "{user}" (key "user" or option -u)') from None
    if os.geteuid() != 0:
        if os.geteuid() != entry.pw_uid:
            logger.info('not started as root: running as uid %s instead of user %s', os.geteuid(), user)
        return
    os.setgroups([entry.pw_gid])
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
    try:
        os.setuid(0)
    except PermissionError:
        pass
    else:
        raise PrivilegeError(f'could not drop root privileges to user "{user}"')
    os.environ['HOME'] = entry.pw_dir
    os.environ['USER'] = os.environ['LOGNAME'] = user
    group = grp.getgrgid(entry.pw_gid).gr_name
    logger.info('running as user %s, group %s', user, group)
