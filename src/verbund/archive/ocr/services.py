"""Writes of the text recognition: queueing pages, recognising one, a failed attempt,
line corrections, the review, re-queueing failed pages; and the export of the
corrected lines as ground truth.

The states of a page (``Page.ocr_status``): PENDING (queued, or waiting for its next
attempt after one failed) → RUNNING (an attempt is under way; ``ocr_at`` is its
start) → DONE, or REVIEW when the mean word confidence is below the profile's
threshold → REVIEWED once an archivist has checked it. An attempt that fails goes back
to PENDING with its error; the last one (``VERBUND_TASK_MAX_ATTEMPTS``) sets FAILED.
A page RUNNING for longer than two leases lost its worker (``selectors.stalled``); it
is re-queued like a failed one.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from verbund.archive.models import Archive, LineCorrection, OcrProfile, OcrStatus, Page
from verbund.archive.ocr import alto, tesseract
from verbund.archive.ocr.selectors import requeueable_pages
from verbund.archive.search.services import page_index
from verbund.archive.selectors import page_master_image
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record
from verbund.core.taskqueue import max_attempts

__all__ = [
    "LINE_TEXT_MAX_LENGTH",
    "ground_truth_export",
    "line_correct",
    "page_attempt_failed",
    "page_attempt_start",
    "page_recognise",
    "page_review_done",
    "pages_enqueue",
    "pages_requeue_failed",
    "profile_of",
]

LINE_TEXT_MAX_LENGTH = 1000
# The most of an error message kept on the page.
ERROR_MAX_LENGTH = 2000
CORRECTABLE = (OcrStatus.DONE, OcrStatus.REVIEW, OcrStatus.REVIEWED)


def profile_of(page: Page) -> OcrProfile:
    """The OCR profile of the page's archive; an archive without one works with the
    defaults (``frk`` for Fraktur, ``deu`` otherwise, ``--psm 3``, review below 80 %)."""
    profile = page.unit.fonds.archive.profile
    return profile if profile is not None else OcrProfile(name="Standard")


def pages_enqueue(pages: Sequence[Page]) -> None:
    """Queue the text recognition of ``pages``: each PENDING with a fresh attempt count,
    one task per page.

    Call it inside the transaction that stores the pages: the database backend writes
    the task rows in that transaction (a worker sees them only after the commit, and
    they vanish with a rollback), and the broker backend pushes them after the commit."""
    from verbund.archive.ocr.tasks import ocr_page

    ids = [page.pk for page in pages]
    if not ids:
        return
    Page.objects.filter(pk__in=ids).update(
        ocr_status=OcrStatus.PENDING, ocr_attempts=0, ocr_error=""
    )
    for page in pages:
        page.ocr_status, page.ocr_attempts, page.ocr_error = OcrStatus.PENDING, 0, ""
    for page_id in ids:
        ocr_page.enqueue(page_id)


def page_attempt_start(page: Page) -> Page:
    """Count an attempt and mark the page RUNNING (committed at once, so that the
    attempt is counted even if the worker dies)."""
    now = timezone.now()
    Page.objects.filter(pk=page.pk).update(
        ocr_status=OcrStatus.RUNNING, ocr_attempts=F("ocr_attempts") + 1, ocr_at=now
    )
    page.refresh_from_db(fields=["ocr_status", "ocr_attempts", "ocr_at"])
    return page


def page_attempt_failed(page: Page, error: BaseException) -> Page:
    """Record a failed attempt: back to PENDING with the error while attempts remain
    (the queue tries again), FAILED after the last one."""
    message = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
    final = page.ocr_attempts >= max_attempts()
    status = OcrStatus.FAILED if final else OcrStatus.PENDING
    with transaction.atomic():
        Page.objects.filter(pk=page.pk).update(
            ocr_status=status, ocr_error=message, ocr_at=timezone.now()
        )
        page.ocr_status, page.ocr_error = status, message
        if final:
            audit_record(
                actor=None,
                action="archive.page_ocr_failed",
                obj=page,
                authority=page.authority_id,
                changes={
                    "ocr_status": [OcrStatus.RUNNING, status],
                    "ocr_attempts": page.ocr_attempts,
                    "ocr_error": message,
                },
            )
    return page


def _write_image(image: Image.Image, folder: Path) -> Path:
    # PNM is written without compression, and Tesseract (Leptonica) reads it directly.
    if image.mode not in {"1", "L", "RGB"}:
        image = image.convert("RGB")
    path = folder / ("page.pbm" if image.mode == "1" else "page.pnm")
    image.save(path, "PPM")
    return path


def page_recognise(page: Page) -> Page:
    """Recognise ``page`` with the model its archive's profile names for the unit's
    script, and store the ALTO (with the corrections of lines that are still there),
    the text and the mean word confidence; DONE, or REVIEW below the threshold.

    Raises :class:`~verbund.archive.ocr.tesseract.OcrError` (and whatever a damaged
    master raises) with nothing stored."""
    page = Page.objects.select_related("unit__fonds__archive__profile").get(pk=page.pk)
    profile = profile_of(page)
    model = profile.model_for(page.unit.script)
    image = page_master_image(page)
    with tempfile.TemporaryDirectory(prefix="verbund-page-") as folder:
        result = tesseract.recognise(
            _write_image(image, Path(folder)), model=model, psm=profile.page_segmentation
        )
    parsed = alto.parse(result.alto)
    confidence = alto.mean_confidence(parsed)
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        # A correction stays applied when its line is still there with the same box
        # (the same model on the same image); otherwise it is ground truth only.
        corrections = {
            correction.line_id: correction.corrected
            for correction in LineCorrection.objects.filter(page=locked)
            if (line := parsed.line(correction.line_id)) is not None
            and (line.hpos, line.vpos, line.width, line.height)
            == (correction.hpos, correction.vpos, correction.width, correction.height)
        }
        before = {"ocr_status": locked.ocr_status, "ocr_model": locked.ocr_model}
        locked.alto = alto.corrected_alto(result.alto, corrections) if corrections else result.alto
        locked.text = alto.page_text(parsed, corrections)
        locked.mean_confidence = confidence
        locked.ocr_model = model
        locked.ocr_error = ""
        locked.ocr_at = timezone.now()
        below = confidence is not None and confidence < profile.review_threshold
        locked.ocr_status = OcrStatus.REVIEW if below else OcrStatus.DONE
        locked.save(
            update_fields=[
                "alto",
                "text",
                "mean_confidence",
                "ocr_model",
                "ocr_error",
                "ocr_at",
                "ocr_status",
            ]
        )
        # The search reads the recognised text from its index, kept in the same transaction.
        page_index(locked)
        audit_record(
            actor=None,
            action="archive.page_recognised",
            obj=locked,
            authority=locked.authority_id,
            changes={
                "ocr_status": [before["ocr_status"], locked.ocr_status],
                "ocr_model": [before["ocr_model"], model],
                "mean_confidence": confidence,
                "seconds": round(result.seconds, 2),
            },
        )
    return locked


def _clean_line_text(text: str) -> str:
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise ValidationError(
            {"text": _("Geben Sie den Text der Zeile ein, so wie er auf dem Bild steht.")}
        )
    if len(cleaned) > LINE_TEXT_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("Eine Zeile hat höchstens %(max)d Zeichen; diese hat %(n)d.")
                % {"max": LINE_TEXT_MAX_LENGTH, "n": len(cleaned)}
            }
        )
    return cleaned


def line_correct(*, actor: Actor, page: Page, line_id: str, text: str) -> LineCorrection:
    """Correct one recognised line: the correction is kept (with the line's box and the
    recognised text, as ground truth), the ALTO gets the corrected words and the
    page's text is rebuilt from it. The same text again changes nothing."""
    cleaned = _clean_line_text(text)
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        if locked.ocr_status not in CORRECTABLE or not locked.alto:
            raise ValidationError(
                _("Die Seite hat noch keinen erkannten Text; korrigieren Sie sie danach.")
            )
        line = alto.parse(locked.alto).line(line_id)
        if line is None:
            raise ValidationError({"line_id": _("Die Zeile gibt es auf dieser Seite nicht.")})
        correction = LineCorrection.objects.filter(page=locked, line_id=line_id).first()
        if correction is not None and correction.corrected == cleaned:
            return correction
        previous = correction.corrected if correction is not None else line.text
        if correction is None:
            correction = LineCorrection(
                page=locked,
                authority_id=locked.authority_id,
                line_id=line_id,
                hpos=line.hpos,
                vpos=line.vpos,
                width=line.width,
                height=line.height,
                recognised=line.text,
            )
        correction.corrected = cleaned
        correction.corrected_by_id = actor_id(actor)
        correction.save()
        locked.alto = alto.corrected_alto(locked.alto, {line_id: cleaned})
        locked.text = alto.page_text(alto.parse(locked.alto))
        locked.save(update_fields=["alto", "text"])
        page_index(locked)
        audit_record(
            actor=actor,
            action="archive.line_corrected",
            obj=locked,
            authority=locked.authority_id,
            changes={"line_id": line_id, "text": [previous, cleaned]},
        )
    page.alto, page.text = locked.alto, locked.text
    return correction


def page_review_done(*, actor: Actor, page: Page) -> Page:
    """Mark a recognised page as checked (REVIEW or DONE → REVIEWED)."""
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        if locked.ocr_status not in (OcrStatus.REVIEW, OcrStatus.DONE):
            raise ValidationError(
                _("Nur erkannte Seiten können als geprüft markiert werden; diese ist „%(s)s“.")
                % {"s": locked.get_ocr_status_display()}
            )
        before = locked.ocr_status
        locked.ocr_status = OcrStatus.REVIEWED
        locked.reviewed_by_id = actor_id(actor)
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["ocr_status", "reviewed_by", "reviewed_at"])
        audit_record(
            actor=actor,
            action="archive.page_reviewed",
            obj=locked,
            authority=locked.authority_id,
            changes={"ocr_status": [before, OcrStatus.REVIEWED]},
        )
    page.ocr_status, page.reviewed_by_id, page.reviewed_at = (
        locked.ocr_status,
        locked.reviewed_by_id,
        locked.reviewed_at,
    )
    return page


def pages_requeue_failed(*, actor: Actor, archive: Archive) -> int:
    """Queue the failed pages of ``archive`` again (and those whose worker died in the
    middle of an attempt); how many."""
    with transaction.atomic():
        pages = list(requeueable_pages(archive).select_for_update())
        if not pages:
            return 0
        for page in pages:
            audit_record(
                actor=actor,
                action="archive.page_ocr_requeued",
                obj=page,
                authority=page.authority_id,
                changes={
                    "ocr_status": [page.ocr_status, OcrStatus.PENDING],
                    "ocr_error": page.ocr_error,
                },
            )
        pages_enqueue(pages)
    return len(pages)


def ground_truth_export(*, archive: Archive, folder: Path) -> int:
    """Write the corrected lines of ``archive`` as a ground truth folder: per line the
    crop of the master (``.png``) and its true text (``.gt.txt``), named after the
    unit's first year (for the figures per decade), the page and the line. The number
    of lines written."""
    folder.mkdir(parents=True, exist_ok=True)
    corrections = (
        LineCorrection.objects.filter(page__unit__fonds__archive=archive)
        .select_related("page__unit")
        .order_by("page_id", "vpos", "hpos", "pk")
    )
    written = 0
    image: Image.Image | None = None
    image_page: int | None = None
    for correction in corrections:
        if image_page != correction.page_id:
            image = page_master_image(correction.page)
            image_page = correction.page_id
        assert image is not None
        box = (
            correction.hpos,
            correction.vpos,
            min(image.width, correction.hpos + correction.width),
            min(image.height, correction.vpos + correction.height),
        )
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        year = correction.page.unit.year_from
        prefix = f"{year:04d}_" if year else ""
        safe_line = "".join(c if c.isalnum() or c in "_-" else "-" for c in correction.line_id)
        stem = f"{prefix}p{correction.page_id}_{safe_line}"
        image.crop(box).save(folder / f"{stem}.png", "PNG")
        (folder / f"{stem}.gt.txt").write_text(correction.corrected + "\n", encoding="utf-8")
        written += 1
    return written
