"""The Bescheid: written on the staff page, issued as a PDF into the file, shown to
the applicant behind the status link; previews, templates and every refusal.

The world is tests/applications': Anna Schmidt of Merzenich applies for Kreis
Düren's Reitkennzeichen (fee 12,00 €, paid); Düren's clerk has taken the case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from tests.applications.conftest import World
from tests.applications.test_receipt import fetch_spy as fetch_spy  # the fixture
from tests.applications.test_receipt import one_line, pdf_text
from tests.cases.conftest import VG_AACHEN_LINE, clerk_of, process_for_dueren, submit, take
from tests.clients import logged_in
from tests.tasks import run_tasks
from verbund.accounts.models import User
from verbund.applications.links import status_token
from verbund.applications.models import Submission
from verbund.authorities.models import Authority
from verbund.cases import letters
from verbund.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    Decision,
    DocumentSource,
    DocumentVersion,
    EventKind,
    ParticipationKind,
)
from verbund.cases.services import (
    case_add_note,
    case_settings_save,
    case_type_save,
    decision_issue,
    information_request_create,
    participation_create,
)
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

BODY = "Ihrem Antrag auf ein Reitkennzeichen wird stattgegeben.\nDie Plakette liegt bei."
FEE_NOTE = "Tarifstelle 12.3 der Gebührensatzung"
REMEDY = (
    "Gegen diesen Bescheid kann innerhalb eines Monats Klage beim Verwaltungsgericht Aachen, "
    "Kasernenstraße 25, 52064 Aachen, erhoben werden."
)
NOTIFY = "verbund.cases.tasks.notify_applicant"
STATUS_NOT_IN_PROGRESS = (
    "Ein Bescheid ergeht, wenn der Vorgang in Bearbeitung ist und keine Rückfrage oder "
    "Beteiligung mehr offen ist (Status jetzt: „{status}“)."
)
REQUIRED = "Dieses Feld ist zwingend erforderlich."


# --- helpers ------------------------------------------------------------------------------


def decision_url(case: Case) -> str:
    return f"/verwaltung/vorgaenge/{case.pk}/bescheid/"


def case_url(case: Case) -> str:
    return f"/verwaltung/vorgaenge/{case.pk}/"


def status_url(submission: Submission, token: str | None = None) -> str:
    return f"/status/{submission.reference}/{token or status_token(submission)}/"


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def issue_data(case: Case, **changes: str) -> dict[str, Any]:
    """What the form posts to issue a granted Bescheid of 12,00 €."""
    return {
        "aktion": "erlassen",
        "version": str(fresh(case).version),
        "outcome": "granted",
        "body": BODY,
        "fee_amount": "12,00",
        "fee_note": FEE_NOTE,
        "remedy_notice": REMEDY,
        **changes,
    }


def stored_files() -> list[str]:
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def snapshot(case: Case) -> dict[str, Any]:
    """Everything a refused request must leave as it was."""
    row = fresh(case)
    return {
        "status": row.status,
        "version": row.version,
        "decisions": Decision.objects.count(),
        "documents": CaseDocument.objects.count(),
        "versions": DocumentVersion.objects.count(),
        "events": CaseEvent.objects.count(),
        "audit": AuditEntry.objects.count(),
        "tasks": DBTaskResult.objects.count(),
        "files": stored_files(),
    }


def form_errors(response: Any) -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def page(response: Any) -> str:
    return str(response.content.decode())


def read(version: DocumentVersion) -> bytes:
    with version.file.open("rb") as handle:
        return bytes(handle.read())


def today() -> str:
    return timezone.localdate().strftime("%d.%m.%Y")


def the_pdf(case: Case) -> bytes:
    """The stored Bescheid of ``case``."""
    return read(DocumentVersion.objects.get(document__case=case, document__source="decision"))


@pytest.fixture
def case(world: World, dueren_clerk: User, dueren_court: None) -> Case:
    """Anna Schmidt's paid application, taken (and so in progress) by Düren's clerk; the
    confirmation e-mail of the submission is already sent."""
    submission = submit(world)
    taken = take(submission.case, dueren_clerk)
    assert taken.status == CaseStatus.IN_PROGRESS
    assert run_tasks() == 1
    mail.outbox.clear()
    return taken


# --- issuing ------------------------------------------------------------------------------


def test_a_clerk_issues_a_granted_bescheid(case: Case, dueren_clerk: User) -> None:
    client = logged_in(dueren_clerk)
    form_page = client.get(decision_url(case))
    assert form_page.status_code == 200
    assert form_page.context["form"].initial["fee_amount"] == "12,00"
    before = fresh(case).version

    response = client.post(decision_url(case), issue_data(case))

    assert response.status_code == 303
    assert response["Location"] == case_url(case)
    row = fresh(case)
    assert row.status == CaseStatus.GRANTED
    assert row.version > before
    decision = Decision.objects.get()
    assert decision.case_id == case.pk
    assert decision.authority_id == case.authority_id
    assert decision.outcome == "granted"
    assert decision.body == BODY
    assert decision.remedy_notice == REMEDY
    assert decision.fee_amount == Decimal("12.00")
    assert decision.fee_note == FEE_NOTE
    assert decision.on_behalf_of is None
    assert decision.issued_by == dueren_clerk
    assert decision.issued_by_label == str(dueren_clerk)

    document = CaseDocument.objects.get(source=DocumentSource.DECISION)
    assert decision.document == document
    assert document.case_id == case.pk
    assert document.title == f"Bescheid vom {today()}"
    assert document.created_by == dueren_clerk
    version = DocumentVersion.objects.get(document=document)
    data = read(version)
    assert data.startswith(b"%PDF-")
    assert version.number == 1
    assert version.filename == f"Bescheid {case.reference}.pdf"
    assert version.content_type == "application/pdf"
    assert version.size == len(data)
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.deleted_at is None

    text = pdf_text(data)
    lines = text.splitlines()
    assert "Kreis Düren" in lines
    assert "Untere Naturschutzbehörde" in lines
    assert row.file_number == f"{timezone.localdate().year}/00001"
    assert lines[lines.index("Aktenzeichen") + 1] == row.file_number
    assert lines[lines.index("Vorgangsnummer") + 1] == case.reference
    assert lines[lines.index("Datum") + 1] == today()
    assert lines[lines.index("Bearbeitet von") + 1] == str(dueren_clerk)
    # The recipient: the name and the address answered in the form.
    recipient = lines.index("Anna Schmidt")
    assert lines[recipient : recipient + 3] == ["Anna Schmidt", "Valdersweg 1", "52399 Merzenich"]
    assert "Bescheid: Reitkennzeichen beantragen – bewilligt" in lines
    assert f"Ihr Antrag vom {today()}, Vorgangsnummer {case.reference}." in lines
    assert "Ihrem Antrag auf ein Reitkennzeichen wird stattgegeben." in lines
    assert "Die Plakette liegt bei." in lines
    assert "Betrag 12,00 €" in lines
    assert f"Grundlage {FEE_NOTE}" in lines
    assert f"Zahlung bereits bezahlt am {today()}" in lines
    remedy = one_line(text[text.index("Rechtsbehelfsbelehrung") :])
    assert remedy.startswith(f"Rechtsbehelfsbelehrung {REMEDY} Mit freundlichen Grüßen")
    assert "im Auftrag von" not in text
    assert "ENTWURF" not in text
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.title == f"Bescheid {row.file_number}"

    decision_events = CaseEvent.objects.filter(case=case).order_by("-id")[:2]
    assert [(e.kind, e.status, e.public, e.note, e.actor_id) for e in decision_events] == [
        (
            EventKind.STATUS,
            CaseStatus.GRANTED,
            True,
            "Ihr Bescheid liegt vor. Sie können ihn auf dieser Seite herunterladen.",
            dueren_clerk.pk,
        ),
        (EventKind.DECISION, CaseStatus.IN_PROGRESS, False, "bewilligt", dueren_clerk.pk),
    ]
    audit = AuditEntry.objects.filter(action="case.decide").get()
    assert audit.actor == dueren_clerk
    assert audit.authority_id == case.authority_id
    assert audit.changes == {"outcome": "granted", "fee": "12.00", "document": str(document.pk)}
    assert AuditEntry.objects.filter(action="case.set_status").latest("id").changes == {
        "status": ["in_progress", "granted"]
    }
    task = DBTaskResult.objects.get(status="READY")
    assert task.task_path == NOTIFY
    assert task.args_kwargs == {"args": [case.pk, "decision"], "kwargs": {}}


def test_the_applicant_is_told_and_downloads_the_bescheid(
    case: Case, dueren_clerk: User, client: Client
) -> None:
    assert logged_in(dueren_clerk).post(decision_url(case), issue_data(case)).status_code == 303
    submission = Submission.objects.get(pk=case.submission_id)
    assert mail.outbox == []

    assert run_tasks() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.de"]
    assert message.subject == f"Ihr Bescheid zum Antrag {case.reference} liegt vor"
    assert f"{settings.VERBUND_PUBLIC_URL}{status_url(submission)}\n" in message.body
    assert "hat Kreis Düren entschieden" in message.body
    # The letter itself stays behind the link.
    for secret in ("Plakette liegt bei", "12,00", FEE_NOTE, REMEDY, "Valdersweg", "bewilligt"):
        assert secret not in message.body
    assert message.attachments == []
    assert run_tasks() == 0
    assert len(mail.outbox) == 1

    response = client.get(status_url(submission))
    assert response.status_code == 200
    html = page(response)
    assert '<h2 class="kern-title">Ihr Bescheid liegt vor</h2>' in html
    link = f'<a class="kern-link" href="{status_url(submission)}bescheid.pdf" download>'
    assert f"{link}Bescheid herunterladen (PDF)</a>" in html

    download = client.get(f"{status_url(submission)}bescheid.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="Bescheid {case.reference}.pdf"'
    )
    assert download["Cache-Control"] == "private, no-store"
    content = b"".join(download.streaming_content)  # type: ignore[arg-type]
    assert content == the_pdf(case)
    assert (
        hashlib.sha256(content).hexdigest()
        == DocumentVersion.objects.get(document__source="decision").sha256
    )

    token = status_token(submission)
    wrong = ("0" if token[0] != "0" else "1") + token[1:]
    assert client.get(status_url(submission, wrong)).status_code == 404
    assert client.get(f"{status_url(submission, wrong)}bescheid.pdf").status_code == 404


def test_before_the_decision_the_status_page_offers_no_bescheid(case: Case, client: Client) -> None:
    submission = Submission.objects.get(pk=case.submission_id)
    html = page(client.get(status_url(submission)))
    assert "Ihr Bescheid liegt vor" not in html
    assert "bescheid.pdf" not in html
    assert client.get(f"{status_url(submission)}bescheid.pdf").status_code == 404


def test_a_refused_bescheid_without_fee(case: Case, dueren_clerk: User) -> None:
    data = issue_data(
        case, outcome="refused", body="Ihr Antrag wird abgelehnt.", fee_amount="0", fee_note=""
    )
    response = logged_in(dueren_clerk).post(decision_url(case), data)

    assert response.status_code == 303
    assert fresh(case).status == CaseStatus.REFUSED
    decision = Decision.objects.get()
    assert (decision.outcome, decision.fee_amount, decision.fee_note) == (
        "refused",
        Decimal("0.00"),
        "",
    )
    lines = pdf_text(the_pdf(case)).splitlines()
    assert "Bescheid: Reitkennzeichen beantragen – abgelehnt" in lines
    assert "Ihr Antrag wird abgelehnt." in lines
    assert "Gebühr" not in lines
    assert not [line for line in lines if line.startswith("Betrag")]
    assert "Rechtsbehelfsbelehrung" in lines
    assert AuditEntry.objects.get(action="case.decide").changes["fee"] == "0.00"


def test_an_unpaid_fee_is_asked_for_in_the_letter(case: Case, dueren_clerk: User) -> None:
    # The Bescheid charges more than the application's paid fee: the letter asks for payment.
    data = issue_data(case, fee_amount="1234,50")
    assert logged_in(dueren_clerk).post(decision_url(case), data).status_code == 303
    assert Decision.objects.get().fee_amount == Decimal("1234.50")
    text = one_line(pdf_text(the_pdf(case)))
    assert "Betrag 1.234,50 €" in text
    assert (
        "Zahlung Bitte zahlen Sie den Betrag innerhalb eines Monats unter Angabe des "
        "Aktenzeichens." in text
    )
    assert "bereits bezahlt" not in text


# --- mandated processing ------------------------------------------------------------------


def test_a_mandated_authority_decides_on_behalf_of_dueren(
    world: World, rhein_erft: Authority, rhein_erft_clerk: User, dueren_court: None
) -> None:
    process_for_dueren(world, rhein_erft)
    case = take(submit(world).case, rhein_erft_clerk)
    assert (case.authority, case.responsible, case.on_behalf) == (rhein_erft, world.dueren, True)
    client = logged_in(rhein_erft_clerk)
    form_page = page(client.get(decision_url(case)))
    assert "Er ergeht im Auftrag von Düren." in form_page

    assert client.post(decision_url(case), issue_data(case)).status_code == 303

    decision = Decision.objects.get()
    assert decision.on_behalf_of == world.dueren
    assert decision.authority == rhein_erft
    text = pdf_text(the_pdf(case))
    lines = text.splitlines()
    # The register's name already says "Kreis": no "Kreis Rhein-Erft-Kreis".
    assert "Rhein-Erft-Kreis" in lines
    assert "Kreis Rhein-Erft-Kreis" not in text
    assert "im Auftrag von Kreis Düren" in lines
    assert (
        f"Ihr Antrag vom {today()}, Vorgangsnummer {case.reference}. Rhein-Erft-Kreis "
        "entscheidet im Auftrag von Kreis Düren." in one_line(text)
    )
    # Rhein-Erft has no office and no settings: its seat is the town in the letterhead.
    assert "Rhein-Erft-Kreis, Bergheim" in lines
    assert rhein_erft.seat == "Bergheim"


def test_the_responsible_authoritys_own_bescheid_says_no_mandate(
    case: Case, dueren_clerk: User
) -> None:
    assert logged_in(dueren_clerk).post(decision_url(case), issue_data(case)).status_code == 303
    assert Decision.objects.get().on_behalf_of is None
    text = pdf_text(the_pdf(case))
    assert "im Auftrag von" not in text
    assert "entscheidet im Auftrag" not in text


def test_the_official_name_of_an_authority() -> None:
    assert letters.official_name(Authority(name="Düren", kind="kreis", textkennzeichen="43")) == (
        "Kreis Düren"
    )
    assert (
        letters.official_name(
            Authority(name="Rhein-Erft-Kreis", kind="kreis", textkennzeichen="43")
        )
        == "Rhein-Erft-Kreis"
    )
    assert (
        letters.official_name(
            Authority(name="Jülich, Stadt", kind="gemeinde", textkennzeichen="63")
        )
        == "Stadt Jülich"
    )
    assert (
        letters.official_name(Authority(name="Merzenich", kind="gemeinde", textkennzeichen="64"))
        == "Gemeinde Merzenich"
    )


# --- the letterhead -----------------------------------------------------------------------


def test_the_letterhead_comes_from_the_case_settings(
    case: Case, dueren_clerk: User, dueren_lead: User
) -> None:
    case_settings_save(
        actor=dueren_lead,
        authority=case.authority,
        department="Amt für Umwelt und Naturschutz",
        street="Bismarckstraße 16",
        postcode="52351",
        city="Düren",
        phone="02421 22-1061",
        email="umweltamt@kreis-dueren.de",
        website="https://www.kreis-dueren.de",
        signatory="Im Auftrag Dr. Erika Mustermann",
    )
    assert logged_in(dueren_clerk).post(decision_url(case), issue_data(case)).status_code == 303

    text = pdf_text(the_pdf(case))
    lines = text.splitlines()
    assert "Amt für Umwelt und Naturschutz" in lines
    assert "Kreis Düren, Bismarckstraße 16, 52351 Düren" in lines
    assert lines[lines.index("Telefon") + 1] == "02421 22-1061"
    assert lines[lines.index("E-Mail") + 1] == "umweltamt@kreis-dueren.de"
    assert "Im Auftrag Dr. Erika Mustermann" in lines
    assert (
        "Kreis Düren · Bismarckstraße 16 · 52351 Düren · Telefon 02421 22-1061 · "
        "umweltamt@kreis-dueren.de · https://www.kreis-dueren.de" in one_line(text)
    )
    # Nothing of the office's.
    for office_value in ("Untere Naturschutzbehörde", "Rathausplatz", "Teststadt", "0000 000-0"):
        assert office_value not in text
    assert "buergerbuero@example.org" not in text
    # The signatory replaces the clerk's name under the letter.
    assert lines[lines.index("Mit freundlichen Grüßen") + 1] == "Im Auftrag Dr. Erika Mustermann"


def test_without_settings_the_first_office_is_the_letterhead(
    case: Case, dueren_clerk: User
) -> None:
    assert logged_in(dueren_clerk).post(decision_url(case), issue_data(case)).status_code == 303
    text = pdf_text(the_pdf(case))
    lines = text.splitlines()
    assert "Untere Naturschutzbehörde" in lines
    assert "Kreis Düren, Rathausplatz 1, 99999 Teststadt" in lines
    assert lines[lines.index("Telefon") + 1] == "0000 000-0"
    assert lines[lines.index("E-Mail") + 1] == "buergerbuero@example.org"
    greeting = lines.index("Mit freundlichen Grüßen")
    assert lines[greeting + 1 : greeting + 3] == ["Im Auftrag", str(dueren_clerk)]


def test_an_address_in_the_settings_is_never_mixed_with_the_offices(
    case: Case, dueren_clerk: User, dueren_lead: User
) -> None:
    # Only the street is set: postcode and town must not come from the office's building.
    case_settings_save(actor=dueren_lead, authority=case.authority, street="Bismarckstraße 16")
    head = letters.letterhead(case.authority)
    assert (head.street, head.postcode, head.city) == ("Bismarckstraße 16", "", "Düren")
    # What the settings leave empty otherwise still comes from the office.
    assert (head.department, head.phone, head.email) == (
        "Untere Naturschutzbehörde",
        "0000 000-0",
        "buergerbuero@example.org",
    )
    assert logged_in(dueren_clerk).post(decision_url(case), issue_data(case)).status_code == 303
    text = pdf_text(the_pdf(case))
    assert "Kreis Düren, Bismarckstraße 16, Düren" in text.splitlines()
    assert "99999" not in text
    assert "Teststadt" not in text


# --- preview and template -----------------------------------------------------------------


def test_the_preview_is_a_draft_and_stores_nothing(case: Case, dueren_clerk: User) -> None:
    before = snapshot(case)
    response = logged_in(dueren_clerk).post(
        decision_url(case), issue_data(case, aktion="vorschau", body="Nur ein Entwurf.")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="Entwurf {case.reference}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    lines = pdf_text(response.content).splitlines()
    assert "ENTWURF" in lines
    assert "Nur ein Entwurf." in lines
    assert "Betrag 12,00 €" in lines
    assert lines[lines.index("Bearbeitet von") + 1] == str(dueren_clerk)
    assert snapshot(case) == before
    assert fresh(case).status == CaseStatus.IN_PROGRESS


def test_an_invalid_preview_shows_the_form(case: Case, dueren_clerk: User) -> None:
    before = snapshot(case)
    response = logged_in(dueren_clerk).post(
        decision_url(case), issue_data(case, aktion="vorschau", body="")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert form_errors(response) == {"body": [REQUIRED]}
    assert snapshot(case) == before


CASE_TYPE_TEXTS = {
    "granted_text": (
        "Sehr geehrte(r) {antragsteller},\n\nIhr Antrag {vorgangsnummer} (Aktenzeichen "
        "{aktenzeichen}) auf „{leistung}“ vom {eingangsdatum} ist bewilligt."
    ),
    "refused_text": (
        "{antragsteller}: Ihr Antrag {vorgangsnummer} vom {eingangsdatum} ist abgelehnt."
    ),
    "remedy_notice": "Klage beim {verwaltungsgericht}; {behoerde} in {ort}. {{ohne}}",
}


def test_the_template_loads_the_case_types_text_for_the_outcome(
    world: World, case: Case, dueren_clerk: User, dueren_lead: User
) -> None:
    case_type_save(actor=dueren_lead, service=world.service, **CASE_TYPE_TEXTS)
    row = fresh(case)
    received = timezone.localdate(row.received_at).strftime("%d.%m.%Y")
    granted = (
        f"Sehr geehrte(r) Anna Schmidt,\n\nIhr Antrag {row.reference} (Aktenzeichen "
        f"{row.file_number}) auf „Reitkennzeichen beantragen“ vom {received} ist bewilligt."
    )
    refused = f"Anna Schmidt: Ihr Antrag {row.reference} vom {received} ist abgelehnt."
    remedy = f"Klage beim {VG_AACHEN_LINE}; Düren in Merzenich. {{ohne}}"
    client = logged_in(dueren_clerk)

    initial = client.get(decision_url(case)).context["form"].initial
    assert (initial["outcome"], initial["body"], initial["remedy_notice"]) == (
        "granted",
        granted,
        remedy,
    )

    before = snapshot(case)
    response = client.post(
        decision_url(case),
        {
            "aktion": "vorlage",
            "version": str(row.version),
            "outcome": "refused",
            "body": "Mein alter Text",
            "fee_amount": "5,00",
            "fee_note": "Ermäßigt",
            "remedy_notice": "alt",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial == {
        "version": row.version,
        "outcome": "refused",
        "fee_amount": "5,00",
        "fee_note": "Ermäßigt",
        "body": refused,
        "remedy_notice": remedy,
    }
    html = page(response)
    assert f"{refused}</textarea>" in html
    assert "Mein alter Text" not in html
    assert snapshot(case) == before


DEFAULT_REMEDY_AACHEN = (
    "Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Klage beim "
    "Verwaltungsgericht Aachen, Kasernenstraße 25, 52064 Aachen, erhoben werden. Die Klage ist "
    "schriftlich, zur Niederschrift bei der Urkundsbeamtin oder dem Urkundsbeamten der "
    "Geschäftsstelle des Gerichts oder als elektronisches Dokument nach § 55a der "
    "Verwaltungsgerichtsordnung (VwGO) zu erheben."
)


def test_without_a_case_type_the_template_is_the_default(case: Case, dueren_clerk: User) -> None:
    row = fresh(case)
    received = timezone.localdate(row.received_at).strftime("%d.%m.%Y")
    client = logged_in(dueren_clerk)
    initial = client.get(decision_url(case)).context["form"].initial
    # Greeted by name (no gender assumed); the court Düren entered, with its address.
    assert initial["body"] == (
        "Guten Tag Anna Schmidt,\n\n"
        f"auf Ihren Antrag vom {received} (Vorgangsnummer {row.reference}) ergeht folgender "
        "Bescheid:\n\nIhrem Antrag „Reitkennzeichen beantragen“ wird stattgegeben."
    )
    assert initial["remedy_notice"] == DEFAULT_REMEDY_AACHEN

    response = client.post(
        decision_url(case),
        {"aktion": "vorlage", "version": str(row.version), "outcome": "refused"},
    )
    form = response.context["form"]
    assert form.initial["body"] == (
        "Guten Tag Anna Schmidt,\n\n"
        f"auf Ihren Antrag vom {received} (Vorgangsnummer {row.reference}) ergeht folgender "
        "Bescheid:\n\nIhr Antrag „Reitkennzeichen beantragen“ wird abgelehnt.\n\nBegründung:\n"
    )
    assert form.initial["remedy_notice"] == DEFAULT_REMEDY_AACHEN
    assert (form.initial["fee_amount"], form.initial["fee_note"]) == ("", "")
    # An unknown outcome falls back to the granted text.
    response = client.post(
        decision_url(case),
        {"aktion": "vorlage", "version": str(row.version), "outcome": "closed"},
    )
    assert response.context["form"].initial["outcome"] == "granted"
    assert "wird stattgegeben." in response.context["form"].initial["body"]


# --- refusals -----------------------------------------------------------------------------


def test_no_bescheid_while_a_request_to_the_applicant_is_open(
    case: Case, dueren_clerk: User
) -> None:
    information_request_create(
        actor=dueren_clerk,
        case=case,
        message="Bitte reichen Sie die Versicherung nach.",
        items=["Versicherungsnachweis"],
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    assert fresh(case).status == CaseStatus.WAITING_APPLICANT
    before = snapshot(case)

    response = logged_in(dueren_clerk).post(decision_url(case), issue_data(case))

    assert response.status_code == 200
    assert form_errors(response) == {
        "__all__": [STATUS_NOT_IN_PROGRESS.format(status="Rückfrage an Sie")]
    }
    assert snapshot(case) == before


def test_no_bescheid_while_a_participation_is_open(
    world: World, case: Case, dueren_clerk: User
) -> None:
    participation_create(
        actor=dueren_clerk,
        case=case,
        requested=world.merzenich,
        kind=ParticipationKind.STATEMENT,
        subject="Reitwege in Merzenich",
        message="Bitte nehmen Sie Stellung.",
        due_on=timezone.localdate() + dt.timedelta(days=30),
        versions=[],
    )
    assert fresh(case).status == CaseStatus.WAITING_STATEMENT
    before = snapshot(case)

    response = logged_in(dueren_clerk).post(decision_url(case), issue_data(case))

    assert response.status_code == 200
    assert form_errors(response) == {
        "__all__": [STATUS_NOT_IN_PROGRESS.format(status="Stellungnahme angefragt")]
    }
    assert snapshot(case) == before


def test_a_case_is_decided_once(case: Case, dueren_clerk: User) -> None:
    client = logged_in(dueren_clerk)
    assert client.post(decision_url(case), issue_data(case)).status_code == 303
    before = snapshot(case)

    response = client.post(decision_url(case), issue_data(case, outcome="refused"))

    assert response.status_code == 200
    assert form_errors(response) == {
        "__all__": ["Für diesen Vorgang ist bereits ein Bescheid erlassen."]
    }
    assert snapshot(case) == before
    assert Decision.objects.get().outcome == "granted"
    with pytest.raises(ValidationError) as refused:
        decision_issue(
            actor=dueren_clerk,
            case=case,
            outcome="refused",
            body="Noch einmal.",
            remedy_notice="",
            fee_amount=Decimal("0"),
        )
    assert refused.value.code == "decided"
    assert snapshot(case) == before


def test_a_clerk_who_has_not_taken_the_case_is_refused(
    world: World, case: Case, dueren_clerk: User
) -> None:
    colleague = clerk_of(world.dueren, "colleague.dueren")
    before = snapshot(case)

    for action in ("erlassen", "vorschau"):
        response = logged_in(colleague).post(decision_url(case), issue_data(case, aktion=action))

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert form_errors(response) == {
            "__all__": [
                f"Bitte übernehmen Sie den Vorgang zuerst; er ist {dueren_clerk} zugewiesen."
            ]
        }
    assert snapshot(case) == before


def test_another_authoritys_clerk_finds_no_case(case: Case, merzenich_clerk: User) -> None:
    before = snapshot(case)
    client = logged_in(merzenich_clerk)
    assert client.get(decision_url(case)).status_code == 404
    assert client.post(decision_url(case), issue_data(case)).status_code == 404
    assert client.post(decision_url(case), issue_data(case, aktion="vorschau")).status_code == 404
    assert snapshot(case) == before


def test_the_responsible_authority_reads_but_does_not_decide(
    world: World, rhein_erft: Authority, rhein_erft_clerk: User, dueren_clerk: User
) -> None:
    process_for_dueren(world, rhein_erft)
    case = take(submit(world).case, rhein_erft_clerk)
    before = snapshot(case)
    client = logged_in(dueren_clerk)
    assert client.get(case_url(case)).status_code == 200
    assert client.get(decision_url(case)).status_code == 403
    assert client.post(decision_url(case), issue_data(case)).status_code == 403
    assert client.post(decision_url(case), issue_data(case, aktion="vorschau")).status_code == 403
    assert snapshot(case) == before


def test_a_stale_form_is_refused_and_keeps_the_clerks_text(
    case: Case, dueren_clerk: User, dueren_lead: User
) -> None:
    shown = fresh(case).version
    # While the clerk writes, the team lead adds a note: the case moves on.
    case_add_note(actor=dueren_lead, case=case, text="Rückruf der Antragstellerin notiert.")
    current = fresh(case).version
    assert current == shown + 1
    before = snapshot(case)
    typed = "Mein sorgfältig getippter Bescheid.\nZweiter Absatz."

    response = logged_in(dueren_clerk).post(
        decision_url(case), issue_data(case, version=str(shown), body=typed)
    )

    assert response.status_code == 200
    message = (
        f"{dueren_lead} hat den Vorgang inzwischen geändert. Ihre Eingabe wurde nicht "
        "gespeichert; bitte prüfen Sie den aktuellen Stand und wiederholen Sie sie."
    )
    assert form_errors(response) == {"__all__": [message]}
    form = response.context["form"]
    assert form["body"].value() == typed
    assert form["fee_note"].value() == FEE_NOTE
    assert form["version"].value() == str(current)
    html = page(response)
    assert f"{message}" in html
    assert "Mein sorgfältig getippter Bescheid.\nZweiter Absatz.</textarea>" in html
    assert snapshot(case) == before


AMOUNT = "Geben Sie einen Betrag in Euro ein, zum Beispiel 1.234,50."


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.200,50", "1200.50"),
        ("1200,5", "1200.50"),
        ("12.00", "12.00"),
        ("1.200", "1200.00"),
        ("0", "0.00"),
        ("16,80 €", "16.80"),
    ],
)
def test_fee_amounts_as_people_write_them(text: str, amount: str) -> None:
    from verbund.cases.forms import parse_euro

    assert parse_euro(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"body": ""}, {"body": [REQUIRED]}),
        ({"body": "   \n  "}, {"body": [REQUIRED]}),
        ({"remedy_notice": ""}, {"remedy_notice": [REQUIRED]}),
        ({"fee_amount": "abc"}, {"fee_amount": [AMOUNT]}),
        ({"fee_amount": "-1"}, {"fee_amount": [AMOUNT]}),
        ({"fee_amount": "12,001"}, {"fee_amount": [AMOUNT]}),
        ({"fee_amount": "1.2.3"}, {"fee_amount": [AMOUNT]}),
        ({"fee_amount": "100.000.000,00"}, {"fee_amount": ["Der Betrag ist zu hoch."]}),
        ({"fee_amount": ""}, {"fee_amount": [REQUIRED]}),
        (
            {"outcome": "closed"},
            {"outcome": ["Bitte eine gültige Auswahl treffen. closed ist keine gültige Auswahl."]},
        ),
    ],
)
def test_invalid_input_is_refused(
    case: Case, dueren_clerk: User, changes: dict[str, str], errors: dict[str, list[str]]
) -> None:
    before = snapshot(case)
    response = logged_in(dueren_clerk).post(decision_url(case), issue_data(case, **changes))
    assert response.status_code == 200
    assert form_errors(response) == errors
    assert snapshot(case) == before


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"body": "  "}, "required"),
        ({"outcome": "closed"}, "outcome"),
        ({"fee_amount": Decimal("-0.01")}, "fee"),
        ({"fee_amount": Decimal("100000000")}, "fee"),
        ({"body": "x" * 10_001}, "too_long"),
    ],
)
def test_the_service_refuses_what_the_form_would(
    case: Case, dueren_clerk: User, changes: dict[str, Any], code: str
) -> None:
    before = snapshot(case)
    arguments: dict[str, Any] = {
        "outcome": "granted",
        "body": BODY,
        "remedy_notice": REMEDY,
        "fee_amount": Decimal("12.00"),
        **changes,
    }
    with pytest.raises(ValidationError) as refused:
        decision_issue(actor=dueren_clerk, case=case, **arguments)
    assert refused.value.code == code
    assert snapshot(case) == before


# --- markup in the texts ------------------------------------------------------------------


def test_markup_in_the_texts_is_printed_as_text_and_fetches_nothing(
    case: Case, dueren_clerk: User, fetch_spy: list[str]
) -> None:
    body = '<b>fett</b> und <script>alert(1)</script> <img src="http://127.0.0.1:9/x.png">'
    data = issue_data(
        case, body=body, fee_note="<i>kursiv</i>", remedy_notice=f"<u>Klage</u> {REMEDY}"
    )
    assert logged_in(dueren_clerk).post(decision_url(case), data).status_code == 303

    decision = Decision.objects.get()
    assert decision.body == body
    html = letters.letter_html(decision)
    assert "<b>" not in html
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;b&gt;fett&lt;/b&gt; und &lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = one_line(pdf_text(the_pdf(case)))
    assert body in text
    assert "Grundlage <i>kursiv</i>" in text
    assert "<u>Klage</u>" in text
    assert fetch_spy == []
