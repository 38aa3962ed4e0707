"""Reads of the text recognition: the review queue of an archive, the pages to queue
again, the lines of a page for the correction page, the box of a line on the
derivative image."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from verbund.archive.models import Archive, LineCorrection, OcrStatus, Page
from verbund.archive.ocr import alto
from verbund.core.taskqueue import lease_seconds

__all__ = [
    "LineRow",
    "derivative_box",
    "line_rows",
    "requeueable_pages",
    "review_queue",
    "stalled_before",
]


def stalled_before(now: dt.datetime | None = None) -> dt.datetime:
    """A page RUNNING since before this lost its worker: a live attempt ends within
    the OCR timeout, a dead one is revived within one and a half leases."""
    return (now or timezone.now()) - dt.timedelta(seconds=2 * lease_seconds())


def _stalled() -> Q:
    return Q(ocr_status=OcrStatus.RUNNING, ocr_at__lt=stalled_before())


def requeueable_pages(archive: Archive) -> QuerySet[Page]:
    """The failed and stalled pages of ``archive``."""
    return Page.objects.filter(unit__fonds__archive=archive).filter(
        Q(ocr_status=OcrStatus.FAILED) | _stalled()
    )


def review_queue(pages: QuerySet[Page], archive: Archive) -> QuerySet[Page]:
    """Of ``pages`` (already scoped to the user), those of ``archive`` that wait for a
    person: to review (lowest confidence first), failed, stalled."""
    return (
        pages.filter(unit__fonds__archive=archive)
        .filter(Q(ocr_status__in=[OcrStatus.REVIEW, OcrStatus.FAILED]) | _stalled())
        .select_related("unit__fonds")
        .order_by("ocr_status", "mean_confidence", "unit__reference_code", "position")
    )


@dataclass(frozen=True)
class LineRow:
    """One line of the correction page: its ALTO line, the current text (corrected or
    recognised), the recognised text and whether an archivist corrected it."""

    line: alto.Line
    text: str
    recognised: str
    corrected: bool
    confidence: int | None


def line_rows(page: Page) -> list[LineRow]:
    if not page.alto:
        return []
    parsed = alto.parse(page.alto)
    corrections = {c.line_id: c for c in LineCorrection.objects.filter(page=page)}
    rows: list[LineRow] = []
    for line in parsed.lines:
        correction = corrections.get(line.id)
        known = [w.confidence for w in line.words if w.confidence is not None]
        rows.append(
            LineRow(
                line=line,
                text=line.text,
                recognised=correction.recognised if correction else line.text,
                corrected=correction is not None,
                confidence=(
                    None if correction or not known else round(sum(known) * 100 / len(known))
                ),
            )
        )
    return rows


def derivative_box(
    page: Page, line: alto.Line, size: tuple[int, int], *, alto_size: tuple[int, int]
) -> tuple[int, int, int, int]:
    """The box (left, top, right, bottom) of ``line`` on an image of ``size``: the
    ALTO's coordinates are the master's (``alto_size``, else the page's size), scaled."""
    master_w = alto_size[0] or page.width
    master_h = alto_size[1] or page.height
    sx, sy = size[0] / max(1, master_w), size[1] / max(1, master_h)
    left = max(0, int(line.hpos * sx))
    top = max(0, int(line.vpos * sy))
    right = min(size[0], max(left + 1, round((line.hpos + line.width) * sx)))
    bottom = min(size[1], max(top + 1, round((line.vpos + line.height) * sy)))
    return left, top, right, bottom
