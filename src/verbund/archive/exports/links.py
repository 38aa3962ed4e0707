"""The absolute addresses the exports point to.

A public unit's resources live on the public site under /archiv/ (namespace
``archive``), so portals (Archivportal-D, DFG-Viewer) and anonymous visitors can fetch
them; the resources of every other unit only on the staff site (namespace ``staff``),
where each request is checked against the unit's access rule. The exports of a unit
therefore always name the addresses its readers may open.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from verbund.archive.models import AccessLevel, Page, Unit

__all__ = [
    "DFG_VIEWER",
    "absolute",
    "alto_url",
    "dfg_viewer_url",
    "ead_url",
    "image_service_url",
    "image_url",
    "manifest_url",
    "mets_url",
    "public",
    "thumbnail_url",
]

# The DFG-Viewer takes the address of a METS file; it can only load public ones.
DFG_VIEWER = "https://dfg-viewer.de/show?tx_dlf%5Bid%5D="


def absolute(path: str) -> str:
    return f"{settings.VERBUND_PUBLIC_URL}{path}"


def public(unit: Unit) -> bool:
    return unit.access == AccessLevel.PUBLIC


def _name(unit: Unit, name: str) -> str:
    return f"archive:exchange_{name}" if public(unit) else f"staff:archive_exchange_{name}"


def _url(unit: Unit, name: str, **kwargs: Any) -> str:
    return absolute(reverse(_name(unit, name), kwargs=kwargs))


def mets_url(unit: Unit) -> str:
    return _url(unit, "mets", unit_id=unit.pk)


def manifest_url(unit: Unit) -> str:
    return _url(unit, "manifest", unit_id=unit.pk)


def image_service_url(unit: Unit, page: Page) -> str:
    return _url(unit, "image_service", page_id=page.pk)


def image_url(unit: Unit, page: Page) -> str:
    """The derivative at full size (IIIF ``full/max/0/default.jpg``)."""
    return f"{image_service_url(unit, page)}/full/max/0/default.jpg"


def thumbnail_url(unit: Unit, page: Page) -> str:
    return _url(unit, "thumbnail", page_id=page.pk)


def alto_url(unit: Unit, page: Page) -> str:
    return _url(unit, "alto", page_id=page.pk)


def ead_url(fonds_id: int, *, staff: bool) -> str:
    name = "staff:archive_exchange_ead" if staff else "archive:exchange_ead"
    return absolute(reverse(name, kwargs={"fonds_id": fonds_id}))


def dfg_viewer_url(unit: Unit) -> str:
    return DFG_VIEWER + quote(mets_url(unit), safe="")
