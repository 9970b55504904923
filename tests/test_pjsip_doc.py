"""The shipped res_pjsip option names, another documentation file, and the name check."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from wazo_confd.errors import InputError
from wazo_confd.kit.pjsip_doc import PJSIPDoc, PJSIPDocError, PJSIPDocValidator
from wazo_confd.plugins.endpoint_sip.defaults import DEFAULT_TEMPLATES


def test_the_shipped_doc_knows_the_options_of_every_section() -> None:
    doc = PJSIPDoc()

    assert doc.is_valid('endpoint', 'webrtc')
    assert doc.is_valid('transport', 'local_net')
    assert doc.is_valid('auth', 'password')
    assert not doc.is_valid('transport', 'webrtc')


def test_type_is_never_an_option() -> None:
    assert not PJSIPDoc().is_valid('endpoint', 'type')


def test_user_variables_pass_in_aor_and_endpoint_only() -> None:
    doc = PJSIPDoc()

    assert doc.is_valid('aor', '@x') and doc.is_valid('endpoint', '@x')
    assert not doc.is_valid('auth', '@x')


def test_identify_and_registration_use_fixed_lists() -> None:
    doc = PJSIPDoc()

    assert doc.is_valid('identify', 'match') and not doc.is_valid('identify', 'username')
    assert doc.is_valid('registration', 'client_uri') and not doc.is_valid('registration', 'webrtc')


def test_default_templates_use_only_known_option_names() -> None:
    doc = PJSIPDoc()

    for label, _, sections in DEFAULT_TEMPLATES:
        for section, options in sections.items():
            for name, _ in options:
                assert doc.is_valid(section, name), (label, section, name)


def test_a_configured_gzipped_file_replaces_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / 'pjsip.json.gz'
    with gzip.open(path, 'wt') as f:
        json.dump({'endpoint': {'brand_new': {'name': 'brand_new'}, 'type': {'name': 'type'}}}, f)

    doc = PJSIPDoc.from_config({'pjsip_config_doc_filename': str(path)})

    assert doc.content == {'endpoint': {'brand_new': {'name': 'brand_new'}}}
    assert doc.is_valid('endpoint', 'brand_new') and not doc.is_valid('endpoint', 'webrtc')


@pytest.mark.parametrize('content', [None, '[1, 2]', 'not json'])
def test_a_missing_or_broken_file_is_an_input_error(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / 'pjsip.json'
    if content is not None:
        path.write_text(content)

    with pytest.raises(PJSIPDocError) as raised:
        _ = PJSIPDoc(str(path)).content

    assert raised.value.body() == ['Input Error - failed to read PJSIP JSON documentation']


def test_validator_names_the_field_the_option_and_the_choices(tmp_path: Path) -> None:
    path = tmp_path / 'doc.json'
    path.write_text(json.dumps({'transport': {'bind': {}, 'cos': {}}}))
    validator = PJSIPDocValidator('options', 'transport', PJSIPDoc(str(path)))
    validator.validate(SimpleNamespace(options=[['bind', '0.0.0.0'], ['cos', '3']]))

    with pytest.raises(InputError) as raised:
        validator.validate(SimpleNamespace(options=[['bind', '0.0.0.0'], ['nope', '1']]))

    assert raised.value.body() == ["Input Error - 'options: invalid variable (nope)' must be one of (bind, cos)"]
