"""Answer cards: what the assistant says about a service, every statement quoted
from the catalogue with its source.

A card never invents text. The summary and the sections are the service's
Leistungsbeschreibung, word for word; the fees, the office, its address and
opening hours are those of the authority responsible for the citizen's place,
found by the routing index (the same lookup as the service page). Each
statement carries where it comes from, so the portal and the API can cite it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from verbund.catalogue.index import Resolution
from verbund.catalogue.models import Service
from verbund.catalogue.selectors import apply_url

# The sections a card quotes, in this order: what it costs, what to bring, deadlines.
CARD_SECTIONS = ("kosten", "unterlagen", "fristen")


@dataclass(frozen=True, slots=True)
class Source:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    heading: str
    lines: tuple[str, ...]
    items: bool  # the lines are list items
    source: Source


@dataclass(frozen=True, slots=True)
class Fee:
    label: str
    amount: Decimal

    @property
    def display(self) -> str:
        return f"{number_format(self.amount, decimal_pos=2, force_grouping=True)} €"


@dataclass(frozen=True, slots=True)
class OfficeCard:
    authority: str
    name: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    opening_hours: tuple[str, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class Card:
    key: str
    slug: str
    title: str
    url: str
    summary: str
    summary_source: Source
    sections: tuple[Section, ...]
    place: str  # official name of the citizen's place, "" without one
    responsible: str  # official name of the responsible authority, "" without a place
    responsible_on_platform: bool
    offered: bool  # the responsible authority offers the service on the platform
    fees: tuple[Fee, ...]
    fee_source: Source | None
    office: OfficeCard | None
    online_url: str
    processing_note: str  # "X bearbeitet Ihren Antrag im Auftrag von Y", or ""
    # The summary in plainer words by the operator's optional language model
    # (assistant/rephrase.py), shown beside the quoted summary; "" when off.
    summary_plain: str = ""


def _lines(text: str) -> tuple[tuple[str, ...], bool]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    items = bool(lines) and all(line.startswith("- ") for line in lines)
    return tuple(line[2:] if line.startswith("- ") else line for line in lines), items


def service_url(service: Service, ars: str = "") -> str:
    url = reverse("catalogue:service", kwargs={"key": service.key})
    return f"{url}?{urlencode({'ars': ars})}" if ars else url


def card_for(service: Service, resolution: Resolution | None) -> Card:
    """The card of ``service``, for the citizen's place where ``resolution`` is given."""
    ars = resolution.place.ars if resolution is not None else ""
    page = service_url(service, ars)
    description = _("Leistungsbeschreibung „%(title)s“") % {"title": service.title}
    headings = {name: str(heading) for name, heading, _text in service.sections()}
    sections = []
    for name in CARD_SECTIONS:
        text = getattr(service, name)
        if not text:
            continue
        lines, items = _lines(text)
        sections.append(
            Section(
                key=name,
                heading=headings[name],
                lines=lines,
                items=items,
                source=Source(f"{description}, {headings[name]}", f"{page}#section-{name}"),
            )
        )
    fees: tuple[Fee, ...] = ()
    fee_source = office = None
    online = ""
    processing = ""
    offered = False
    if resolution is not None:
        responsible = resolution.responsible.official_name
        where = Source(
            _("Zuständigkeit für %(place)s: %(name)s")
            % {"place": resolution.place.official_name, "name": responsible},
            f"{page}#zustaendig",
        )
        adoption = resolution.adoption if resolution.responsible.on_platform else None
        if adoption is not None:
            offered = True
            fees = tuple(Fee(label, Decimal(amount)) for label, amount in adoption.fees)
            if fees:
                fee_source = Source(
                    _("Gebühren von %(name)s") % {"name": responsible}, f"{page}#zustaendig"
                )
            o = adoption.office
            office = OfficeCard(
                authority=responsible,
                name=o.name,
                street=o.street,
                postcode=o.postcode,
                city=o.city,
                phone=o.phone,
                email=o.email,
                opening_hours=tuple(
                    line.strip() for line in o.opening_hours.splitlines() if line.strip()
                ),
                source=where,
            )
            online = apply_url(resolution)
            if resolution.processing.id != resolution.responsible.id:
                processing = _("%(name)s bearbeitet Ihren Antrag im Auftrag von %(other)s.") % {
                    "name": resolution.processing.official_name,
                    "other": responsible,
                }
    return Card(
        key=service.key,
        slug=service.slug,
        title=service.title,
        url=page,
        summary=service.summary,
        summary_source=Source(description, page),
        sections=tuple(sections),
        place=resolution.place.official_name if resolution is not None else "",
        responsible=resolution.responsible.official_name if resolution is not None else "",
        responsible_on_platform=bool(resolution and resolution.responsible.on_platform),
        offered=offered,
        fees=fees,
        fee_source=fee_source,
        office=office,
        online_url=online,
        processing_note=processing,
    )
