"""A line's caller ID, read from and written to its endpoint (upstream's LineFeatures)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from wazo_confd.errors import InputError
from wazo_confd.plugins.line import caller_id


def line(
    sip: SimpleNamespace | None = None, sccp: SimpleNamespace | None = None, custom: SimpleNamespace | None = None
) -> SimpleNamespace:
    return SimpleNamespace(endpoint_sip=sip, endpoint_sccp=sccp, endpoint_custom=custom, endpoint=sip or sccp or custom)


@pytest.mark.parametrize(
    'value, expected',
    [
        ('"Alice" <1234>', ('Alice', '1234')),
        ('"Alice" <+33X>', ('Alice', '+33X')),
        ('"Alice"', ('Alice', None)),
        ('"Alice" <None>', ('Alice', None)),
        ('<1234>', (None, '1234')),
        ('Alice', (None, None)),
        (None, (None, None)),
    ],
)
def test_sip_caller_id_is_parsed(value: str | None, expected: tuple) -> None:
    assert caller_id.parse_sip(value) == expected


def test_writing_the_name_keeps_the_number_and_the_other_options() -> None:
    sip = SimpleNamespace(endpoint_section_options=[['context', 'c'], ['callerid', '"Old" <12>'], ['callerid', 'x']])

    caller_id.write_name(line(sip=sip), 'New')

    assert sip.endpoint_section_options == [['context', 'c'], ['callerid', '"New" <12>']]


def test_a_number_alone_is_written_without_name() -> None:
    sip = SimpleNamespace(endpoint_section_options=[])

    caller_id.write_num(line(sip=sip), '12')

    assert sip.endpoint_section_options == [['callerid', '<12>']]
    assert caller_id.read(line(sip=sip)) == (None, '12')


def test_sccp_holds_the_name_in_its_options() -> None:
    sccp = SimpleNamespace(options=[['cid_num', '7']])

    caller_id.write_name(line(sccp=sccp), 'Bo')

    assert caller_id.read(line(sccp=sccp)) == ('Bo', '7')
    with pytest.raises(InputError, match="Cannot set caller id num on endpoint of type 'sccp'"):
        caller_id.write_num(line(sccp=sccp), '8')


def test_none_is_refused_with_an_endpoint_and_ignored_without() -> None:
    caller_id.write_name(line(), None)
    with pytest.raises(InputError, match='Cannot set caller id to None'):
        caller_id.write_name(line(sip=SimpleNamespace(endpoint_section_options=[])), None)
    with pytest.raises(InputError, match="Cannot set caller id on endpoint of type 'custom'"):
        caller_id.write_name(line(custom=SimpleNamespace()), 'X')
    with pytest.raises(InputError, match='Cannot set caller id if no endpoint associated'):
        caller_id.write_num(line(), '1')
