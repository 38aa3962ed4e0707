"""The demo catalogue: real services, built by one member, adopted by others."""

from __future__ import annotations

import pytest
from django.test import Client

from verbund.catalogue.models import Adoption, Office, Service, ServiceStatus
from verbund.catalogue.reuse.selectors import network_reuse
from verbund.catalogue.selectors import service_use_by_network
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db

SUEDWESTFALEN = {"05974", "05966", "05958", "05970", "05962"}


def test_demo_catalogue_is_real_and_reused(demo_loaded: str) -> None:
    counts = (Service.objects.count(), Adoption.objects.count(), Office.objects.count())
    assert counts[0] == 40
    assert Service.objects.filter(status=ServiceStatus.PUBLISHED).count() == counts[0]
    keys = dict(Service.objects.values_list("slug", "leika_key"))
    assert keys["fahrzeug-ausser-betrieb-setzen"] == "99036008070002"
    assert keys["pflegewohngeld-nrw"] == "99107049000000"
    assert keys["baugenehmigung"] == "99012008001000"
    assert keys["gewerbeanmeldung"] == "99050012104000"
    assert keys["meldebescheinigung"] == "99115003012000"
    assert keys["hundesteuer-anmeldung"] == "99102013104000"
    assert keys["reitkennzeichen-nrw"] is None  # not in LeiKa: a local key
    reiten = Service.objects.get(slug="reitkennzeichen-nrw")
    assert reiten.builder.ars == "05958"  # Hochsauerlandkreis
    adopters = set(reiten.adoptions.values_list("authority__ars", flat=True))
    assert adopters == SUEDWESTFALEN
    builders = set(Service.objects.values_list("builder__ars", flat=True))
    assert len(builders) >= 6  # built by different members
    uses = {u.network.slug: (u.users, u.members) for u in service_use_by_network(reiten)}
    assert uses == {"suedwestfalen": (5, 5)}
    meldung = Service.objects.get(slug="meldebescheinigung")
    # Five of the six DLZ members use it; they are also among the 16 members of the
    # Kreis Düren network (the Kreis and its 15 Gemeinden).
    assert {u.network.slug: (u.users, u.members) for u in service_use_by_network(meldung)} == {
        "dlz": (5, 6),
        "kreis-dueren": (5, 16),
    }


def test_demo_reuse_figures_per_network(demo_loaded: str) -> None:
    figures = {
        n.slug: (r.members, r.services_built, r.adoptions, r.members_served)
        for n in Network.objects.all()
        for r in [network_reuse(n)]
    }
    assert figures["dlz"][0] == 6
    assert figures["dlz"][3] == 6
    assert figures["suedwestfalen"][:2] == (5, 11)
    assert all(adoptions >= built for _m, built, adoptions, _s in figures.values())
    # Every network builds services, except the Landkreistag's: an association that
    # surveys its counties and builds nothing.
    assert all(
        built >= 1 for slug, (_m, built, _a, _s) in figures.items() if slug != "landkreistag"
    )
    assert figures["landkreistag"][1:3] == (0, 0)
    # The Kreis Düren network's services are built by its DLZ Gemeinden.
    assert figures["kreis-dueren"][:2] == (16, 18)


def test_demo_routes_answer_the_issue_examples(demo_loaded: str) -> None:
    client = Client()
    merzenich = client.get(
        "/api/v1/routes", {"leikaKey": "99036008070002", "ars": "053580040040"}
    ).json()["routes"][0]
    assert merzenich["responsible"]["name"] == "Düren"
    assert merzenich["responsible"]["onPlatform"] is True
    koeln = client.get(
        "/api/v1/routes", {"leikaKey": "99036008070002", "ars": "053150000000"}
    ).json()["routes"][0]
    assert koeln["responsible"]["name"] == "Köln, Stadt"
    olpe = client.get(
        "/api/v1/routes", {"service": "reitkennzeichen-nrw", "ags": "05966024"}
    ).json()["routes"][0]
    assert olpe["responsible"]["name"] == "Olpe"
    assert olpe["responsible"]["onPlatform"] is True
    assert olpe["address"] is not None
    assert olpe["fees"]
    kerpen = client.get(
        "/api/v1/routes", {"leikaKey": "99012008001000", "ars": "053620032032"}
    ).json()["routes"][0]
    assert (kerpen["responsible"]["name"], kerpen["byException"]) == ("Kerpen, Kolpingstadt", True)
