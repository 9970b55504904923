"""The IAX registrations plugin: /registers/iax (rows of no tenant), offered to the trunks
plugin (`register_iax_service`)."""

from __future__ import annotations

from wazo_confd.interfaces import REGISTER_IAX
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.reloads import Reload
from wazo_confd.kit.service import CRUDService

from .model import RegisterIAX
from .schema import RegisterIAXSchema

# The fields of a registration a PUT may change.
EDITABLE = (
    'auth_username',
    'auth_password',
    'remote_host',
    'remote_port',
    'callback_extension',
    'callback_context',
    'enabled',
)


class RegisterIAXService(CRUDService):
    def apply(self, register: RegisterIAX, form: dict) -> None:
        """As upstream, an edit is checked as the whole registration it makes: a username
        left without a password, or a line grown too long, is refused."""
        current = {name: getattr(register, name) for name in EDITABLE}
        merged = self.load_form({**current, **form})
        super().apply(register, {name: merged[name] for name in form})


REGISTERS_IAX = Resource(
    model=RegisterIAX,
    schema=RegisterIAXSchema,
    name='IAXRegister',
    label='RegisterIAX',
    url='/registers/iax',
    endpoints=('registeriaxlist', 'register_iax'),
    id_var='id',
    scope='global',
    search=search_on(RegisterIAX, 'id', default_sort='id'),
    events=Events('register_iax', 'config.register.iax', family='service'),
    reloads=(Reload('iax2 reload'),),
    empty_on_create=('trunk',),
    service=RegisterIAXService,
    provides=REGISTER_IAX,
    example={'remote_host': 'iax.example.com', 'auth_username': 'office', 'auth_password': 'secret'},
    update_example={'remote_port': 4569},
)


class Plugin(DeclaredPlugin):
    resources = (REGISTERS_IAX,)
