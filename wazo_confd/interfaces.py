"""What plugins offer one another: one `Protocol` per service, and the key it is
registered under.

A plugin registers its service under a key (`deps.providers.register(LINES, service)`);
another gets it back typed (`deps.providers.get(LINES)`), at request time since plugins
load in any order, and never imports the first plugin's modules. Each protocol holds the
calls other plugins make, nothing more: no dao, no session. A key's name is the string the
plugins used before the keys were typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from marshmallow import Schema

from wazo_confd.plugin_api import Provided


@runtime_checkable
class Contexts(Protocol):
    def get(self, context_id: int, tenant_uuids: Sequence[str] | None) -> Any: ...

    def find_in_subtree(self, name: str, tenant_uuid: str) -> Any | None:
        """The context of that name in the tenant or one of its sub-tenants, or None."""


@runtime_checkable
class Registrars(Protocol):
    def find(self, registrar_id: str) -> Any | None: ...


@runtime_checkable
class Endpoints(Protocol):
    """The endpoints of one kind (SIP, SCCP or custom)."""

    schema: type[Schema]

    def get(self, endpoint_id: Any, tenant_uuids: Sequence[str] | None) -> Any: ...

    def create_from_body(self, body: Any, tenant_uuid: str | None) -> Any: ...

    def dump(self, endpoint: Any) -> dict: ...

    def delete(self, endpoint: Any) -> None: ...


@runtime_checkable
class SIPEndpointViews(Protocol):
    def check_view(self, view: str | None) -> None:
        """Refuse (an Input Error) a `?view=` other than `merged`."""

    def dump_view(self, endpoint: Any, view: str | None) -> dict:
        """The endpoint as `GET /endpoints/sip/{uuid}?view=<view>` shows it; an Input Error
        for a view other than `merged`."""


@runtime_checkable
class SIPSectionNames(Protocol):
    def find_by_section_name(self, name: str) -> Any | None:
        """The SIP endpoint or template of that name (its `template` tells which), or None:
        transports share Asterisk's section names with them."""


@runtime_checkable
class Extensions(Protocol):
    schema: type[Schema]

    def get(self, extension_id: int, tenant_uuids: Sequence[str] | None) -> Any: ...

    def find_by(self, tenant_uuids: Sequence[str] | None = None, **criteria: Any) -> Any | None: ...

    def build(self, form: dict, tenant_uuid: str | None) -> Any: ...

    def create(self, extension: Any) -> Any: ...

    def load_form(self, body: Any, partial: bool = False) -> dict: ...

    def dump(self, extension: Any) -> dict: ...

    def delete(self, extension: Any) -> None: ...

    def validate_in_range(self, extension: Any, range_type: str) -> None: ...

    def extens_of(self, context: str) -> list[str]: ...


@runtime_checkable
class Voicemails(Protocol):
    def get(self, voicemail_id: int, tenant_uuids: Sequence[str] | None) -> Any: ...

    def load_form(self, body: Any, partial: bool = False) -> dict: ...

    def build(self, form: dict, tenant_uuid: str | None) -> Any: ...

    def create(self, voicemail: Any) -> Any: ...

    def dump(self, voicemail: Any) -> dict: ...

    def delete(self, voicemail: Any) -> None:
        """As DELETE /voicemails/{id}: refused while a user has the box."""

    def validate_for_user(self, voicemail: Any) -> None:
        """Refuse (a Resource Error) a voicemail that may not be given to a user: a global one."""


@runtime_checkable
class VoicemailZoneMessages(Protocol):
    def names(self) -> set[str]: ...


@runtime_checkable
class Users(Protocol):
    def get(self, user_id: Any, tenant_uuids: Sequence[str] | None) -> Any: ...

    def lock(self, user: Any) -> None: ...


@runtime_checkable
class Outcalls(Protocol):
    def get(self, outcall_id: int, tenant_uuids: list[str] | None) -> Any: ...

    def lock(self, outcall: Any) -> None: ...

    def dial_pattern(self, outcall: Any, extension: Any) -> Any | None:
        """The dial pattern leading `extension` to the outcall, or None."""

    def set_dial_pattern(self, outcall: Any, extension: Any, form: dict) -> None:
        """Lead `extension` to the outcall with these pattern fields (`caller_id`,
        `external_prefix`, `prefix`, `strip_digits`), or change them when it already does."""

    def remove_dial_pattern(self, outcall: Any, extension: Any) -> None: ...


@dataclass
class NestedLine:
    """A line made by POST /lines, with what was made with it."""

    line: Any
    endpoint_kind: str | None = None
    endpoint: Any = None
    extensions: list[Any] = field(default_factory=list)


@runtime_checkable
class Lines(Protocol):
    def get(self, line_id: int, tenant_uuids: Sequence[str] | None) -> Any: ...

    def lock(self, line: Any) -> None: ...

    def set_endpoint(self, line: Any, kind: str, endpoint: Any | None) -> None: ...

    def find_by_registrar(self, registrar_id: str) -> Any | None: ...

    def delete(self, line: Any, recursive: bool = False) -> None:
        """The line, its users and extensions dissociated first; with `recursive`, the
        extensions no other line uses and its SIP endpoint are deleted too."""

    def load_form(self, body: Any, partial: bool = False) -> dict:
        """A POST /lines body loaded, nested endpoint and extensions included."""

    def create_nested(self, form: dict, tenant_uuid: str | None) -> NestedLine: ...

    def dump_nested(self, created: NestedLine) -> dict: ...


@runtime_checkable
class LineCallerIds(Protocol):
    def refresh(self, line: Any) -> None:
        """Put the line in its main extension's context, and write the caller ID of its main
        user (and main extension) to its endpoint (not for a line without a user or without
        a SIP or SCCP endpoint)."""


@runtime_checkable
class UserLines(Protocol):
    def associate(self, user: Any, line: Any) -> None: ...

    def dissociate(self, user: Any, line: Any) -> None: ...

    def validate_single_main_user(self, line: Any, extension: Any) -> None:
        """Refuse (`User is associated with a Line`) that the line ring the extension when
        both would then ring lines of two main users."""


@runtime_checkable
class LineExtensions(Protocol):
    def create_or_link(self, line: Any, form: dict, tenant_uuid: str | None = None) -> Any: ...

    def dissociate(self, line: Any, extension: Any) -> None: ...


@runtime_checkable
class LineEndpoints(Protocol):
    def associate(self, line: Any, endpoint: Any) -> None: ...


@runtime_checkable
class UserVoicemails(Protocol):
    def find_nested(self, body: dict, tenant_uuids: Sequence[str], default_name: str) -> Any:
        """A `voicemail` nested in POST /users checked, and the box it names found, before
        anything is written; a box to create without a name gets `default_name`."""

    def attach_nested(self, user: Any, found: Any) -> dict: ...

    def voicemails_of(self, user: Any) -> list[Any]:
        """The user's voicemail, as a list of zero or one."""

    def dissociate_current(self, user: Any) -> None:
        """Unlink the user's voicemail, if any, as DELETE /users/{id}/voicemails does."""


@runtime_checkable
class LineDevices(Protocol):
    """Plugs a line into a provisioned device. No plugin provides it yet: until the devices
    plugin does, callers answer that every device is unknown."""

    def associate(self, line: Any, device_id: str, tenant_uuids: Sequence[str]) -> None:
        """Plug the line into the device; 404 when no device of these tenants has that id."""


@runtime_checkable
class CallPermissions(Protocol):
    def get(self, call_permission_id: int, tenant_uuids: list[str] | None) -> Any: ...


@runtime_checkable
class SIPTemplateDefaults(Protocol):
    def __call__(self, tenant_uuids: Sequence[str]) -> dict[str, dict[str, str]]:
        """The uuids of each tenant's default SIP templates, by kind (`global`, `webrtc`, ...)."""


@runtime_checkable
class Trunks(Protocol):
    def get(self, trunk_id: int, tenant_uuids: list[str] | None) -> Any: ...

    def lock(self, trunk: Any) -> None: ...


@runtime_checkable
class RegistersIAX(Protocol):
    def get(self, register_id: int, tenant_uuids: list[str] | None) -> Any: ...


@runtime_checkable
class EndpointOwners(Protocol):
    def validate_free_for_line(self, kind: str, endpoint: Any) -> None:
        """Refuse (`Trunk is associated with a Endpoint`) an endpoint a trunk uses."""


CONTEXTS = Provided[Contexts]('context_service')
REGISTRARS = Provided[Registrars]('registrar_service')
ENDPOINT_SIP = Provided[Endpoints]('endpoint_sip_service')
ENDPOINT_SCCP = Provided[Endpoints]('endpoint_sccp_service')
ENDPOINT_CUSTOM = Provided[Endpoints]('endpoint_custom_service')
ENDPOINT_IAX = Provided[Endpoints]('endpoint_iax_service')
ENDPOINTS = {'sip': ENDPOINT_SIP, 'sccp': ENDPOINT_SCCP, 'custom': ENDPOINT_CUSTOM}
SIP_ENDPOINT_VIEWS = Provided[SIPEndpointViews]('sip_endpoint_views')
SIP_SECTION_NAMES = Provided[SIPSectionNames]('sip_section_names')
SIP_TEMPLATE_DEFAULTS = Provided[SIPTemplateDefaults]('sip_template_defaults')
EXTENSIONS = Provided[Extensions]('extension_service')
VOICEMAILS = Provided[Voicemails]('voicemail_service')
VOICEMAIL_ZONE_MESSAGES = Provided[VoicemailZoneMessages]('voicemail_zonemessages_service')
USERS = Provided[Users]('user_service')
LINES = Provided[Lines]('line_service')
LINE_CALLER_IDS = Provided[LineCallerIds]('line_caller_ids')
USER_LINES = Provided[UserLines]('user_line_service')
LINE_EXTENSIONS = Provided[LineExtensions]('line_extension_service')
LINE_ENDPOINTS = {kind: Provided[LineEndpoints](f'line_endpoint_{kind}_service') for kind in ENDPOINTS}
OUTCALLS = Provided[Outcalls]('outcall_service')
USER_VOICEMAILS = Provided[UserVoicemails]('user_voicemail_service')
LINE_DEVICES = Provided[LineDevices]('line_device_service')
CALL_PERMISSIONS = Provided[CallPermissions]('call_permission_service')
TRUNKS = Provided[Trunks]('trunk_service')
REGISTER_IAX = Provided[RegistersIAX]('register_iax_service')
# The trunks plugin's check that an endpoint a line is given is no trunk's.
TRUNK_ENDPOINT_OWNERS = Provided[EndpointOwners]('trunk_endpoint_owners')
