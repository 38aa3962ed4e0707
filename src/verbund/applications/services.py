"""Writes on applications: starting and filling drafts, uploads, resuming, submitting
and payment outcomes. Each function is atomic and audits where it records a fact
for the authority (submissions, payments); drafts are the citizen's scratch pad.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from verbund.applications import hooks
from verbund.applications.links import resume_token
from verbund.applications.models import Attachment, Draft, Submission, SubmissionStatus
from verbund.applications.tasks import send_confirmation, send_resume_link
from verbund.catalogue.selectors import Resolution
from verbund.catalogue.selectors import local_fees as catalogue_local_fees
from verbund.core.audit import audit_record
from verbund.core.ratelimits import rate_limit_take
from verbund.core.storage import private_storage
from verbund.core.uploads import inspect_upload
from verbund.formengine import engine
from verbund.formengine.models import FormVersion
from verbund.formengine.selectors import form_of
from verbund.payments.models import Payment
from verbund.payments.services import payment_start

# No 0/O, 1/I/L or U/V look-alikes: a reference read out on the phone is unambiguous.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
MAX_ATTACHMENTS_PER_DRAFT = 30


class SubmitRefused(Exception):
    """The draft cannot be submitted yet; ``step`` is the first page to fix."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step
        self.message = message


def new_reference(year: int) -> str:
    """A reference such as ``VB-2026-7KQ2-M4XZ``."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(8))
    return f"VB-{year}-{chars[:4]}-{chars[4:]}"


# --- drafts -----------------------------------------------------------------------


def draft_start(*, version: FormVersion, resolution: Resolution) -> Draft:
    """Begin an application with ``version`` for the resolved place."""
    return Draft.objects.create(
        service_id=version.service_id,
        version=version,
        place_id=resolution.place.id,
        authority_id=resolution.responsible.id,
        processing_id=resolution.processing.id,
        language=(get_language() or "de")[:8],
        expires_at=timezone.now() + dt.timedelta(days=settings.VERBUND_DRAFT_DAYS),
    )


def _touch(draft: Draft) -> None:
    draft.expires_at = timezone.now() + dt.timedelta(days=settings.VERBUND_DRAFT_DAYS)


def draft_save_step(*, draft: Draft, step: engine.Step, values: Mapping[str, Any]) -> Draft:
    """Store an accepted page: its answers, and that it is done."""
    form = form_of(draft.version)
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if locked.submission_id is not None:
            raise ValidationError(_("Dieser Antrag ist bereits abgeschickt."), code="submitted")
        locked.answers = engine.apply_step(form, step, locked.answers, values)
        done = [key for key in locked.completed_steps if key != step.key]
        locked.completed_steps = [*done, step.key]
        _touch(locked)
        locked.save(update_fields=["answers", "completed_steps", "expires_at", "updated_at"])
    return locked


def attachment_add(*, draft: Draft, field: engine.Field, uploaded: UploadedFile) -> Attachment:
    """Check and store one upload for a file question of the draft.

    Raises :class:`verbund.core.uploads.UploadRejected` with a message
    for the citizen; nothing is stored then.
    """
    max_bytes = min(field.max_bytes, settings.VERBUND_UPLOAD_MAX_MB * 1024 * 1024)
    checked = inspect_upload(uploaded, accept=field.accept, max_bytes=max_bytes)
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if locked.submission_id is not None:
            raise ValidationError(_("Dieser Antrag ist bereits abgeschickt."), code="submitted")
        ids = list(locked.answers.get(field.name) or [])
        limit = field.max_items if field.max_items is not None else MAX_ATTACHMENTS_PER_DRAFT
        if len(ids) >= limit:
            raise ValidationError(
                _("Zu „%(label)s“ können Sie höchstens %(n)d Dateien hochladen.")
                % {"label": field.label, "n": limit},
                code="too_many",
            )
        if locked.attachments.count() >= MAX_ATTACHMENTS_PER_DRAFT:
            raise ValidationError(_("Dieser Antrag hat schon zu viele Dateien."), code="too_many")
        attachment = Attachment(
            draft=locked,
            authority_id=locked.authority_id,
            field=field.name,
            filename=checked.filename,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            created_at=timezone.now(),
        )
        uploaded.seek(0)
        attachment.file.save(str(attachment.id), uploaded, save=False)
        try:
            attachment.save(force_insert=True)
            locked.answers = {**locked.answers, field.name: [*ids, str(attachment.id)]}
            _touch(locked)
            locked.save(update_fields=["answers", "expires_at", "updated_at"])
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


def attachment_remove(*, draft: Draft, attachment_id: str) -> bool:
    """Remove one of the draft's uploads; False when it is not the draft's."""
    try:
        pk = uuid.UUID(str(attachment_id))
    except ValueError:
        return False
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        attachment = Attachment.objects.filter(pk=pk, draft=locked, submission__isnull=True).first()
        if attachment is None or locked.submission_id is not None:
            return False
        ids = [i for i in locked.answers.get(attachment.field) or [] if i != str(pk)]
        answers = dict(locked.answers)
        if ids:
            answers[attachment.field] = ids
        else:
            answers.pop(attachment.field, None)
        locked.answers = answers
        locked.save(update_fields=["answers", "updated_at"])
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.delete(save=False))
    return True


def draft_request_resume(*, draft: Draft, email: str) -> str:
    """Send a link to continue later; returns the link's token (a new one voids old links).

    Refused with a ``ValidationError`` on ``email`` when the draft already had
    ``VERBUND_RESUME_LINKS_PER_DRAFT`` links, or the address (in any case)
    ``VERBUND_RESUME_LINKS_PER_ADDRESS`` links, within the last
    ``VERBUND_RESUME_LINKS_WINDOW_MINUTES``: then nothing is sent and the draft,
    with its last link, stays as it was."""
    window = dt.timedelta(minutes=settings.VERBUND_RESUME_LINKS_WINDOW_MINUTES)
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        # Both counts or neither: a refusal by the second rolls the first back.
        if not (
            rate_limit_take(
                scope="resume-link-draft",
                key=str(locked.pk),
                uses=settings.VERBUND_RESUME_LINKS_PER_DRAFT,
                window=window,
            )
            and rate_limit_take(
                scope="resume-link-address",
                key=email.strip().lower(),
                uses=settings.VERBUND_RESUME_LINKS_PER_ADDRESS,
                window=window,
            )
        ):
            raise ValidationError(
                {
                    "email": _(
                        "Für diesen Antrag oder an diese E-Mail-Adresse wurden in kurzer Zeit zu "
                        "viele Links angefordert. Es wurde keine E-Mail verschickt; ein zuvor "
                        "geschickter Link gilt weiter. Bitte versuchen Sie es später noch einmal."
                    )
                },
                code="rate_limited",
            )
        locked.resume_email = email
        locked.resume_salt = secrets.token_hex(16)
        _touch(locked)
        locked.save(update_fields=["resume_email", "resume_salt", "expires_at", "updated_at"])
        send_resume_link.enqueue(str(locked.pk))
    return resume_token(locked)


# --- submitting -------------------------------------------------------------------


def local_fees(draft: Draft) -> dict[str, Decimal]:
    return catalogue_local_fees(draft.service_id, draft.place_id)


def _checked_answers(draft: Draft, form: engine.Form) -> dict[str, Any]:
    answers = engine.prune(form, draft.answers)
    open_steps = engine.steps_open(form, answers, draft.completed_steps)
    if open_steps:
        raise SubmitRefused(
            open_steps[0].key, _("Bitte beantworten Sie zuerst alle Fragen dieses Schritts.")
        )
    problems = engine.check_all(form, answers)
    if problems:
        step, errors = next(iter(problems.items()))
        raise SubmitRefused(step, next(iter(errors.values())))
    # Every file answer must name uploads of this very draft.
    for f in form.file_fields():
        ids = answers.get(f.name) or []
        found = Attachment.objects.filter(
            draft=draft, field=f.name, id__in=ids, submission__isnull=True
        ).count()
        if found != len(ids):
            step = next(s.key for s in form.steps if f in s.fields)
            raise SubmitRefused(step, _("Bitte laden Sie die Dateien erneut hoch."))
    return answers


class _DraftChanged(Exception):
    """The draft changed after the caller read it: submit from a fresh, locked read."""


def submission_create(*, draft: Draft) -> tuple[Submission, bool]:
    """Submit the draft: exactly one submission per draft, ever.

    In one transaction: the submission, its attachments, what the listeners of
    ``hooks.SUBMISSION_RECEIVED`` add (the back office: the case in the processing
    authority's inbox), the confirmation e-mail task and one audit entry for all of
    it, written last so that the authority's audit chain is locked only until the
    commit. Returns ``(submission, created)``; a repeated call returns the first
    submission with ``created=False``. Raises :class:`SubmitRefused` when a page is
    incomplete.

    The draft as the caller read it is checked before the transaction and submitted
    without reading it again: the update that marks it submitted applies only while
    it is unsubmitted and unchanged since that read. Otherwise (a page saved in
    another tab meanwhile, a second submit) the draft is read again, locked, and the
    submit repeated from it.
    """
    form = form_of(draft.version)
    current: Draft | None = draft if draft.submission_id is None else None
    for _attempt in range(5):
        try:
            if current is not None:
                # Checked before the transaction: on SQLite the write lock is held from
                # its start, so the checks would hold up every other writer.
                checked = _checked(current, form)
                with transaction.atomic():
                    return _submit(current, form, checked), True
            with transaction.atomic():
                current = (
                    Draft.objects.select_related("service", "version")
                    .select_for_update(of=("self",))
                    .get(pk=draft.pk)
                )
                if current.submission_id is not None:
                    return Submission.objects.get(pk=current.submission_id), False
                return _submit(current, form, _checked(current, form)), True
        except _DraftChanged:
            current = None
        except IntegrityError:
            existing = Submission.objects.filter(submit_key=draft.submit_key).first()
            if existing is not None:
                return existing, False
            # A reference number collided: draw another.
    raise RuntimeError("could not allocate a reference number")


@dataclass(frozen=True)
class _Checked:
    answers: dict[str, Any]
    lines: list[engine.FeeLine]
    total: Decimal


def _checked(draft: Draft, form: engine.Form) -> _Checked:
    answers = _checked_answers(draft, form)
    lines = engine.compute_fees(form, answers, local_fees(draft))
    return _Checked(answers, lines, engine.fee_total(lines))


def _submit(draft: Draft, form: engine.Form, checked: _Checked) -> Submission:
    answers, lines, total = checked.answers, checked.lines, checked.total
    now = timezone.now()
    status = SubmissionStatus.AWAITING_PAYMENT if total > 0 else SubmissionStatus.SUBMITTED
    email = str(answers.get(form.contact_email or "", "") or draft.resume_email)
    submission = Submission.objects.create(
        reference=new_reference(timezone.localdate(now).year),
        submit_key=draft.submit_key,
        service=draft.service,
        version=draft.version,
        place_id=draft.place_id,
        responsible_id=draft.authority_id,
        authority_id=draft.processing_id,
        answers=answers,
        fee_lines=[line.as_json() for line in lines],
        fee_total=total,
        status=status,
        status_salt=secrets.token_hex(16),
        email=email,
        applicant_name=engine.applicant_name(form, answers)[:200],
        language=draft.language,
        submitted_at=now,
    )
    claimed = Draft.objects.filter(
        pk=draft.pk, submission__isnull=True, updated_at=draft.updated_at
    ).update(submission=submission, answers={}, updated_at=now)
    if claimed != 1:
        raise _DraftChanged
    file_ids = [i for f in form.file_fields() for i in answers.get(f.name) or []]
    if file_ids:
        Attachment.objects.filter(draft=draft, id__in=file_ids).update(submission=submission)
    facts: dict[str, Any] = {
        "reference": submission.reference,
        "service": submission.service_id,
        "version": submission.version_id,
        "responsible": submission.responsible_id,
        "fee_total": str(total),
        "attachments": len(file_ids),
    }
    for listener in hooks.SUBMISSION_RECEIVED:
        facts.update(listener(submission=submission) or {})
    if submission.email:
        send_confirmation.enqueue(submission.pk)
    audit_record(
        actor=None,
        action="submission.create",
        obj=submission,
        authority=submission.authority_id,
        changes=facts,
    )
    return submission


def submission_mark_paid(*, submission: Submission) -> Submission:
    """The fee is paid: the application is complete and goes to the inbox (the listeners
    of ``hooks.SUBMISSION_PAID``). Returns the submission as stored afterwards."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != SubmissionStatus.AWAITING_PAYMENT:
            return locked
        locked.status = SubmissionStatus.SUBMITTED
        locked.paid_at = timezone.now()
        locked.save(update_fields=["status", "paid_at"])
        for listener in hooks.SUBMISSION_PAID:
            listener(submission=locked)
        audit_record(
            actor=None,
            action="submission.paid",
            obj=locked,
            authority=locked.authority_id,
            changes={"fee_total": str(locked.fee_total)},
        )
    # Read again: the listeners changed rows this instance may have cached (its case).
    return Submission.objects.get(pk=locked.pk)


def submission_payment_start(*, submission: Submission, return_url: str) -> Payment:
    """Start paying the submission's fee at the provider, or continue the open attempt.

    The submission's row stays locked for the call, so a double click cannot open two
    attempts. Raises ``ValueError`` for a return URL outside this site and
    ``payments.providers.ProviderError`` when the provider cannot be reached; nothing
    is recorded then.
    """
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update().select_related("service").get(pk=submission.pk)
        )
        return payment_start(
            submission=locked,
            amount=locked.fee_total,
            purpose=f"{locked.reference} {locked.service.title}"[:140],
            return_url=return_url,
        )


def drafts_purge(*, now: dt.datetime | None = None) -> int:
    """Delete expired, unsubmitted drafts with their uploads; the number deleted.

    Submitted drafts only keep the link to their submission (their answers were
    emptied at submission) and go when expired too; attachments of a submission
    are never touched.
    """
    now = now or timezone.now()
    expired = Draft.objects.filter(expires_at__lte=now)
    files = []
    with transaction.atomic():
        orphans = Attachment.objects.filter(draft__in=expired, submission__isnull=True)
        files = [a.file.name for a in orphans]
        orphans.delete()
        expired_count = expired.count()
        expired.delete()
        transaction.on_commit(lambda: _delete_files(files))
    return int(expired_count)


def _delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        storage.delete(name)
