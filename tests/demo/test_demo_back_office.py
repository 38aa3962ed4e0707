"""The demo's back office as the README walks through it: Kreis Düren's clerk decides
Deniz Yılmaz's Baugenehmigung (fee by the Rohbauwert, VG Aachen, greeted by name) and
asks the Gemeinden for their statements."""

from __future__ import annotations

from typing import Any

import pytest

from tests.applications.test_receipt import one_line, pdf_text
from tests.clients import logged_in
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseSettings, CaseStatus, Decision, DocumentVersion
from verbund.cases.services import case_assign
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

VG_AACHEN = "Verwaltungsgericht Aachen, Kasernenstraße 25, 52064 Aachen"
VG_ARNSBERG = "Verwaltungsgericht Arnsberg, Jägerstraße 1, 59821 Arnsberg"
FEE_BASIS = "Baugenehmigung, 10 v. T. des Rohbauwerts (AVerwGebO NRW, Tarifstelle 2.4)"


@pytest.fixture
def demo(demo_on: None, demo_loaded: str) -> None:
    """The demo, loaded once for the module (tests/conftest.py)."""


def baugenehmigung() -> Case:
    return Case.objects.get(service__slug="baugenehmigung", applicant_name="Deniz Yılmaz")


def taken(clerk: User) -> Case:
    return case_assign(actor=clerk, case=baugenehmigung(), assignee=clerk)


def test_each_demo_member_has_its_court(demo: None) -> None:
    courts = {
        row.authority.ars: f"{row.court_name}, {row.court_street}, {row.court_postcode} "
        f"{row.court_city}"
        for row in CaseSettings.objects.select_related("authority").exclude(court_name="")
    }
    gemeinden = Authority.objects.filter(ars__startswith="05358", kind="gemeinde")
    assert gemeinden.count() == 15
    assert {ars for ars, court in courts.items() if court == VG_AACHEN} == {
        "05358",
        *gemeinden.values_list("ars", flat=True),
    }
    assert {ars for ars, court in courts.items() if court == VG_ARNSBERG} == {
        "05958",
        "05962",
        "05966",
        "05970",
        "05974",
    }
    # Kerpen (Rhein-Erft-Kreis) has entered none: its Bescheide are refused until it does.
    assert "053620032032" not in courts
    # The old file's Bescheid, issued by load-demo, already names the court.
    closed = Case.objects.get(status=CaseStatus.CLOSED, authority__ars="05358")
    decision = Decision.objects.get(case=closed)
    assert f"Klage beim {VG_AACHEN}, erhoben werden." in decision.remedy_notice


def test_the_baugenehmigung_is_decided_with_its_fee_court_and_salutation(demo: None) -> None:
    clerk = User.objects.get(username="sb.dueren")
    case = taken(clerk)
    client = logged_in(clerk)
    case_page = client.get(f"/verwaltung/vorgaenge/{case.pk}/").content.decode()
    # Nothing was paid with the application; the Bescheid will charge by the Rohbauwert.
    assert "mit dem Bescheid nach den Angaben: 3.120,00 €</dd>" in case_page

    form = client.get(f"/verwaltung/vorgaenge/{case.pk}/bescheid/").context["form"]
    initial: dict[str, Any] = form.initial
    assert (initial["fee_amount"], initial["fee_note"]) == ("3120,00", FEE_BASIS)
    assert initial["body"].startswith("Guten Tag Deniz Yılmaz,\n\nauf Ihren Antrag vom ")
    assert f"Klage beim {VG_AACHEN}, erhoben werden." in initial["remedy_notice"]

    response = client.post(
        f"/verwaltung/vorgaenge/{case.pk}/bescheid/",
        {**initial, "aktion": "erlassen", "version": str(Case.objects.get(pk=case.pk).version)},
    )
    assert response.status_code == 303

    decision = Decision.objects.get(case=case)
    version = DocumentVersion.objects.get(document=decision.document)
    with version.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Guten Tag Deniz Yılmaz," in text.splitlines()
    flat = one_line(text)
    assert "Betrag 3.120,00 €" in flat
    assert f"Grundlage {FEE_BASIS}" in flat
    assert "Bitte zahlen Sie den Betrag innerhalb eines Monats" in flat
    assert (
        "Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Klage beim "
        f"{VG_AACHEN}, erhoben werden." in flat
    )
    header = client.get(f"/verwaltung/vorgaenge/{case.pk}/").content.decode()
    assert (
        '<dt class="kern-description-list-item__key">Gebühr</dt><dd class="kern-description-'
        'list-item__value">3.120,00 € laut Bescheid</dd>' in header
    )


NOT_A_CHOICE = (
    "Diese Behörde steht nicht zur Auswahl. Beteiligen können Sie die Mitglieder Ihrer "
    "Verbünde und die Behörden, die für den Ort des Antrags zuständig sind."
)


def test_the_clerk_asks_the_gemeinden_of_the_kreis(demo: None) -> None:
    clerk = User.objects.get(username="sb.dueren")
    case = taken(clerk)
    client = logged_in(clerk)
    url = f"/verwaltung/vorgaenge/{case.pk}/beteiligung/"
    choices = client.get(url).context["form"].fields["requested"].choices
    named = [(group, [name for _pk, name in options]) for group, options in choices if group != ""]
    assert named == [
        ("Für den Ort des Antrags (Gemeinde Merzenich)", ["Gemeinde Merzenich"]),
        (
            "Mitglieder von Digitale Modellregion Kreis Düren",
            [
                "Gemeinde Aldenhoven",
                "Stadt Düren",
                "Stadt Heimbach",
                "Gemeinde Hürtgenwald",
                "Gemeinde Inden",
                "Stadt Jülich",
                "Gemeinde Kreuzau",
                "Gemeinde Langerwehe",
                "Stadt Linnich",
                "Stadt Nideggen",
                "Gemeinde Niederzier",
                "Gemeinde Nörvenich",
                "Gemeinde Titz",
                "Gemeinde Vettweiß",
            ],
        ),
    ]
    # Kreis Olpe is on the platform, but has nothing to do with a building in Merzenich.
    olpe = Authority.objects.get(ars="05966")
    audit = AuditEntry.objects.count()
    response = client.post(
        url,
        {
            "requested": str(olpe.pk),
            "kind": "statement",
            "subject": "Stellungnahme",
            "message": "Bitte nehmen Sie Stellung.",
            "version": str(Case.objects.get(pk=case.pk).version),
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors["requested"]) == [NOT_A_CHOICE]
    assert not case.participations.exists()
    assert AuditEntry.objects.count() == audit
