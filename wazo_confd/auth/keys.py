"""Creating, listing and revoking API keys of the local backend.

A secret is 32 random bytes; it is shown once and only its SHA-256 is stored. A slow
password hash is not needed for secrets of that entropy, and SHA-256 keeps the check cheap.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from wazo_confd import tenancy

from .model import ApiKey

SECRET_PREFIX = 'wcf_'


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode('utf-8')).hexdigest()


class KeyExists(Exception):
    pass


def create(session: Session, name: str, acl: list[str], tenant_uuid: str) -> str:
    if session.get(ApiKey, name) is not None:
        raise KeyExists(name)
    tenancy.ensure(session, tenant_uuid)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, secret_hash=hash_secret(secret), acl=list(acl), tenant_uuid=tenant_uuid))
    session.flush()
    return secret


def find_by_secret(session: Session, secret: str) -> ApiKey | None:
    return session.scalars(select(ApiKey).where(ApiKey.secret_hash == hash_secret(secret))).first()


def list_all(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.name)))


def revoke(session: Session, name: str) -> bool:
    key = session.get(ApiKey, name)
    if key is None:
        return False
    session.delete(key)
    session.flush()
    return True
