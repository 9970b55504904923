"""Number ranges: membership of an exten, and their listing as runs of free numbers."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest

from wazo_confd.errors import InputError
from wazo_confd.plugins.context.model import ContextRange
from wazo_confd.plugins.context_range.service import ContextRangeService


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


@dataclass
class Declared:
    start: str
    end: str | None = None
    did_length: int | None = None


def listing(ranges: list[Declared], range_type: str = 'user', used: tuple[str, ...] = (), **params: Any) -> dict:
    """What GET /contexts/{id}/ranges/{range_type} answers for these ranges and used extens."""
    context = SimpleNamespace(name='ctx', ranges_of=lambda t: ranges if t == range_type else [])
    contexts = SimpleNamespace(get=lambda context_id, tenant_uuids: context)
    extensions = SimpleNamespace(extens_of=lambda name: list(used) if name == 'ctx' else [])
    service = ContextRangeService(lambda: contexts, lambda: extensions)
    total, items = service.search(1, range_type, ['tenant'], {'availability': 'available', **params})
    return {'total': total, 'items': [(item.start, item.end) for item in items]}


def test_overlapping_and_adjacent_ranges_of_one_width_read_back_as_one_run() -> None:
    ranges = [Declared('100', '119'), Declared('000', '099'), Declared('070', '199')]

    assert listing(ranges) == {'total': 1, 'items': [('000', '199')]}


def test_a_range_without_end_is_one_number_read_with_an_end() -> None:
    assert listing([Declared('11')]) == {'total': 1, 'items': [('11', '11')]}


def test_duplicate_ranges_merge() -> None:
    assert listing([Declared('1000', '1999'), Declared('1000', '1999')])['items'] == [('1000', '1999')]


def test_numbers_of_different_widths_never_share_a_run() -> None:
    ranges = [Declared('0000', '0005'), Declared('100', '105'), Declared('99'), Declared('000', '005')]

    assert listing(ranges)['items'] == [('99', '99'), ('000', '005'), ('100', '105'), ('0000', '0005')]


def test_available_cuts_out_numbers_used_in_the_context() -> None:
    result = listing([Declared('1000', '1999')], used=('1000', '1500', '1501'))

    assert result == {'total': 2, 'items': [('1001', '1499'), ('1502', '1999')]}


def test_only_used_numbers_written_with_the_range_width_are_cut_out() -> None:
    result = listing([Declared('0100', '0102')], used=('101', '00101', '_01XX', '０１０１'))

    assert result['items'] == [('0100', '0102')]


def test_availability_all_keeps_used_numbers() -> None:
    result = listing([Declared('1000', '1999')], used=('1000', '1500'), availability='all')

    assert result == {'total': 1, 'items': [('1000', '1999')]}


def test_a_range_whose_numbers_are_all_used_lists_nothing() -> None:
    assert listing([Declared('10', '12')], used=('10', '11', '12')) == {'total': 0, 'items': []}


def test_incall_ranges_list_their_last_did_length_digits() -> None:
    ranges = [Declared('4185550000', '4185550099', did_length=4), Declared('4185550100', '4185550199', did_length=4)]

    result = listing(ranges, range_type='incall', used=('0050', '4185550051'))

    assert result['items'] == [('0000', '0049'), ('0051', '0199')]


def test_incall_did_length_longer_than_the_number_pads_it() -> None:
    assert listing([Declared('12', '13', did_length=4)], range_type='incall')['items'] == [('0012', '0013')]


def test_incall_without_did_length_lists_whole_numbers_unpadded() -> None:
    # The whole number is kept; without padding, '0098' reads 98 and each length is its own run.
    result = listing([Declared('0098', '0101', did_length=0)], range_type='incall', used=('100',))

    assert result['items'] == [('98', '99'), ('101', '101')]


def test_search_keeps_numbers_whose_padded_text_contains_it() -> None:
    assert listing([Declared('000', '099')], search='00')['items'] == [('000', '009')]


def test_search_regroups_the_matching_numbers_and_counts_their_runs() -> None:
    result = listing([Declared('140', '219')], search='5')

    assert result['total'] == 8
    assert result['items'][:3] == [('145', '145'), ('150', '159'), ('165', '165')]
    assert result['items'][-1] == ('215', '215')


def test_search_applies_after_used_numbers_are_cut_out() -> None:
    result = listing([Declared('1500', '1509')], used=('1505',), search='50')

    assert result == {'total': 2, 'items': [('1500', '1504'), ('1506', '1509')]}


def test_search_with_a_non_digit_matches_nothing() -> None:
    assert listing([Declared('100', '199')], search='1a') == {'total': 0, 'items': []}


def test_search_over_sixteen_digit_numbers_counts_and_pages_without_listing_them() -> None:
    result = listing([Declared('0' * 16, '9' * 16)], search='5', limit=3, offset=2)

    # 10**16 numbers: those without a 5 number 9**16; the runs are counted digit by digit.
    assert result['total'] == 231627523606480
    assert result['items'] == [
        ('0000000000000025', '0000000000000025'),
        ('0000000000000035', '0000000000000035'),
        ('0000000000000045', '0000000000000045'),
    ]


@pytest.mark.parametrize('term', ['0', '5', '19', '00', '909', '1234'])
def test_search_runs_and_total_agree_with_checking_every_number(term: str) -> None:
    ranges = [Declared('0000', '1234'), Declared('1900', '2100'), Declared('9990', '9999')]
    used = ('0005', '1000', '2000')
    expected = _runs_by_brute_force(ranges, used, term)

    assert listing(ranges, used=used, search=term) == {'total': len(expected), 'items': expected}
    descending = listing(ranges, used=used, search=term, order='end', direction='desc')
    assert descending['items'] == expected[::-1]
    for offset in range(0, len(expected) + 1, max(1, len(expected) // 25)):
        page = listing(ranges, used=used, search=term, offset=offset, limit=2)
        assert page['items'] == expected[offset : offset + 2]
        page = listing(ranges, used=used, search=term, order='start', direction='desc', offset=offset, limit=2)
        assert page['items'] == expected[::-1][offset : offset + 2]


def _runs_by_brute_force(
    ranges: list[Declared], used: tuple[str, ...], term: str, width: int = 4
) -> list[tuple[str, str]]:
    numbers = sorted(
        {n for r in ranges for n in range(int(r.start), int(r.end or r.start) + 1)} - {int(u) for u in used}
    )
    runs: list[list[int]] = []
    for number in (n for n in numbers if term in str(n).zfill(width)):
        if runs and runs[-1][1] == number - 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return [(str(low).zfill(width), str(high).zfill(width)) for low, high in runs]


def test_order_by_start_compares_the_texts() -> None:
    ranges = [Declared('999'), Declared('6000', '6001'), Declared('05')]

    assert listing(ranges, order='start')['items'] == [('05', '05'), ('6000', '6001'), ('999', '999')]
    assert listing(ranges, order='start', direction='desc')['items'] == [
        ('999', '999'),
        ('6000', '6001'),
        ('05', '05'),
    ]


def test_order_by_end_compares_the_texts_of_the_ends() -> None:
    ranges = [Declared('100', '299'), Declared('1000', '1000'), Declared('20', '21')]

    assert listing(ranges, order='end')['items'] == [('1000', '1000'), ('20', '21'), ('100', '299')]


def test_default_order_is_width_then_number_whatever_the_direction() -> None:
    ranges = [Declared('6000'), Declared('999'), Declared('500')]

    expected = [('500', '500'), ('999', '999'), ('6000', '6000')]
    assert listing(ranges)['items'] == expected
    assert listing(ranges, direction='desc')['items'] == expected


def test_paging_applies_to_the_regrouped_runs_and_total_counts_them_all() -> None:
    ranges = [Declared('100', '104'), Declared('103', '110'), Declared('200'), Declared('300', '301')]

    assert listing(ranges, limit=1, offset=1) == {'total': 3, 'items': [('200', '200')]}
    assert listing(ranges, offset=2) == {'total': 3, 'items': [('300', '301')]}
    assert listing(ranges, order='start', direction='desc', limit=2) == {
        'total': 3,
        'items': [('300', '301'), ('200', '200')],
    }
    assert listing(ranges, offset=5) == {'total': 3, 'items': []}


def test_limit_zero_is_an_input_error_as_on_every_list() -> None:
    with pytest.raises(InputError) as error:
        listing([Declared('100')], limit=0)

    assert error.value.text == "field 'limit': wrong type. Should be a positive number"


def test_an_offset_past_every_run_lists_nothing() -> None:
    result = listing([Declared('0' * 16, '9' * 16), Declared('0')], search='5', order='start', offset=10**30)

    assert result == {'total': 231627523606480, 'items': []}


def test_paging_into_search_runs_skips_whole_ranges_by_count() -> None:
    ranges = [Declared('000', '999'), Declared('0000', '9999')]

    result = listing(ranges, search='7', offset=271, limit=2)

    # 000-999 holds 252 runs of numbers with a 7... checked against the full listing.
    full = listing(ranges, search='7')['items']
    assert result['items'] == full[271:273] and result['total'] == len(full)


@pytest.mark.parametrize(
    ('params', 'message'),
    [
        ({'order': 'exten'}, "order: column 'exten' was not found"),
        ({'order': ''}, "order: column '' was not found"),
        ({'order': 'start', 'direction': 'up'}, "direction: must be 'asc' or 'desc'"),
    ],
)
def test_bad_order_or_direction_is_an_input_error(params: dict, message: str) -> None:
    with pytest.raises(InputError) as error:
        listing([Declared('100')], **params)

    assert error.value.text == message


def _one(number: str) -> tuple[str, str]:
    return (number, number)


@pytest.mark.parametrize(
    ('params', 'sixth', 'last_two'),
    [
        ({}, ('0000000050', '0000000059'), [_one('9999999985'), _one('9999999995')]),
        ({'order': 'start'}, ('0000000050', '0000000059'), [_one('9999999985'), _one('9999999995')]),
        ({'order': 'end', 'direction': 'desc'}, _one('9999999945'), [_one('0000000015'), _one('0000000005')]),
    ],
)
def test_a_deep_page_of_one_width_is_found_by_counting(params: dict, sixth: tuple, last_two: list) -> None:
    ranges = [Declared('0000000000', '9999999999')]
    total = (9**10 - 1) // 8  # runs of w digits holding a 5: 9 * runs(w - 1) + 1

    assert listing(ranges, search='5', offset=total - 2, **params) == {'total': total, 'items': last_two}
    assert listing(ranges, search='5', offset=5, limit=1, **params)['items'] == [sixth]


@pytest.mark.parametrize('bound', ['start', 'end'])
@pytest.mark.parametrize('direction', ['asc', 'desc'])
def test_runs_of_several_widths_sorted_by_text_agree_with_sorting_them_all(bound: str, direction: str) -> None:
    ranges = [Declared('000', '999'), Declared('0000', '1999'), Declared('50', '99')]
    every_run = [
        run
        for width in (2, 3, 4)
        for run in _runs_by_brute_force([r for r in ranges if len(r.start) == width], (), '9', width)
    ]
    index = 0 if bound == 'start' else 1
    expected = sorted(every_run, key=lambda run: run[index], reverse=direction == 'desc')

    result = listing(ranges, search='9', order=bound, direction=direction)
    page = listing(ranges, search='9', order=bound, direction=direction, offset=100, limit=3)

    assert result == {'total': len(expected), 'items': expected}
    assert page['items'] == expected[100:103]


def test_search_over_a_wide_did_length_reads_the_padding_zeros() -> None:
    ranges = [Declared('0100', '1999', did_length=200)]

    result = listing(ranges, range_type='incall', search='0' * 150 + '1', limit=2)

    # Only the numbers whose text starts with 1 follow the padding zeros: 100-199, 1000-1999.
    assert result['total'] == 2
    assert result['items'] == [('100'.zfill(200), '199'.zfill(200)), ('1000'.zfill(200), '1999'.zfill(200))]
