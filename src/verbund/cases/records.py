"""Records management (Schriftgutverwaltung): the end of a file's life.

A closed file is kept until ``Case.retention_until`` (the end of the year it was
closed plus the case type's retention years). Then its authority's admins
either hand it to the archive as an xdomea 3.0.0 Aussonderung.0503 package
(``xdomea.py``) or delete its personal data. Both are recorded in a
:class:`RecordsDisposal` row, in the file's history and in the audit trail;
what stays on the platform is the file's skeleton (reference, file number,
service, dates, statuses, the documents' digests), which no longer names a
person. A package stays downloadable until the archive confirms receipt; then
only its SHA-256 remains.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.applications.models import Attachment, Submission
from verbund.applications.receipt import render_receipt
from verbund.authorities.models import Authority
from verbund.cases import hooks, xdomea
from verbund.cases.letters import official_name
from verbund.cases.models import (
    DEFAULT_RETENTION_YEARS,
    Case,
    CaseDocument,
    CaseEvent,
    CaseSettings,
    CaseStatus,
    CaseType,
    Decision,
    Disposal,
    DisposalState,
    DocumentSource,
    DocumentVersion,
    EventKind,
    InformationRequest,
    Participation,
    RecordsDisposal,
)
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record
from verbund.core.storage import private_storage

ERASED = "—"
MAX_PER_DISPOSAL = 500


def records_due(authority: Authority, *, today: dt.date | None = None) -> QuerySet[Case]:
    """Closed files of ``authority`` whose retention has ended and that are still here."""
    today = today or timezone.localdate()
    return (
        Case.objects.filter(
            authority=authority,
            status=CaseStatus.CLOSED,
            retention_until__lt=today,
            disposal_state=DisposalState.NONE,
        )
        .select_related("service")
        .order_by("retention_until", "id")
    )


def _case_type(case: Case) -> CaseType | None:
    return CaseType.objects.filter(service_id=case.service_id).first()


def disposal_rule(case: Case) -> str:
    case_type = _case_type(case)
    return case_type.disposal if case_type else Disposal.APPRAISE


def _party(authority: Authority) -> xdomea.Party:
    settings_row = CaseSettings.objects.filter(authority=authority).first()
    return xdomea.Party(
        institution=official_name(authority),
        unit=settings_row.department if settings_row else "",
        ars=authority.ars,
    )


def _archive(authority: Authority) -> xdomea.Party:
    settings_row = CaseSettings.objects.filter(authority=authority).first()
    name = settings_row.archive_name if settings_row and settings_row.archive_name else ""
    return xdomea.Party(institution=name or _("Archiv von %(name)s") % {"name": authority.name})


def records_file_id(case: Case) -> uuid.UUID:
    """A stable id of the file for the archive, derived from its reference."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:verbund:case:{case.reference}")


def _read(version: DocumentVersion) -> bytes:
    with version.file.open("rb") as handle:
        return bytes(handle.read())


def records_file(case: Case) -> xdomea.RecordsFile:
    """The file of a closed case as xdomea sees it: the application as PDF (its
    receipt), then every document with every version."""
    if case.status != CaseStatus.CLOSED or case.closed_at is None:
        raise ValidationError(_("Nur geschlossene Akten werden ausgesondert."), code="open")
    if case.disposal_state:
        raise ValidationError(
            _("Die personenbezogenen Daten dieser Akte sind bereits gelöscht."), code="disposed"
        )
    case_type = _case_type(case)
    receipt = render_receipt(case.submission)
    documents = [
        xdomea.Document(
            id=uuid.uuid5(records_file_id(case), "antrag"),
            title=_("Antrag (Eingangsbestätigung mit allen Angaben)"),
            created_at=case.received_at,
            versions=(
                xdomea.DocumentVersion(
                    number=1,
                    filename=f"Antrag {case.reference}.pdf",
                    content_type="application/pdf",
                    sha256=hashlib.sha256(receipt).hexdigest(),
                    created_at=case.received_at,
                    content=receipt,
                ),
            ),
        )
    ]
    for document in CaseDocument.objects.filter(case=case).prefetch_related("versions"):
        versions = tuple(
            xdomea.DocumentVersion(
                number=v.number,
                filename=v.filename,
                content_type=v.content_type,
                sha256=v.sha256,
                created_at=v.created_at,
                content=_read(v),
            )
            for v in sorted(document.versions.all(), key=lambda v: v.number)
        )
        documents.append(
            xdomea.Document(
                id=document.id,
                title=document.title,
                created_at=document.created_at,
                versions=versions,
            )
        )
    notes = tuple(
        f"{timezone.localtime(e.created_at):%d.%m.%Y %H:%M} {e.get_kind_display()}: "
        f"{e.get_status_display()}"
        for e in CaseEvent.objects.filter(case=case).order_by("created_at", "id")
    )
    return xdomea.RecordsFile(
        id=records_file_id(case),
        file_number=case.file_number,
        title=f"{case.service.title} – {case.reference}",
        file_plan_code=case_type.file_plan_code if case_type else "",
        opened_on=timezone.localdate(case.received_at),
        closed_on=timezone.localdate(case.closed_at),
        retention_years=_retention_years(case, case_type),
        disposal=case_type.disposal if case_type else Disposal.APPRAISE,
        documents=tuple(documents),
        notes=notes,
        retention_ends_on=case.retention_until,
    )


def _retention_years(case: Case, case_type: CaseType | None) -> int:
    """The years this file is kept: fixed when it was closed (``retention_until``), so
    that a later change of the case type does not contradict the file's own end date."""
    if case.retention_until is not None and case.closed_at is not None:
        return case.retention_until.year - timezone.localdate(case.closed_at).year
    return case_type.retention_years if case_type else DEFAULT_RETENTION_YEARS


def case_export(*, actor: Actor, case: Case, now: dt.datetime | None = None) -> tuple[str, bytes]:
    """One closed file as an xdomea package, for download. The file itself does not
    change; that its personal data left the platform is recorded in the audit trail."""
    process_id = uuid.uuid4()
    data = xdomea.aussonderung_package(
        process_id=process_id,
        sender=_party(case.authority),
        recipient=_archive(case.authority),
        files=[records_file(case)],
        created_at=now or timezone.now(),
    )
    audit_record(
        actor=actor,
        action="case.exported",
        obj=case,
        authority=case.authority_id,
        changes={
            "file": case.file_number,
            "process_id": str(process_id),
            "package_sha256": hashlib.sha256(data).hexdigest(),
        },
    )
    return xdomea.package_name(process_id), data


def _checked(authority: Authority, cases: Sequence[Case], today: dt.date) -> list[Case]:
    if not cases:
        raise ValidationError(_("Bitte wählen Sie mindestens eine Akte."), code="empty")
    if len(cases) > MAX_PER_DISPOSAL:
        raise ValidationError(
            _("Höchstens %(n)d Akten auf einmal.") % {"n": MAX_PER_DISPOSAL}, code="too_many"
        )
    due = set(
        records_due(authority, today=today)
        .filter(pk__in=[c.pk for c in cases])
        .values_list("pk", flat=True)
    )
    late = [c for c in cases if c.pk not in due]
    if late:
        raise ValidationError(
            _("Nicht zur Aussonderung fällig: %(files)s.")
            % {"files": ", ".join(c.file_number for c in late)},
            code="not_due",
        )
    return list(Case.objects.select_for_update().filter(pk__in=due).order_by("id"))


def _erase(case: Case, *, at: dt.datetime, deleted_files: list[str]) -> dict[str, Any]:
    """Delete the personal data of ``case``; returns what was deleted (no personal data)."""
    versions = list(DocumentVersion.objects.filter(document__case=case, deleted_at__isnull=True))
    digests = sorted({v.sha256 for v in versions})
    for version in versions:
        if version.file.name:
            deleted_files.append(version.file.name)
    DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).update(
        filename=ERASED, file="", deleted_at=at
    )
    for document in CaseDocument.objects.filter(case=case):
        document.title = DocumentSource(document.source).label[:200]
        document.save(update_fields=["title"])
    attachments = Attachment.objects.filter(submission_id=case.submission_id)
    deleted_files += [a.file.name for a in attachments if a.file.name]
    attachments.update(filename=ERASED, file="")
    Submission.objects.filter(pk=case.submission_id).update(answers={}, applicant_name="", email="")
    InformationRequest.objects.filter(case=case).update(message=ERASED, items=[], answer_text="")
    Participation.objects.filter(case=case).update(subject=ERASED, message=ERASED, answer_text="")
    Decision.objects.filter(case=case).update(body=ERASED)
    for listener in hooks.PERSONAL_DATA_ERASED:
        listener(case=case)
    events = CaseEvent.objects.filter(case=case).exclude(note="")
    notes = events.count()
    events.update(note="")
    case.applicant_name = ""
    case.applicant_key = ""
    case.attention = ""
    return {
        "file": case.file_number,
        "documents": len(versions),
        "digests": digests,
        "notes": notes,
    }


def _dispose(
    *,
    actor: Actor,
    authority: Authority,
    cases: Sequence[Case],
    kind: str,
    today: dt.date | None = None,
) -> RecordsDisposal:
    today = today or timezone.localdate()
    files: list[str] = []
    package_name = ""
    with transaction.atomic():
        locked = _checked(authority, cases, today)
        now = timezone.now()
        disposal = RecordsDisposal(
            authority=authority, kind=kind, created_at=now, actor_id=actor_id(actor)
        )
        if kind == RecordsDisposal.Kind.ARCHIVED:
            recipient = _archive(authority)
            data = xdomea.aussonderung_package(
                process_id=disposal.id,
                sender=_party(authority),
                recipient=recipient,
                files=[records_file(case) for case in locked],
                created_at=now,
            )
            disposal.recipient = recipient.institution
            disposal.package.save(str(disposal.id), ContentFile(data), save=False)
            package_name = disposal.package.name
            disposal.package_sha256 = hashlib.sha256(data).hexdigest()
            disposal.package_size = len(data)
        try:
            disposal.save(force_insert=True)
            record = []
            state = (
                DisposalState.ARCHIVED
                if kind == RecordsDisposal.Kind.ARCHIVED
                else DisposalState.DESTROYED
            )
            for case in locked:
                erased = _erase(case, at=now, deleted_files=files)
                case.disposal_state = state
                case.disposal = disposal
                case.version += 1
                case.save()
                CaseEvent.objects.create(
                    case=case,
                    authority_id=case.authority_id,
                    kind=EventKind.RECORDS,
                    public=False,
                    status=case.status,
                    note=disposal.get_kind_display(),
                    created_at=now,
                    actor_id=actor_id(actor),
                )
                record.append(erased)
            disposal.record = {"cases": record}
            disposal.save(update_fields=["record"])
            audit_record(
                actor=actor,
                action=(
                    "records.archived"
                    if kind == RecordsDisposal.Kind.ARCHIVED
                    else "records.destroyed"
                ),
                obj=disposal,
                authority=authority.pk,
                changes={
                    "files": [r["file"] for r in record],
                    "documents": sum(r["documents"] for r in record),
                    "package_sha256": disposal.package_sha256,
                },
            )
        except Exception:
            if package_name:
                private_storage().delete(package_name)
            raise
        transaction.on_commit(lambda: _delete_files(files))
    return disposal


def _delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        storage.delete(name)


def records_hand_over(
    *, actor: Actor, authority: Authority, cases: Sequence[Case], today: dt.date | None = None
) -> RecordsDisposal:
    """Hand the files to the archive: one xdomea package, then delete their personal
    data here (the package keeps it until the archive confirms receipt)."""
    return _dispose(
        actor=actor,
        authority=authority,
        cases=cases,
        kind=RecordsDisposal.Kind.ARCHIVED,
        today=today,
    )


def records_destroy(
    *, actor: Actor, authority: Authority, cases: Sequence[Case], today: dt.date | None = None
) -> RecordsDisposal:
    """Delete the files' personal data; the deletion itself stays on record."""
    return _dispose(
        actor=actor,
        authority=authority,
        cases=cases,
        kind=RecordsDisposal.Kind.DESTROYED,
        today=today,
    )


def records_confirm_receipt(*, actor: Actor, disposal: RecordsDisposal) -> RecordsDisposal:
    """The archive has the package: delete it here, keep its digest."""
    with transaction.atomic():
        row = RecordsDisposal.objects.select_for_update().get(pk=disposal.pk)
        if row.kind != RecordsDisposal.Kind.ARCHIVED or row.confirmed_at is not None:
            raise ValidationError(
                _("Für diese Aussonderung ist nichts zu bestätigen."), code="not_pending"
            )
        name = row.package.name
        row.confirmed_at = timezone.now()
        row.package = ""
        row.save(update_fields=["confirmed_at", "package"])
        audit_record(
            actor=actor,
            action="records.receipt_confirmed",
            obj=row,
            authority=row.authority_id,
            changes={"package_sha256": row.package_sha256},
        )
        transaction.on_commit(lambda: _delete_files([name]))
    return row
