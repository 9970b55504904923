"""/contexts and /contexts/{id}/ranges/* over HTTP against the real daemon."""

from __future__ import annotations

import pytest

from .helpers.client import Client
from .helpers.daemon import Daemon
from .helpers.database import Rows
from .helpers.events import Events
from .helpers.telephony import USER_RANGE, create, create_context, create_voicemail, events_with, unique


def test_create_returns_the_context_with_defaults_and_location(client: Client, daemon: Daemon) -> None:
    response = client.post('/contexts', json={'label': 'Sales', 'user_ranges': [USER_RANGE]})

    assert response.status_code == 201
    context = response.json()
    assert response.headers['Location'] == f'{daemon.base_url}/contexts/{context["id"]}'
    assert context['label'] == 'Sales'
    assert context['type'] == 'internal'
    assert context['enabled'] is True
    assert context['name'].startswith('ctx-') and context['uuid'] in context['name']
    assert context['user_ranges'] == [{'start': '1000', 'end': '1999'}]
    assert context['group_ranges'] == [] and context['incall_ranges'] == []
    assert context['contexts'] == []
    assert context['links'] == [{'rel': 'contexts', 'href': f'{daemon.base_url}/contexts/{context["id"]}'}]


def test_name_seeds_the_label_when_no_label_is_given(client: Client) -> None:
    context = create(client, '/contexts', {'name': 'legacy'})

    assert context['label'] == 'legacy'
    assert context['name'] != 'legacy'


def test_incall_ranges_carry_did_length(client: Client) -> None:
    context = create_context(
        client, type='incall', incall_ranges=[{'start': '4185550000', 'end': '4185559999', 'did_length': 4}]
    )

    assert context['incall_ranges'] == [{'start': '4185550000', 'end': '4185559999', 'did_length': 4}]


def test_invalid_fields_are_400(client: Client) -> None:
    assert client.post('/contexts', json={}).status_code == 400
    response = client.post('/contexts', json={'label': 'x', 'type': 'bogus'})
    assert response.status_code == 400
    assert response.json()[0].startswith('Input Error - type:')
    bad_range = client.post('/contexts', json={'label': 'x', 'user_ranges': [{'start': '12a'}]})
    assert bad_range.status_code == 400
    reversed_range = client.post('/contexts', json={'label': 'x', 'user_ranges': [{'start': '2000', 'end': '1000'}]})
    assert reversed_range.status_code == 400


@pytest.mark.parametrize(
    ('ranges', 'errors'),
    [
        ([{'start': '12a'}], "{0: {'start': ['Invalid input.']}}"),
        ([{'start': '1000', 'end': '1²'}], "{0: {'end': ['Invalid input.']}}"),
        ([{'start': '1' * 17}], "{0: {'start': ['Longer than maximum length 16.']}}"),
        ([{'start': '20', 'end': '100'}], "{0: {'_schema': ['Start and end must be of the same length']}}"),
        (
            [USER_RANGE, {'start': '2000', 'end': '1000'}],
            "{1: {'_schema': ['Start of range must be lower than or equal to the end']}}",
        ),
    ],
)
def test_invalid_ranges_answer_upstream_errors(client: Client, rows: Rows, ranges: list, errors: str) -> None:
    label = unique('bad-range')

    created = client.post('/contexts', json={'label': label, 'group_ranges': ranges})
    edited = client.put(f'/contexts/{create_context(client)["id"]}', json={'group_ranges': ranges})

    assert created.status_code == edited.status_code == 400
    assert created.json() == edited.json() == [f'Input Error - group_ranges: {errors}']
    assert rows.count('context', 'label = :l', l=label) == 0


def test_put_is_partial_and_replaces_ranges(client: Client) -> None:
    context = create_context(client, description='before')

    response = client.put(f'/contexts/{context["id"]}', json={'group_ranges': [{'start': '2000', 'end': '2999'}]})

    assert response.status_code == 204
    after = client.get(f'/contexts/{context["id"]}').json()
    assert after['description'] == 'before'
    assert after['user_ranges'] == [USER_RANGE]
    assert after['group_ranges'] == [{'start': '2000', 'end': '2999'}]


def test_put_validates_each_range_whole(client: Client) -> None:
    context = create_context(client)

    response = client.put(f'/contexts/{context["id"]}', json={'user_ranges': [{'end': '1234'}]})

    assert response.status_code == 400
    assert response.json() == ["Input Error - user_ranges: {0: {'start': ['Missing data for required field.']}}"]
    assert client.get(f'/contexts/{context["id"]}').json() == context


def test_unknown_context_is_404(client: Client) -> None:
    for response in (
        client.get('/contexts/999999'),
        client.put('/contexts/999999', json={'label': 'x'}),
        client.delete('/contexts/999999'),
    ):
        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - Context was not found ('id': 999999)"]


def test_list_searches_and_filters(client: Client) -> None:
    tag = unique('tag')
    mine = create_context(client, label=f'{tag}-a', type='outcall')
    create_context(client, label=f'{tag}-b')

    found = client.get('/contexts', params={'search': tag}).json()
    filtered = client.get('/contexts', params={'search': tag, 'type': 'outcall'}).json()

    assert found['total'] == 2
    assert [c['id'] for c in filtered['items']] == [mine['id']]


def test_delete_removes_the_context_and_its_ranges(client: Client, rows: Rows) -> None:
    context = create_context(client)

    assert client.delete(f'/contexts/{context["id"]}').status_code == 204

    assert rows.count('context', 'id = :i', i=context['id']) == 0
    assert rows.count('context_range', 'context_id = :i', i=context['id']) == 0


def test_delete_refused_while_an_extension_uses_it(client: Client, rows: Rows) -> None:
    context = create_context(client)
    extension = create(client, '/extensions', {'exten': '1001', 'context': context['name']})

    response = client.delete(f'/contexts/{context["id"]}')

    assert response.status_code == 400
    assert response.json() == [
        f"Resource Error - Context is associated with a Extension ('context_id': {context['id']}, 'extension_id': {extension['id']})"
    ]
    assert rows.count('context', 'id = :i', i=context['id']) == 1


def test_delete_refused_while_a_voicemail_uses_it(client: Client) -> None:
    context = create_context(client)
    create_voicemail(client, context)

    response = client.delete(f'/contexts/{context["id"]}')

    assert response.status_code == 400
    assert response.json()[0].startswith('Resource Error - Context is associated with a Voicemail')


def test_create_edit_delete_events(client: Client, rows: Rows) -> None:
    published = Events(client)
    context = create_context(client)
    client.put(f'/contexts/{context["id"]}', json={'label': 'renamed'})
    client.delete(f'/contexts/{context["id"]}')

    expected = {'id': context['id'], 'name': context['name'], 'type': 'internal', 'tenant_uuid': context['tenant_uuid']}
    for action in ('created', 'edited', 'deleted'):
        [event] = events_with(published, f'context_{action}', id=context['id'])
        assert event['routing_key'] == f'config.contexts.{action}'
        assert event['body']['data'] == expected
        assert event['headers']['tenant_uuid'] == context['tenant_uuid']
        assert event['headers']['user_uuid:*'] is True


class TestRanges:
    def test_all_lists_the_ranges_as_declared(self, client: Client) -> None:
        context = create_context(client, queue_ranges=[{'start': '3000', 'end': '3099'}, {'start': '3500'}])

        response = client.get(f'/contexts/{context["id"]}/ranges/queue', params={'availability': 'all'})

        assert response.status_code == 200
        assert response.json() == {
            'total': 2,
            'items': [{'start': '3000', 'end': '3099'}, {'start': '3500', 'end': '3500'}],
        }

    def test_available_cuts_out_used_numbers(self, client: Client) -> None:
        context = create_context(client)
        create(client, '/extensions', {'exten': '1000', 'context': context['name']})
        create(client, '/extensions', {'exten': '1500', 'context': context['name']})

        response = client.get(f'/contexts/{context["id"]}/ranges/user')

        assert response.json()['items'] == [{'start': '1001', 'end': '1499'}, {'start': '1501', 'end': '1999'}]

    def test_limit_offset_and_order(self, client: Client) -> None:
        context = create_context(client, user_ranges=[{'start': '100', 'end': '199'}, {'start': '300', 'end': '399'}])

        page = client.get(
            f'/contexts/{context["id"]}/ranges/user', params={'order': 'start', 'direction': 'desc', 'limit': 1}
        ).json()

        assert page == {'total': 2, 'items': [{'start': '300', 'end': '399'}]}

    def test_each_range_type_has_its_route(self, client: Client) -> None:
        context = create_context(client, conference_room_ranges=[{'start': '4000', 'end': '4099'}])

        for range_type in ('user', 'group', 'queue', 'conference', 'incall'):
            assert client.get(f'/contexts/{context["id"]}/ranges/{range_type}').status_code == 200
        conference = client.get(f'/contexts/{context["id"]}/ranges/conference').json()
        assert conference['items'] == [{'start': '4000', 'end': '4099'}]

    def test_bad_parameters_are_400(self, client: Client) -> None:
        context = create_context(client)

        assert client.get(f'/contexts/{context["id"]}/ranges/user', params={'availability': 'x'}).status_code == 400
        assert client.get(f'/contexts/{context["id"]}/ranges/user', params={'order': 'x'}).json() == [
            "Input Error - order: column 'x' was not found"
        ]

    def test_unknown_context_is_404(self, client: Client) -> None:
        response = client.get('/contexts/999999/ranges/user')

        assert response.status_code == 404
        assert response.json() == ["Resource Not Found - Context was not found ('id': 999999)"]
