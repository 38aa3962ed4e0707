"""What makes the Bescheid legally sound: the Rechtsbehelfsbelehrung names the
authority's administrative court with its seat and address (§ 58 Abs. 1 VwGO), no
Bescheid goes out without it, the applicant is greeted by name without a guessed
gender, the fee starts from the fee rules, and the signature never stands alone on a
page.

The world is tests/applications': Anna Schmidt of Merzenich applies for Kreis Düren's
Reitkennzeichen (fee 12,00 €, paid); Düren's clerk has taken the case.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from tests.applications.conftest import World
from tests.applications.test_receipt import one_line, pdf_text
from tests.cases.conftest import (
    VG_AACHEN,
    VG_AACHEN_LINE,
    enter_court,
    process_for_dueren,
    submit,
    take,
)
from tests.cases.test_decision import (
    DEFAULT_REMEDY_AACHEN,
    REMEDY,
    case_url,
    decision_url,
    form_errors,
    fresh,
    issue_data,
    page,
    snapshot,
    the_pdf,
)
from tests.clients import logged_in
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.cases import letters
from verbund.cases.models import Case, CaseStatus, Decision, DecisionOutcome
from verbund.cases.services import case_settings_save, decision_issue

pytestmark = pytest.mark.django_db

NO_COURT = (
    "Für Kreis Düren ist kein Verwaltungsgericht eingetragen, und ohne das Gericht in der "
    "Rechtsbehelfsbelehrung ergeht kein Bescheid. Die Behördenverwaltung trägt es auf der "
    "Seite „Aktenführung und Briefkopf“ ein."
)
NOT_NAMED = (
    "Die Rechtsbehelfsbelehrung muss das Verwaltungsgericht mit seiner Anschrift nennen: "
    "Verwaltungsgericht Aachen, Kasernenstraße 25, 52064 Aachen. Ergänzen Sie es oder laden "
    "Sie den Text der Vorlage."
)
VG_KOELN = {
    "court_name": "Verwaltungsgericht Köln",
    "court_street": "Appellhofplatz",
    "court_postcode": "50667",
    "court_city": "Köln",
}


@pytest.fixture
def case(world: World, dueren_clerk: User) -> Case:
    """Anna Schmidt's paid application, taken by Düren's clerk; Düren has no court yet."""
    return take(submit(world).case, dueren_clerk)


def starting_texts(case: Case, clerk: User) -> dict[str, Any]:
    """What the decision form offers, posted as it is (a granted Bescheid)."""
    initial = logged_in(clerk).get(decision_url(case)).context["form"].initial
    return issue_data(
        case,
        body=initial["body"],
        remedy_notice=initial["remedy_notice"],
        fee_amount=initial["fee_amount"],
        fee_note=initial["fee_note"],
    )


# --- the court ---------------------------------------------------------------------------


def test_the_rechtsbehelfsbelehrung_names_the_court_with_its_address(
    world: World, case: Case, dueren_clerk: User
) -> None:
    enter_court(world.dueren)
    client = logged_in(dueren_clerk)
    form_page = page(client.get(decision_url(case)))
    assert (
        f"Die Rechtsbehelfsbelehrung nennt das Verwaltungsgericht: {VG_AACHEN_LINE}." in form_page
    )

    assert client.post(decision_url(case), starting_texts(case, dueren_clerk)).status_code == 303

    decision = Decision.objects.get()
    assert decision.remedy_notice == DEFAULT_REMEDY_AACHEN
    text = one_line(pdf_text(the_pdf(case)))
    assert f"Rechtsbehelfsbelehrung {DEFAULT_REMEDY_AACHEN} Mit freundlichen Grüßen" in text
    assert (
        "Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Klage beim "
        "Verwaltungsgericht Aachen, Kasernenstraße 25, 52064 Aachen, erhoben werden." in text
    )
    assert "für Ihren Wohnort zuständige" not in text


def test_without_a_court_no_bescheid_goes_out(world: World, case: Case, dueren_clerk: User) -> None:
    client = logged_in(dueren_clerk)
    form_page = client.get(decision_url(case))
    html = page(form_page)
    # The page says so before the clerk writes anything; a clerk cannot enter it.
    assert '<h2 class="kern-title">Kein Verwaltungsgericht eingetragen</h2>' in html
    assert (
        "Für Kreis Düren ist kein Verwaltungsgericht eingetragen. Ein Bescheid ohne das Gericht "
        "in der Rechtsbehelfsbelehrung ergeht nicht. Die Behördenverwaltung trägt es auf der "
        "Seite „Aktenführung und Briefkopf“ ein." in html
    )
    assert "/aktenfuehrung/" not in html
    # The template's text shows the gap instead of a court.
    remedy = form_page.context["form"].initial["remedy_notice"]
    assert f"Klage beim {letters.COURT_MISSING}, erhoben werden." in remedy
    before = snapshot(case)

    response = client.post(decision_url(case), issue_data(case))

    assert response.status_code == 200
    assert form_errors(response) == {"__all__": [NO_COURT]}
    assert NO_COURT in page(response)
    assert snapshot(case) == before  # no decision, document, file, event, audit entry, task
    assert fresh(case).status == CaseStatus.IN_PROGRESS
    # The service refuses the same for every caller, with any text.
    for remedy_notice in (REMEDY, ""):
        with pytest.raises(ValidationError) as refused:
            decision_issue(
                actor=dueren_clerk,
                case=case,
                outcome=DecisionOutcome.GRANTED,
                body="Bewilligt.",
                remedy_notice=remedy_notice,
                fee_amount=Decimal("12.00"),
            )
        assert (refused.value.code, refused.value.messages) == ("no_court", [NO_COURT])
    assert snapshot(case) == before


def test_the_authority_admin_is_led_to_the_settings(
    world: World, case: Case, dueren_lead: User
) -> None:
    html = page(logged_in(dueren_lead).get(decision_url(case)))
    link = f'<a class="kern-link" href="/verwaltung/behoerden/{world.dueren.pk}/aktenfuehrung/">'
    assert f"{link}Verwaltungsgericht unter „Aktenführung und Briefkopf“ eintragen</a>" in html


def test_a_rechtsbehelfsbelehrung_without_the_court_is_refused(
    world: World, case: Case, dueren_clerk: User
) -> None:
    enter_court(world.dueren)
    before = snapshot(case)
    for remedy in (
        "Gegen diesen Bescheid kann Klage beim zuständigen Verwaltungsgericht erhoben werden.",
        # The name alone is not enough: the seat and address belong to it.
        "Gegen diesen Bescheid kann Klage beim Verwaltungsgericht Aachen erhoben werden.",
    ):
        response = logged_in(dueren_clerk).post(
            decision_url(case), issue_data(case, remedy_notice=remedy)
        )
        assert response.status_code == 200
        assert form_errors(response) == {"remedy_notice": [NOT_NAMED]}
        assert response.context["form"]["remedy_notice"].value() == remedy
        assert snapshot(case) == before
    # Wrapped over lines, it still names the court.
    wrapped = REMEDY.replace(", Kasernenstraße", ",\nKasernenstraße")
    assert (
        logged_in(dueren_clerk)
        .post(decision_url(case), issue_data(case, remedy_notice=wrapped))
        .status_code
        == 303
    )


def test_an_empty_notice_from_a_service_takes_the_template_with_the_court(
    world: World, case: Case, dueren_clerk: User
) -> None:
    # A specialist system that sends no notice gets the case type's one, with the court.
    enter_court(world.dueren)
    decision_issue(
        actor=dueren_clerk,
        case=case,
        outcome=DecisionOutcome.REFUSED,
        body="Abgelehnt.",
        remedy_notice="",
        fee_amount=Decimal("0"),
    )
    assert Decision.objects.get().remedy_notice == DEFAULT_REMEDY_AACHEN


def test_a_mandated_bescheid_names_the_court_of_the_authority_it_is_issued_for(
    world: World, rhein_erft: Authority, rhein_erft_clerk: User
) -> None:
    # Rhein-Erft processes Düren's cases in Düren's name: a Klage goes to Düren's court.
    process_for_dueren(world, rhein_erft)
    enter_court(rhein_erft, VG_KOELN)
    case = take(submit(world).case, rhein_erft_clerk)
    client = logged_in(rhein_erft_clerk)
    before = snapshot(case)
    response = client.post(decision_url(case), issue_data(case))
    assert form_errors(response) == {"__all__": [NO_COURT]}
    assert snapshot(case) == before

    enter_court(world.dueren)
    assert client.post(decision_url(case), starting_texts(case, rhein_erft_clerk)).status_code == (
        303
    )
    text = one_line(pdf_text(the_pdf(case)))
    assert "im Auftrag von Kreis Düren" in text
    assert f"Klage beim {VG_AACHEN_LINE}, erhoben werden." in text
    assert "Köln" not in text


def test_a_specialist_systems_own_pdf_needs_no_court(
    world: World, case: Case, dueren_clerk: User
) -> None:
    from tests.api.test_partner_api import DECISION_PDF
    from verbund.cases.services import stored_file_from_bytes

    decision_issue(
        actor=dueren_clerk,
        case=case,
        outcome=DecisionOutcome.GRANTED,
        body="Bewilligt.",
        remedy_notice="",
        fee_amount=Decimal("12.00"),
        pdf=stored_file_from_bytes("Bescheid.pdf", "application/pdf", DECISION_PDF),
    )
    assert the_pdf(case) == DECISION_PDF


# --- the salutation -----------------------------------------------------------------------


def test_the_applicant_is_greeted_by_name(world: World, case: Case, dueren_clerk: User) -> None:
    enter_court(world.dueren)
    data = starting_texts(case, dueren_clerk)
    assert data["body"].startswith("Guten Tag Anna Schmidt,\n\nauf Ihren Antrag vom ")
    assert logged_in(dueren_clerk).post(decision_url(case), data).status_code == 303
    lines = pdf_text(the_pdf(case)).splitlines()
    assert "Guten Tag Anna Schmidt," in lines
    assert "Sehr geehrte" not in "\n".join(lines)


def test_without_a_name_the_salutation_is_the_general_one(
    world: World, case: Case, dueren_clerk: User
) -> None:
    enter_court(world.dueren)
    # A form that asks for no name: the case has none.
    Case.objects.filter(pk=case.pk).update(applicant_name="")
    data = starting_texts(fresh(case), dueren_clerk)
    assert data["body"].startswith("Sehr geehrte Damen und Herren,\n\nauf Ihren Antrag vom ")
    assert logged_in(dueren_clerk).post(decision_url(case), data).status_code == 303
    lines = pdf_text(the_pdf(case)).splitlines()
    assert "Sehr geehrte Damen und Herren," in lines
    assert "Guten Tag" not in "\n".join(lines)


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Deniz Yılmaz", "Guten Tag Deniz Yılmaz,"),
        ("  Deniz   Yılmaz ", "Guten Tag Deniz Yılmaz,"),
        ("", "Sehr geehrte Damen und Herren,"),
        ("   ", "Sehr geehrte Damen und Herren,"),
    ],
)
def test_the_salutation(name: str, greeting: str) -> None:
    assert letters.salutation(name) == greeting


def test_a_case_type_text_greets_with_the_placeholder(
    world: World, case: Case, dueren_clerk: User, dueren_lead: User
) -> None:
    from verbund.cases.services import case_type_save

    enter_court(world.dueren)
    case_type_save(
        actor=dueren_lead,
        service=world.service,
        granted_text="{anrede}\n\nIhr Antrag ist bewilligt.",
        remedy_notice="Klage beim {verwaltungsgericht}, binnen eines Monats.",
    )
    initial = logged_in(dueren_clerk).get(decision_url(case)).context["form"].initial
    assert initial["body"] == "Guten Tag Anna Schmidt,\n\nIhr Antrag ist bewilligt."
    assert initial["remedy_notice"] == f"Klage beim {VG_AACHEN_LINE}, binnen eines Monats."


def test_old_case_type_texts_greet_by_placeholder_after_the_migration(
    world: World, dueren_lead: User
) -> None:
    from importlib import import_module

    from django.apps import apps

    from verbund.cases.models import CaseType
    from verbund.cases.services import case_type_save

    case_type_save(
        actor=dueren_lead,
        service=world.service,
        granted_text="Sehr geehrte Damen und Herren,\n\nBewilligt.",
        refused_text="Hallo,\nSehr geehrte Damen und Herren, abgelehnt.",
    )
    migration = import_module("verbund.cases.migrations.0006_court_and_salutation")
    migration.greeting_to_placeholder(apps, None)
    row = CaseType.objects.get()
    assert row.granted_text == "{anrede}\n\nBewilligt."
    assert row.refused_text == "Hallo,\nSehr geehrte Damen und Herren, abgelehnt."


# --- the fee -------------------------------------------------------------------------------


def test_the_case_header_shows_the_fee_of_the_bescheid(
    world: World, case: Case, dueren_clerk: User
) -> None:
    enter_court(world.dueren)
    client = logged_in(dueren_clerk)
    paid_on = timezone.localdate().strftime("%d.%m.%Y")
    before = page(client.get(case_url(case)))
    assert f"12,00 € – bezahlt am {paid_on}</dd>" in before
    assert "laut Bescheid" not in before

    assert client.post(decision_url(case), issue_data(case, fee_amount="20,50")).status_code == 303

    html = page(client.get(case_url(case)))
    assert (
        '<dt class="kern-description-list-item__key">Gebühr</dt><dd class="kern-description-'
        f'list-item__value">20,50 € laut Bescheid · 12,00 € mit dem Antrag bezahlt am {paid_on}'
        "</dd>" in html
    )


# --- the signature's page ------------------------------------------------------------------


def test_the_signature_never_stands_alone_on_a_page(world: World, case: Case) -> None:
    """Bescheide of every length around page breaks: the page with the greeting and the
    signature also holds the whole paragraph before it (the notice's last one)."""
    enter_court(world.dueren)
    last = one_line(DEFAULT_REMEDY_AACHEN)
    pages_seen = set()
    # Three body lines more each time, over a whole page's worth: the break passes the
    # place between the notice and the signature (about four lines of it).
    for lines in range(30, 62, 3):
        body = "\n".join(
            f"Absatz {n}: Die Prüfung hat ergeben, dass die Voraussetzungen erfüllt sind."
            for n in range(1, lines + 1)
        )
        decision = Decision(
            case=case,
            authority_id=case.authority_id,
            outcome=DecisionOutcome.GRANTED,
            body=body,
            remedy_notice=DEFAULT_REMEDY_AACHEN,
            fee_amount=Decimal("0"),
            issued_at=timezone.now(),
            issued_by_label="Sachbearbeitung",
        )
        pages = [
            one_line(p.extract_text() or "")
            for p in PdfReader(io.BytesIO(letters.letter_pdf(decision))).pages
        ]
        pages_seen.add(len(pages))
        signed = [i for i, text in enumerate(pages) if "Mit freundlichen Grüßen" in text]
        assert len(signed) == 1, lines
        page_text = pages[signed[0]]
        assert last in page_text, (lines, page_text[:200])
        assert re.search(r"Mit freundlichen Grüßen Im Auftrag Sachbearbeitung", page_text)
    assert pages_seen == {2, 3}


def test_a_court_is_entered_whole(world: World, dueren_lead: User) -> None:
    with pytest.raises(ValidationError) as refused:
        case_settings_save(actor=dueren_lead, authority=world.dueren, court_name="VG Aachen")
    assert set(refused.value.message_dict) == {"court_street", "court_postcode", "court_city"}
    assert letters.court(world.dueren.pk) is None
    case_settings_save(actor=dueren_lead, authority=world.dueren, **VG_AACHEN)
    found = letters.court(world.dueren.pk)
    assert found is not None
    assert found.line == VG_AACHEN_LINE
