"""Catalogue writes: exact outcomes, and for every refusal, nothing written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.factories import MembershipFactory, OfficeFactory, ServiceFactory
from verbund.authorities.models import Authority
from verbund.catalogue import services
from verbund.catalogue.models import Adoption, Level, Office, Service, ServiceStatus
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

MERZENICH, JUELICH, KERPEN = "053580040040", "053580024024", "053620032032"


def _member(ars: str) -> Authority:
    authority = Authority.objects.get(ars=ars)
    MembershipFactory(authority=authority, joined_on=dt.date(2024, 1, 1))
    return authority


def _counts() -> tuple[int, int, int, int]:
    return (
        Service.objects.count(),
        Adoption.objects.count(),
        Office.objects.count(),
        AuditEntry.objects.count(),
    )


def _refused(call: Any, message: str) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        call()
    assert message in " ".join(caught.value.messages)
    assert _counts() == before


VALID = {
    "slug": "hundesteuer-anmeldung",
    "leika_key": "99102013104000",
    "title": "Hundesteuer – Anmeldung",
    "summary": "Sie melden Ihren Hund an.",
    "themenfeld": "steuern-zoll",
    "level": "gemeinde",
    "maturity": 4,
    "synonyms": [" Hund anmelden ", "Hundemarke", "Hund anmelden", ""],
}


def test_service_create_publish_and_audit(demo_register: None) -> None:
    merzenich = _member(MERZENICH)
    service = services.service_create(actor=None, builder=merzenich, **VALID)
    assert service.status == ServiceStatus.DRAFT
    assert service.synonyms == ["Hund anmelden", "Hundemarke"]
    services.service_publish(actor=None, service=service)
    service.refresh_from_db()
    assert service.status == ServiceStatus.PUBLISHED
    assert service.published_at is not None
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "authority_id"))
    assert actions[-2:] == [
        ("catalogue.service_created", merzenich.pk),
        ("catalogue.service_published", merzenich.pk),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"leika_key": "12102013104000"}, "beginnt mit 99"),
        ({"leika_key": "9910201310400"}, "14 Ziffern"),
        ({"leika_key": "99102013104000x"}, "14 Ziffern"),
        ({"maturity": 8}, "kleiner oder gleich 7"),
        ({"level": "bund"}, "keine gültige Option"),
        ({"themenfeld": "sport"}, "keine gültige Option"),
        ({"slug": "Hunde_Steuer"}, "Kleinbuchstaben a–z"),
        ({"title": ""}, "darf nicht leer sein"),
    ],
)
def test_service_create_refuses_bad_fields(
    demo_register: None, change: dict[str, Any], message: str
) -> None:
    merzenich = _member(MERZENICH)
    _refused(
        lambda: services.service_create(actor=None, builder=merzenich, **{**VALID, **change}),
        message,
    )


def test_duplicate_keys_and_non_members_are_refused(demo_register: None) -> None:
    merzenich = _member(MERZENICH)
    services.service_create(actor=None, builder=merzenich, **VALID)
    _refused(
        lambda: services.service_create(actor=None, builder=merzenich, **{**VALID, "slug": "x"}),
        "Diesen LeiKa-Schlüssel trägt bereits",
    )
    _refused(
        lambda: services.service_create(
            actor=None, builder=merzenich, **{**VALID, "leika_key": None}
        ),
        "Diese Kennung trägt bereits",
    )
    dueren = Authority.objects.get(ars="05358")
    _refused(
        lambda: services.service_create(actor=None, builder=dueren, **{**VALID, "slug": "y"}),
        "Düren ist kein Mitglied",
    )


def test_adoption_by_a_responsible_member_and_its_history(demo_register: None) -> None:
    merzenich = _member(MERZENICH)
    service = ServiceFactory(builder=merzenich, level=Level.GEMEINDE)
    office = OfficeFactory(authority=merzenich)
    adoption = services.adoption_create(
        actor=None,
        service=service,
        authority=merzenich,
        office=office,
        fees=[{"label": "Anmeldung", "amount": "1.234,50 €"}, {"label": "Kopie", "amount": "5"}],
        online=True,
        started_on=dt.date(2025, 1, 1),
    )
    assert adoption.fees == [
        {"label": "Anmeldung", "amount": "1234.50"},
        {"label": "Kopie", "amount": "5.00"},
    ]
    services.adoption_end(actor=None, adoption=adoption, ended_on=dt.date(2025, 6, 30))
    again = services.adoption_create(
        actor=None,
        service=service,
        authority=merzenich,
        office=office,
        started_on=dt.date(2025, 7, 1),
    )
    history = list(
        Adoption.objects.filter(service=service)
        .order_by("started_on")
        .values_list("started_on", "ended_on")
    )
    assert history == [(dt.date(2025, 1, 1), dt.date(2025, 6, 30)), (dt.date(2025, 7, 1), None)]
    assert again.pk != adoption.pk
    assert list(
        AuditEntry.objects.filter(action__startswith="catalogue.adoption")
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["catalogue.adoption_created", "catalogue.adoption_ended", "catalogue.adoption_created"]


def test_adoption_refusals_give_the_reason_and_write_nothing(demo_register: None) -> None:
    merzenich = _member(MERZENICH)
    juelich = _member(JUELICH)
    kreis_service = ServiceFactory(builder=merzenich, level=Level.KREIS, title="Reitkennzeichen")
    gemeinde_service = ServiceFactory(builder=merzenich, level=Level.GEMEINDE, title="Gewerbe")
    draft = ServiceFactory(builder=merzenich, draft=True, title="Entwurf")
    office = OfficeFactory(authority=merzenich)
    foreign_office = OfficeFactory(authority=juelich)

    def adopt(**kwargs: Any) -> Any:
        params = {
            "actor": None,
            "service": gemeinde_service,
            "authority": merzenich,
            "office": office,
        }
        return lambda: services.adoption_create(**{**params, **kwargs})

    _refused(
        adopt(service=kreis_service),
        "Für „Reitkennzeichen“ ist der Kreis oder die kreisfreie Stadt zuständig; "
        "Merzenich ist eine Kreisangehörige Gemeinde.",
    )
    kreis = _member("05358")
    _refused(
        adopt(authority=kreis, office=OfficeFactory(authority=kreis)),
        "Für „Gewerbe“ ist die Gemeinde zuständig; Düren ist ein Kreis.",
    )
    _refused(adopt(service=draft), "„Entwurf“ ist nicht veröffentlicht")
    _refused(adopt(office=foreign_office), "Die Stelle gehört nicht zu Merzenich.")
    _refused(adopt(fees=[{"label": "", "amount": "1"}]), "Gebühr 1: Geben Sie eine Bezeichnung")
    _refused(adopt(fees=[{"label": "A", "amount": "-1"}]), "Gebühr 1: Geben Sie einen Betrag")
    _refused(adopt(fees=[{"label": "A", "amount": "1,234"}]), "Gebühr 1: Geben Sie einen Betrag")
    _refused(adopt(fees=[{"label": "A", "amount": "zehn"}]), "Gebühr 1: Geben Sie einen Betrag")
    info_only = ServiceFactory(builder=merzenich, info_only=True)
    _refused(adopt(service=info_only, online=True), "keinen gemeinsamen Online-Dienst")
    koeln_gemeinde = Authority.objects.get(ars="053150000000")
    _refused(
        adopt(authority=koeln_gemeinde, office=OfficeFactory(authority=koeln_gemeinde)),
        "ist die Gemeinde zuständig",
    )
    dueren_stadt = Authority.objects.get(ars="053580008008")
    _refused(
        adopt(authority=dueren_stadt, office=OfficeFactory(authority=dueren_stadt)),
        "Düren, Stadt ist am",
    )
    services.adoption_create(
        actor=None, service=gemeinde_service, authority=merzenich, office=office
    )
    _refused(adopt(), "Merzenich nutzt „Gewerbe“ bereits.")


def test_exception_lets_a_town_adopt_a_kreis_service(demo_register: None) -> None:
    kerpen = _member(KERPEN)
    service = ServiceFactory(builder=kerpen, level=Level.KREIS, title="Baugenehmigung")
    office = OfficeFactory(authority=kerpen)
    _refused(
        lambda: services.adoption_create(
            actor=None, service=service, authority=kerpen, office=office
        ),
        "ist der Kreis oder die kreisfreie Stadt zuständig",
    )
    exception = services.responsibility_exception_set(
        actor=None, service=service, area=kerpen, responsible=kerpen, note="§ 57 BauO NRW"
    )
    adoption = services.adoption_create(
        actor=None, service=service, authority=kerpen, office=office
    )
    _refused(
        lambda: services.responsibility_exception_remove(actor=None, exception=exception),
        "nutzt die Leistung noch",
    )
    services.adoption_end(actor=None, adoption=adoption)
    services.responsibility_exception_remove(actor=None, exception=exception)
    assert not service.responsibility_exceptions.exists()
    # An exception cannot hand a place to an authority in another Kreis.
    merzenich = Authority.objects.get(ars=MERZENICH)
    _refused(
        lambda: services.responsibility_exception_set(
            actor=None, service=service, area=kerpen, responsible=merzenich
        ),
        "liegt nicht im selben Kreis",
    )


def test_level_cannot_change_while_adopted(demo_register: None) -> None:
    merzenich = _member(MERZENICH)
    service = ServiceFactory(builder=merzenich, level=Level.GEMEINDE)
    services.adoption_create(
        actor=None, service=service, authority=merzenich, office=OfficeFactory(authority=merzenich)
    )
    _refused(
        lambda: services.service_update(actor=None, service=service, level=Level.KREIS),
        "Zuständigkeitsebene kann sich nicht ändern",
    )
    service.refresh_from_db()
    assert service.level == Level.GEMEINDE
