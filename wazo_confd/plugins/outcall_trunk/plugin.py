"""The outcall-trunk association: PUT /outcalls/{outcall_id}/trunks, the trunks an outcall
sends its calls through, in order. Outcalls and trunks come from their plugins' providers."""

from __future__ import annotations

from wazo_confd.interfaces import OUTCALLS, TRUNKS
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.link_table import LinkTable
from wazo_confd.kit.list_association import ListAssociation
from wazo_confd.kit.projections import TrunkRelation, many
from wazo_confd.kit.schema import relation
from wazo_confd.plugin_api import PluginDependencies

from .model import OutcallTrunk

# How a trunk shows the outcalls it serves.
OutcallRelation = relation('outcalls', 'id', 'name')


OUTCALL_TRUNKS = ListAssociation(
    url='/outcalls/<int:outcall_id>/trunks',
    endpoint='outcalltrunklist',
    left=OUTCALLS,
    right=TRUNKS,
    label='OutcallTrunkList',
    # The outcall's trunks and each listed trunk's outcalls are read again when shown.
    table=LinkTable(OutcallTrunk, 'outcall_id', 'trunk_id', left_links='trunk_links', right_links='outcall_links'),
    field='trunks',
    sides=('outcall', 'trunk'),
    repeated='trunk',
    event='outcall_trunks',  # outcall_trunks_associated
    routing='config.outcalls.trunks',
    payload=lambda outcall, trunks: {'outcall_id': outcall.id, 'trunk_ids': [trunk.id for trunk in trunks]},
    unknown='input',
    example={'trunks': [{'id': 1}]},
)


class Plugin(DeclaredPlugin):
    associations = (OUTCALL_TRUNKS,)
    requires = ('outcalls', 'trunks')

    def load(self, deps: PluginDependencies) -> None:
        super().load(deps)
        registry = contributions(deps.providers)
        registry.contribute(
            'outcalls', 'trunks', many(TrunkRelation), get=lambda outcall: [link.trunk for link in outcall.trunk_links]
        )
        registry.contribute(
            'trunks',
            'outcalls',
            many(OutcallRelation),
            get=lambda trunk: [link.outcall for link in trunk.outcall_links],
        )
