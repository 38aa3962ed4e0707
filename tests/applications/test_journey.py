"""A citizen applies: every page of the journey over HTTP, and what each forbids."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from tests.applications.conftest import World, pdf
from tests.tasks import run_tasks
from verbund.applications.links import status_token
from verbund.applications.models import Attachment, Draft, Submission, SubmissionStatus
from verbund.cases.models import Case, CaseEvent, CaseStatus
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"^VB-\d{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$")
ADDRESS = {
    "anschrift-strasse": "Valdersweg",
    "anschrift-hausnummer": "1",
    "anschrift-plz": "52399",
    "anschrift-ort": "Merzenich",
}


def html(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def start(client: Client, world: World) -> str:
    """Start an application; the URL of its first page."""
    response = client.post(world.start_url)
    assert response.status_code == 302
    return str(response["Location"])


def base_of(first_step_url: str) -> str:
    return first_step_url.rsplit("/", 2)[0] + "/"


def fill_until_check(client: Client, world: World, *, name: str = "Anna Schmidt") -> str:
    base = base_of(start(client, world))
    assert client.post(base + "erstausgabe/", {"erstausgabe": "nein"}).status_code == 302
    assert client.post(base + "nummer/", {"nummer": "DN 1234"}).status_code == 302
    assert client.post(base + "person/", {"name": name, **ADDRESS}).status_code == 302
    assert client.post(base + "nachweis/", {"nachweis": pdf()}).status_code == 302
    response = client.post(base + "kontakt/", {"email": "anna@example.de"})
    assert response["Location"] == base + "pruefen/"
    return base


def test_start_page_names_who_is_responsible(client: Client, world: World) -> None:
    response = client.get(world.start_url)
    assert response.status_code == 200
    page = html(response)
    assert "Reitkennzeichen beantragen" in page
    assert "<dt>Zuständig</dt><dd>Kreis Düren</dd>" in page
    assert "Plakette: 12,00 €" in page
    assert "Antrag starten" in page
    # Without a place the citizen is asked for it on the service page.
    response = client.get(f"/antrag/neu/{world.service.key}/")
    assert response.status_code == 302
    assert response["Location"] == f"/leistungen/{world.service.key}/#zustaendig"
    assert client.get("/antrag/neu/99999999999999/?ort=053580040040").status_code == 404
    assert Draft.objects.count() == 0


def test_whole_journey_with_conditions_upload_and_one_submission(
    client: Client, world: World
) -> None:
    first = start(client, world)
    base = base_of(first)
    assert first == base + "erstausgabe/"
    page = html(client.get(first))
    assert (
        '<legend class="kern-label"><h1 class="kern-heading-large verbund-question">'
        '<span lang="de">Ist es das erste Kennzeichen?</span></h1></legend>'
    ) in page
    assert "Schritt 1 von 4" in page

    # The condition adds the "Nummer" step.
    response = client.post(first, {"erstausgabe": "nein"})
    assert response["Location"] == base + "nummer/"
    response = client.post(base + "nummer/", {"nummer": "1234"})
    assert response.status_code == 200
    assert "Die Nummer sieht aus wie „DN 1234“." in html(response)
    assert 'href="#f-nummer"' in html(response)
    draft = Draft.objects.get()
    assert draft.answers == {"erstausgabe": False}
    assert client.post(base + "nummer/", {"nummer": "DN 1234"})["Location"] == base + "person/"

    # Posting to a later page skips nothing: back to the first open page, nothing stored.
    response = client.post(base + "kontakt/", {"email": "anna@example.de"})
    assert response["Location"] == base + "person/"
    draft.refresh_from_db()
    assert "email" not in draft.answers

    script = "<script>alert(1)</script> Anna"
    assert client.post(base + "person/", {"name": script, **ADDRESS}).status_code == 302

    # A file is required; a mislabelled one is refused with the reason.
    response = client.post(base + "nachweis/", {"aktion": "weiter"})
    assert "Laden Sie „Nachweis der Versicherung“ hoch." in html(response)
    fake = SimpleUploadedFile("Versicherung.pdf", b"<html>nope</html>", "application/pdf")
    response = client.post(base + "nachweis/", {"nachweis": fake})
    assert response.status_code == 200
    assert "Versicherung.pdf" in html(response)
    assert Attachment.objects.count() == 0
    assert client.post(base + "nachweis/", {"nachweis": pdf()})["Location"] == base + "kontakt/"
    assert client.post(base + "kontakt/", {"email": "anna@example.de"})["Location"] == (
        base + "pruefen/"
    )

    page = html(client.get(base + "pruefen/"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Anna" in page
    assert "<script>alert" not in page
    assert "Valdersweg 1, 52399 Merzenich" in page
    assert "Versicherung.pdf" in page
    assert "Plakette" in page
    assert "12,00 €" in page
    assert "Erstausgabe" not in page
    assert f'href="{base}person/?zurueck=pruefen"' in page

    response = client.post(base + "pruefen/")
    submission = Submission.objects.get()
    assert response["Location"] == f"/antrag/bestaetigung/{submission.reference}/"
    assert REFERENCE.match(submission.reference)
    assert submission.status == SubmissionStatus.AWAITING_PAYMENT
    assert submission.fee_total == Decimal("12.00")
    assert submission.fee_lines == [
        {"label": "Plakette", "amount": "12.00", "quantity": 1, "total": "12.00"}
    ]
    assert submission.version_id == world.version.pk
    assert submission.responsible == world.dueren
    assert submission.authority == world.dueren
    assert submission.place == world.merzenich
    attachment = Attachment.objects.get()
    assert submission.answers == {
        "erstausgabe": False,
        "nummer": "DN 1234",
        "name": script,
        "anschrift": {
            "strasse": "Valdersweg",
            "hausnummer": "1",
            "plz": "52399",
            "ort": "Merzenich",
        },
        "nachweis": [str(attachment.pk)],
        "email": "anna@example.de",
    }
    assert attachment.submission == submission
    case = Case.objects.get()
    assert (case.submission, case.authority, case.status) == (
        submission,
        world.dueren,
        CaseStatus.AWAITING_PAYMENT,
    )
    assert list(CaseEvent.objects.values_list("status", flat=True)) == ["awaiting_payment"]
    assert (
        AuditEntry.objects.filter(action="submission.create", object_id=str(submission.pk)).count()
        == 1
    )
    assert DBTaskResult.objects.get().task_path == "verbund.applications.tasks.send_confirmation"

    # A double click, a retry or a replayed POST: the same submission, nothing new.
    for _i in range(3):
        again = client.post(base + "pruefen/")
        assert again["Location"] == response["Location"]
    assert Submission.objects.count() == 1
    assert Case.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    assert AuditEntry.objects.filter(action="submission.create").count() == 1

    page = html(client.get(response["Location"]))
    assert submission.reference in page
    status_url = f"/status/{submission.reference}/{status_token(submission)}/"
    assert status_url in page

    # The worker sends the confirmation with the status link.
    run_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.de"]
    assert message.subject == f"Ihr Antrag {submission.reference}: Reitkennzeichen beantragen"
    assert f"http://127.0.0.1:8000{status_url}" in message.body
    assert "12.00 €" in message.body or "12,00 €" in message.body


def test_change_link_returns_to_check_and_conditions_prune(client: Client, world: World) -> None:
    base = fill_until_check(client, world)
    response = client.post(base + "erstausgabe/?zurueck=pruefen", {"erstausgabe": "ja"})
    assert response["Location"] == base + "pruefen/"
    draft = Draft.objects.get()
    assert "nummer" not in draft.answers
    page = html(client.get(base + "pruefen/"))
    assert "Erstausgabe" in page
    assert "37,00 €" in page


def test_pages_belong_to_the_session_that_started_them(client: Client, world: World) -> None:
    base = fill_until_check(client, world)
    stranger = Client()
    for path in ("erstausgabe/", "pruefen/", "speichern/"):
        assert stranger.get(base + path).status_code == 404
    assert stranger.post(base + "pruefen/").status_code == 404
    assert Submission.objects.count() == 0
    assert client.get(base + "unbekannt/").status_code == 404


def test_save_and_resume_by_email_link(client: Client, world: World) -> None:
    base = base_of(start(client, world))
    client.post(base + "erstausgabe/", {"erstausgabe": "ja"})
    response = client.post(base + "person/", {"aktion": "speichern", "name": "Anna"})
    assert response["Location"] == base + "speichern/"
    response = client.post(base + "speichern/", {"email": "kein-email"})
    assert "Geben Sie eine E-Mail-Adresse im richtigen Format ein" in html(response)
    assert DBTaskResult.objects.count() == 0
    response = client.post(base + "speichern/", {"email": "anna@example.de"})
    assert "Wir haben Ihnen einen Link geschickt" in html(response)
    run_tasks()
    assert len(mail.outbox) == 1
    link = re.search(r"http://127\.0\.0\.1:8000(/antrag/fortsetzen/\S+)", mail.outbox[0].body)
    assert link is not None

    other_browser = Client()
    response = other_browser.get(link.group(1))
    assert response["Location"] == base + "person/"
    assert other_browser.get(base + "person/").status_code == 200
    # A tampered token gets a clear page, not the draft.
    tampered = link.group(1).rstrip("/")[:-3] + "abc/"
    assert Client().get(tampered).status_code == 404
    # A new link voids the old one.
    other_browser.post(base + "speichern/", {"email": "anna@example.de"})
    assert Client().get(link.group(1)).status_code == 404


def test_status_page_needs_the_secret_link(client: Client, world: World) -> None:
    base = fill_until_check(client, world)
    client.post(base + "pruefen/")
    submission = Submission.objects.get()
    url = f"/status/{submission.reference}/{status_token(submission)}/"
    page = html(Client().get(url))
    assert "Zahlung ausstehend" in page
    assert submission.reference in page
    assert Client().get(f"/status/{submission.reference}/falsch/").status_code == 404
    assert Client().get(f"/status/VB-2026-AAAA-AAAA/{status_token(submission)}/").status_code == 404
    # The confirmation page belongs to the submitting session only.
    assert Client().get(f"/antrag/bestaetigung/{submission.reference}/").status_code == 404


def test_pay_cancel_retry_and_pay(client: Client, world: World) -> None:
    from verbund.payments.models import Payment, PaymentStatus, SimulatedTransaction

    base = fill_until_check(client, world)
    client.post(base + "pruefen/")
    submission = Submission.objects.get()
    status_url = f"/status/{submission.reference}/{status_token(submission)}/"

    # The citizen cancels at the provider: nothing is paid, the case waits.
    response = client.post(status_url + "bezahlen/")
    assert response.status_code == 303
    payment = Payment.objects.get()
    assert (payment.status, payment.amount, payment.authority) == (
        PaymentStatus.INITIAL,
        Decimal("12.00"),
        world.dueren,
    )
    assert response["Location"] == f"/bezahlen/simulator/{payment.transaction_id}/"
    page = html(client.get(response["Location"]))
    assert "12,00 €" in page
    assert submission.reference in page
    # An unknown button changes nothing.
    assert client.post(response["Location"], {"aktion": "geschenkt"}).status_code == 400
    assert SimulatedTransaction.objects.get().status == PaymentStatus.INITIAL
    back = client.post(response["Location"], {"aktion": "abbrechen"})
    assert back["Location"] == status_url + "zahlung/"
    page = html(client.get(back["Location"], follow=True))
    assert "Sie haben die Zahlung abgebrochen" in page
    payment.refresh_from_db()
    submission.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELED
    assert submission.status == SubmissionStatus.AWAITING_PAYMENT
    assert Case.objects.get().status == CaseStatus.AWAITING_PAYMENT
    # A second decision at the provider changes nothing.
    client.post(response["Location"], {"aktion": "bezahlen"})
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELED

    # A new attempt, paid.
    response = client.post(status_url + "bezahlen/")
    assert Payment.objects.count() == 2
    back = client.post(response["Location"], {"aktion": "bezahlen"})
    page = html(client.get(back["Location"], follow=True))
    assert "Vielen Dank, die Gebühr ist bezahlt." in page
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.paid_at is not None
    case = Case.objects.get()
    assert case.status == CaseStatus.RECEIVED
    assert list(case.events.values_list("status", flat=True)) == ["awaiting_payment", "received"]
    assert "Eingegangen" in page
    # Coming back again, or asking to pay again, changes nothing.
    client.get(back["Location"])
    assert client.post(status_url + "bezahlen/")["Location"] == status_url
    assert Payment.objects.count() == 2
    assert list(case.events.values_list("status", flat=True)) == ["awaiting_payment", "received"]
    assert AuditEntry.objects.filter(action="submission.paid").count() == 1


def test_without_fee_the_application_is_received_at_once(client: Client, world: World) -> None:
    world.version.delete()
    definition = {**world.version.definition, "fees": []}
    from tests.factories import FormVersionFactory

    FormVersionFactory(service=world.service, number=2, definition=definition)
    base = fill_until_check(client, world)
    client.post(base + "pruefen/")
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.fee_total == Decimal("0.00")
    assert Case.objects.get().status == CaseStatus.RECEIVED
    page = html(client.get(f"/antrag/bestaetigung/{submission.reference}/"))
    assert "Ihr Antrag ist eingegangen" in page
    assert "bezahlen" not in page


def test_adopters_get_the_new_version_and_drafts_keep_theirs(client: Client, world: World) -> None:
    from tests.factories import FormVersionFactory

    base = base_of(start(client, world))
    client.post(base + "erstausgabe/", {"erstausgabe": "ja"})
    newer = FormVersionFactory(service=world.service, number=2, definition=world.version.definition)
    assert Draft.objects.get().version == world.version
    other = Client()
    start(other, world)
    assert Draft.objects.order_by("created_at").last().version == newer  # type: ignore[union-attr]


def test_expired_drafts_are_purged_with_their_files(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from verbund.applications.services import drafts_purge
    from verbund.core.storage import private_storage

    base = fill_until_check(client, world)
    client.post(base + "pruefen/")  # submitted: its file stays
    kept = Attachment.objects.get()
    other = Client()
    second = base_of(start(other, world))
    other.post(second + "erstausgabe/", {"erstausgabe": "ja"})
    other.post(second + "person/", {"name": "Bert", **ADDRESS})
    other.post(second + "nachweis/", {"nachweis": pdf("Zweite.pdf")})
    orphan = Attachment.objects.get(filename="Zweite.pdf")
    assert private_storage().exists(orphan.file.name)
    assert drafts_purge() == 0
    later = timezone.now() + dt.timedelta(days=31)
    with (
        pytest.MonkeyPatch.context() as patch,
        django_capture_on_commit_callbacks(execute=True),
    ):
        patch.setattr(timezone, "now", lambda: later)
        out = __import__("io").StringIO()
        call_command("purge_drafts", stdout=out)
    assert out.getvalue() == "2 expired drafts deleted.\n"
    assert Draft.objects.count() == 0
    assert list(Attachment.objects.all()) == [kept]
    assert private_storage().exists(kept.file.name)
    assert not private_storage().exists(orphan.file.name)
    assert Submission.objects.count() == 1


def test_tampered_posts_change_nothing_they_should_not(client: Client, world: World) -> None:
    base = base_of(start(client, world))
    client.post(base + "erstausgabe/", {"erstausgabe": "ja"})
    # Fields of other pages and unknown fields posted with a page are ignored.
    client.post(
        base + "person/",
        {"name": "Anna", **ADDRESS, "email": "x@example.de", "erstausgabe": "nein", "admin": "1"},
    )
    draft = Draft.objects.get()
    assert draft.answers == {
        "erstausgabe": True,
        "name": "Anna",
        "anschrift": {
            "strasse": "Valdersweg",
            "hausnummer": "1",
            "plz": "52399",
            "ort": "Merzenich",
        },
    }
    # Another applicant's upload cannot be removed through this draft.
    other = Client()
    other_base = base_of(start(other, world))
    other.post(other_base + "erstausgabe/", {"erstausgabe": "ja"})
    other.post(other_base + "person/", {"name": "Bert", **ADDRESS})
    other.post(other_base + "nachweis/", {"nachweis": pdf("Bert.pdf")})
    foreign = Attachment.objects.get()
    for action in (f"entfernen:{foreign.pk}", "entfernen:kein-uuid", "entfernen:"):
        response = client.post(base + "nachweis/", {"aktion": action})
        assert response.status_code == 200
    assert Attachment.objects.get() == foreign
    other_draft = Draft.objects.get(pk=other_base.rsplit("/", 2)[-2])
    assert other_draft.answers["nachweis"] == [str(foreign.pk)]
    # Steps that do not exist, or that a condition hides, cannot be posted to.
    assert client.post(base + "nummer/", {"nummer": "DN 1"}).status_code == 404
    draft.refresh_from_db()
    assert "nummer" not in draft.answers


def test_a_lost_answer_to_submit_still_leads_to_the_confirmation(
    client: Client, world: World
) -> None:
    base = fill_until_check(client, world)
    response = client.post(base + "pruefen/")
    # The answer never reached the browser: its session does not know the reference yet.
    session = client.session
    session["verbund_submissions"] = []
    session.save()
    again = client.post(base + "pruefen/")
    assert again["Location"] == response["Location"]
    assert client.get(again["Location"]).status_code == 200
    assert Submission.objects.count() == 1
