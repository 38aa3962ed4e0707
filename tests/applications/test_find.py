"""Finding: the place page lists what a place is offered, and the service page leads
to the platform's own application where a form is published."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.applications.conftest import MERZENICH, World
from tests.factories import AdoptionFactory, OfficeFactory, ServiceFactory
from verbund.catalogue.models import Level, Themenfeld

pytestmark = pytest.mark.django_db


def test_place_page_lists_online_services_first_grouped_by_themenfeld(
    client: Client, world: World
) -> None:
    merzenich_office = OfficeFactory(authority=world.merzenich, name="Bürgerbüro")
    in_person = ServiceFactory(
        builder=world.merzenich, title="Hund anmelden", themenfeld=Themenfeld.STEUERN
    )
    AdoptionFactory(
        service=in_person, authority=world.merzenich, office=merzenich_office, online=False
    )
    external = ServiceFactory(
        builder=world.merzenich,
        title="Gewerbe anmelden",
        themenfeld=Themenfeld.UNTERNEHMEN,
        online_url="https://gewerbe.example.org/",
    )
    AdoptionFactory(service=external, authority=world.merzenich, office=merzenich_office)
    not_offered = ServiceFactory(builder=world.dueren, level=Level.KREIS, title="Nicht hier")
    assert not_offered.adoptions.count() == 0

    response = client.get(f"/leistungen/ort/{MERZENICH}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Leistungen für Gemeinde Merzenich</h1>' in page
    online_part, offline_part = page.split("Vor Ort oder auf anderem Weg")
    assert (
        f'href="/antrag/neu/{world.service.key}/?ort={MERZENICH}">Reitkennzeichen beantragen'
        in online_part
    )
    assert 'href="https://gewerbe.example.org/">Gewerbe anmelden' in online_part
    assert online_part.index("Querschnitt") < online_part.index("Unternehmensführung")
    assert "Hund anmelden" in offline_part
    assert "Nicht hier" not in page
    assert client.get("/leistungen/ort/123/").status_code == 404
    assert client.get("/leistungen/ort/059999999999/").status_code == 404


def test_service_page_leads_to_the_own_application(client: Client, world: World) -> None:
    page = client.get(f"/leistungen/{world.service.key}/", {"ars": MERZENICH}).content.decode()
    assert f'href="/antrag/neu/{world.service.key}/?ort={MERZENICH}"' in page
    # Not online at the responsible authority: no button, how to apply otherwise instead.
    adoption = world.service.adoptions.get()
    adoption.online = False
    adoption.save()
    page = client.get(f"/leistungen/{world.service.key}/", {"ars": MERZENICH}).content.decode()
    assert "/antrag/neu/" not in page
    assert "Diese Leistung können Sie hier noch nicht online beantragen." in page
    response = client.get(world.start_url)
    assert "Für Ihren Ort können Sie diese Leistung hier nicht online beantragen." in (
        response.content.decode()
    )
    assert client.post(world.start_url).status_code == 404


def test_home_search_links_places_to_their_services(client: Client, world: World) -> None:
    page = client.get("/", {"q": "Merzenich"}).content.decode()
    assert f'href="/leistungen/ort/{MERZENICH}/">Gemeinde Merzenich</a>' in page
