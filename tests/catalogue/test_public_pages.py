"""The public catalogue pages as citizens read them: authorities named so that nobody
mistakes the Kreis for the town, description texts with their lists, and no link
that can only fail."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.test import Client

from tests.factories import (
    SIMPLE_DEFINITION,
    AdoptionFactory,
    FormVersionFactory,
    MembershipFactory,
    OfficeFactory,
    ServiceFactory,
)
from verbund.authorities.models import Authority
from verbund.catalogue.models import Level, Service
from verbund.catalogue.selectors import reachable
from verbund.catalogue.templatetags.verbund_catalogue import TextBlock, list_items, text_blocks

ATTENDORN, OLPE, HSK = "059660004004", "05966", "05958"


@dataclass
class Olpe:
    attendorn: Authority
    kreis: Authority
    service: Service


@pytest.fixture
def olpe(demo_register: None) -> Olpe:
    """A Kreis-level service the Hochsauerlandkreis built and Kreis Olpe offers."""
    kreis = Authority.objects.get(ars=OLPE)
    hsk = Authority.objects.get(ars=HSK)
    for authority in (kreis, hsk):
        MembershipFactory(authority=authority, joined_on=dt.date(2024, 1, 1))
    service = ServiceFactory(
        builder=hsk,
        level=Level.KREIS,
        title="Reitkennzeichen beantragen",
        unterlagen="- Nachweis der Versicherung\n- bei einer Plakette: Nummer des Kennzeichens",
        kosten="Die Beträge Ihres Kreises sehen Sie unten.",
    )
    office = OfficeFactory(
        authority=kreis,
        name="Untere Naturschutzbehörde",
        street="Westfälische Straße 75",
        postcode="57462",
        city="Olpe",
    )
    AdoptionFactory(service=service, authority=kreis, office=office, online=True)
    return Olpe(Authority.objects.get(ars=ATTENDORN), kreis, service)


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


# --- official names ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_register_names_are_not_what_citizens_read(olpe: Olpe) -> None:
    # The register calls the Kreis "Olpe", like the town, and the town "Attendorn, Hansestadt".
    assert (olpe.kreis.name, olpe.attendorn.name) == ("Olpe", "Attendorn, Hansestadt")
    assert (olpe.kreis.official_name, olpe.attendorn.official_name) == (
        "Kreis Olpe",
        "Hansestadt Attendorn",
    )


@pytest.mark.django_db
def test_place_page_names_every_authority_officially(client: Client, olpe: Olpe) -> None:
    page = _html(client, f"/leistungen/ort/{ATTENDORN}/")
    assert '<h1 class="kern-heading-x-large">Leistungen für Hansestadt Attendorn</h1>' in page
    assert "<title>Leistungen für Hansestadt Attendorn – Verbund</title>" in page
    assert "Hansestadt Attendorn, Kreis Olpe." in page
    assert "– zuständig: Kreis Olpe</span>" in page
    assert "Über Hansestadt Attendorn" in page
    # Never the bare register names, which leave open whether the town or the Kreis is meant.
    assert "zuständig: Olpe" not in page
    assert "Kreis Olpe." in page
    assert "im Kreis Olpe" not in page
    assert "Attendorn, Hansestadt" not in page


@pytest.mark.django_db
def test_service_page_names_every_authority_officially(client: Client, olpe: Olpe) -> None:
    page = _html(client, f"/leistungen/{olpe.service.key}/?ars={ATTENDORN}")
    assert "Für Hansestadt Attendorn zuständig: Kreis Olpe" in page
    assert "Entwickelt von Hochsauerlandkreis." in page
    assert '<th scope="row" class="kern-table__cell">Kreis Olpe</th>' in page
    assert "zuständig: Olpe" not in page
    # The place finder lists candidates officially too.
    page = _html(client, f"/leistungen/{olpe.service.key}/?ort=Olpe")
    assert "Für Stadt Olpe zuständig: Kreis Olpe" in page


@pytest.mark.django_db
def test_start_page_names_place_and_authority_officially(client: Client, olpe: Olpe) -> None:
    FormVersionFactory(service=olpe.service, number=1, definition=SIMPLE_DEFINITION)
    page = _html(client, f"/antrag/neu/{olpe.service.key}/?ort={ATTENDORN}")
    assert "<dt>Ihr Ort</dt><dd>Hansestadt Attendorn</dd>" in page
    assert "<dt>Zuständig</dt><dd>Kreis Olpe</dd>" in page


# --- description texts -------------------------------------------------------------------


def test_text_blocks_read_lists_and_running_text() -> None:
    text = "Erster Satz.\nZweiter Satz.\n- eins\n- zwei\nDanach.\n\nNeuer Absatz."
    assert text_blocks(text) == [
        TextBlock(lines=("Erster Satz.", "Zweiter Satz.")),
        TextBlock(items=("eins", "zwei")),
        TextBlock(lines=("Danach.",)),
        TextBlock(lines=("Neuer Absatz.",)),
    ]
    # A list section is a list with or without bullets, one item per line.
    assert text_blocks("Personalausweis\n\n- Foto\n", as_list=True) == [
        TextBlock(items=("Personalausweis", "Foto"))
    ]
    assert list_items("  - Vollmacht \n• Ausweis\n") == ["Vollmacht", "Ausweis"]
    assert text_blocks("") == []
    assert text_blocks("", as_list=True) == []


@pytest.mark.django_db
def test_service_page_shows_the_documents_as_a_list(client: Client, olpe: Olpe) -> None:
    page = _html(client, f"/leistungen/{olpe.service.key}/")
    section = page.split('id="section-unterlagen"')[1].split("</section>")[0]
    assert re.findall(r"<li>([^<]*)</li>", section) == [
        "Nachweis der Versicherung",
        "bei einer Plakette: Nummer des Kennzeichens",
    ]
    assert '<ul class="kern-list kern-list--bullet">' in section
    assert "- Nachweis" not in section
    assert "<br>" not in section
    # Running text stays a paragraph.
    kosten = page.split('id="section-kosten"')[1].split("</section>")[0]
    assert '<p class="kern-body">Die Beträge Ihres Kreises sehen Sie unten.</p>' in kosten
    # Lines without bullets (as the exchange format may bring them) are items, too.
    Service.objects.filter(pk=olpe.service.pk).update(unterlagen="Personalausweis\nFoto")
    page = _html(client, f"/leistungen/{olpe.service.key}/")
    section = page.split('id="section-unterlagen"')[1].split("</section>")[0]
    assert re.findall(r"<li>([^<]*)</li>", section) == ["Personalausweis", "Foto"]


# --- links that can only fail ----------------------------------------------------------------


def test_reachable_refuses_the_reserved_invalid_domain() -> None:
    assert reachable("https://portal.example.org/antrag")
    assert reachable("buergerbuero@merzenich.de")
    assert not reachable("https://portal.demo.verbund.invalid/leistungen/x")
    assert not reachable("https://PORTAL.DEMO.VERBUND.INVALID./x")
    assert not reachable("zulassung@kreis-olpe.demo.verbund.invalid")
    # "invalid" inside a name is no reserved domain.
    assert reachable("https://invalid.example.org/")
    assert reachable("https://example.org/invalid")


@pytest.mark.django_db
def test_an_unreachable_online_service_is_not_offered(client: Client, olpe: Olpe) -> None:
    dead = ServiceFactory(
        builder=olpe.kreis,
        level=Level.KREIS,
        title="Führerschein umtauschen",
        online_url="https://portal.demo.verbund.invalid/leistungen/fuehrerschein",
    )
    office = OfficeFactory(
        authority=olpe.kreis, name="Fahrerlaubnisbehörde", email="fs@kreis-olpe.demo.invalid"
    )
    AdoptionFactory(service=dead, authority=olpe.kreis, office=office, online=True)
    page = _html(client, f"/leistungen/ort/{ATTENDORN}/")
    online, offline = page.split("Vor Ort oder auf anderem Weg")
    assert "Führerschein umtauschen" not in online
    assert "Führerschein umtauschen" in offline
    service_page = _html(client, f"/leistungen/{dead.key}/?ars={ATTENDORN}")
    assert "Diese Leistung können Sie hier noch nicht online beantragen." in service_page
    assert "<dd>fs@kreis-olpe.demo.invalid</dd>" in service_page
    for html in (page, service_page):
        assert not re.search(r'href="[^"]*\.invalid[/"]', html)
    # A reachable online service is still offered, and a real address is a mailto link.
    Service.objects.filter(pk=dead.pk).update(online_url="https://fuehrerschein.example.org/")
    office.email = "fs@kreis-olpe.de"
    office.save()
    online = _html(client, f"/leistungen/ort/{ATTENDORN}/").split("Vor Ort oder auf anderem Weg")[0]
    assert 'href="https://fuehrerschein.example.org/">Führerschein umtauschen</a>' in online
    service_page = _html(client, f"/leistungen/{dead.key}/?ars={ATTENDORN}")
    assert 'href="mailto:fs@kreis-olpe.de"' in service_page
