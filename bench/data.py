"""Deterministic test data: names from a fixed seed, and the bulk path for large tables.

The bulk path inserts users with the daemon's own model through SQLAlchemy Core (so the
column defaults are the model's); only loading uses it: every measurement goes through the API.
"""

from __future__ import annotations

import random

from sqlalchemy import create_engine, func, insert, select, text

from wazo_confd.database.models import load_all
from wazo_confd.plugins.user.model import User

# Users loaded in bulk are numbered from here; the API-created ones from 0.
BULK_FIRST_SERIAL = 100_000

FIRSTNAMES = [
    'Alice',
    'Bruno',
    'Chloé',
    'David',
    'Emma',
    'François',
    'Gabriel',
    'Hélène',
    'Inès',
    'Jules',
    'Karim',
    'Léa',
    'Manon',
    'Nathan',
    'Océane',
    'Paul',
    'Quentin',
    'Rose',
    'Samuel',
    'Théo',
    'Ulysse',
    'Valérie',
    'William',
    'Xavier',
    'Yasmine',
    'Zoé',
]
LASTNAMES = [
    'Martin',
    'Bernard',
    'Thomas',
    'Petit',
    'Robert',
    'Richard',
    'Durand',
    'Dubois',
    'Moreau',
    'Laurent',
    'Simon',
    'Michel',
    'Lefèvre',
    'Leroy',
    'Roux',
    'David',
    'Bertrand',
    'Morel',
    'Fournier',
    'Girard',
    'Bonnet',
    'Dupont',
    'Lambert',
    'Fontaine',
    'Rousseau',
    'Vincent',
    'Muller',
    'Lefebvre',
    'Faure',
    'André',
    'Mercier',
    'Blanc',
    'Guérin',
    'Boyer',
    'Garnier',
    'Chevalier',
    'François',
    'Legrand',
    'Gauthier',
    'Garcia',
]


def person(rng: random.Random, serial: int) -> dict:
    """A user body: a common first name, a surname made unique-ish by a numbered suffix."""
    return {
        'firstname': rng.choice(FIRSTNAMES),
        'lastname': f'{rng.choice(LASTNAMES)}-{serial:06d}',
        'email': f'user{serial:06d}@bench.example.com',
    }


def search_terms(rng: random.Random, count: int, low: int, high: int) -> list[str]:
    """Search strings as an admin types them: a surname and the start of a suffix, or an email
    (of a user whose serial is in [low, high)), or a bare common surname."""
    terms = []
    for _ in range(count):
        serial = rng.randrange(low, high)
        kind = rng.randrange(3)
        if kind == 0:
            terms.append(f'{rng.choice(LASTNAMES).lower()}-{serial:06d}'[:-2])
        elif kind == 1:
            terms.append(f'user{serial:06d}@')
        else:
            terms.append(rng.choice(LASTNAMES))
    return terms


def bulk_users(db_uri: str, tenant_uuid: str, target: int, seed: int) -> int:
    """Insert users until the tenant holds `target` of them; returns how many were added."""
    load_all()
    engine = create_engine(db_uri)
    try:
        with engine.begin() as connection:
            present = (
                connection.scalar(select(func.count()).select_from(User).where(User.tenant_uuid == tenant_uuid)) or 0
            )
            missing = max(0, target - present)
            rng = random.Random(seed + target)
            batch: list[dict] = []
            start = BULK_FIRST_SERIAL + present
            for serial in range(start, start + missing):
                row = person(rng, serial)
                row['caller_id'] = f'"{row["firstname"]} {row["lastname"]}"'
                row['tenant_uuid'] = tenant_uuid
                batch.append(row)
                if len(batch) == 5000:
                    connection.execute(insert(User), batch)
                    batch = []
            if batch:
                connection.execute(insert(User), batch)
        with engine.connect().execution_options(isolation_level='AUTOCOMMIT') as connection:
            connection.execute(text('VACUUM ANALYZE confd_user'))
    finally:
        engine.dispose()
    return missing
