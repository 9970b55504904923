"""Number ranges: membership of an exten, and the free pieces left by used numbers."""

from __future__ import annotations

from wazo_confd.plugins.context.model import ContextRange
from wazo_confd.plugins.context_range.service import NumberRange, _split


def test_a_range_holds_numbers_of_its_length_between_its_bounds() -> None:
    number_range = ContextRange(type='user', start='1000', end='1999')

    assert number_range.contains('1000') and number_range.contains('1999')
    assert not number_range.contains('999') and not number_range.contains('2000')
    assert not number_range.contains('01500') and not number_range.contains('_1XXX')


def test_a_range_without_end_holds_its_start_only() -> None:
    number_range = ContextRange(type='user', start='500', end=None)

    assert number_range.contains('500') and not number_range.contains('501')


def test_incall_ranges_compare_the_last_did_length_digits() -> None:
    number_range = ContextRange(type='incall', start='4185550000', end='4185559999', did_length=4)

    assert number_range.contains('1234')
    assert not number_range.contains('4185551234')


def test_split_cuts_used_numbers_out_and_keeps_zero_padding() -> None:
    assert _split('0100', '0110', {100, 105, 110}) == [NumberRange('0101', '0104'), NumberRange('0106', '0109')]


def test_split_without_used_numbers_is_the_whole_range() -> None:
    assert _split('10', '19', {5, 25}) == [NumberRange('10', '19')]
