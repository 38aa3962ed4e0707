"""Responsibility resolution (Zuständigkeitsfinder) against the real register."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests.factories import MembershipFactory, OfficeFactory, ServiceFactory
from verbund.authorities.models import Authority, AuthorityKind
from verbund.authorities.services import register_import
from verbund.catalogue import services
from verbund.catalogue.index import routing_index
from verbund.catalogue.models import Level
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db

MERZENICH, KERPEN, HORREM_FREE = "053580040040", "053620032032", "053620008008"
KOELN = "053150000000"


def _member(ars: str, network: Network | None = None) -> Authority:
    authority = Authority.objects.get(ars=ars)
    if network is None:
        MembershipFactory(authority=authority, joined_on=dt.date(2024, 1, 1))
    else:
        MembershipFactory(authority=authority, network=network, joined_on=dt.date(2024, 1, 1))
    return authority


def test_every_gemeinde_of_germany_resolves_by_the_level_rules(gv100ad_full: Path) -> None:
    register_import(path_or_stream=gv100ad_full, source_name=gv100ad_full.name)
    builder = _member(MERZENICH)
    gemeinde_service = ServiceFactory(builder=builder, level=Level.GEMEINDE)
    kreis_service = ServiceFactory(builder=builder, level=Level.KREIS)
    index = routing_index()
    gemeinde_ref = index.service(gemeinde_service.leika_key)
    kreis_ref = index.service(kreis_service.leika_key)
    assert gemeinde_ref is not None
    assert kreis_ref is not None

    kreise = {
        a.ars: a
        for a in Authority.objects.filter(
            kind__in=(AuthorityKind.KREIS, AuthorityKind.KREISFREIE_STADT)
        )
    }
    gemeinden = list(Authority.objects.filter(kind=AuthorityKind.GEMEINDE, dissolved_on=None))
    assert len(gemeinden) == 10_952
    # Two gemeindefreie Gebiete belong to no Kreis: no authority is responsible there.
    without_kreis = {g.ars for g in gemeinden if g.ars[:5] not in kreise}
    assert without_kreis == {"070009999999", "130009999999"}
    assert len(index.gemeinden) == 10_950
    gemeinden = [g for g in gemeinden if g.ars not in without_kreis]

    to_itself = to_kreisfrei = 0
    kreis_targets: Counter[str] = Counter()
    for gemeinde in gemeinden:
        place = index.place(gemeinde.ars)
        assert place is not None, gemeinde.ars
        assert index.place(gemeinde.ags) == place
        kreis = kreise[gemeinde.ars[:5]]
        by_gemeinde = index.resolve(gemeinde_ref, place).responsible
        by_kreis = index.resolve(kreis_ref, place).responsible
        assert by_kreis.id == kreis.pk, gemeinde.ars
        kreis_targets[by_kreis.kind] += 1
        if kreis.kind == AuthorityKind.KREISFREIE_STADT:
            # The kreisfreie Stadt is one authority: its Gemeinde record is not a second one.
            assert by_gemeinde.id == kreis.pk
            assert gemeinde.textkennzeichen in {"61", "62"}
            to_kreisfrei += 1
        else:
            assert by_gemeinde.id == gemeinde.pk
            to_itself += 1
    # 106 kreisfreie Städte and Stadtkreise, each exactly one Gemeinde.
    assert to_kreisfrei == 106
    assert to_itself == 10_950 - 106
    assert kreis_targets == {AuthorityKind.KREIS: 10_844, AuthorityKind.KREISFREIE_STADT: 106}

    merzenich = index.place(MERZENICH)
    assert merzenich is not None
    assert index.resolve(kreis_ref, merzenich).responsible.name == "Düren"
    koeln = index.place(KOELN)
    assert koeln is not None
    assert index.resolve(kreis_ref, koeln).responsible.ars == "05315"
    assert index.resolve(kreis_ref, koeln).responsible.name == "Köln, Stadt"


def test_exception_and_processing_authority(demo_register: None) -> None:
    network = Network.objects.create(name="N", slug="n", kind="other")
    kerpen = _member(KERPEN, network)
    merzenich = _member(MERZENICH, network)
    rhein_erft = _member("05362", network)
    service = ServiceFactory(builder=rhein_erft, level=Level.KREIS, title="Baugenehmigung")
    services.responsibility_exception_set(
        actor=None,
        service=service,
        area=kerpen,
        responsible=kerpen,
        note="Große kreisangehörige Stadt",
    )
    office = OfficeFactory(authority=kerpen, name="Bauaufsicht")
    adoption = services.adoption_create(
        actor=None, service=service, authority=kerpen, office=office, online=True
    )
    index = routing_index()
    ref = index.service(service.leika_key)
    assert ref is not None
    in_kerpen = index.resolve(ref, index.place(KERPEN))  # type: ignore[arg-type]
    assert (in_kerpen.responsible.id, in_kerpen.by_exception) == (kerpen.pk, True)
    assert in_kerpen.adoption is not None
    assert in_kerpen.adoption.id == adoption.pk
    assert in_kerpen.processing.id == kerpen.pk
    assert in_kerpen.online_url == "https://portal.example.org/antrag"
    # Next door in the same Kreis the Kreis stays responsible; it has not adopted.
    bedburg = index.resolve(ref, index.place("053620004004"))  # type: ignore[arg-type]
    assert (bedburg.responsible.id, bedburg.by_exception) == (rhein_erft.pk, False)
    assert bedburg.adoption is None
    assert bedburg.online_url == ""

    services.adoption_set_processing(actor=None, adoption=adoption, processing_authority=merzenich)
    index = routing_index()
    in_kerpen = index.resolve(ref, index.place(KERPEN))  # type: ignore[arg-type]
    assert in_kerpen.responsible.id == kerpen.pk
    assert in_kerpen.processing.id == merzenich.pk
    assert in_kerpen.processing.on_platform is True


def test_responsible_authority_not_on_the_platform_is_still_named(demo_register: None) -> None:
    merzenich = _member(MERZENICH)
    service = ServiceFactory(builder=merzenich, level=Level.KREIS)
    index = routing_index()
    ref = index.service(service.leika_key)
    assert ref is not None
    resolution = index.resolve(ref, index.place(MERZENICH))  # type: ignore[arg-type]
    assert resolution.responsible.name == "Düren"
    assert resolution.responsible.on_platform is False
    assert resolution.adoption is None
    assert resolution.processing == resolution.responsible


def test_index_follows_writes_made_through_services(demo_register: None) -> None:
    merzenich = _member(MERZENICH)
    service = ServiceFactory(builder=merzenich)
    office = OfficeFactory(authority=merzenich)
    first = routing_index()
    assert routing_index() is first  # nothing changed: the same index
    assert first.adoptions.get(service.pk) is None
    adoption = services.adoption_create(
        actor=None, service=service, authority=merzenich, office=office
    )
    second = routing_index()
    assert second is not first
    assert second.adoptions[service.pk][merzenich.pk].id == adoption.pk
    services.adoption_end(actor=None, adoption=adoption)
    # Ended today: it still runs through its last day.
    assert routing_index().adoptions[service.pk][merzenich.pk].id == adoption.pk
    services.service_withdraw(actor=None, service=service)
    assert routing_index().service(service.leika_key) is None


def test_area_answers_one_route_per_responsible_authority(demo_register: None) -> None:
    from verbund.catalogue.selectors import routes

    merzenich = _member(MERZENICH)
    kreis_service = ServiceFactory(builder=merzenich, level=Level.KREIS)
    gemeinde_service = ServiceFactory(builder=merzenich, level=Level.GEMEINDE)
    index = routing_index()
    kreis_ref = index.service(kreis_service.leika_key)
    gemeinde_ref = index.service(gemeinde_service.leika_key)
    assert kreis_ref is not None
    assert gemeinde_ref is not None
    by_kreis = routes(kreis_ref, "05358")
    assert by_kreis is not None
    assert [r.responsible.name for r in by_kreis.resolutions] == ["Düren"]
    by_gemeinde = routes(gemeinde_ref, "05358")
    assert by_gemeinde is not None
    assert by_gemeinde.total == 15  # the 15 Gemeinden of Kreis Düren
    assert by_gemeinde.resolutions[0].responsible.name == "Aldenhoven"
    assert routes(gemeinde_ref, "99999") is None
