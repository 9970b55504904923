"""Events of registrars: registrar_created, registrar_edited, registrar_deleted (service
family: no tenant)."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier

from .model import Registrar
from .schema import event_payload


class RegistrarNotifier(CRUDNotifier):
    family = 'service'
    names = {'created': 'registrar_created', 'edited': 'registrar_edited', 'deleted': 'registrar_deleted'}
    routing_keys = {
        'created': 'config.registrar.created',
        'edited': 'config.registrar.edited',
        'deleted': 'config.registrar.deleted',
    }

    def payload(self, registrar: Registrar) -> dict:
        return event_payload(registrar)
