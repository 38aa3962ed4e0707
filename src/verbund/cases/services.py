"""Writes on cases: the back office's work on a case and its file.

Every function is atomic, locks the case row, audits, and writes the case's
history. Who may act is decided here, not in the views, so the staff pages and
the API for specialist systems obey the same rules (docs/cases.md):

* Work on a case (status, requests, participations, documents, the decision)
  needs the clerk role in the processing authority and the case assigned to
  oneself; an authority admin who is also clerk may act on any case of the
  authority. A specialist system's client (:class:`SystemActor`) acts for its
  authority.
* A form posts the case's ``version`` it showed; when the case moved on since,
  :class:`CaseConflict` refuses the write and nothing is overwritten.
* Only the transitions in ``models.TRANSITIONS`` exist, each made by its one
  action: the waiting states follow from open requests, the decided ones from
  the Bescheid.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import connection, transaction
from django.db.models import F, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, ngettext_lazy
from django.utils.translation import gettext as _

from verbund.accounts.models import AuthorityRoleKind
from verbund.accounts.selectors import grants_for
from verbund.applications.models import Attachment, Submission, SubmissionStatus
from verbund.authorities.folding import fold
from verbund.authorities.models import Authority
from verbund.cases import hooks
from verbund.cases.deadlines import add_working_days
from verbund.cases.models import (
    DECIDED,
    DEFAULT_FILE_NUMBER_PATTERN,
    OUTCOMES_BY_KIND,
    TRANSITIONS,
    WORKING,
    Case,
    CaseDocument,
    CaseEvent,
    CaseSettings,
    CaseStatus,
    CaseType,
    Decision,
    DecisionOutcome,
    DocumentSource,
    DocumentVersion,
    EventKind,
    FileNumberCounter,
    InformationRequest,
    Participation,
    ParticipationKind,
    ParticipationOutcome,
    RequestStatus,
    Via,
)
from verbund.cases.placeholders import render_file_number
from verbund.cases.selectors import participation_candidates
from verbund.catalogue.models import Service
from verbund.core.actors import APPLICANT, Actor, SystemActor, actor_id, actor_label, is_user
from verbund.core.audit import audit_record
from verbund.formengine.selectors import form_of
from verbund.networks.selectors import is_active_member

NOTE_MAX_LENGTH = 2000
# Outcomes of a participation that need their reasons written down.
NEEDS_REASON = frozenset(
    {
        ParticipationOutcome.CONSENT_REFUSED,
        ParticipationOutcome.CONDITIONS,
        ParticipationOutcome.OBJECTION,
    }
)
TEXT_MAX_LENGTH = 10_000
MAX_ITEMS = 10


class CaseConflict(ValidationError):
    """The case changed since the form was shown; nothing was written."""


@dataclass(frozen=True)
class StoredFile:
    """A checked file to store as a document version (see ``core.uploads``)."""

    filename: str
    content_type: str
    size: int
    sha256: str
    content: File[Any]


def stored_file_from_bytes(filename: str, content_type: str, data: bytes) -> StoredFile:
    return StoredFile(
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=ContentFile(data),
    )


# --- helpers ------------------------------------------------------------------------


def _in_file(message: str) -> str:
    """A text the platform writes into the file: in German, the file's language, whatever
    language the page was in (the call sites mark the message with ``gettext_noop``)."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message)


def _in_file_n(message: Any, n: int, **values: Any) -> str:
    """The same for a plural (``ngettext_lazy`` with the number named ``n``); ``values``
    may be lazy labels, which are read in German too."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message % {"n": n, **{k: str(v) for k, v in values.items()}})


def _in_file_label(label: Any) -> str:
    """A choice's label (lazy) as the file writes it: in German."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def _event(
    case: Case,
    kind: str,
    *,
    actor: Actor,
    note: str = "",
    public: bool = False,
    at: dt.datetime | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        authority_id=case.authority_id,
        kind=kind,
        public=public,
        status=case.status,
        note=note,
        created_at=at or timezone.now(),
        actor_id=actor_id(actor),
        actor_label="" if is_user(actor) else actor_label(actor),
    )


def _audit(actor: Actor, action: str, case: Case, **changes: Any) -> None:
    audit_record(actor=actor, action=action, obj=case, authority=case.authority_id, changes=changes)


def _locked(case: Case, expected_version: int | None) -> Case:
    # Lock the case row only: joined authorities and services stay unlocked, so work on
    # one case never waits for work on another case of the same authority (PostgreSQL).
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("authority", "responsible", "service")
        .get(pk=case.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        last = CaseEvent.objects.filter(case=locked).select_related("actor").order_by("-id").first()
        rest = _(
            "Ihre Eingabe wurde nicht gespeichert; bitte prüfen Sie den aktuellen Stand und "
            "wiederholen Sie sie."
        )
        if last is not None and last.actor is not None:
            first = _("%(name)s hat den Vorgang inzwischen geändert.") % {"name": last.actor}
        else:
            first = _("Der Vorgang wurde inzwischen geändert.")
        raise CaseConflict(f"{first} {rest}", code="conflict")
    return locked


def _save(case: Case, *fields: str) -> None:
    case.version = F("version") + 1
    case.save(update_fields=[*fields, "version", "updated_at"])
    case.refresh_from_db(fields=["version"])


def _clean(text: str, limit: int, label: str, *, required: bool = False) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError(_("%(label)s fehlt.") % {"label": label}, code="required")
    if len(text) > limit:
        raise ValidationError(
            _("%(label)s darf höchstens %(n)d Zeichen lang sein.") % {"label": label, "n": limit},
            code="too_long",
        )
    return text


def is_clerk(actor: Actor, authority_id: int) -> bool:
    return AuthorityRoleKind.CLERK in grants_for(actor).authority_roles.get(authority_id, ())


def is_lead(actor: Actor, authority_id: int) -> bool:
    """An authority admin who is also clerk there: may act on any case of it."""
    held = grants_for(actor).authority_roles.get(authority_id, frozenset())
    return {AuthorityRoleKind.CLERK, AuthorityRoleKind.AUTHORITY_ADMIN} <= held


def may_work(actor: Actor, case: Case) -> bool:
    """Whether ``actor`` may work on ``case`` now (see the module docstring)."""
    if isinstance(actor, SystemActor):
        return actor.authority_id == case.authority_id
    if not is_user(actor):
        return False
    if case.assignee_id == actor_id(actor):
        return is_clerk(actor, case.authority_id)
    return is_lead(actor, case.authority_id)


def _require_work(actor: Actor, case: Case) -> None:
    if may_work(actor, case):
        return
    if is_user(actor) and is_clerk(actor, case.authority_id):
        raise ValidationError(
            _("Bitte übernehmen Sie den Vorgang zuerst; er ist %(who)s zugewiesen.")
            % {"who": str(case.assignee) if case.assignee_id else _("niemandem")},
            code="not_assignee",
        )
    raise ValidationError(
        _("Nur die Sachbearbeitung der bearbeitenden Behörde kann diesen Vorgang bearbeiten."),
        code="not_clerk",
    )


def _move(case: Case, target: str, via: str, *, actor: Actor, note: str = "") -> None:
    """Move the locked ``case`` to ``target`` if ``via`` makes that transition."""
    if TRANSITIONS.get((case.status, target)) != via:
        raise ValidationError(
            _("Ein Vorgang im Status „%(old)s“ kann nicht nach „%(new)s“ wechseln.")
            % {"old": CaseStatus(case.status).label, "new": CaseStatus(target).label},
            code="transition",
        )
    before = case.status
    case.status = target
    fields = ["status"]
    if target == CaseStatus.CLOSED:
        case.closed_at = timezone.now()
        case.retention_until = retention_end(case)
        fields += ["closed_at", "retention_until"]
    _save(case, *fields)
    _event(case, EventKind.STATUS, actor=actor, note=note, public=True)
    _audit(actor, "case.set_status", case, status=[before, target])


def _resting_status(case: Case) -> str:
    """Where a case at work rests: waiting for the applicant, for a statement, or in progress."""
    if InformationRequest.objects.filter(case=case, status=RequestStatus.OPEN).exists():
        return CaseStatus.WAITING_APPLICANT
    if Participation.objects.filter(case=case, status=RequestStatus.OPEN).exists():
        return CaseStatus.WAITING_STATEMENT
    return CaseStatus.IN_PROGRESS


def _settle(case: Case, via: str, *, actor: Actor, note: str = "") -> None:
    target = _resting_status(case)
    if case.status in WORKING and target != case.status:
        _move(case, target, via, actor=actor, note=note)


def case_type_of(service_id: int) -> CaseType | None:
    return CaseType.objects.filter(service_id=service_id).first()


def retention_end(case: Case) -> dt.date | None:
    """Retention runs from the end of the year the file was closed (Aufbewahrungsfrist)."""
    if case.closed_at is None:
        return None
    case_type = case_type_of(case.service_id)
    years = (
        case_type.retention_years
        if case_type
        else CaseType._meta.get_field("retention_years").get_default()
    )
    return dt.date(timezone.localdate(case.closed_at).year + int(years), 12, 31)


def _due_on(authority: Authority, start: dt.datetime, days: int | None) -> dt.date | None:
    if not days:
        return None
    return add_working_days(timezone.localdate(start), days, authority.ars)


def _counted(authority_id: int, year: int) -> int:
    """The next number of the authority's files of ``year``: one statement that counts
    and locks the counter until the commit (its row is made the first time)."""
    table = connection.ops.quote_name(FileNumberCounter._meta.db_table)
    last = connection.ops.quote_name("last")
    sql = (
        f"UPDATE {table} SET {last} = {last} + 1 "  # noqa: S608 - names, not input
        f"WHERE authority_id = %s AND year = %s RETURNING {last}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [authority_id, year])
        row = cursor.fetchone()
        if row is None:
            FileNumberCounter.objects.bulk_create(
                [FileNumberCounter(authority_id=authority_id, year=year, last=0)],
                ignore_conflicts=True,
            )
            cursor.execute(sql, [authority_id, year])
            row = cursor.fetchone()
    return int(row[0])


def _processing_authority(authority_id: int, service_id: int) -> Authority:
    """The authority that opens a file, with what numbering the file needs (its
    case settings and the service's file plan code), in one query."""
    plan = CaseType.objects.filter(service_id=service_id).values("file_plan_code")[:1]
    return (
        Authority.objects.select_related("case_settings")
        .annotate(file_plan_code=Subquery(plan))
        .get(pk=authority_id)
    )


def _next_file_number(authority: Authority, at: dt.datetime) -> str:
    year = timezone.localdate(at).year
    try:
        pattern = authority.case_settings.file_number_pattern
    except CaseSettings.DoesNotExist:
        pattern = DEFAULT_FILE_NUMBER_PATTERN
    return render_file_number(
        pattern,
        year=year,
        number=_counted(authority.pk, year),
        file_plan_code=getattr(authority, "file_plan_code", None) or "",
    )


# --- opening and the payment ---------------------------------------------------------


def _open(
    *,
    submission: Submission,
    status: str,
    processing_days: int | None,
    note: str,
    uploads_only_in_file_fields: bool = False,
) -> Case:
    now = submission.submitted_at
    authority = _processing_authority(submission.authority_id, submission.service_id)
    received = status == CaseStatus.RECEIVED
    case = Case.objects.create(
        submission=submission,
        authority=authority,
        responsible_id=submission.responsible_id,
        on_behalf=submission.authority_id != submission.responsible_id,
        service_id=submission.service_id,
        reference=submission.reference,
        applicant_name=submission.applicant_name,
        applicant_key=fold(submission.applicant_name),
        file_number=_next_file_number(authority, now),
        status=status,
        received_at=now,
        due_on=_due_on(authority, now, processing_days) if received else None,
    )
    labels = {f.name: f.label for f in form_of(submission.version).file_fields()}
    # A submit links only the uploads of the form's file fields: a form without any
    # has none to look for.
    attachments = (
        []
        if uploads_only_in_file_fields and not labels
        else Attachment.objects.filter(submission=submission).order_by("created_at", "id")
    )
    for attachment in attachments:
        document = CaseDocument.objects.create(
            case=case,
            authority=authority,
            title=labels.get(attachment.field, attachment.field)[:200],
            source=DocumentSource.APPLICATION,
            created_at=now,
        )
        DocumentVersion.objects.create(
            document=document,
            authority=authority,
            number=1,
            filename=attachment.filename,
            content_type=attachment.content_type,
            size=attachment.size,
            sha256=attachment.sha256,
            # The same stored file as the attachment's: the file is not copied.
            file=attachment.file.name,
            created_at=attachment.created_at,
        )
    _event(case, EventKind.STATUS, actor=None, note=note, public=True, at=now)
    if received:
        _announce(case)
    return case


def case_open(
    *, submission: Submission, status: str, processing_days: int | None, note: str = ""
) -> Case:
    """Open the case of a submission in its processing authority's inbox.

    Called inside the submission's transaction: the file number, the file's first
    documents (the submission's attachments) and the first history entry
    (received, or awaiting payment; the deadline runs from receipt).
    """
    case = _open(submission=submission, status=status, processing_days=processing_days, note=note)
    audit_record(
        actor=None,
        action="case.open",
        obj=case,
        authority=case.authority_id,
        changes={"status": status, "reference": submission.reference, "file": case.file_number},
    )
    return case


def case_mark_received(*, case: Case, note: str = "") -> Case:
    """The fee is paid: the application is complete, its deadline starts now."""
    with transaction.atomic():
        locked = _locked(case, None)
        _move(locked, CaseStatus.RECEIVED, Via.PAYMENT, actor=None, note=note)
        days = Service.objects.filter(pk=locked.service_id).values_list(
            "processing_days", flat=True
        )
        locked.due_on = _due_on(locked.authority, timezone.now(), days.first())
        _save(locked, "due_on")
        _announce(locked)
    return locked


def _announce(case: Case) -> None:
    """The case is complete in the inbox: tell the listeners of ``hooks.CASE_RECEIVED``
    (integrations: the authority's specialist systems)."""
    for listener in hooks.CASE_RECEIVED:
        listener(case=case)


def case_open_for_submission(*, submission: Submission) -> dict[str, Any]:
    """A new submission's case (``applications.hooks.SUBMISSION_RECEIVED``): received
    at once, or awaiting payment while its fee is open. Returns what the submission's
    audit entry records of it (the submission and its case are one entry)."""
    case = _open(
        submission=submission,
        status=(
            CaseStatus.AWAITING_PAYMENT
            if submission.status == SubmissionStatus.AWAITING_PAYMENT
            else CaseStatus.RECEIVED
        ),
        processing_days=submission.service.processing_days,
        note="",
        uploads_only_in_file_fields=True,
    )
    return {"case": case.pk, "file": case.file_number}


def case_receive_payment(*, submission: Submission) -> Case:
    """The submission's fee is paid (``applications.hooks.SUBMISSION_PAID``): its case
    is received now and its deadline starts."""
    with translation.override(settings.LANGUAGE_CODE):  # the file's language, German
        note = _("Die Gebühr ist bezahlt.")
    return case_mark_received(case=Case.objects.get(submission=submission), note=note)


# --- status, assignment, notes ----------------------------------------------------------


def case_set_status(
    *,
    actor: Actor,
    case: Case,
    status: str,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """Set a status that a clerk sets directly (start work, close a decided file).

    Starting work on an unassigned case assigns it to the clerk who starts.
    """
    if status not in CaseStatus.values:
        raise ValidationError(_("Unbekannter Status."), code="unknown_status")
    note = _clean(note, NOTE_MAX_LENGTH, _("Der Hinweis"))
    with transaction.atomic():
        locked = _locked(case, expected_version)
        if (
            status == CaseStatus.IN_PROGRESS
            and locked.assignee_id is None
            and is_user(actor)
            and is_clerk(actor, locked.authority_id)
        ):
            _assign(locked, actor, actor=actor)
        _require_work(actor, locked)
        _move(locked, status, Via.STATUS, actor=actor, note=note)
    return locked


def _assign(case: Case, assignee: Any, *, actor: Actor) -> None:
    before = case.assignee_id
    case.assignee = assignee
    _save(case, "assignee")
    note = (
        _in_file(gettext_noop("Zugewiesen an %(name)s.")) % {"name": assignee}
        if assignee is not None
        else _in_file(gettext_noop("Zuweisung aufgehoben."))
    )
    _event(case, EventKind.ASSIGNMENT, actor=actor, note=note)
    _audit(actor, "case.assign", case, assignee=[before, getattr(assignee, "pk", None)])


def case_assign(
    *, actor: Actor, case: Case, assignee: Any, expected_version: int | None = None
) -> Case:
    """Give the case to ``assignee`` (a clerk of the processing authority), or take it
    back from everyone with ``assignee=None``.

    Any clerk may take or hand on an unassigned case; once assigned, only the
    assignee or an authority admin who is also clerk may give it to someone else.
    Taking a received case starts work on it.
    """
    with transaction.atomic():
        locked = _locked(case, expected_version)
        if locked.status == CaseStatus.CLOSED:
            raise ValidationError(
                _("Ein abgeschlossener Vorgang wird niemandem mehr zugewiesen."), code="closed"
            )
        if not (is_user(actor) and is_clerk(actor, locked.authority_id)):
            raise ValidationError(
                _("Nur die Sachbearbeitung der bearbeitenden Behörde vergibt Vorgänge."),
                code="not_clerk",
            )
        if assignee is not None and not is_clerk(assignee, locked.authority_id):
            raise ValidationError(
                _("%(name)s gehört nicht zur Sachbearbeitung dieser Behörde.") % {"name": assignee},
                code="assignee",
            )
        if locked.assignee_id is not None and not (
            locked.assignee_id == actor_id(actor) or is_lead(actor, locked.authority_id)
        ):
            raise ValidationError(
                _(
                    "Der Vorgang ist %(name)s zugewiesen; nur sie oder er oder die "
                    "Behördenverwaltung kann ihn weitergeben."
                )
                % {"name": locked.assignee},
                code="assigned",
            )
        if getattr(assignee, "pk", None) == locked.assignee_id:
            return locked
        _assign(locked, assignee, actor=actor)
        if assignee is not None and locked.status == CaseStatus.RECEIVED:
            _move(locked, CaseStatus.IN_PROGRESS, Via.STATUS, actor=actor)
    return locked


def case_add_note(*, actor: Actor, case: Case, text: str) -> CaseEvent:
    """An internal note in the file (never shown to the applicant)."""
    text = _clean(text, TEXT_MAX_LENGTH, _("Die Notiz"), required=True)
    with transaction.atomic():
        locked = _locked(case, None)
        if not (is_user(actor) and is_clerk(actor, locked.authority_id)):
            raise ValidationError(
                _("Nur die Sachbearbeitung der bearbeitenden Behörde schreibt Notizen."),
                code="not_clerk",
            )
        event = _event(locked, EventKind.NOTE, actor=actor, note=text)
        _save(locked)
        _audit(actor, "case.note", locked, note=event.pk)
    return event


def case_mark_seen(*, actor: Actor, case: Case) -> Case:
    """The clerk has seen what arrived; the case no longer stands out."""
    with transaction.atomic():
        locked = _locked(case, None)
        if locked.attention and may_work(actor, locked):
            locked.attention = ""
            _save(locked, "attention")
    return locked


def _attention(case: Case, text: str) -> None:
    from verbund.cases.tasks import notify_assignee

    case.attention = text[:200]
    _save(case, "attention")
    if case.assignee_id:
        notify_assignee.enqueue(case.pk, text[:200])


# --- documents ----------------------------------------------------------------------------


_stored_files: ContextVar[list[tuple[Any, str]] | None] = ContextVar("stored_files", default=None)


@contextmanager
def _writing_files() -> Iterator[None]:
    """Around a write that stores files: when it fails, the files stored so far go again."""
    token = _stored_files.set([])
    try:
        yield
    except BaseException:
        for storage, name in _stored_files.get() or []:
            storage.delete(name)
        raise
    finally:
        _stored_files.reset(token)


def _store_version(
    document: CaseDocument, upload: StoredFile, number: int, *, actor: Actor
) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        authority_id=document.authority_id,
        number=number,
        filename=upload.filename[:200],
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        created_at=timezone.now(),
        created_by_id=actor_id(actor),
    )
    version.file.save(str(version.id), upload.content, save=False)
    stored = _stored_files.get()
    if stored is not None:
        stored.append((version.file.storage, version.file.name))
    version.save(force_insert=True)
    return version


def _new_document(
    case: Case,
    *,
    title: str,
    source: str,
    upload: StoredFile,
    actor: Actor,
    information_request: InformationRequest | None = None,
) -> CaseDocument:
    document = CaseDocument.objects.create(
        case=case,
        authority_id=case.authority_id,
        title=_clean(title, 200, _("Die Bezeichnung"), required=True),
        source=source,
        information_request=information_request,
        created_at=timezone.now(),
        created_by_id=actor_id(actor),
    )
    _store_version(document, upload, 1, actor=actor)
    return document


def document_add(
    *, actor: Actor, case: Case, title: str, upload: StoredFile, source: str = DocumentSource.CLERK
) -> CaseDocument:
    """File a new document in the case (an internal note, a scan, a statement by letter)."""
    with _writing_files(), transaction.atomic():
        locked = _locked(case, None)
        _require_open_file(locked)
        _require_work(actor, locked)
        document = _new_document(locked, title=title, source=source, upload=upload, actor=actor)
        _event(
            locked,
            EventKind.DOCUMENT,
            actor=actor,
            note=_in_file(gettext_noop("Dokument „%(title)s“ abgelegt."))
            % {"title": document.title},
        )
        _save(locked)
        _audit(actor, "case.document_add", locked, document=str(document.pk), sha256=upload.sha256)
    return document


def document_add_version(
    *, actor: Actor, document: CaseDocument, upload: StoredFile
) -> DocumentVersion:
    """A new version of a document; earlier versions stay as they are."""
    with _writing_files(), transaction.atomic():
        locked = _locked(document.case, None)
        _require_open_file(locked)
        _require_work(actor, locked)
        row = CaseDocument.objects.select_for_update().get(pk=document.pk)
        if row.source in (DocumentSource.DECISION, DocumentSource.APPLICATION):
            raise ValidationError(
                _(
                    "Antragsunterlagen und Bescheide werden nicht überschrieben; legen Sie ein "
                    "neues Dokument ab."
                ),
                code="immutable",
            )
        row.current_number += 1
        row.save(update_fields=["current_number"])
        version = _store_version(row, upload, row.current_number, actor=actor)
        _event(
            locked,
            EventKind.DOCUMENT,
            actor=actor,
            note=_in_file(gettext_noop("Neue Version %(n)d von „%(title)s“."))
            % {"n": version.number, "title": row.title},
        )
        _save(locked)
        _audit(
            actor,
            "case.document_version",
            locked,
            document=str(row.pk),
            number=version.number,
            sha256=version.sha256,
        )
    return version


def _require_open_file(case: Case) -> None:
    if case.status == CaseStatus.CLOSED or case.disposal_state:
        raise ValidationError(
            _("Die Akte ist geschlossen; es werden keine Dokumente mehr abgelegt."), code="closed"
        )


# --- asking the applicant ----------------------------------------------------------------


def information_request_create(
    *,
    actor: Actor,
    case: Case,
    message: str,
    items: Sequence[str],
    due_on: dt.date,
    expected_version: int | None = None,
) -> InformationRequest:
    """Ask the applicant for missing documents or information; they are told by e-mail
    and answer through the status link. The case waits for the applicant."""
    from verbund.cases.tasks import notify_applicant

    message = _clean(message, TEXT_MAX_LENGTH, _("Die Nachricht"), required=True)
    cleaned = [_clean(item, 200, _("Eine Unterlage")) for item in items]
    cleaned = [item for item in cleaned if item]
    if len(cleaned) > MAX_ITEMS:
        raise ValidationError(
            _("Fordern Sie höchstens %(n)d Unterlagen auf einmal an.") % {"n": MAX_ITEMS},
            code="items",
        )
    if due_on <= timezone.localdate():
        raise ValidationError(_("Die Frist muss in der Zukunft liegen."), code="due_on")
    with transaction.atomic():
        locked = _locked(case, expected_version)
        _require_work(actor, locked)
        if locked.status not in WORKING:
            raise ValidationError(
                _("Rückfragen sind nur möglich, während der Vorgang bearbeitet wird."),
                code="status",
            )
        request = InformationRequest.objects.create(
            case=locked,
            authority_id=locked.authority_id,
            message=message,
            items=cleaned,
            due_on=due_on,
            created_at=timezone.now(),
            created_by_id=actor_id(actor),
        )
        note = _in_file(gettext_noop("Bitte reichen Sie bis %(date)s nach: %(what)s")) % {
            "date": due_on.strftime("%d.%m.%Y"),
            "what": "; ".join(cleaned) if cleaned else _("siehe Nachricht"),
        }
        if locked.status == CaseStatus.WAITING_APPLICANT:
            _event(locked, EventKind.REQUEST, actor=actor, note=note, public=True)
            _save(locked)
        else:
            _move(locked, CaseStatus.WAITING_APPLICANT, Via.REQUEST, actor=actor, note=note)
        _audit(actor, "case.request_information", locked, request=str(request.pk), due_on=due_on)
        if locked.submission.email:
            notify_applicant.enqueue(locked.pk, "request")
    return request


def information_request_withdraw(
    *, actor: Actor, request: InformationRequest
) -> InformationRequest:
    """The question is settled otherwise (by phone, say); the case goes on."""
    with transaction.atomic():
        locked = _locked(request.case, None)
        _require_work(actor, locked)
        row = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if row.status != RequestStatus.OPEN:
            raise ValidationError(_("Diese Rückfrage ist nicht mehr offen."), code="not_open")
        row.status = RequestStatus.WITHDRAWN
        row.withdrawn_at = timezone.now()
        row.save(update_fields=["status", "withdrawn_at"])
        _event(
            locked,
            EventKind.REQUEST,
            actor=actor,
            note=_in_file(gettext_noop("Die Rückfrage vom %(date)s hat sich erledigt."))
            % {"date": timezone.localdate(row.created_at).strftime("%d.%m.%Y")},
            public=True,
        )
        _save(locked)
        _settle(locked, Via.ANSWER, actor=actor)
        _audit(actor, "case.request_withdraw", locked, request=str(row.pk))
    return row


def information_request_answer(
    *, request: InformationRequest, text: str, files: Sequence[StoredFile]
) -> InformationRequest:
    """The applicant answers: text and files go into the file, the clerk is told,
    and the case resumes (or waits for the statements still open)."""
    text = _clean(text, TEXT_MAX_LENGTH, _("Ihre Antwort"))
    if not text and not files:
        raise ValidationError(
            _("Bitte schreiben Sie eine Antwort oder laden Sie mindestens eine Datei hoch."),
            code="empty",
        )
    with _writing_files(), transaction.atomic():
        locked = _locked(request.case, None)
        row = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if row.status != RequestStatus.OPEN:
            raise ValidationError(
                _("Diese Rückfrage ist bereits beantwortet oder hat sich erledigt."),
                code="not_open",
            )
        for upload in files:
            _new_document(
                locked,
                title=_in_file(gettext_noop("Nachgereicht: %(name)s")) % {"name": upload.filename},
                source=DocumentSource.APPLICANT,
                upload=upload,
                actor=APPLICANT,
                information_request=row,
            )
        row.status = RequestStatus.ANSWERED
        row.answer_text = text
        row.answered_at = timezone.now()
        row.save(update_fields=["status", "answer_text", "answered_at"])
        _event(
            locked,
            EventKind.ANSWER,
            actor=APPLICANT,
            note=_in_file_n(
                ngettext_lazy(
                    "Ihre Antwort ist eingegangen (%(n)d Datei).",
                    "Ihre Antwort ist eingegangen (%(n)d Dateien).",
                    "n",
                ),
                len(files),
            ),
            public=True,
        )
        _save(locked)
        _settle(locked, Via.ANSWER, actor=None)
        _attention(
            locked, _in_file(gettext_noop("Antwort der Antragstellerin oder des Antragstellers"))
        )
        _audit(APPLICANT, "case.request_answered", locked, request=str(row.pk), files=len(files))
    return row


# --- participation of another authority --------------------------------------------------


def participation_create(
    *,
    actor: Actor,
    case: Case,
    requested: Authority,
    kind: str,
    subject: str,
    message: str,
    due_on: dt.date,
    versions: Iterable[DocumentVersion],
    expected_version: int | None = None,
) -> Participation:
    """Ask another authority for a statement (or the Gemeinde for its Einvernehmen).

    The requested authority sees this request and exactly ``versions`` (documents
    of this case, chosen by the clerk) until it answers or the request is revoked.
    """
    subject = _clean(subject, 200, _("Der Betreff"), required=True)
    message = _clean(message, TEXT_MAX_LENGTH, _("Das Anschreiben"), required=True)
    if kind not in ParticipationKind.values:
        raise ValidationError(_("Unbekannte Art der Beteiligung."), code="kind")
    if due_on <= timezone.localdate():
        raise ValidationError(_("Die Frist muss in der Zukunft liegen."), code="due_on")
    chosen = list(versions)
    with transaction.atomic():
        locked = _locked(case, expected_version)
        _require_work(actor, locked)
        if locked.status not in WORKING:
            raise ValidationError(
                _("Beteiligungen sind nur möglich, während der Vorgang bearbeitet wird."),
                code="status",
            )
        if requested.pk == locked.authority_id:
            raise ValidationError(
                _("Die bearbeitende Behörde beteiligt sich nicht selbst."), code="self"
            )
        if not _on_platform(requested):
            raise ValidationError(
                _(
                    "%(name)s arbeitet nicht auf dieser Plattform; beteiligen Sie sie auf "
                    "anderem Weg und legen Sie die Stellungnahme als Dokument ab."
                )
                % {"name": requested.name},
                code="not_on_platform",
            )
        # The page offers only these; a request made around it is refused the same way.
        candidates = {a.pk for group in participation_candidates(locked) for a in group.authorities}
        if requested.pk not in candidates:
            raise ValidationError(
                _(
                    "%(name)s gehört weder zum Ort des Antrags noch zu einem Verbund Ihrer "
                    "Behörde und kann nicht beteiligt werden."
                )
                % {"name": requested.name},
                code="not_a_candidate",
            )
        foreign = [v for v in chosen if v.document.case_id != locked.pk or v.deleted_at]
        if foreign:
            raise ValidationError(
                _("Es können nur Dokumente dieses Vorgangs geteilt werden."), code="documents"
            )
        participation = Participation.objects.create(
            case=locked,
            authority_id=locked.authority_id,
            requested=requested,
            kind=kind,
            subject=subject,
            message=message,
            due_on=due_on,
            created_at=timezone.now(),
            created_by_id=actor_id(actor),
        )
        participation.shared_versions.set(chosen)
        _event(
            locked,
            EventKind.PARTICIPATION,
            actor=actor,
            note=_in_file_n(
                ngettext_lazy(
                    "%(kind)s bei %(name)s angefragt, Frist %(date)s, %(n)d Dokument geteilt.",
                    "%(kind)s bei %(name)s angefragt, Frist %(date)s, %(n)d Dokumente geteilt.",
                    "n",
                ),
                len(chosen),
                kind=ParticipationKind(kind).label,
                name=requested.name,
                date=due_on.strftime("%d.%m.%Y"),
            ),
        )
        _save(locked)
        if locked.status == CaseStatus.IN_PROGRESS:
            _move(locked, CaseStatus.WAITING_STATEMENT, Via.PARTICIPATION, actor=actor)
        changes = {
            "participation": participation.pk,
            "requested": requested.pk,
            "documents": sorted(str(v.pk) for v in chosen),
            "due_on": due_on,
        }
        _audit(actor, "participation.request", locked, **changes)
        # The requested authority's own audit trail shows the request too.
        audit_record(
            actor=actor,
            action="participation.received",
            obj=participation,
            authority=requested.pk,
            changes=changes,
        )
    return participation


def _on_platform(authority: Authority) -> bool:
    return is_active_member(authority.pk)


def participation_revoke(*, actor: Actor, participation: Participation) -> Participation:
    """Withdraw an open request: the requested authority sees no document any more."""
    with transaction.atomic():
        locked = _locked(participation.case, None)
        _require_work(actor, locked)
        row = Participation.objects.select_for_update().get(pk=participation.pk)
        if row.status != RequestStatus.OPEN:
            raise ValidationError(_("Diese Beteiligung ist nicht mehr offen."), code="not_open")
        row.status = RequestStatus.WITHDRAWN
        row.revoked_at = timezone.now()
        row.save(update_fields=["status", "revoked_at"])
        _event(
            locked,
            EventKind.PARTICIPATION,
            actor=actor,
            note=_in_file(gettext_noop("Beteiligung von %(name)s zurückgezogen."))
            % {"name": row.requested.name},
        )
        _save(locked)
        _settle(locked, Via.ANSWER, actor=actor)
        _audit(actor, "participation.revoke", locked, participation=row.pk)
        audit_record(
            actor=actor,
            action="participation.revoked",
            obj=row,
            authority=row.requested_id,
            changes={"participation": row.pk},
        )
    return row


def consent_deemed_given(participation: Participation, today: dt.date | None = None) -> bool:
    """§ 36 Abs. 2 Satz 2 BauGB: the Einvernehmen counts as given when the Gemeinde has
    not refused it within two months."""
    today = today or timezone.localdate()
    return (
        participation.kind == ParticipationKind.CONSENT
        and participation.status == RequestStatus.OPEN
        and today > participation.due_on
    )


def participation_answer(
    *,
    actor: Actor,
    participation: Participation,
    outcome: str,
    text: str,
    upload: StoredFile | None = None,
) -> Participation:
    """The requested authority answers. Its statement (and file) goes into the case,
    both sides' records show it, and its access to the shared documents ends."""
    text = _clean(text, TEXT_MAX_LENGTH, _("Die Stellungnahme"))
    with _writing_files(), transaction.atomic():
        row = Participation.objects.select_for_update().get(pk=participation.pk)
        if not (is_user(actor) and is_clerk(actor, row.requested_id)):
            raise ValidationError(
                _("Nur die Sachbearbeitung der beteiligten Behörde antwortet."), code="not_clerk"
            )
        if row.status != RequestStatus.OPEN:
            raise ValidationError(
                _("Diese Beteiligung ist bereits beantwortet oder zurückgezogen."),
                code="not_open",
            )
        if outcome not in OUTCOMES_BY_KIND[row.kind]:
            raise ValidationError(_("Bitte wählen Sie ein Ergebnis."), code="outcome")
        if consent_deemed_given(row):
            raise ValidationError(
                _(
                    "Die Frist ist am %(date)s abgelaufen; das Einvernehmen gilt als erteilt "
                    "(§ 36 Abs. 2 Satz 2 BauGB). Eine Antwort ist nicht mehr möglich."
                )
                % {"date": row.due_on.strftime("%d.%m.%Y")},
                code="deemed",
            )
        if outcome in NEEDS_REASON and not text and upload is None:
            raise ValidationError(
                _("Bitte begründen Sie Ihr Ergebnis in der Stellungnahme."), code="reason"
            )
        locked = _locked(row.case, None)
        if upload is not None:
            row.answer_document = _new_document(
                locked,
                title=_in_file(gettext_noop("Stellungnahme %(name)s"))
                % {"name": row.requested.name},
                source=DocumentSource.STATEMENT,
                upload=upload,
                actor=actor,
            )
        row.status = RequestStatus.ANSWERED
        row.outcome = outcome
        row.answer_text = text
        row.answered_at = timezone.now()
        row.answered_by_id = actor_id(actor)
        row.save(
            update_fields=[
                "status",
                "outcome",
                "answer_text",
                "answered_at",
                "answered_by",
                "answer_document",
            ]
        )
        label = _in_file_label(ParticipationOutcome(outcome).label)
        _event(
            locked,
            EventKind.PARTICIPATION,
            actor=actor,
            note=_in_file(gettext_noop("%(name)s hat geantwortet: %(outcome)s."))
            % {"name": row.requested.name, "outcome": label},
        )
        _save(locked)
        _settle(locked, Via.ANSWER, actor=None)
        _attention(
            locked,
            _in_file(gettext_noop("Stellungnahme von %(name)s")) % {"name": row.requested.name},
        )
        changes = {"participation": row.pk, "outcome": outcome}
        audit_record(
            actor=actor,
            action="participation.answer",
            obj=row,
            authority=row.requested_id,
            changes=changes,
        )
        _audit(actor, "participation.answered", locked, **changes)
    return row


# --- the decision ------------------------------------------------------------------------


def decision_issue(
    *,
    actor: Actor,
    case: Case,
    outcome: str,
    body: str,
    remedy_notice: str,
    fee_amount: Decimal,
    fee_note: str = "",
    expected_version: int | None = None,
    pdf: StoredFile | None = None,
) -> Decision:
    """Issue the Bescheid: the letter as PDF in the file (rendered from the texts, or
    ``pdf`` as made by a specialist system), the case decided, the applicant told.

    Nothing is issued while a request to the applicant or a participation is open.
    """
    from verbund.cases.letters import court, deciding_authority, draft_texts, letter_pdf
    from verbund.cases.tasks import notify_applicant

    body = _clean(body, TEXT_MAX_LENGTH, _("Der Text des Bescheids"), required=True)
    remedy_notice = _clean(remedy_notice, TEXT_MAX_LENGTH, _("Die Rechtsbehelfsbelehrung"))
    if outcome not in DECIDED:
        raise ValidationError(_("Bitte wählen Sie die Entscheidung."), code="outcome")
    if fee_amount < 0 or fee_amount >= Decimal("100000000"):
        raise ValidationError(_("Die Gebühr ist kein gültiger Betrag."), code="fee")
    with _writing_files(), transaction.atomic():
        locked = _locked(case, expected_version)
        _require_work(actor, locked)
        if Decision.objects.filter(case=locked).exists():
            raise ValidationError(
                _("Für diesen Vorgang ist bereits ein Bescheid erlassen."), code="decided"
            )
        if locked.status != CaseStatus.IN_PROGRESS:
            raise ValidationError(
                _(
                    "Ein Bescheid ergeht, wenn der Vorgang in Bearbeitung ist und keine Rückfrage "
                    "oder Beteiligung mehr offen ist (Status jetzt: „%(status)s“)."
                )
                % {"status": CaseStatus(locked.status).label},
                code="status",
            )
        if pdf is None:
            # The platform writes the letter: its Rechtsbehelfsbelehrung must name the
            # court (§ 58 Abs. 1 VwGO). A specialist system's own PDF carries its own.
            deciding = deciding_authority(locked)
            found = court(deciding.pk)
            if found is None:
                raise ValidationError(
                    _(
                        "Für %(name)s ist kein Verwaltungsgericht eingetragen, und ohne das "
                        "Gericht in der Rechtsbehelfsbelehrung ergeht kein Bescheid. Die "
                        "Behördenverwaltung trägt es auf der Seite „Aktenführung und "
                        "Briefkopf“ ein."
                    )
                    % {"name": deciding.official_name},
                    code="no_court",
                )
            if not remedy_notice:
                remedy_notice = draft_texts(locked, outcome)[1]
            if not found.named_in(remedy_notice):
                raise ValidationError(
                    _(
                        "Die Rechtsbehelfsbelehrung muss das Verwaltungsgericht mit seiner "
                        "Anschrift nennen: %(court)s. Ergänzen Sie es oder laden Sie den Text "
                        "der Vorlage."
                    )
                    % {"court": found.line},
                    code="remedy_court",
                )
        now = timezone.now()
        decision = Decision(
            case=locked,
            authority_id=locked.authority_id,
            outcome=outcome,
            body=body,
            remedy_notice=remedy_notice,
            fee_amount=fee_amount.quantize(Decimal("0.01")),
            fee_note=_clean(fee_note, 300, _("Die Grundlage der Gebühr")),
            on_behalf_of_id=locked.responsible_id if locked.on_behalf else None,
            issued_at=now,
            issued_by_id=actor_id(actor),
            issued_by_label=str(actor)[:200] if actor is not None else "",
        )
        upload = pdf or stored_file_from_bytes(
            f"Bescheid {locked.reference}.pdf", "application/pdf", letter_pdf(decision)
        )
        decision.document = _new_document(
            locked,
            title=_in_file(gettext_noop("Bescheid vom %(date)s"))
            % {"date": timezone.localdate(now).strftime("%d.%m.%Y")},
            source=DocumentSource.DECISION,
            upload=upload,
            actor=actor,
        )
        decision.save()
        _event(
            locked,
            EventKind.DECISION,
            actor=actor,
            note=_in_file_label(DecisionOutcome(outcome).label),
        )
        _move(
            locked,
            outcome,
            Via.DECISION,
            actor=actor,
            note=_in_file(
                gettext_noop(
                    "Ihr Bescheid liegt vor. Sie können ihn auf dieser Seite herunterladen."
                )
            ),
        )
        _audit(
            actor,
            "case.decide",
            locked,
            outcome=outcome,
            fee=str(decision.fee_amount),
            document=str(decision.document_id),
        )
        if locked.submission.email:
            notify_applicant.enqueue(locked.pk, "decision")
    return decision


# --- settings of the builder and of the authority ------------------------------------------


CASE_TYPE_FIELDS = (
    "file_plan_code",
    "retention_years",
    "disposal",
    "granted_text",
    "refused_text",
    "remedy_notice",
)
CASE_SETTINGS_FIELDS = (
    "file_number_pattern",
    "department",
    "street",
    "postcode",
    "city",
    "phone",
    "email",
    "website",
    "signatory",
    "archive_name",
    "court_name",
    "court_street",
    "court_postcode",
    "court_city",
)


def case_type_save(*, actor: Actor, service: Service, **values: Any) -> CaseType:
    """The builder's settings for every case of ``service`` (validated by the form)."""
    unknown = set(values) - set(CASE_TYPE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        row = CaseType.objects.select_for_update().filter(service=service).first()
        before = {f: getattr(row, f) for f in CASE_TYPE_FIELDS} if row else {}
        if row is None:
            row = CaseType(service=service, authority_id=service.builder_id)
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        after = {f: getattr(row, f) for f in CASE_TYPE_FIELDS}
        if before == after:
            return row
        row.save()
        audit_record(
            actor=actor,
            action="case_type.save",
            obj=row,
            authority=service.builder_id,
            changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
        )
    return row


def case_settings_save(*, actor: Actor, authority: Authority, **values: Any) -> CaseSettings:
    unknown = set(values) - set(CASE_SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        row = CaseSettings.objects.select_for_update().filter(authority=authority).first()
        before = {f: getattr(row, f) for f in CASE_SETTINGS_FIELDS} if row else {}
        if row is None:
            row = CaseSettings(authority=authority)
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        after = {f: getattr(row, f) for f in CASE_SETTINGS_FIELDS}
        if before == after:
            return row
        row.save()
        audit_record(
            actor=actor,
            action="case_settings.save",
            obj=row,
            authority=authority.pk,
            changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
        )
    return row


# --- specialist systems ----------------------------------------------------------------


def case_interface_note(
    *, actor: SystemActor, case: Case, text: str, attention: bool = False
) -> CaseEvent:
    """A specialist system reports on the case (took it over, refused it, …); with
    ``attention`` the case stands out in the inbox until a clerk has seen it."""
    text = _clean(text, NOTE_MAX_LENGTH, _("Der Hinweis"), required=True)
    with transaction.atomic():
        locked = _locked(case, None)
        if not may_work(actor, locked):
            raise ValidationError(_("Dieser Vorgang gehört einer anderen Behörde."), code="foreign")
        event = _event(locked, EventKind.INTERFACE, actor=actor, note=text)
        _save(locked)
        if attention:
            _attention(locked, text)
        _audit(actor, "case.interface_note", locked, event=event.pk, attention=attention)
    return event
