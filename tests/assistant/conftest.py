"""A small catalogue for the assistant's tests: three services of Merzenich (Kreis
Düren) from the demo register, in a network."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.factories import (
    AdoptionFactory,
    MembershipFactory,
    NetworkFactory,
    OfficeFactory,
    ServiceFactory,
)
from verbund.authorities.models import Authority
from verbund.catalogue.models import Service
from verbund.networks.models import Network

MERZENICH = "053580040040"


@dataclass
class Catalogue:
    network: Network
    merzenich: Authority
    ausweis: Service
    hund: Service
    sperrmuell: Service


@pytest.fixture
def catalogue(demo_register: None) -> Catalogue:
    merzenich = Authority.objects.get(ars=MERZENICH)
    network = NetworkFactory(name="DLZ Test")
    MembershipFactory(network=network, authority=merzenich)
    office = OfficeFactory(
        authority=merzenich,
        name="Bürgerbüro",
        street="Rathausplatz 1",
        postcode="52399",
        city="Merzenich",
        opening_hours="Mo–Fr 8:00–12:00\nDo 14:00–18:00",
    )
    ausweis = ServiceFactory(
        slug="personalausweis",
        title="Personalausweis beantragen",
        summary="Ihr Personalausweis ist abgelaufen oder verloren? Beantragen Sie im "
        "Bürgerbüro einen neuen Ausweis.",
        volltext="Den Personalausweis beantragen Sie persönlich bei der Gemeinde.",
        kosten="Der Personalausweis kostet 46 Euro, unter 24 Jahren 27,60 Euro.",
        unterlagen="- biometrisches Passfoto\n- bisheriger Ausweis",
        fristen="Ab 16 Jahren brauchen Sie einen gültigen Ausweis.",
        synonyms=["Perso", "Ausweis verlängern"],
        builder=merzenich,
        online_url="",
    )
    hund = ServiceFactory(
        slug="hundesteuer-anmeldung",
        title="Hund zur Hundesteuer anmelden",
        summary="Sie haben einen Hund? Melden Sie ihn beim Steueramt an und zahlen Sie "
        "Hundesteuer.",
        volltext="Wer einen Hund hält, meldet ihn innerhalb von zwei Wochen an.",
        synonyms=["Hundemarke", "Welpe"],
        builder=merzenich,
    )
    sperrmuell = ServiceFactory(
        slug="sperrmuell-abholung",
        title="Sperrmüll abholen lassen",
        summary="Alte Möbel, Matratzen oder Teppiche holt die Gemeinde als Sperrmüll ab.",
        volltext="Melden Sie den Sperrmüll an; die Abfuhr kommt an einem festen Termin.",
        synonyms=["Sofa entsorgen", "Möbel abholen"],
        builder=merzenich,
    )
    AdoptionFactory(
        service=ausweis,
        authority=merzenich,
        office=office,
        online=False,
        fees=[
            {"label": "ab 24 Jahren", "amount": "46.00"},
            {"label": "unter 24 Jahren", "amount": "27.60"},
        ],
    )
    AdoptionFactory(service=hund, authority=merzenich, office=office, fees=[])
    return Catalogue(network, merzenich, ausweis, hund, sperrmuell)
