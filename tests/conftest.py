"""Unit tests run in one process: map every model first, since plugins relate their models
to one another's by name (as the daemon does at start)."""

from wazo_confd.database.models import load_all

load_all()
