"""Stand-ins of the outbox for unit tests of notifiers (the real one writes rows)."""

from __future__ import annotations

from typing import Any


class Outbox:
    """Keeps the events and the reload requests (none recorded when empty, as the real one)."""

    def __init__(self) -> None:
        self.events: list[Any] = []
        self.reloads: list[dict] = []

    def add(self, event: Any) -> None:
        self.events.append(event)

    def request_reload(self, commands: dict) -> None:
        if any(commands.values()):
            self.reloads.append(commands)
