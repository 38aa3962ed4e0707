"""The clerk's minimum: the inbox of the processing authority, a case with its
answers and files, and the status the applicant sees on the status page."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.applications.conftest import PDF_BYTES, World, pdf
from tests.cases.conftest import process_for_dueren, submit
from tests.clients import logged_in
from verbund.accounts.models import User
from verbund.applications.models import Attachment, Submission
from verbund.applications.services import status_token
from verbund.authorities.models import Authority
from verbund.cases import views
from verbund.cases.models import Case, CaseEvent, CaseStatus
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ILLEGAL = "Ein Vorgang im Status „Eingegangen“ kann nicht nach „Entschieden: bewilligt“ wechseln."
NOTE_LABEL = "Hinweis für die Antragstellerin oder den Antragsteller"


def html(response: Any) -> str:
    return str(response.content.decode())


def inbox_url(authority: Authority) -> str:
    return f"/verwaltung/behoerden/{authority.pk}/vorgaenge/"


def case_url(submission: Submission) -> str:
    return f"/verwaltung/vorgaenge/{submission.case.pk}/"


def download_url(submission: Submission, attachment: Attachment) -> str:
    return f"{case_url(submission)}dateien/{attachment.pk}/"


def state(submission: Submission) -> tuple[str, int, int, int]:
    """What a refused request must leave as it was."""
    case = Case.objects.get(submission=submission)
    return (
        case.status,
        CaseEvent.objects.count(),
        AuditEntry.objects.count(),
        Case.objects.filter(status=CaseStatus.IN_PROGRESS).count(),
    )


def test_url_paths() -> None:
    assert (
        reverse("staff:cases_staff:inbox", kwargs={"pk": 7}) == "/verwaltung/behoerden/7/vorgaenge/"
    )
    assert reverse("staff:cases_staff:case", kwargs={"pk": 7}) == "/verwaltung/vorgaenge/7/"
    assert (
        reverse(
            "staff:cases_staff:attachment",
            kwargs={"pk": 7, "attachment_id": "00000000-0000-0000-0000-000000000001"},
        )
        == "/verwaltung/vorgaenge/7/dateien/00000000-0000-0000-0000-000000000001/"
    )


def test_workspace_links_to_the_inbox(world: World, dueren_clerk: User) -> None:
    page = html(logged_in(dueren_clerk).get(f"/verwaltung/behoerden/{world.dueren.pk}/"))
    assert f'href="{inbox_url(world.dueren)}">Posteingang</a>' in page


def test_inbox_lists_exactly_the_processing_authoritys_cases(
    world: World, dueren_clerk: User, rhein_erft: Authority, rhein_erft_clerk: User
) -> None:
    received = submit(world, name="Erste Antragstellerin")
    unpaid = submit(world, paid=False)
    process_for_dueren(world, rhein_erft)
    elsewhere = submit(world)
    assert (elsewhere.case.authority, elsewhere.case.responsible) == (rhein_erft, world.dueren)

    client = logged_in(dueren_clerk)
    response = client.get(inbox_url(world.dueren))
    assert response.status_code == 200
    page = html(response)
    assert received.reference in page
    assert "Reitkennzeichen beantragen" in page
    # Not complete before the fee is paid, and not Düren's to process.
    assert unpaid.reference not in page
    assert elsewhere.reference not in page
    assert "1 Vorgang</h2>" in page
    counts = {status.value: n for status, n in response.context["statuses"]}
    assert counts == {
        **{status.value: 0 for status in CaseStatus},
        "awaiting_payment": 1,
        "received": 1,
    }
    assert '<option value="awaiting_payment">Zahlung ausstehend (1)</option>' in page
    assert '<a class="kern-link" href="?status=received">Eingegangen</a>' in page

    page = html(client.get(inbox_url(world.dueren), {"status": "awaiting_payment"}))
    assert unpaid.reference in page
    assert received.reference not in page
    assert "1 Vorgang im Status „Zahlung ausstehend“</h2>" in page
    assert '<option value="awaiting_payment" selected>' in page
    page = html(client.get(inbox_url(world.dueren), {"status": "in_progress"}))
    assert "0 Vorgänge im Status „In Bearbeitung“" in page
    assert "Keine Vorgänge." in page
    # An unknown filter shows the default list.
    page = html(client.get(inbox_url(world.dueren), {"status": "<b>"}))
    assert received.reference in page
    assert unpaid.reference not in page

    page = html(logged_in(rhein_erft_clerk).get(inbox_url(rhein_erft)))
    assert elsewhere.reference in page
    assert received.reference not in page
    # Another authority's inbox does not exist for Düren's clerk.
    assert client.get(inbox_url(rhein_erft)).status_code == 404


def test_inbox_pages_keep_the_filter(
    world: World, dueren_clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    newest_first = [submit(world).reference for _i in range(3)][::-1]
    client = logged_in(dueren_clerk)
    page = html(client.get(inbox_url(world.dueren), {"status": "received"}))
    assert newest_first[0] in page
    assert newest_first[1] in page
    assert newest_first[2] not in page
    assert "Seite 1 von 2" in page
    assert 'href="?status=received&amp;page=2">Nächste Seite</a>' in page
    page = html(client.get(inbox_url(world.dueren), {"status": "received", "page": "2"}))
    assert newest_first[2] in page
    assert 'href="?status=received&amp;page=1">Vorherige Seite</a>' in page


def test_overdue_cases_are_marked_in_words(world: World, dueren_clerk: User) -> None:
    late, on_time, decided = submit(world), submit(world), submit(world)
    today = timezone.localdate()
    assert on_time.case.due_on == today + dt.timedelta(days=10)
    yesterday = today - dt.timedelta(days=1)
    Case.objects.filter(pk__in=[late.case.pk, decided.case.pk]).update(due_on=yesterday)
    Case.objects.filter(pk=decided.case.pk).update(status=CaseStatus.GRANTED)
    client = logged_in(dueren_clerk)
    response = client.get(inbox_url(world.dueren))
    rows = {case.submission.reference: overdue for case, overdue in response.context["rows"]}
    assert rows == {late.reference: True, on_time.reference: False, decided.reference: False}
    assert html(response).count("überfällig") == 1
    assert "überfällig" in html(client.get(case_url(late)))
    assert "überfällig" not in html(client.get(case_url(on_time)))


def test_inbox_needs_the_same_queries_for_many_cases(
    world: World, dueren_clerk: User, django_assert_max_num_queries: Any
) -> None:
    submit(world)
    client = logged_in(dueren_clerk)
    url = inbox_url(world.dueren)
    client.get(url)  # the session and the routing index are warm from here on
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _i in range(4):
        submit(world)
    submit(world, paid=False)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["rows"]) == 5
    # Session, user, roles (two), the authority, the counts, the page's count and rows.
    assert len(few) == 8, [q["sql"][:90] for q in few.captured_queries]


def test_detail_shows_the_application_escaped(world: World, dueren_clerk: User) -> None:
    script = "<script>alert(1)</script> Anna"
    submission = submit(world, name=script)
    attachment = Attachment.objects.get(submission=submission)
    response = logged_in(dueren_clerk).get(case_url(submission))
    assert response.status_code == 200
    page = html(response)
    assert f"Vorgang {submission.reference}</h1>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Anna" in page
    assert "<script>alert" not in page
    # Answers by step, as the citizen checked them.
    for text in (
        '<h3 class="kern-heading-small">Angaben zu Ihnen</h3>',
        "Valdersweg 1, 52399 Merzenich",
        "DN 1234",
        "anna@example.de",
        "Merzenich",
        'Zuständige Behörde</dt><dd class="kern-description-list-item__value">Düren</dd>',
        "12,00 €",
        "bezahlt am",
        "Eingegangen",
        "Die Gebühr ist bezahlt.",
    ):
        assert text in page, text
    assert attachment.filename == "Versicherung.pdf"
    assert hashlib.sha256(PDF_BYTES).hexdigest() == attachment.sha256
    assert attachment.sha256 in page
    assert f"{len(PDF_BYTES)}\xa0Bytes" in page
    assert f'href="{download_url(submission, attachment)}" download>' in page
    # Received: the only next status is offered.
    assert 'value="in_progress"' in page
    assert 'value="granted"' not in page
    assert NOTE_LABEL in page


def test_unpaid_application_shows_the_fee_as_open(world: World, dueren_clerk: User) -> None:
    submission = submit(world, paid=False)
    page = html(logged_in(dueren_clerk).get(case_url(submission)))
    assert "12,00 € – noch nicht bezahlt" in page
    assert "Zahlung ausstehend" in page


def test_clerk_sets_the_status_the_applicant_sees(
    world: World, dueren_clerk: User, client: Client
) -> None:
    submission = submit(world)
    events = CaseEvent.objects.count()
    note = "Wir prüfen Ihre Versicherung <bis Freitag>."
    response = logged_in(dueren_clerk).post(
        case_url(submission), {"status": "in_progress", "note": note}, follow=True
    )
    assert response.redirect_chain == [(case_url(submission), 303)]
    page = html(response)
    assert f"Der Vorgang {submission.reference} hat jetzt den Status „In Bearbeitung“." in page
    case = Case.objects.get(submission=submission)
    assert case.status == CaseStatus.IN_PROGRESS
    assert CaseEvent.objects.count() == events + 1
    event = case.events.last()
    assert event is not None
    assert (event.status, event.note, event.actor) == ("in_progress", note, dueren_clerk)
    entry = AuditEntry.objects.filter(action="case.set_status").order_by("pk").last()
    assert entry is not None
    assert (entry.actor, entry.changes) == (dueren_clerk, {"status": ["received", "in_progress"]})
    # In progress, the next statuses are offered.
    assert 'value="granted"' in page
    assert 'value="in_progress"' not in page

    status_page = html(client.get(f"/status/{submission.reference}/{status_token(submission)}/"))
    assert "In Bearbeitung" in status_page
    assert "Wir prüfen Ihre Versicherung &lt;bis Freitag&gt;." in status_page


def test_an_illegal_transition_is_refused_and_changes_nothing(
    world: World, dueren_clerk: User
) -> None:
    submission = submit(world)
    before = state(submission)
    client = logged_in(dueren_clerk)
    response = client.post(case_url(submission), {"status": "granted", "note": "Gut."})
    assert response.status_code == 200
    page = html(response)
    summary = page.split('class="kern-alert kern-alert--danger verbund-error-summary"')[1]
    assert ILLEGAL in summary.split("</div>\n</div>")[0]
    assert "<title>Fehler: " in page
    assert state(submission) == before
    # Unknown statuses and overlong notes are the form's business; nothing changes either.
    response = client.post(case_url(submission), {"status": "erledigt"})
    assert response.status_code == 200
    assert "verbund-error-summary" in html(response)
    response = client.post(case_url(submission), {"status": "in_progress", "note": "x" * 2001})
    assert "verbund-error-summary" in html(response)
    assert state(submission) == before


def test_a_clerk_of_another_authority_finds_nothing(
    world: World, merzenich_clerk: User, rhein_erft_clerk: User
) -> None:
    submission = submit(world)
    attachment = Attachment.objects.get(submission=submission)
    before = state(submission)
    # The place of the application and an uninvolved member alike.
    for clerk in (merzenich_clerk, rhein_erft_clerk):
        client = logged_in(clerk)
        assert client.get(case_url(submission)).status_code == 404
        assert client.get(download_url(submission, attachment)).status_code == 404
        response = client.post(case_url(submission), {"status": "in_progress", "note": "Hi"})
        assert response.status_code == 404
        assert client.get(inbox_url(world.dueren)).status_code == 404
    assert state(submission) == before


def test_the_responsible_authority_reads_but_does_not_change(
    world: World, dueren_clerk: User, rhein_erft: Authority, rhein_erft_clerk: User
) -> None:
    process_for_dueren(world, rhein_erft)
    submission = submit(world)
    attachment = Attachment.objects.get(submission=submission)
    client = logged_in(dueren_clerk)
    response = client.get(case_url(submission))
    assert response.status_code == 200
    page = html(response)
    assert "Rhein-Erft-Kreis" in page
    assert "Status setzen" not in page
    assert NOTE_LABEL not in page
    # Not Düren's inbox: the way back leads to the start page.
    assert 'href="/verwaltung/">Zur Startseite</a>' in page
    response = client.get(download_url(submission, attachment))
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    before = state(submission)
    response = client.post(case_url(submission), {"status": "in_progress", "note": "Hi"})
    assert response.status_code == 403
    assert state(submission) == before

    # The processing authority's clerk may.
    response = logged_in(rhein_erft_clerk).post(case_url(submission), {"status": "in_progress"})
    assert response.status_code == 303
    assert Case.objects.get(submission=submission).status == CaseStatus.IN_PROGRESS


def test_download_streams_the_exact_bytes(world: World, dueren_clerk: User) -> None:
    submission = submit(world, files=[pdf(), pdf("Zweitschrift.pdf")])
    other = submit(world)
    first, second = Attachment.objects.filter(submission=submission).order_by("created_at", "id")
    client = logged_in(dueren_clerk)
    response = client.get(download_url(submission, second))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Zweitschrift.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert first.filename == "Versicherung.pdf"
    # A file is found only below its own case, even where both cases are visible.
    other_file = Attachment.objects.get(submission=other)
    assert client.get(download_url(submission, other_file)).status_code == 404
    assert client.get(download_url(other, first)).status_code == 404
    assert client.post(download_url(submission, first)).status_code == 405
    missing = f"{case_url(submission)}dateien/00000000-0000-0000-0000-000000000000/"
    assert client.get(missing).status_code == 404
