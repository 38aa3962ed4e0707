"""The demo catalogue: services built by one member and adopted by others.

``original`` holds the first services and the building blocks (offices, seats,
section parser); ``buergeramt`` adds what citizens ask for at a Bürgerbüro,
Standesamt or Ordnungsamt, ``kreishaus`` what they ask for at a Kreishaus or
Straßenverkehrsamt. ``SERVICES``, ``OFFICES`` and ``EXCEPTIONS`` are all of them.
"""

from __future__ import annotations

from verbund.demo.catalogue import buergeramt, kreishaus, original
from verbund.demo.catalogue.original import (
    DemoAdoption,
    DemoException,
    DemoOffice,
    DemoService,
)

SERVICES: tuple[DemoService, ...] = original.SERVICES + buergeramt.SERVICES + kreishaus.SERVICES
OFFICES: tuple[DemoOffice, ...] = tuple(
    dict.fromkeys(original.OFFICES + buergeramt.OFFICES + kreishaus.OFFICES)
)
EXCEPTIONS: tuple[DemoException, ...] = (
    original.EXCEPTIONS + buergeramt.EXCEPTIONS + kreishaus.EXCEPTIONS
)

__all__ = [
    "EXCEPTIONS",
    "OFFICES",
    "SERVICES",
    "DemoAdoption",
    "DemoException",
    "DemoOffice",
    "DemoService",
]
