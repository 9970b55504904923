"""The daemon's own wazo-auth credentials: username/password, else the YAML key file."""

from __future__ import annotations

from pathlib import Path

import pytest

from wazo_confd.auth.service_token import CredentialsError, read_credentials

BASE = {'username': None, 'password': None, 'key_file': None}


def test_username_and_password_are_used_first(tmp_path: Path) -> None:
    config = {**BASE, 'username': 'confd', 'password': 'secret', 'key_file': str(tmp_path / 'absent.yml')}

    assert read_credentials(config) == ('confd', 'secret')


def test_the_key_file_gives_service_id_and_service_key(tmp_path: Path) -> None:
    path = tmp_path / 'key.yml'
    path.write_text('service_id: wazo-confd\nservice_key: s3cret\n')

    assert read_credentials({**BASE, 'key_file': str(path)}) == ('wazo-confd', 's3cret')


@pytest.mark.parametrize('content', ['service_id: only-the-id\n', '- a list\n', ': not yaml: ['])
def test_an_incomplete_key_file_is_refused_naming_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / 'key.yml'
    path.write_text(content)

    with pytest.raises(CredentialsError, match=str(path)):
        read_credentials({**BASE, 'key_file': str(path)})


def test_no_credentials_at_all_is_refused() -> None:
    with pytest.raises(CredentialsError, match='auth.username'):
        read_credentials(BASE)
