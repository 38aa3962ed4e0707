"""Extension points of the catalogue (see ``verbund.core.hooks``).

* :data:`ONLINE_APPLICATION` — the one provider that says which services a citizen
  can apply for on this platform and where the application starts (applications:
  the services with a published form, started at ``/antrag/neu/<key>/``). Without
  one, "Online beantragen" leads to a service's shared online service, if any.
* :data:`EXCHANGE_PARTS` — parts of a catalogue entry that other apps own and that
  travel with it in the exchange format (``exchange.py``; formengine: the form).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Protocol

from verbund.catalogue.models import Service
from verbund.core.actors import Actor
from verbund.core.hooks import Hook


class OnlineApplication(Protocol):
    def available(self, service_ids: Collection[int]) -> set[int]:
        """Which of these services can be applied for here."""
        ...

    def start_url(self, *, service_key: str, place_ars: str) -> str:
        """Where the application of ``service_key`` for the place ``place_ars`` starts."""
        ...


class ExchangePart(Protocol):
    """One part of an entry in the exchange file, under ``verbund.<key>`` (registered
    under that key); ``exchange.schema.json`` describes its shape."""

    key: str

    def export(self, service: Service) -> Any | None:
        """The part of ``service`` as JSON, or ``None`` when it has none."""
        ...

    def problems(self, data: Any) -> list[tuple[str, str]]:
        """What is wrong with an imported part: (field below the part, message for the
        user); empty when it can be imported."""
        ...

    def apply(self, *, service: Service, data: Any, actor: Actor) -> bool:
        """Store an imported part for ``service`` (inside the import's transaction);
        True when something changed."""
        ...

    def summary(self, count: int) -> str:
        """The import's summary of ``count`` entries whose part changed."""
        ...


ONLINE_APPLICATION: Hook[OnlineApplication] = Hook("catalogue.online_application", single=True)
EXCHANGE_PARTS: Hook[ExchangePart] = Hook("catalogue.exchange_parts")


def online_application() -> OnlineApplication | None:
    """The registered provider, or ``None`` when no app offers online applications."""
    return next(iter(ONLINE_APPLICATION), None)
