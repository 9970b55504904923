"""GET /contexts/{id}/ranges/{type}: numbers regrouped into runs, against the real daemon."""

from __future__ import annotations

from typing import Any

from .helpers.client import Client
from .helpers.telephony import create, create_context


def ranges_of(client: Any, context: dict, range_type: str = 'user', **params: Any) -> dict:
    response = client.get(f'/contexts/{context["id"]}/ranges/{range_type}', params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_overlapping_ranges_of_one_width_read_back_as_one_run(client: Client) -> None:
    declared = [{'start': '100', 'end': '119'}, {'start': '000', 'end': '099'}, {'start': '070', 'end': '199'}]
    context = create_context(client, user_ranges=declared)

    assert ranges_of(client, context) == {'total': 1, 'items': [{'start': '000', 'end': '199'}]}


def test_a_repeated_one_number_range_reads_once_with_its_end(client: Client) -> None:
    context = create_context(client, group_ranges=[{'start': '11'}, {'start': '11'}])

    assert ranges_of(client, context, 'group') == {'total': 1, 'items': [{'start': '11', 'end': '11'}]}


def test_used_numbers_are_cut_out_of_the_merged_ranges(client: Client) -> None:
    context = create_context(client, user_ranges=[{'start': '1000', 'end': '1099'}, {'start': '1050', 'end': '1199'}])
    create(client, '/extensions', {'exten': '1100', 'context': context['name']})

    assert ranges_of(client, context)['items'] == [{'start': '1000', 'end': '1099'}, {'start': '1101', 'end': '1199'}]


def test_availability_all_regroups_without_cutting_used_numbers(client: Client) -> None:
    context = create_context(client, user_ranges=[{'start': '3000', 'end': '3099'}, {'start': '3050', 'end': '3199'}])
    create(client, '/extensions', {'exten': '3100', 'context': context['name']})

    result = ranges_of(client, context, availability='all')

    assert result == {'total': 1, 'items': [{'start': '3000', 'end': '3199'}]}


def test_incall_ranges_list_their_last_did_length_digits(client: Client) -> None:
    declared = [
        {'start': '4185550000', 'end': '4185550099', 'did_length': 4},
        {'start': '4185550100', 'end': '4185550199', 'did_length': 4},
    ]
    context = create_context(client, type='incall', user_ranges=[], incall_ranges=declared)

    assert ranges_of(client, context, 'incall') == {'total': 1, 'items': [{'start': '0000', 'end': '0199'}]}


def test_search_keeps_numbers_whose_padded_text_contains_it(client: Client) -> None:
    context = create_context(client, user_ranges=[{'start': '1000', 'end': '1099'}])

    result = ranges_of(client, context, search='05')

    assert result == {
        'total': 2,
        'items': [{'start': '1005', 'end': '1005'}, {'start': '1050', 'end': '1059'}],
    }


def test_search_over_a_ten_digit_range_counts_and_pages_its_runs(client: Client) -> None:
    context = create_context(client, user_ranges=[{'start': '0000000000', 'end': '9999999999'}])

    result = ranges_of(client, context, search='5', limit=2, offset=1)

    # Runs over w digits: the block 5... is one run, each of the 9 other first digits repeats
    # the runs over w - 1 digits: runs(w) = 9 * runs(w - 1) + 1 = (9**w - 1) / 8.
    assert result['total'] == (9**10 - 1) // 8
    assert result['items'] == [
        {'start': '0000000015', 'end': '0000000015'},
        {'start': '0000000025', 'end': '0000000025'},
    ]


def test_order_by_start_compares_texts(client: Client) -> None:
    context = create_context(client, user_ranges=[{'start': '999'}, {'start': '6000', 'end': '6001'}])

    result = ranges_of(client, context, order='start')

    assert result['items'] == [{'start': '6000', 'end': '6001'}, {'start': '999', 'end': '999'}]


def test_default_order_is_width_then_number_whatever_the_direction(client: Client) -> None:
    context = create_context(client, user_ranges=[{'start': '6000'}, {'start': '999'}])

    result = ranges_of(client, context, direction='desc')

    assert result['items'] == [{'start': '999', 'end': '999'}, {'start': '6000', 'end': '6000'}]


def test_total_counts_the_runs_before_paging(client: Client) -> None:
    declared = [
        {'start': '100', 'end': '119'},
        {'start': '000', 'end': '099'},
        {'start': '070', 'end': '199'},
        {'start': '300', 'end': '310'},
    ]
    context = create_context(client, user_ranges=declared)

    result = ranges_of(client, context, order='end', direction='desc', limit=1, offset=1)

    assert result == {'total': 2, 'items': [{'start': '000', 'end': '199'}]}


def test_bad_direction_is_400(client: Client) -> None:
    context = create_context(client)

    response = client.get(f'/contexts/{context["id"]}/ranges/user', params={'order': 'start', 'direction': 'up'})

    assert response.status_code == 400
    assert response.json() == ["Input Error - direction: must be 'asc' or 'desc'"]
