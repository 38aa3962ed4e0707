"""The end of a file's life: closing and its retention, the xdomea export, and the
Aussonderung (hand-over to the archive or deletion of the personal data).

Anna Schmidt of Merzenich applied for Kreis Düren's Reitkennzeichen; her file has
everything a file can have (a question answered with an upload, a statement of
Merzenich, a note, a document in two versions, the Bescheid) and is closed. The
package is checked against the official xdomea XSD where ../shared has it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from lxml import etree

from tests.applications.conftest import PDF_BYTES, World
from tests.cases.conftest import VG_AACHEN_LINE, clerk_of, process_for_dueren, submit, take
from tests.cases.test_xdomea import AKTE, DOKUMENT, NS, ROOT, texts
from tests.cases.test_xdomea import schema as schema  # the fixture
from tests.clients import logged_in
from verbund.accounts.models import User
from verbund.applications.links import status_token
from verbund.applications.models import Attachment, Submission
from verbund.authorities.models import Authority
from verbund.cases import records
from verbund.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    Decision,
    DisposalState,
    DocumentVersion,
    EventKind,
    InformationRequest,
    Participation,
    ParticipationKind,
    RecordsDisposal,
    RequestStatus,
)
from verbund.cases.services import (
    case_add_note,
    case_set_status,
    case_settings_save,
    case_type_save,
    decision_issue,
    document_add,
    document_add_version,
    information_request_answer,
    information_request_create,
    participation_answer,
    participation_create,
    stored_file_from_bytes,
)
from verbund.cases.xdomea import MESSAGE_TYPE
from verbund.core.models import AuditEntry

# Düren has entered its court: its Bescheide may go out.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dueren_court")]

NAME = "Anna Schmidt"
ERASED = "—"
REQUIRED = "Dieses Feld ist zwingend erforderlich."
SOURCE_TITLES = [
    "mit dem Antrag eingereicht",
    "von der Antragstellerin oder dem Antragsteller nachgereicht",
    "von der Sachbearbeitung abgelegt",
    "Bescheid",
]


# --- helpers ------------------------------------------------------------------------------


def case_url(case: Case) -> str:
    return f"/verwaltung/vorgaenge/{case.pk}/"


def export_url(case: Case) -> str:
    return f"/verwaltung/vorgaenge/{case.pk}/xdomea.zip"


def records_url(authority: Authority) -> str:
    return f"/verwaltung/behoerden/{authority.pk}/aussonderung/"


def package_url(authority: Authority, disposal: RecordsDisposal) -> str:
    return f"{records_url(authority)}{disposal.pk}/paket.zip"


def confirm_url(authority: Authority, disposal: RecordsDisposal) -> str:
    return f"{records_url(authority)}{disposal.pk}/bestaetigen/"


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def page(response: Any) -> str:
    return str(response.content.decode())


def stored_files() -> list[str]:
    root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def read(field: Any) -> bytes:
    with field.open("rb") as handle:
        return bytes(handle.read())


def entries(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def names(package: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.namelist()


def message_of(package: bytes) -> Any:
    first = names(package)[0]
    assert first.endswith(f"_{MESSAGE_TYPE}.xml")
    return etree.fromstring(entries(package)[first])


def after_retention(case: Case) -> dt.date:
    until = fresh(case).retention_until
    assert until is not None
    return until + dt.timedelta(days=1)


def snapshot(*cases: Case) -> dict[str, Any]:
    """What a refused Aussonderung (or export) must leave as it was."""
    return {
        "cases": [
            Case.objects.filter(pk=c.pk)
            .values("status", "disposal_state", "applicant_name", "version", "disposal_id")
            .get()
            for c in cases
        ],
        "answers": [Submission.objects.get(pk=c.submission_id).answers for c in cases],
        "disposals": RecordsDisposal.objects.count(),
        "audit": AuditEntry.objects.count(),
        "events": CaseEvent.objects.count(),
        "deleted": DocumentVersion.objects.filter(deleted_at__isnull=False).count(),
        "files": stored_files(),
    }


def pdf_file(name: str, marker: str) -> Any:
    return stored_file_from_bytes(name, "application/pdf", PDF_BYTES + f"% {marker}\n".encode())


def decide_and_close(case: Case, clerk: User) -> Case:
    decision_issue(
        actor=clerk,
        case=case,
        outcome="granted",
        body=f"Sehr geehrte Frau {NAME}, Ihrem Antrag wird stattgegeben.",
        remedy_notice=f"Klage beim {VG_AACHEN_LINE}, erhoben werden.",
        fee_amount=Decimal("12.00"),
        fee_note="Tarifstelle 12.3",
    )
    case_set_status(actor=clerk, case=case, status=CaseStatus.CLOSED, note="Akte geschlossen.")
    return fresh(case)


@pytest.fixture
def full_file(world: World, dueren_clerk: User, merzenich_clerk: User) -> Case:
    """Anna Schmidt's file with every kind of content, decided and closed."""
    case = take(submit(world, name=NAME).case, dueren_clerk)
    request = information_request_create(
        actor=dueren_clerk,
        case=case,
        message=f"Frau {NAME}, bitte reichen Sie die Police nach.",
        items=["Police der Haftpflichtversicherung"],
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    information_request_answer(
        request=request,
        text=f"Anbei die Police. {NAME}",
        files=[pdf_file(f"Police {NAME}.pdf", "police")],
    )
    participation = participation_create(
        actor=dueren_clerk,
        case=case,
        requested=world.merzenich,
        kind=ParticipationKind.STATEMENT,
        subject=f"Reitweg am Hof von {NAME}",
        message="Bitte nehmen Sie Stellung.",
        due_on=timezone.localdate() + dt.timedelta(days=30),
        versions=[],
    )
    participation_answer(
        actor=merzenich_clerk,
        participation=participation,
        outcome="no_objection",
        text=f"Keine Bedenken; {NAME} reitet dort seit Jahren.",
    )
    case_add_note(actor=dueren_clerk, case=case, text=f"{NAME} rief an und fragte nach.")
    memo = document_add(
        actor=dueren_clerk,
        case=case,
        title=f"Vermerk Ortstermin {NAME}",
        upload=pdf_file("Vermerk.pdf", "vermerk 1"),
    )
    document_add_version(
        actor=dueren_clerk, document=memo, upload=pdf_file("Vermerk korrigiert.pdf", "vermerk 2")
    )
    closed = decide_and_close(case, dueren_clerk)
    assert closed.status == CaseStatus.CLOSED
    assert CaseDocument.objects.filter(case=closed).count() == 4
    assert DocumentVersion.objects.filter(document__case=closed).count() == 5
    return closed


@pytest.fixture
def closed(world: World, dueren_clerk: User) -> Case:
    """A plain file: applied, decided, closed."""
    return decide_and_close(take(submit(world, name=NAME).case, dueren_clerk), dueren_clerk)


@pytest.fixture
def rhein_erft_admin(rhein_erft: Authority, demo_on: None) -> User:
    return clerk_of(rhein_erft, "lead.rhein-erft", admin=True)


# --- closing and retention ----------------------------------------------------------------


def _decided(world: World, clerk: User) -> Case:
    case = take(submit(world).case, clerk)
    decision_issue(
        actor=clerk,
        case=case,
        outcome="granted",
        body="Bewilligt.",
        remedy_notice="",
        fee_amount=Decimal("0"),
    )
    return fresh(case)


def _close_on_the_page(case: Case, clerk: User) -> Any:
    return logged_in(clerk).post(
        case_url(case),
        {"status": "closed", "version": str(fresh(case).version), "note": "Erledigt."},
    )


def test_closing_a_decided_case_keeps_it_ten_years(world: World, dueren_clerk: User) -> None:
    case = _decided(world, dueren_clerk)
    assert (case.closed_at, case.retention_until) == (None, None)
    before = timezone.now()

    response = _close_on_the_page(case, dueren_clerk)

    assert response.status_code == 303
    assert response["Location"] == case_url(case)
    row = fresh(case)
    assert row.status == CaseStatus.CLOSED
    assert row.closed_at is not None
    assert before <= row.closed_at <= timezone.now()
    year = timezone.localdate(row.closed_at).year
    assert row.retention_until == dt.date(year + 10, 12, 31)
    assert row.disposal_state == DisposalState.NONE
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.kind, event.status, event.public, event.note) == (
        EventKind.STATUS,
        CaseStatus.CLOSED,
        True,
        "Erledigt.",
    )
    assert AuditEntry.objects.latest("id").changes == {"status": ["granted", "closed"]}


def test_the_case_types_retention_counts_from_the_end_of_the_year(
    world: World, dueren_clerk: User, dueren_lead: User
) -> None:
    case_type_save(actor=dueren_lead, service=world.service, retention_years=30, disposal="archive")
    case = _decided(world, dueren_clerk)

    assert _close_on_the_page(case, dueren_clerk).status_code == 303

    row = fresh(case)
    assert row.closed_at is not None
    assert row.retention_until == dt.date(timezone.localdate(row.closed_at).year + 30, 12, 31)
    assert records.disposal_rule(row) == "archive"


def test_an_undecided_case_is_not_closed(world: World, dueren_clerk: User) -> None:
    case = take(submit(world).case, dueren_clerk)
    before = snapshot(case)

    response = _close_on_the_page(case, dueren_clerk)

    assert response.status_code == 200
    assert response.context["status_form"].errors == {
        "__all__": [
            "Ein Vorgang im Status „In Bearbeitung“ kann nicht nach „Abgeschlossen“ wechseln."
        ]
    }
    row = fresh(case)
    assert (row.status, row.closed_at, row.retention_until) == (CaseStatus.IN_PROGRESS, None, None)
    assert snapshot(case) == before


# --- the export of one file ---------------------------------------------------------------


@pytest.fixture
def archive_type(world: World, dueren_lead: User) -> None:
    """Reitkennzeichen files are kept 30 years and are worth archiving."""
    case_type_save(
        actor=dueren_lead,
        service=world.service,
        retention_years=30,
        disposal="archive",
        file_plan_code="622.1",
    )


def test_the_export_holds_every_document_with_every_version(
    archive_type: None, full_file: Case, dueren_lead: User
) -> None:
    assert full_file.closed_at is not None
    closed_in = timezone.localdate(full_file.closed_at).year
    assert full_file.retention_until == dt.date(closed_in + 30, 12, 31)
    before = snapshot(full_file)

    response = logged_in(dueren_lead).get(export_url(full_file))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    process_id = disposition.removeprefix('attachment; filename="').removesuffix(
        f'_{MESSAGE_TYPE}.zip"'
    )
    package = response.content
    contents = entries(package)
    assert names(package)[0] == f"{process_id}_{MESSAGE_TYPE}.xml"
    tree = message_of(package)
    assert texts(tree, f"{ROOT}/x:Kopf/x:ProzessID") == [process_id]
    assert texts(tree, f"{ROOT}/x:Kopf/x:Absender/x:Institution/x:Name") == ["Kreis Düren"]
    assert texts(tree, f"{ROOT}/x:Kopf/x:Empfaenger/x:Institution/x:Name") == ["Archiv von Düren"]
    assert texts(tree, f"{AKTE}/x:Identifikation/x:ID") == [str(records.records_file_id(full_file))]
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Kennzeichen") == [full_file.file_number]
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Betreff") == [
        f"Reitkennzeichen beantragen – {full_file.reference}"
    ]
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Aktenplaneinheit/x:Kennzeichen") == [
        "622.1"
    ]
    archival = f"{AKTE}/x:ArchivspezifischeMetadaten"
    assert texts(tree, f"{archival}/x:Aussonderungsart/x:Aussonderungsart/code") == ["A"]
    assert texts(tree, f"{archival}/x:Aufbewahrungsdauer/x:AnzahlJahre") == ["30"]
    assert texts(tree, f"{archival}/x:Aufbewahrungsende") == [f"{closed_in + 30}-12-31"]
    closed_on = timezone.localdate(full_file.closed_at).isoformat()
    assert texts(tree, f"{AKTE}/x:Laufzeit/x:Ende") == [closed_on]
    assert texts(tree, f"{AKTE}/x:ZdADatum") == [closed_on]

    documents = list(CaseDocument.objects.filter(case=full_file).order_by("created_at", "id"))
    assert texts(tree, f"{DOKUMENT}/x:AllgemeineMetadaten/x:Betreff") == [
        "Antrag (Eingangsbestätigung mit allen Angaben)",
        "Nachweis der Versicherung",
        f"Nachgereicht: Police {NAME}.pdf",
        f"Vermerk Ortstermin {NAME}",
        f"Bescheid vom {timezone.localdate().strftime('%d.%m.%Y')}",
    ]
    assert texts(tree, f"{DOKUMENT}/x:Identifikation/x:ID")[1:] == [str(d.id) for d in documents]
    assert texts(tree, f"{DOKUMENT}/x:Version/x:Nummer") == ["1", "1", "1", "1", "2", "1"]

    # Every stored version is in the ZIP under its Dateiname, byte for byte.
    primary = texts(tree, f"{DOKUMENT}/x:Version/x:Format/x:Primaerdokument/x:Dateiname")
    assert sorted(contents) == sorted([names(package)[0], *primary])
    sums = dict(
        zip(
            texts(tree, f"{DOKUMENT}/x:AnwendungsspezifischeErweiterung/x:Feld/x:Name"),
            texts(tree, f"{DOKUMENT}/x:AnwendungsspezifischeErweiterung/x:Feld/x:Wert"),
            strict=True,
        )
    )
    assert sorted(sums) == sorted(primary)
    for name in primary:
        assert hashlib.sha256(contents[name]).hexdigest() == sums[name]
    versions = DocumentVersion.objects.filter(document__case=full_file)
    assert versions.count() == 5
    for version in versions:
        entry = next(n for n in primary if n.startswith(f"{version.document_id}_{version.number}_"))
        assert hashlib.sha256(contents[entry]).hexdigest() == version.sha256
        assert contents[entry] == read(version.file)
    receipt = primary[0]
    receipt_id = texts(tree, f"{DOKUMENT}/x:Identifikation/x:ID")[0]
    assert receipt == f"{receipt_id}_1_Antrag_{full_file.reference}.pdf"
    assert contents[receipt].startswith(b"%PDF-")
    # The export changes nothing of the file; that its data left is in the audit trail.
    exported = AuditEntry.objects.latest("id")
    assert (exported.action, exported.actor, exported.changes) == (
        "case.exported",
        dueren_lead,
        {
            "file": full_file.file_number,
            "process_id": process_id,
            "package_sha256": hashlib.sha256(package).hexdigest(),
        },
    )
    assert snapshot(full_file) == {**before, "audit": before["audit"] + 1}


def test_the_package_keeps_the_retention_fixed_at_closing(
    world: World, closed: Case, dueren_lead: User
) -> None:
    # Closed under the default ten years; the builder later changes the case type.
    assert closed.closed_at is not None
    closed_in = timezone.localdate(closed.closed_at).year
    assert closed.retention_until == dt.date(closed_in + 10, 12, 31)
    case_type_save(actor=dueren_lead, service=world.service, retention_years=30, disposal="archive")

    tree = message_of(logged_in(dueren_lead).get(export_url(closed)).content)

    archival = f"{AKTE}/x:ArchivspezifischeMetadaten"
    assert texts(tree, f"{archival}/x:Aufbewahrungsdauer/x:AnzahlJahre") == ["10"]
    assert texts(tree, f"{archival}/x:Aufbewahrungsende") == [f"{closed_in + 10}-12-31"]
    # What happens now follows the case type as it is today.
    assert texts(tree, f"{archival}/x:Aussonderungsart/x:Aussonderungsart/code") == ["A"]


@pytest.mark.shared_data
def test_the_export_validates_against_the_official_schema(
    schema: Any, full_file: Case, dueren_lead: User
) -> None:
    response = logged_in(dueren_lead).get(export_url(full_file))
    assert response.status_code == 200
    schema.assertValid(message_of(response.content))


def test_an_open_file_is_not_exported(world: World, dueren_clerk: User, dueren_lead: User) -> None:
    case = _decided(world, dueren_clerk)
    before = snapshot(case)
    client = logged_in(dueren_lead)

    response = client.get(export_url(case))

    assert response.status_code == 303
    assert response["Location"] == case_url(case)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Nur geschlossene Akten werden ausgesondert." in page(client.get(case_url(case)))
    assert snapshot(case) == before


def test_only_the_authoritys_admins_export(
    closed: Case, dueren_clerk: User, rhein_erft_admin: User, merzenich_clerk: User
) -> None:
    before = snapshot(closed)
    assert logged_in(dueren_clerk).get(export_url(closed)).status_code == 403
    assert logged_in(rhein_erft_admin).get(export_url(closed)).status_code == 404
    assert logged_in(merzenich_clerk).get(export_url(closed)).status_code == 404
    assert snapshot(closed) == before


# --- the Aussonderung through the services ------------------------------------------------


def assert_erased(case: Case, disposal: RecordsDisposal, before: dict[str, Any]) -> None:
    """The personal data of ``case`` is gone; its skeleton (``before``) is kept."""
    row = fresh(case)
    assert (row.applicant_name, row.applicant_key, row.attention) == ("", "", "")
    assert row.disposal == disposal
    assert row.disposal_state == disposal.kind
    for field in ("reference", "file_number", "status", "received_at", "closed_at"):
        assert getattr(row, field) == before["case"][field], field
    assert row.retention_until == before["case"]["retention_until"]
    assert row.status == CaseStatus.CLOSED

    submission = Submission.objects.get(pk=case.submission_id)
    assert (submission.answers, submission.applicant_name, submission.email) == ({}, "", "")
    assert submission.reference == row.reference

    versions = list(DocumentVersion.objects.filter(document__case=case).order_by("id"))
    assert [(v.pk, v.sha256, v.size, v.number) for v in versions] == before["versions"]
    assert {(v.file.name, v.filename, v.deleted_at) for v in versions} == {
        ("", ERASED, disposal.created_at)
    }
    attachments = list(Attachment.objects.filter(submission_id=case.submission_id))
    assert [(a.file.name, a.filename, a.sha256) for a in attachments] == [
        ("", ERASED, before["attachment_sha256"])
    ]
    assert [d.title for d in CaseDocument.objects.filter(case=case)] == before["document_titles"]

    events = list(CaseEvent.objects.filter(case=case).order_by("id"))
    assert [e.note for e in events[:-1]] == [""] * (len(events) - 1)
    assert len(events) == before["events"] + 1
    last = events[-1]
    assert (last.kind, last.public, last.status, last.note, last.actor_id) == (
        EventKind.RECORDS,
        False,
        CaseStatus.CLOSED,
        disposal.get_kind_display(),
        disposal.actor_id,
    )
    for request in InformationRequest.objects.filter(case=case):
        assert (request.message, request.items, request.answer_text) == (ERASED, [], "")
        assert request.status == RequestStatus.ANSWERED
    for participation in Participation.objects.filter(case=case):
        assert (participation.subject, participation.message, participation.answer_text) == (
            ERASED,
            ERASED,
            "",
        )
        assert participation.outcome == "no_objection"
    decision = Decision.objects.get(case=case)
    assert (decision.body, decision.outcome, decision.fee_amount) == (
        ERASED,
        "granted",
        Decimal("12.00"),
    )
    # The name is nowhere in the audit trail, not even in what the disposal recorded.
    audit = json.dumps(
        [[e.changes, e.object_repr] for e in AuditEntry.objects.all()], ensure_ascii=False
    )
    assert NAME not in audit
    assert "Schmidt" not in audit
    assert NAME not in json.dumps(disposal.record, ensure_ascii=False)


def skeleton(case: Case) -> dict[str, Any]:
    row = fresh(case)
    return {
        "case": Case.objects.filter(pk=case.pk).values().get(),
        "versions": [
            (v.pk, v.sha256, v.size, v.number)
            for v in DocumentVersion.objects.filter(document__case=row).order_by("id")
        ],
        "attachment_sha256": Attachment.objects.get(submission_id=row.submission_id).sha256,
        "document_titles": [
            {
                "application": SOURCE_TITLES[0],
                "applicant": SOURCE_TITLES[1],
                "clerk": SOURCE_TITLES[2],
                "decision": SOURCE_TITLES[3],
            }[d.source]
            for d in CaseDocument.objects.filter(case=row)
        ],
        "events": CaseEvent.objects.filter(case=row).count(),
        "notes": CaseEvent.objects.filter(case=row).exclude(note="").count(),
    }


def test_the_hand_over_packs_the_file_and_deletes_its_personal_data(
    world: World,
    full_file: Case,
    dueren_lead: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case_settings_save(actor=dueren_lead, authority=world.dueren, archive_name="Kreisarchiv Düren")
    today = after_retention(full_file)
    assert list(records.records_due(world.dueren, today=today)) == [full_file]
    assert list(records.records_due(world.dueren, today=today - dt.timedelta(days=1))) == []
    before = skeleton(full_file)
    digests = sorted({sha for _pk, sha, _size, _number in before["versions"]})
    old_files = stored_files()
    assert len(old_files) == 5  # the attachment (also its document's version) and four more

    with django_capture_on_commit_callbacks(execute=True):
        disposal = records.records_hand_over(
            actor=dueren_lead, authority=world.dueren, cases=[full_file], today=today
        )

    disposal.refresh_from_db()
    assert disposal.kind == RecordsDisposal.Kind.ARCHIVED
    assert disposal.authority == world.dueren
    assert disposal.actor == dueren_lead
    assert disposal.recipient == "Kreisarchiv Düren"
    assert disposal.confirmed_at is None
    package = read(disposal.package)
    assert disposal.package_sha256 == hashlib.sha256(package).hexdigest()
    assert disposal.package_size == len(package)
    assert stored_files() == [disposal.package.name]
    tree = message_of(package)
    assert texts(tree, f"{ROOT}/x:Kopf/x:ProzessID") == [str(disposal.pk)]
    assert texts(tree, f"{ROOT}/x:Kopf/x:Empfaenger/x:Institution/x:Name") == ["Kreisarchiv Düren"]
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Kennzeichen") == [full_file.file_number]
    assert len(tree.xpath(DOKUMENT, namespaces=NS)) == 5
    # The archive receives the content that is deleted here.
    contents = entries(package)
    package_digests = {hashlib.sha256(data).hexdigest() for data in contents.values()}
    assert set(digests) <= package_digests
    assert disposal.record == {
        "cases": [
            {
                "file": full_file.file_number,
                "documents": 5,
                "digests": digests,
                "notes": before["notes"],
            }
        ]
    }
    assert_erased(full_file, disposal, before)
    audit = AuditEntry.objects.get(action="records.archived")
    assert audit.actor == dueren_lead
    assert audit.authority_id == world.dueren.pk
    assert audit.object_id == str(disposal.pk)
    assert audit.changes == {
        "files": [full_file.file_number],
        "documents": 5,
        "package_sha256": disposal.package_sha256,
    }
    assert list(records.records_due(world.dueren, today=today)) == []


def test_after_the_hand_over_the_pages_show_no_personal_data(
    world: World,
    full_file: Case,
    dueren_lead: User,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        records.records_hand_over(
            actor=dueren_lead,
            authority=world.dueren,
            cases=[full_file],
            today=after_retention(full_file),
        )
    staff_page = logged_in(dueren_lead).get(case_url(full_file))
    assert staff_page.status_code == 200
    html = page(staff_page)
    assert full_file.file_number in html
    assert "Schmidt" not in html
    assert "Valdersweg" not in html
    submission = Submission.objects.get(pk=full_file.submission_id)
    status = f"/status/{submission.reference}/{status_token(submission)}/"
    public = page(client.get(status))
    assert "Ihr Bescheid liegt vor" not in public
    assert "Schmidt" not in public
    assert client.get(f"{status}bescheid.pdf").status_code == 404


@pytest.mark.shared_data
def test_the_hand_over_package_validates_against_the_official_schema(
    schema: Any, world: World, full_file: Case, dueren_lead: User
) -> None:
    disposal = records.records_hand_over(
        actor=dueren_lead,
        authority=world.dueren,
        cases=[full_file],
        today=after_retention(full_file),
    )
    schema.assertValid(message_of(read(disposal.package)))


def test_the_archive_confirms_receipt_once(
    world: World, closed: Case, dueren_lead: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        disposal = records.records_hand_over(
            actor=dueren_lead, authority=world.dueren, cases=[closed], today=after_retention(closed)
        )
    assert disposal.recipient == "Archiv von Düren"
    package_name, digest = disposal.package.name, disposal.package_sha256
    assert stored_files() == [package_name]

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = records.records_confirm_receipt(actor=dueren_lead, disposal=disposal)

    row = RecordsDisposal.objects.get(pk=disposal.pk)
    assert row.confirmed_at is not None
    assert row.confirmed_at == confirmed.confirmed_at
    assert row.package.name == ""
    assert row.package_sha256 == digest
    assert stored_files() == []
    audit = AuditEntry.objects.latest("id")
    assert (audit.action, audit.actor, audit.changes) == (
        "records.receipt_confirmed",
        dueren_lead,
        {"package_sha256": digest},
    )

    audit_count = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        records.records_confirm_receipt(actor=dueren_lead, disposal=row)
    assert refused.value.code == "not_pending"
    assert refused.value.messages == ["Für diese Aussonderung ist nichts zu bestätigen."]
    assert AuditEntry.objects.count() == audit_count
    assert RecordsDisposal.objects.get(pk=disposal.pk).confirmed_at == row.confirmed_at


def test_destroying_deletes_the_personal_data_without_a_package(
    world: World, full_file: Case, dueren_lead: User, django_capture_on_commit_callbacks: Any
) -> None:
    before = skeleton(full_file)
    with django_capture_on_commit_callbacks(execute=True):
        disposal = records.records_destroy(
            actor=dueren_lead,
            authority=world.dueren,
            cases=[full_file],
            today=after_retention(full_file),
        )
    disposal.refresh_from_db()
    assert disposal.kind == RecordsDisposal.Kind.DESTROYED
    assert (disposal.package.name, disposal.package_sha256, disposal.package_size) == ("", "", 0)
    assert disposal.recipient == ""
    assert stored_files() == []
    assert_erased(full_file, disposal, before)
    assert fresh(full_file).disposal_state == DisposalState.DESTROYED
    assert AuditEntry.objects.get(action="records.destroyed").changes == {
        "files": [full_file.file_number],
        "documents": 5,
        "package_sha256": "",
    }
    with pytest.raises(ValidationError) as refused:
        records.records_confirm_receipt(actor=dueren_lead, disposal=disposal)
    assert refused.value.code == "not_pending"


def test_files_are_disposed_of_together(
    world: World, dueren_clerk: User, dueren_lead: User, django_capture_on_commit_callbacks: Any
) -> None:
    first = decide_and_close(take(submit(world, name=NAME).case, dueren_clerk), dueren_clerk)
    second = decide_and_close(
        take(submit(world, name="Bernd Weber").case, dueren_clerk), dueren_clerk
    )
    with django_capture_on_commit_callbacks(execute=True):
        disposal = records.records_hand_over(
            actor=dueren_lead,
            authority=world.dueren,
            cases=[second, first],
            today=after_retention(first),
        )
    tree = message_of(read(disposal.package))
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Kennzeichen") == [
        first.file_number,
        second.file_number,
    ]
    assert [entry["file"] for entry in disposal.record["cases"]] == [
        first.file_number,
        second.file_number,
    ]
    assert AuditEntry.objects.get(action="records.archived").changes["files"] == [
        first.file_number,
        second.file_number,
    ]
    assert list(
        Case.objects.filter(pk__in=[first.pk, second.pk]).values_list("disposal_state", flat=True)
    ) == ["archived", "archived"]


# --- refusals -----------------------------------------------------------------------------


def _refused(
    call: Any, cases: list[Case], *, code: str, message: str, watch: list[Case] | None = None
) -> None:
    before = snapshot(*(watch or cases))
    with pytest.raises(ValidationError) as refused:
        call(cases)
    assert refused.value.code == code
    assert refused.value.messages == [message]
    assert snapshot(*(watch or cases)) == before


@pytest.mark.parametrize("dispose", [records.records_hand_over, records.records_destroy])
def test_a_file_not_yet_due_is_refused(
    world: World, closed: Case, dueren_lead: User, dispose: Any
) -> None:
    until = fresh(closed).retention_until
    _refused(
        lambda cases: dispose(actor=dueren_lead, authority=world.dueren, cases=cases, today=until),
        [closed],
        code="not_due",
        message=f"Nicht zur Aussonderung fällig: {closed.file_number}.",
    )


def test_an_open_file_is_refused(world: World, dueren_clerk: User, dueren_lead: User) -> None:
    decided = _decided(world, dueren_clerk)
    # Even with a retention end in the past, a file that is not closed stays.
    Case.objects.filter(pk=decided.pk).update(retention_until=dt.date(2000, 12, 31))
    _refused(
        lambda cases: records.records_hand_over(
            actor=dueren_lead, authority=world.dueren, cases=cases, today=dt.date(2099, 1, 1)
        ),
        [decided],
        code="not_due",
        message=f"Nicht zur Aussonderung fällig: {decided.file_number}.",
    )


def test_an_empty_selection_is_refused(world: World, closed: Case, dueren_lead: User) -> None:
    _refused(
        lambda cases: records.records_destroy(
            actor=dueren_lead, authority=world.dueren, cases=cases, today=after_retention(closed)
        ),
        [],
        code="empty",
        message="Bitte wählen Sie mindestens eine Akte.",
        watch=[closed],
    )


def test_another_authoritys_file_is_refused_and_nothing_is_disposed(
    world: World,
    closed: Case,
    rhein_erft: Authority,
    rhein_erft_clerk: User,
    dueren_lead: User,
) -> None:
    process_for_dueren(world, rhein_erft)
    foreign = take(submit(world).case, rhein_erft_clerk)
    Case.objects.filter(pk=foreign.pk).update(
        status=CaseStatus.CLOSED, closed_at=timezone.now(), retention_until=closed.retention_until
    )
    # The whole selection is refused: Düren's due file stays as well.
    _refused(
        lambda cases: records.records_hand_over(
            actor=dueren_lead, authority=world.dueren, cases=cases, today=after_retention(closed)
        ),
        [closed, foreign],
        code="not_due",
        message=f"Nicht zur Aussonderung fällig: {foreign.file_number}.",
    )


def test_a_file_is_disposed_of_once(world: World, closed: Case, dueren_lead: User) -> None:
    today = after_retention(closed)
    records.records_destroy(actor=dueren_lead, authority=world.dueren, cases=[closed], today=today)
    for dispose in (records.records_hand_over, records.records_destroy):
        _refused(
            lambda cases, dispose=dispose: dispose(
                actor=dueren_lead, authority=world.dueren, cases=cases, today=today
            ),
            [fresh(closed)],
            code="not_due",
            message=f"Nicht zur Aussonderung fällig: {closed.file_number}.",
        )
    assert RecordsDisposal.objects.count() == 1
    with pytest.raises(ValidationError) as refused:
        records.records_file(fresh(closed))
    assert refused.value.code == "disposed"


# --- the records page ---------------------------------------------------------------------


def _due(case: Case) -> Case:
    """Make the retention of ``case`` end yesterday."""
    Case.objects.filter(pk=case.pk).update(
        retention_until=timezone.localdate() - dt.timedelta(days=1)
    )
    return fresh(case)


def test_the_records_page_lists_due_files_and_hands_them_over(
    world: World, closed: Case, dueren_lead: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = logged_in(dueren_lead)
    assert "Keine Akte ist zur Aussonderung fällig." in page(client.get(records_url(world.dueren)))
    due = _due(closed)

    response = client.get(records_url(world.dueren))

    assert response.status_code == 200
    assert response.context["due"] == [(due, "appraise")]
    html = page(response)
    assert (
        f'<a class="kern-link" href="{case_url(due)}" translate="no">{due.file_number}</a>'
        " – Reitkennzeichen beantragen" in html
    )
    assert due.retention_until is not None
    assert due.retention_until.strftime("%d.%m.%Y") in html
    assert "Noch keine Aussonderung." in html

    # Without the confirmation nothing happens.
    before = snapshot(due)
    unconfirmed = client.post(
        records_url(world.dueren), {"action": "hand_over", "cases": [str(due.pk)]}
    )
    assert unconfirmed.status_code == 200
    assert unconfirmed.context["form"].errors == {"confirm": [REQUIRED]}
    assert snapshot(due) == before
    # Nor with a file that is not offered.
    unknown = client.post(
        records_url(world.dueren),
        {"action": "hand_over", "cases": [str(due.pk + 1000)], "confirm": "on"},
    )
    assert unknown.status_code == 200
    assert list(unknown.context["form"].errors) == ["cases"]
    assert snapshot(due) == before

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            records_url(world.dueren),
            {"action": "hand_over", "cases": [str(due.pk)], "confirm": "on"},
        )

    assert done.status_code == 303
    assert done["Location"] == records_url(world.dueren)
    disposal = RecordsDisposal.objects.get()
    assert (disposal.kind, disposal.actor) == ("archived", dueren_lead)
    assert fresh(due).disposal_state == DisposalState.ARCHIVED
    html = page(client.get(records_url(world.dueren)))
    assert "1 Akte: an das Archiv abgegeben." in html
    assert "Keine Akte ist zur Aussonderung fällig." in html
    assert f'href="{package_url(world.dueren, disposal)}" download>' in html
    assert f'action="{confirm_url(world.dueren, disposal)}"' in html
    assert disposal.package_sha256 in html

    download = client.get(package_url(world.dueren, disposal))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{disposal.pk}_Aussonderung.Aussonderung.0503.zip"'
    )
    data = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert hashlib.sha256(data).hexdigest() == disposal.package_sha256

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(confirm_url(world.dueren, disposal))
    assert confirmed.status_code == 303
    assert confirmed["Location"] == records_url(world.dueren)
    row = RecordsDisposal.objects.get()
    assert row.confirmed_at is not None
    assert (row.package.name, row.package_sha256) == ("", disposal.package_sha256)
    assert stored_files() == []
    html = page(client.get(records_url(world.dueren)))
    assert "Der Empfang ist bestätigt; das Paket ist gelöscht." in html
    assert f'href="{package_url(world.dueren, disposal)}"' not in html
    assert client.get(package_url(world.dueren, disposal)).status_code == 404
    assert (
        f"Empfang bestätigt am {timezone.localtime(row.confirmed_at).strftime('%d.%m.%Y')}" in html
    )

    audit = AuditEntry.objects.count()
    again = client.post(confirm_url(world.dueren, disposal))
    assert again.status_code == 303
    assert "Für diese Aussonderung ist nichts zu bestätigen." in page(
        client.get(records_url(world.dueren))
    )
    assert AuditEntry.objects.count() == audit


def test_the_records_page_destroys(
    world: World, closed: Case, dueren_lead: User, django_capture_on_commit_callbacks: Any
) -> None:
    due = _due(closed)
    client = logged_in(dueren_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            records_url(world.dueren),
            {"action": "destroy", "cases": [str(due.pk)], "confirm": "on"},
        )
    assert response.status_code == 303
    disposal = RecordsDisposal.objects.get()
    assert disposal.kind == "destroyed"
    assert fresh(due).disposal_state == DisposalState.DESTROYED
    assert Submission.objects.get(pk=due.submission_id).answers == {}
    assert stored_files() == []
    html = page(client.get(records_url(world.dueren)))
    assert "1 Akte: personenbezogene Daten gelöscht." in html
    assert "paket.zip" not in html
    assert client.get(package_url(world.dueren, disposal)).status_code == 404


def test_only_the_authoritys_admins_use_the_records_page(
    world: World,
    closed: Case,
    dueren_clerk: User,
    dueren_lead: User,
    rhein_erft: Authority,
    rhein_erft_admin: User,
) -> None:
    due = _due(closed)
    disposal = records.records_hand_over(
        actor=dueren_lead,
        authority=world.dueren,
        cases=[due],
        today=timezone.localdate(),
    )
    second = _due(decide_and_close(take(submit(world).case, dueren_clerk), dueren_clerk))
    before = snapshot(second)
    data = {"action": "destroy", "cases": [str(second.pk)], "confirm": "on"}

    clerk = logged_in(dueren_clerk)
    assert clerk.get(records_url(world.dueren)).status_code == 403
    assert clerk.post(records_url(world.dueren), data).status_code == 403
    assert clerk.get(package_url(world.dueren, disposal)).status_code == 403
    assert clerk.post(confirm_url(world.dueren, disposal)).status_code == 403

    other = logged_in(rhein_erft_admin)
    assert other.get(records_url(world.dueren)).status_code == 404
    assert other.post(records_url(world.dueren), data).status_code == 404
    assert other.get(package_url(world.dueren, disposal)).status_code == 404
    assert other.post(confirm_url(world.dueren, disposal)).status_code == 404
    # Its own page does not reach Düren's disposal either.
    assert other.get(package_url(rhein_erft, disposal)).status_code == 404
    assert other.post(confirm_url(rhein_erft, disposal)).status_code == 404

    assert snapshot(second) == before
    assert RecordsDisposal.objects.get().confirmed_at is None
