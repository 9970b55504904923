"""The SIP templates every tenant starts with: global, webrtc, meeting_guest,
registration_trunk and twilio_trunk.

Their options are those upstream wazo-confd gives new tenants (its tenant plugin's default
SIP template service); as upstream, `global` uses the UDP transport and `webrtc` the WSS one
(when they exist, found by name).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from .dao import SIPTemplateDao
from .model import EndpointSIP

TWILIO_ADDRESSES = (
    '54.172.60.0 54.172.60.3 54.172.60.2 54.172.60.1 177.71.206.195 177.71.206.194 177.71.206.193 '
    '177.71.206.192 54.252.254.67 54.252.254.66 54.252.254.65 54.252.254.64 54.169.127.131 '
    '54.169.127.130 54.169.127.129 54.169.127.128 54.65.63.195 54.65.63.194 54.65.63.193 '
    '54.65.63.192 35.156.191.131 35.156.191.130 35.156.191.129 35.156.191.128 54.171.127.195 '
    '54.171.127.194 54.171.127.193 54.171.127.192 54.244.51.3 54.244.51.2 54.244.51.1 54.244.51.0'
).split()

DEFAULT_TRANSPORTS = {'global': 'transport-udp', 'webrtc': 'transport-wss'}

# (label, parent label, {section: options}), parents first.
DEFAULT_TEMPLATES: list[tuple[str, str | None, dict[str, list[list[str]]]]] = [
    (
        'global',
        None,
        {
            'aor': [
                ['maximum_expiration', '3600'],
                ['default_expiration', '120'],
                ['minimum_expiration', '60'],
                ['qualify_frequency', '60'],
                ['remove_existing', 'true'],
                ['max_contacts', '1'],
            ],
            'endpoint': [
                ['rtp_timeout', '7200'],
                ['allow_transfer', 'yes'],
                ['use_ptime', 'yes'],
                ['callerid', 'wazo'],
                ['direct_media', 'no'],
                ['dtmf_mode', 'rfc4733'],
                ['language', 'en_US'],
                ['inband_progress', 'no'],
                ['rtp_timeout_hold', '0'],
                ['timers_sess_expires', '600'],
                ['timers_min_se', '90'],
                ['trust_id_inbound', 'no'],
                ['allow_subscribe', 'yes'],
                ['allow', '!all,ulaw'],
                ['set_var', 'TIMEOUT(absolute)=36000'],
                ['set_var', 'DYNAMIC_FEATURES=togglerecord'],
                ['notify_early_inuse_ringing', 'yes'],
            ],
        },
    ),
    (
        'webrtc',
        'global',
        {
            'aor': [['remove_existing', 'false'], ['max_contacts', '10']],
            'endpoint': [
                ['webrtc', 'yes'],
                ['dtls_auto_generate_cert', 'yes'],
                ['allow', '!all,opus,g722,alaw,ulaw,vp9,vp8,h264'],
                ['max_video_streams', '25'],
                ['max_audio_streams', '1'],
                ['timers', 'always'],
                ['timers_sess_expires', '300'],
                ['timers_min_se', '90'],
            ],
        },
    ),
    ('meeting_guest', 'webrtc', {}),
    (
        'registration_trunk',
        'global',
        {
            'registration': [
                ['forbidden_retry_interval', '30'],
                ['retry_interval', '20'],
                ['max_retries', '10000'],
                ['auth_rejection_permanent', 'no'],
                ['fatal_retry_interval', '30'],
            ],
        },
    ),
    ('twilio_trunk', 'registration_trunk', {'identify': [['match', address] for address in TWILIO_ADDRESSES]}),
]


def tenant_templates_creator(
    template_dao: SIPTemplateDao, create: Callable[[EndpointSIP], EndpointSIP]
) -> Callable[[Session, str], None]:
    """The tenant-created hook: makes the tenant's default templates, once."""

    def create_defaults(session: Session, tenant_uuid: str) -> None:
        if template_dao.defaults_of(tenant_uuid):
            return
        created: dict[str, EndpointSIP] = {}
        for label, parent, sections in DEFAULT_TEMPLATES:
            template = EndpointSIP(tenant_uuid=tenant_uuid, label=label, template=True)
            for section, options in sections.items():
                setattr(template, f'{section}_section_options', [list(option) for option in options])
            template.templates = [created[parent]] if parent else []
            if label in DEFAULT_TRANSPORTS:
                transport = template_dao.find_transport(name=DEFAULT_TRANSPORTS[label])
                template.transport_uuid = transport.uuid if transport is not None else None
            created[label] = create(template)
            template_dao.add_default(tenant_uuid, label, template)
        session.flush()

    return create_defaults
