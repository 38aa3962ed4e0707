"""Asking the applicant: the clerk asks with a deadline, the applicant is told by
e-mail and answers with text and files through the status link, the case resumes
and the clerk is told. Bad answers are refused and lose nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.applications.conftest import PDF_BYTES, World, png_bytes
from tests.cases.conftest import submit, take
from tests.clients import logged_in
from tests.tasks import run_tasks
from verbund.accounts.models import User
from verbund.applications.links import status_token
from verbund.applications.models import Submission
from verbund.cases import services
from verbund.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    DocumentSource,
    DocumentVersion,
    InformationRequest,
    RequestStatus,
)
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def html(response: Any) -> str:
    return str(response.content.decode())


def status_url(submission: Submission) -> str:
    return f"/status/{submission.reference}/{status_token(submission)}/"


def due(days: int = 14) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def ask(case: Case, clerk: User, **kwargs: Any) -> InformationRequest:
    return services.information_request_create(
        actor=clerk,
        case=case,
        message=kwargs.get("message", "Bitte reichen Sie die Versicherungspolice nach."),
        items=kwargs.get("items", ["Versicherungspolice", "Personalausweis (Kopie)"]),
        due_on=kwargs.get("due_on", due()),
    )


def state(case: Case) -> tuple[Any, ...]:
    return (
        Case.objects.values().get(pk=case.pk),
        list(InformationRequest.objects.filter(case=case).values()),
        CaseDocument.objects.filter(case=case).count(),
        CaseEvent.objects.filter(case=case).count(),
        AuditEntry.objects.count(),
    )


def test_the_whole_round_trip(world: World, dueren_clerk: User) -> None:
    submission = submit(world)
    case = take(submission.case, dueren_clerk)
    run_tasks()
    mail.outbox.clear()
    clerk = logged_in(dueren_clerk)
    response = clerk.post(
        f"/verwaltung/vorgaenge/{case.pk}/rueckfrage/",
        {
            "message": "Bitte reichen Sie die Versicherungspolice nach.",
            "items": "Versicherungspolice\n\nPersonalausweis (Kopie)\n",
            "due_on": due().isoformat(),
            "version": str(case.version),
        },
        follow=True,
    )
    assert "Die Rückfrage ist gestellt" in html(response)
    info = InformationRequest.objects.get(case=case)
    assert (info.items, info.due_on, info.status, info.created_by) == (
        ["Versicherungspolice", "Personalausweis (Kopie)"],
        due(),
        RequestStatus.OPEN,
        dueren_clerk,
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WAITING_APPLICANT

    # The applicant gets an e-mail that points to the status page, without the question.
    assert run_tasks() == 1
    (notice,) = mail.outbox
    assert notice.to == ["anna@example.de"]
    assert notice.subject == f"Rückfrage zu Ihrem Antrag {submission.reference}"
    assert status_url(submission) in notice.body
    assert "Versicherungspolice" not in notice.body

    citizen = Client()
    page = html(citizen.get(status_url(submission)))
    assert "Rückfrage an Sie" in page
    assert f"bitte antworten Sie bis {due():%d.%m.%Y}" in page
    answer_url = f"{status_url(submission)}rueckfrage/{info.pk}/"
    assert f'href="{answer_url}"' in page
    page = html(citizen.get(answer_url))
    assert "Personalausweis (Kopie)" in page
    png = png_bytes()
    response = citizen.post(
        answer_url,
        {
            "text": "Anbei die Police; der Ausweis als Foto.",
            "dateien": [
                SimpleUploadedFile("Police.pdf", PDF_BYTES, content_type="application/pdf"),
                SimpleUploadedFile("Ausweis.png", png, content_type="image/png"),
            ],
        },
        follow=True,
    )
    assert response.redirect_chain == [(status_url(submission), 302)]
    page = html(response)
    assert "Vielen Dank, Ihre Antwort ist bei der Behörde eingegangen." in page
    assert "Ihre Antwort ist eingegangen (2 Dateien)." in page
    assert "Jetzt antworten" not in page

    info.refresh_from_db()
    assert (info.status, info.answer_text) == (
        RequestStatus.ANSWERED,
        "Anbei die Police; der Ausweis als Foto.",
    )
    documents = CaseDocument.objects.filter(case=case, information_request=info).order_by("title")
    assert [(d.title, d.source) for d in documents] == [
        ("Nachgereicht: Ausweis.png", DocumentSource.APPLICANT),
        ("Nachgereicht: Police.pdf", DocumentSource.APPLICANT),
    ]
    digests = set(
        DocumentVersion.objects.filter(document__in=documents).values_list("sha256", flat=True)
    )
    assert digests == {hashlib.sha256(PDF_BYTES).hexdigest(), hashlib.sha256(png).hexdigest()}
    case = Case.objects.get(pk=case.pk)
    assert case.status == CaseStatus.IN_PROGRESS
    assert case.attention == "Antwort der Antragstellerin oder des Antragstellers"
    # The clerk is told by e-mail and sees it in the inbox.
    mail.outbox.clear()
    assert run_tasks() == 1
    (told,) = mail.outbox
    assert told.to == [dueren_clerk.email]
    assert case.reference in told.subject
    inbox = clerk.get(f"/verwaltung/behoerden/{world.dueren.pk}/vorgaenge/", {"attention": "on"})
    assert [row.reference for row in inbox.context["rows"]] == [case.reference]
    response = clerk.post(f"/verwaltung/vorgaenge/{case.pk}/gesehen/")
    assert response.status_code == 303
    assert Case.objects.get(pk=case.pk).attention == ""
    assert AuditEntry.objects.filter(action="case.request_answered").count() == 1


def test_bad_answers_are_refused_and_lose_nothing(world: World, dueren_clerk: User) -> None:
    submission = submit(world)
    case = take(submission.case, dueren_clerk)
    info = ask(case, dueren_clerk)
    url = f"{status_url(submission)}rueckfrage/{info.pk}/"
    citizen = Client()
    other = submit(world)
    before = state(case)
    # Nothing at all.
    page = html(citizen.post(url, {"text": "  "}))
    assert "Bitte schreiben Sie eine Antwort oder laden Sie mindestens eine Datei hoch." in page
    # A file that is not what it claims: the whole answer waits, the text stays.
    page = html(
        citizen.post(
            url,
            {
                "text": "Hier meine Unterlagen",
                "dateien": [
                    SimpleUploadedFile("Police.pdf", PDF_BYTES, content_type="application/pdf"),
                    SimpleUploadedFile("Virus.pdf", b"MZ\x90\x00", content_type="application/pdf"),
                ],
            },
        )
    )
    assert "Ihre Antwort wurde noch nicht gesendet" in page
    assert "Virus.pdf" in page
    assert "Hier meine Unterlagen</textarea>" in page
    # Too long.
    page = html(citizen.post(url, {"text": "x" * 10_001}))
    assert "höchstens 10.000 Zeichen" in page
    assert state(case) == before
    # Without the secret, or for another case's request: not found.
    assert (
        citizen.get(f"/status/{submission.reference}/{'x' * 32}/rueckfrage/{info.pk}/").status_code
        == 404
    )
    other_url = f"{status_url(other)}rueckfrage/{info.pk}/"
    assert citizen.get(other_url).status_code == 404
    assert citizen.post(other_url, {"text": "Fremd"}).status_code == 404
    assert state(case) == before


def test_an_answered_request_cannot_be_answered_again(world: World, dueren_clerk: User) -> None:
    submission = submit(world)
    case = take(submission.case, dueren_clerk)
    info = ask(case, dueren_clerk)
    services.information_request_answer(request=info, text="Erledigt.", files=[])
    before = state(case)
    url = f"{status_url(submission)}rueckfrage/{info.pk}/"
    page = html(Client().post(url, {"text": "Noch einmal"}))
    assert "Diese Rückfrage ist bereits beantwortet oder hat sich erledigt." in page
    assert state(case) == before


def test_withdrawing_a_request_resumes_the_case(world: World, dueren_clerk: User) -> None:
    submission = submit(world)
    case = take(submission.case, dueren_clerk)
    info = ask(case, dueren_clerk)
    response = logged_in(dueren_clerk).post(
        f"/verwaltung/vorgaenge/{case.pk}/rueckfragen/{info.pk}/zurueckziehen/", follow=True
    )
    assert "Die Rückfrage ist zurückgezogen." in html(response)
    info.refresh_from_db()
    assert info.status == RequestStatus.WITHDRAWN
    assert Case.objects.get(pk=case.pk).status == CaseStatus.IN_PROGRESS
    page = html(Client().get(status_url(submission)))
    assert "hat sich erledigt" in page
    assert "Jetzt antworten" not in page
    before = state(case)
    services_refusal = logged_in(dueren_clerk).post(
        f"/verwaltung/vorgaenge/{case.pk}/rueckfragen/{info.pk}/zurueckziehen/", follow=True
    )
    assert "Diese Rückfrage ist nicht mehr offen." in html(services_refusal)
    assert state(case) == before


def test_requests_are_refused_with_bad_input(world: World, dueren_clerk: User) -> None:
    case = take(submit(world).case, dueren_clerk)
    client = logged_in(dueren_clerk)
    before = state(case)
    url = f"/verwaltung/vorgaenge/{case.pk}/rueckfrage/"
    for data, message in (
        ({"message": "", "due_on": due().isoformat()}, "Dieses Feld ist zwingend erforderlich."),
        (
            {"message": "Bitte", "due_on": timezone.localdate().isoformat()},
            "Die Frist muss in der Zukunft liegen.",
        ),
        ({"message": "Bitte", "due_on": "morgen"}, "Bitte ein gültiges Datum eingeben."),
        (
            {"message": "Bitte", "due_on": due().isoformat(), "items": "\n".join("abcdefghijk")},
            "Fordern Sie höchstens 10 Unterlagen auf einmal an.",
        ),
    ):
        response = client.post(url, {**data, "version": str(case.version)})
        assert response.status_code == 200
        assert message in html(response), message
    assert state(case) == before


def test_the_applicant_answers_while_a_statement_is_pending(
    world: World, dueren_clerk: User
) -> None:
    submission = submit(world)
    case = take(submission.case, dueren_clerk)
    services.participation_create(
        actor=dueren_clerk,
        case=case,
        requested=world.merzenich,
        kind="statement",
        subject="Stellungnahme",
        message="Bitte um Stellungnahme.",
        due_on=due(30),
        versions=[],
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WAITING_STATEMENT
    info = ask(case, dueren_clerk)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WAITING_APPLICANT
    services.information_request_answer(request=info, text="Hier.", files=[])
    # The statement is still open: the case waits for it.
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WAITING_STATEMENT


def test_no_request_outside_the_work_on_a_case(world: World, dueren_clerk: User) -> None:
    case = submit(world).case  # received: nobody works on it yet
    from django.core.exceptions import ValidationError

    services.case_assign(actor=dueren_clerk, case=case, assignee=dueren_clerk)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.GRANTED)
    case = Case.objects.get(pk=case.pk)
    before = state(case)
    with pytest.raises(ValidationError) as refused:
        ask(case, dueren_clerk)
    assert refused.value.code == "status"
    assert state(case) == before
