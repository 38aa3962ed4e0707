"""The inbox of the processing authority: exactly its cases, filters, search, counts
per status, pagination, overdue cases, and a pinned number of queries; the case page
with the application's answers and files."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.applications.conftest import PDF_BYTES, World, pdf
from tests.cases.conftest import process_for_dueren, submit, take
from tests.clients import logged_in
from verbund.accounts.models import User
from verbund.applications.models import Submission
from verbund.authorities.models import Authority
from verbund.cases import selectors
from verbund.cases.deadlines import add_working_days
from verbund.cases.models import Case, CaseStatus, DocumentVersion

pytestmark = pytest.mark.django_db


def html(response: Any) -> str:
    return str(response.content.decode())


def inbox_url(authority: Authority) -> str:
    return f"/verwaltung/behoerden/{authority.pk}/vorgaenge/"


def case_url(submission: Submission) -> str:
    return f"/verwaltung/vorgaenge/{submission.case.pk}/"


def references(response: Any) -> list[str]:
    return [row.reference for row in response.context["rows"]]


def test_url_paths() -> None:
    assert (
        reverse("staff:cases_staff:inbox", kwargs={"pk": 7}) == "/verwaltung/behoerden/7/vorgaenge/"
    )
    assert reverse("staff:cases_staff:case", kwargs={"pk": 7}) == "/verwaltung/vorgaenge/7/"
    version = "00000000-0000-0000-0000-000000000001"
    assert (
        reverse("staff:cases_staff:version", kwargs={"pk": 7, "version_id": version})
        == f"/verwaltung/vorgaenge/7/dateien/{version}/"
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
    assert references(response) == [received.reference]
    assert "Erste Antragstellerin" in page
    assert "Reitkennzeichen beantragen" in page
    assert received.case.file_number in page
    assert "1 Vorgang</h2>" in page
    counts = {status.value: n for status, n in response.context["statuses"]}
    assert counts == {
        **{status.value: 0 for status in CaseStatus},
        "awaiting_payment": 1,
        "received": 1,
    }
    assert '<a class="kern-link" href="?status=received">Eingegangen</a>' in page

    response = client.get(inbox_url(world.dueren), {"status": "awaiting_payment"})
    assert references(response) == [unpaid.reference]
    assert '<option value="awaiting_payment" selected>' in html(response)
    response = client.get(inbox_url(world.dueren), {"status": "in_progress"})
    assert references(response) == []
    assert "Keine Vorgänge." in html(response)
    # An unknown status is reported and ignored; the default list shows.
    response = client.get(inbox_url(world.dueren), {"status": "<b>"})
    assert references(response) == [received.reference]
    assert "verbund-error-summary" in html(response)

    response = logged_in(rhein_erft_clerk).get(inbox_url(rhein_erft))
    assert references(response) == [elsewhere.reference]
    # Another authority's inbox does not exist for Düren's clerk.
    assert client.get(inbox_url(rhein_erft)).status_code == 404


def test_filters_combine_and_counts_follow_them(
    world: World, dueren_clerk: User, dueren_lead: User
) -> None:
    anna = submit(world, name="Anna Schmidt")
    bernd = submit(world, name="Bernd Müller")
    carla = submit(world, name="Carla Groß")
    take(anna.case, dueren_clerk)
    take(bernd.case, dueren_lead)
    client = logged_in(dueren_clerk)

    def listed(**query: str) -> list[str]:
        response = client.get(inbox_url(world.dueren), query)
        assert response.status_code == 200
        return sorted(references(response))

    assert listed() == sorted([anna.reference, bernd.reference, carla.reference])
    assert listed(assignee="me") == [anna.reference]
    assert listed(assignee="none") == [carla.reference]
    assert listed(assignee=str(dueren_lead.pk)) == [bernd.reference]
    assert listed(status="in_progress") == sorted([anna.reference, bernd.reference])
    assert listed(status="in_progress", assignee="me") == [anna.reference]
    assert listed(service=str(world.service.pk)) == sorted(
        [anna.reference, bernd.reference, carla.reference]
    )
    # Search: the reference's beginning (a complete one leads to the case, below), the
    # file number, a part of the name with umlauts and ß folded.
    assert bernd.reference in listed(q=bernd.reference[:12].lower())
    assert listed(q=carla.case.file_number) == [carla.reference]
    assert listed(q="muller") == [bernd.reference]
    assert listed(q="GROSS") == [carla.reference]
    assert listed(q="niemand") == []
    today = timezone.localdate()
    assert len(listed(received_from=today.isoformat(), received_to=today.isoformat())) == 3
    assert listed(received_from=(today + dt.timedelta(days=1)).isoformat()) == []
    # Counts per status follow the other filters.
    response = client.get(inbox_url(world.dueren), {"assignee": "me"})
    counts = {s.value: n for s, n in response.context["statuses"] if n}
    assert counts == {"in_progress": 1}
    # Bad dates are reported; the other filters still apply.
    response = client.get(inbox_url(world.dueren), {"received_from": "31.02.2026", "q": "anna"})
    assert references(response) == [anna.reference]
    page = html(response)
    assert "verbund-error-summary" in page
    assert "Bitte ein gültiges Datum eingeben." in page
    response = client.get(
        inbox_url(world.dueren),
        {"received_from": today.isoformat(), "received_to": (today - dt.timedelta(1)).isoformat()},
    )
    assert "Das Ende liegt vor dem Anfang." in html(response)
    # A foreign or unknown assignee id is not a choice: reported, ignored.
    response = client.get(inbox_url(world.dueren), {"assignee": "999999"})
    assert len(references(response)) == 3
    assert "verbund-error-summary" in html(response)


def test_a_complete_reference_leads_straight_to_the_case(
    world: World, dueren_clerk: User, rhein_erft: Authority, rhein_erft_clerk: User
) -> None:
    anna = submit(world, name="Anna Schmidt")
    unpaid = submit(world, paid=False)
    process_for_dueren(world, rhein_erft)
    elsewhere = submit(world)
    client = logged_in(dueren_clerk)
    url = inbox_url(world.dueren)
    for typed in (anna.reference, f"  {anna.reference.lower()} "):
        response = client.get(url, {"q": typed, "status": "closed"})
        assert (response.status_code, response["Location"]) == (302, case_url(anna))
    # Also a case that waits for its fee: the reference names it.
    assert client.get(url, {"q": unpaid.reference})["Location"] == case_url(unpaid)
    # Another authority processes this one (for Düren): not in Düren's inbox, no redirect
    # and nothing found; in Rhein-Erft's inbox the same search leads to it.
    response = client.get(url, {"q": elsewhere.reference})
    assert response.status_code == 200
    assert references(response) == []
    assert "0 Vorgänge</h2>" in html(response)
    response = logged_in(rhein_erft_clerk).get(inbox_url(rhein_erft), {"q": elsewhere.reference})
    assert (response.status_code, response["Location"]) == (302, case_url(elsewhere))
    # Rhein-Erft's clerk finds nothing of Düren's by its reference.
    response = logged_in(rhein_erft_clerk).get(inbox_url(rhein_erft), {"q": anna.reference})
    assert (response.status_code, references(response)) == (200, [])
    # A reference that does not exist, or is incomplete: the list, with nothing or more.
    response = client.get(url, {"q": "VB-2026-ZZZZ-ZZZZ"})
    assert (response.status_code, references(response)) == (200, [])


def test_a_search_by_reference_needs_few_queries(world: World, dueren_clerk: User) -> None:
    anna = submit(world)
    client = logged_in(dueren_clerk)
    client.get(inbox_url(world.dueren))  # the session is warm from here on
    with CaptureQueriesContext(connection) as queries:
        response = client.get(inbox_url(world.dueren), {"q": anna.reference})
    assert response.status_code == 302
    # Session, user, roles (two), the authority, the case by its reference.
    assert len(queries) == 6, [q["sql"][:90] for q in queries.captured_queries]


def test_pages_keep_the_filter(world: World, dueren_clerk: User) -> None:
    newest_first = [submit(world).reference for _i in range(3)][::-1]
    page = selectors.inbox_page(
        world.dueren.pk, user_id=dueren_clerk.pk, filters={"status": "received"}, page_size=2
    )
    assert [c.reference for c in page.rows] == newest_first[:2]
    assert (page.number, page.pages, page.total, page.has_next) == (1, 2, 3, True)
    second = selectors.inbox_page(
        world.dueren.pk,
        user_id=dueren_clerk.pk,
        filters={"status": "received"},
        page=2,
        page_size=2,
    )
    assert [c.reference for c in second.rows] == newest_first[2:]
    # Past the end: the last page.
    last = selectors.inbox_page(
        world.dueren.pk, user_id=dueren_clerk.pk, filters={}, page=99, page_size=2
    )
    assert last.number == 2
    for _i in range(48):
        submit(world)
    client = logged_in(dueren_clerk)
    page_html = html(client.get(inbox_url(world.dueren), {"status": "received"}))
    assert "Seite 1 von 2" in page_html
    assert 'href="?status=received&amp;page=2">Nächste Seite</a>' in page_html
    page_html = html(client.get(inbox_url(world.dueren), {"status": "received", "page": "2"}))
    assert 'href="?status=received&amp;page=1">Vorherige Seite</a>' in page_html
    assert html(client.get(inbox_url(world.dueren), {"page": "x"})).count("Seite 1 von 2") == 1


def test_deadline_in_working_days_and_overdue_cases_stand_out(
    world: World, dueren_clerk: User
) -> None:
    late, on_time, decided = submit(world), submit(world), submit(world)
    today = timezone.localdate()
    # The service's ten processing days are working days in North Rhine-Westphalia.
    assert on_time.case.due_on == add_working_days(today, 10, "05358")
    yesterday = today - dt.timedelta(days=1)
    Case.objects.filter(pk__in=[late.case.pk, decided.case.pk]).update(due_on=yesterday)
    Case.objects.filter(pk=decided.case.pk).update(status=CaseStatus.GRANTED)
    client = logged_in(dueren_clerk)
    response = client.get(inbox_url(world.dueren))
    rows = {row.reference: row.overdue for row in response.context["rows"]}
    assert rows == {late.reference: True, on_time.reference: False, decided.reference: False}
    assert html(response).count("überfällig</strong>") == 1
    response = client.get(inbox_url(world.dueren), {"overdue": "on"})
    assert references(response) == [late.reference]
    assert "überfällig" in html(client.get(case_url(late)))
    assert "überfällig" not in html(client.get(case_url(on_time)))


def test_due_date_starts_when_the_fee_is_paid(world: World) -> None:
    unpaid = submit(world, paid=False)
    assert unpaid.case.due_on is None
    assert unpaid.case.status == CaseStatus.AWAITING_PAYMENT


def test_inbox_needs_the_same_queries_for_many_cases(world: World, dueren_clerk: User) -> None:
    submit(world)
    client = logged_in(dueren_clerk)
    url = inbox_url(world.dueren)
    query = {"status": "received", "service": str(world.service.pk)}
    client.get(url, query)  # the session is warm from here on
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, query).status_code == 200
    for name in ("A", "B", "C", "D"):
        take(submit(world, name=name).case, dueren_clerk)
    submit(world, paid=False)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {**query, "status": "in_progress"})
    assert len(response.context["rows"]) == 4
    # Session, user, roles (two), the authority, the services of the filter, the
    # clerks of the filter, the counts per status and the page's rows.
    assert len(few) == 9, [q["sql"][:90] for q in few.captured_queries]
    assert len(many) == len(few), [q["sql"][:90] for q in many.captured_queries]


def test_detail_shows_the_application_escaped(world: World, dueren_clerk: User) -> None:
    script = "<script>alert(1)</script> Anna"
    submission = submit(world, name=script)
    version = DocumentVersion.objects.get(document__case=submission.case)
    response = logged_in(dueren_clerk).get(case_url(submission))
    assert response.status_code == 200
    page = html(response)
    assert f"Vorgang {submission.reference}</h1>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Anna" in page
    assert "<script>alert" not in page
    for text in (
        '<h3 class="kern-heading-small">Angaben zu Ihnen</h3>',
        "Valdersweg 1, 52399 Merzenich",
        "DN 1234",
        "anna@example.de",
        'Zuständige Behörde</dt><dd class="kern-description-list-item__value">Düren</dd>',
        "12,00 €",
        "bezahlt am",
        "Die Gebühr ist bezahlt.",
        submission.case.file_number,
        "Nachweis der Versicherung",
        "mit dem Antrag eingereicht",
    ):
        assert text in page, text
    assert version.filename == "Versicherung.pdf"
    assert version.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert version.sha256 in page  # in full, behind its shortened beginning
    download = f"{case_url(submission)}dateien/{version.pk}/"
    assert f'href="{download}" download>' in page
    # Nobody has the case yet: the clerk takes it; no status form without work rights.
    assert ">Übernehmen</span>" in page
    assert "Übernehmen Sie den Vorgang, um ihn zu bearbeiten." in page


def test_download_streams_the_exact_bytes_below_its_own_case(
    world: World, dueren_clerk: User
) -> None:
    submission = submit(world, files=[pdf(), pdf("Zweitschrift.pdf")])
    other = submit(world)
    first, second = DocumentVersion.objects.filter(document__case=submission.case).order_by(
        "document__created_at", "filename"
    )
    assert {first.filename, second.filename} == {"Versicherung.pdf", "Zweitschrift.pdf"}
    client = logged_in(dueren_clerk)
    url = f"{case_url(submission)}dateien/{second.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{second.filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    other_version = DocumentVersion.objects.get(document__case=other.case)
    assert client.get(f"{case_url(submission)}dateien/{other_version.pk}/").status_code == 404
    assert client.get(f"{case_url(other)}dateien/{first.pk}/").status_code == 404
    assert client.post(url).status_code == 405
    missing = f"{case_url(submission)}dateien/00000000-0000-0000-0000-000000000000/"
    assert client.get(missing).status_code == 404


def test_a_clerk_of_another_authority_finds_nothing(
    world: World, merzenich_clerk: User, rhein_erft_clerk: User
) -> None:
    submission = submit(world)
    version = DocumentVersion.objects.get(document__case=submission.case)
    before = Case.objects.values().get(pk=submission.case.pk)
    for clerk in (merzenich_clerk, rhein_erft_clerk):
        client = logged_in(clerk)
        assert client.get(case_url(submission)).status_code == 404
        assert client.get(f"{case_url(submission)}dateien/{version.pk}/").status_code == 404
        response = client.post(case_url(submission), {"status": "in_progress", "version": "1"})
        assert response.status_code == 404
        assert client.get(inbox_url(world.dueren)).status_code == 404
    assert Case.objects.values().get(pk=submission.case.pk) == before


def test_the_responsible_authority_reads_but_does_not_change(
    world: World, dueren_clerk: User, rhein_erft: Authority, rhein_erft_clerk: User
) -> None:
    process_for_dueren(world, rhein_erft)
    submission = submit(world)
    assert submission.case.on_behalf is True
    client = logged_in(dueren_clerk)
    page = html(client.get(case_url(submission)))
    assert "Rhein-Erft-Kreis (im Auftrag von Düren)" in page
    assert "Status setzen" not in page
    assert ">Übernehmen</span>" not in page
    assert 'href="/verwaltung/">Zur Startseite</a>' in page
    before = Case.objects.values().get(pk=submission.case.pk)
    response = client.post(case_url(submission), {"status": "in_progress", "version": "1"})
    assert response.status_code == 403
    response = client.post(f"{case_url(submission)}zuweisen/", {"take": "1", "version": "1"})
    assert response.status_code == 403
    assert Case.objects.values().get(pk=submission.case.pk) == before
    # The processing authority's clerk may: starting work takes the case.
    version = str(Case.objects.get(pk=submission.case.pk).version)
    response = logged_in(rhein_erft_clerk).post(
        case_url(submission), {"status": "in_progress", "version": version}
    )
    assert response.status_code == 303
    case = Case.objects.get(pk=submission.case.pk)
    assert (case.status, case.assignee) == (CaseStatus.IN_PROGRESS, rhein_erft_clerk)


def test_staff_without_the_clerk_role_read_only(world: World, demo_on: None) -> None:
    from tests.factories import AuthorityRoleFactory, make_user

    admin = make_user(username="nur.admin", demo=True)
    AuthorityRoleFactory(user=admin, authority=world.dueren, admin=True)
    submission = submit(world)
    client = logged_in(admin)
    assert client.get(inbox_url(world.dueren)).status_code == 200
    page = html(client.get(case_url(submission)))
    assert ">Übernehmen</span>" not in page
    response = client.post(f"{case_url(submission)}zuweisen/", {"take": "1", "version": "1"})
    assert response.status_code == 403
    assert Case.objects.get(pk=submission.case.pk).assignee is None


def test_the_inbox_lists_the_cases_before_the_counts(world: World, dueren_clerk: User) -> None:
    submission = submit(world)
    page = html(logged_in(dueren_clerk).get(inbox_url(world.dueren)))
    listing = page.index('<caption class="kern-sr-only">Vorgänge dieser Behörde</caption>')
    counts = page.index(
        '<caption class="kern-sr-only">Anzahl der Vorgänge je Status unter den gewählten Filtern'
    )
    assert page.index('id="ergebnis">1 Vorgang</h2>') < listing < counts
    assert page.index("Vorgänge nach Status</h2>") > listing
    # A reference and a file number are never broken at their hyphens or slashes.
    case = submission.case
    assert (
        f'<a class="kern-link verbund-nowrap" href="{case_url(submission)}" translate="no">'
        f"{case.reference}</a>" in page
    )
    assert (
        f'<span class="kern-body kern-body--small verbund-nowrap" translate="no">'
        f"{case.file_number}</span>" in page
    )
    css = (settings.BASE_DIR / "static" / "verbund" / "verbund.css").read_text()
    assert ".verbund-nowrap {\n  white-space: nowrap;\n}" in css


def test_the_case_page_has_its_actions_first_and_the_file_beside_its_history(
    world: World, dueren_clerk: User
) -> None:
    submission = submit(world)
    case = take(submission.case, dueren_clerk)
    version = DocumentVersion.objects.get(document__case=case)
    page = html(logged_in(dueren_clerk).get(case_url(submission)))
    work = page.index('<section class="verbund-case-work" aria-labelledby="bearbeiten">')
    columns = page.index('<div class="kern-row verbund-case-columns">')
    facts = page.index('<div class="kern-col-12 kern-col-lg-7 verbund-case-file">')
    history = page.index(
        '<section class="kern-col-12 kern-col-lg-5 verbund-case-history" aria-labelledby="verlauf">'
    )
    assert page.index(f"Vorgang {case.reference}</h1>") < work < columns < facts < history
    # The actions are in the first section: starting a request, a participation, a Bescheid.
    actions = page[work:columns]
    for link in (
        "Rückfrage an die Antragstellerin oder den Antragsteller",
        "Andere Behörde beteiligen",
        "Bescheid erstellen",
    ):
        assert f">{link}</a>" in actions
    assert page.index('id="akte">Die Akte</h2>') < page.index('class="kern-description-list')
    assert page.index('id="verlauf">Verlauf</h2>') > history
    # The digest: its beginning; the whole value inside the details, no script needed.
    digest = version.sha256
    assert (
        f'<details class="verbund-hash"><summary><code translate="no">{digest[:12]}…</code>'
        '<span class="kern-sr-only"> vollständige Prüfsumme anzeigen</span></summary>'
        f'<code translate="no" class="verbund-hash__full">{digest}</code></details>' in page
    )
    assert page.count(digest) == 1
    assert "<script" not in page
