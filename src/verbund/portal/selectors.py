"""Reads for the public portal.

Everything here is published content: authorities are public reference data
and a member's legal pages are meant to be read by anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from verbund.authorities.models import Authority, AuthorityKind
from verbund.authorities.selectors import place_search
from verbund.portal.models import LegalPage, LegalPageKind

PLACE_RESULTS_LIMIT = 10


@dataclass(frozen=True)
class PlaceResult:
    """One hit of the start page's place search; names are official ("Kreis Olpe")."""

    ars: str
    name: str
    kind_label: str
    kreis_name: str
    kreisfrei: bool


def place_results(*, q: str, limit: int = PLACE_RESULTS_LIMIT) -> list[PlaceResult]:
    """Gemeinden matching ``q`` (name or postcode), each with its Kreis."""
    places = place_search(q=q, kind="gemeinde", limit=limit).places
    kreise = {
        kreis.ars: kreis
        for kreis in Authority.objects.filter(ars__in={place.ars[:5] for place in places})
    }
    results = []
    for place in places:
        kreis = kreise.get(place.ars[:5])
        kreisfrei = kreis is not None and kreis.kind == AuthorityKind.KREISFREIE_STADT
        results.append(
            PlaceResult(
                ars=place.ars,
                name=place.official_name,
                kind_label=place.kind_label,
                kreis_name="" if kreis is None or kreisfrei else kreis.official_name,
                kreisfrei=kreisfrei,
            )
        )
    return results


def authority_by_ars(ars: str) -> Authority | None:
    return Authority.objects.filter(ars=ars).select_related("parent").first()


def published_legal_pages(authority: Authority) -> list[LegalPage]:
    """The legal pages an authority publishes, in the order of :class:`LegalPageKind`."""
    order = {kind: index for index, kind in enumerate(LegalPageKind.values)}
    return sorted(LegalPage.objects.filter(authority=authority), key=lambda p: order[p.kind])


def published_legal_page(*, authority: Authority, kind: str) -> LegalPage | None:
    return LegalPage.objects.filter(authority=authority, kind=kind).first()
