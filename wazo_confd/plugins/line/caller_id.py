"""A line's caller ID lives in its endpoint, as upstream: the `callerid` option of a SIP
endpoint's `endpoint_section_options` (`"Name" <number>`), the `cid_name` and `cid_num`
options of an SCCP endpoint. A custom endpoint, or no endpoint, has none.

Reading takes the first matching option; writing replaces it (or appends it) in a new
list, so that the JSON column is seen as changed.
"""

from __future__ import annotations

import re
from typing import Any

from wazo_confd.errors import BareInputError as InputError

# Upstream's pattern: a quoted name, then optionally a number in angle brackets. A name
# alone may end the value here (upstream wants a space after it, and writes "<None>").
CALLER_ID = re.compile(r'"(?P<name>[^"]+)"(?:\s+(?:<(?P<num>\+?[\dA-Z]+)>)?)?')
NUMBER_ONLY = re.compile(r'<(?P<num>\+?[\dA-Z]+)>')


def _first(options: list | None, key: str) -> str | None:
    for option in options or []:
        if len(option) == 2 and option[0] == key:
            return option[1]
    return None


def _replaced(options: list | None, key: str, value: str) -> list:
    result, done = [], False
    for option in options or []:
        if len(option) == 2 and option[0] == key:
            if not done:
                result.append([key, value])
                done = True
            continue
        result.append(list(option))
    if not done:
        result.append([key, value])
    return result


def parse_sip(value: str | None) -> tuple[str | None, str | None]:
    """(name, number) of a SIP `callerid` value; None for what it does not hold."""
    if not value:
        return None, None
    match = CALLER_ID.match(value)
    if match:
        return match.group('name'), match.group('num')
    match = NUMBER_ONLY.match(value)
    return (None, match.group('num')) if match else (None, None)


def format_sip(name: str | None, num: str | None) -> str:
    if num is None:
        return f'"{name}"'
    if name is None:
        return f'<{num}>'
    return f'"{name}" <{num}>'


def read(line: Any) -> tuple[str | None, str | None]:
    """The (name, number) caller ID of a line, from its endpoint."""
    if line.endpoint_sip is not None:
        return parse_sip(_first(line.endpoint_sip.endpoint_section_options, 'callerid'))
    if line.endpoint_sccp is not None:
        options = line.endpoint_sccp.options
        return _first(options, 'cid_name'), _first(options, 'cid_num')
    return None, None


def write_name(line: Any, value: str | None) -> None:
    _check_writable(line, value, 'Cannot set caller id to None')
    if value is None:  # without an endpoint: nothing to write
        return
    if line.endpoint_sip is not None:
        _write_sip(line.endpoint_sip, value, read(line)[1])
    elif line.endpoint_sccp is not None:
        line.endpoint_sccp.options = _replaced(line.endpoint_sccp.options, 'cid_name', value)


def write_num(line: Any, value: str | None) -> None:
    _check_writable(line, value, 'Cannot set caller id num to None')
    if line.endpoint_sccp is not None:
        raise InputError("Cannot set caller id num on endpoint of type 'sccp'")
    if line.endpoint_sip is not None:
        _write_sip(line.endpoint_sip, read(line)[0], value)


def _check_writable(line: Any, value: str | None, none_message: str) -> None:
    if line.endpoint is None:
        if value is not None:
            raise InputError('Cannot set caller id if no endpoint associated')
        return
    if value is None:
        raise InputError(none_message)
    if line.endpoint_custom is not None:
        raise InputError("Cannot set caller id on endpoint of type 'custom'")


def _write_sip(endpoint: Any, name: str | None, num: str | None) -> None:
    endpoint.endpoint_section_options = _replaced(endpoint.endpoint_section_options, 'callerid', format_sip(name, num))


def of_user(user: Any) -> tuple[str, str | None]:
    """The (name, number) of a user's caller ID (`"Name" <number>`); the name is the user's
    full name when the caller ID gives none."""
    name, num = parse_sip(user.caller_id)
    return name or user.fullname, num


def follow_main_user(line: Any) -> None:
    """Give the line's endpoint the caller ID of its main user, as upstream does whenever the
    main user, the main extension or the endpoint changes. SIP: `"name" <number>`, the
    number being the user's, else the main extension's; SCCP: `cid_name`, and `cid_num` the
    main extension's, else the user's, else empty. Options are only rewritten when they
    change, so that an unchanged endpoint is not written."""
    if not line.users or (line.endpoint_sip is None and line.endpoint_sccp is None):
        return
    name, num = of_user(line.users[0])
    exten = line.extensions[0].exten if line.extensions else None
    if line.endpoint_sip is not None:
        endpoint = line.endpoint_sip
        options = _replaced(endpoint.endpoint_section_options, 'callerid', format_sip(name, num or exten))
        if options != _as_lists(endpoint.endpoint_section_options):
            endpoint.endpoint_section_options = options
        return
    endpoint = line.endpoint_sccp
    options = _replaced(_replaced(endpoint.options, 'cid_name', name), 'cid_num', exten or num or '')
    if options != _as_lists(endpoint.options):
        endpoint.options = options


def _as_lists(options: list | None) -> list:
    return [list(option) for option in options or []]


def follow_main_extension(line: Any) -> None:
    """As upstream, a line lies in the context of its main (first) extension; without
    one it keeps its context."""
    if line.extensions and line.context != line.extensions[0].context:
        line.context = line.extensions[0].context


def follow_main_extension_and_user(line: Any) -> None:
    """What upstream's line fixes redo after every change of a line, its edits included."""
    follow_main_extension(line)
    follow_main_user(line)


class MainUserCallerIds:
    """What the plugins changing a line's main user, main extension or endpoint call
    (LINE_CALLER_IDS), so that the line's context and caller ID follow."""

    def refresh(self, line: Any) -> None:
        follow_main_extension_and_user(line)
