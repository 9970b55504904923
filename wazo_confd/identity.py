"""Who this daemon is: the platform uuid and the master tenant."""

from __future__ import annotations

from collections.abc import Callable


class Identity:
    """The platform uuid (fixed at start) and the master tenant's uuid.

    With the local auth backend the master tenant is known at start; with wazo-auth the main
    process learns it from its service token, after the HTTP workers were forked: a worker
    then asks the main process for it (`ask_main`, see http/processes.py).
    """

    def __init__(self, uuid: str, master_tenant_uuid: str | None):
        self.uuid = uuid
        self.master_tenant_uuid = master_tenant_uuid
        self.ask_main: Callable[[], str | None] | None = None

    def set_master_tenant(self, tenant_uuid: str) -> None:
        self.master_tenant_uuid = tenant_uuid

    def master_tenant(self) -> str | None:
        """The master tenant's uuid, None while it is unknown (wazo-auth not reached yet)."""
        if self.master_tenant_uuid is None and self.ask_main is not None:
            self.master_tenant_uuid = self.ask_main()
        return self.master_tenant_uuid
