"""SQL for registrars: global rows (no tenant), searched on every field."""

from __future__ import annotations

from wazo_confd.database.search import SearchConfig
from wazo_confd.kit.dao import CRUDDao

from .model import Registrar

FIELDS = (
    'id',
    'name',
    'main_host',
    'main_port',
    'backup_host',
    'backup_port',
    'proxy_main_host',
    'proxy_main_port',
    'proxy_backup_host',
    'proxy_backup_port',
    'outbound_proxy_host',
    'outbound_proxy_port',
)

SEARCH = SearchConfig(
    columns={name: getattr(Registrar, name) for name in FIELDS},
    search=list(FIELDS),
    default_sort='name',
    tiebreak=Registrar.id,
)


class RegistrarDao(CRUDDao[Registrar]):
    model = Registrar
    resource_name = 'Registrar'
    search_config = SEARCH
    tenant_scoped = False

    def conflict_metadata(self, registrar: Registrar | None) -> dict:
        return {} if registrar is None else {'id': registrar.id}
