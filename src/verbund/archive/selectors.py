"""Reads of the archive (its published surface): who sees which unit, the holdings of
an archive, the pages of a unit, the OCR profiles an archive may choose, the pages
processed per member for the network's figures, and the full-resolution image of a
page for the text recognition and the image server.

The access rule of a unit (``Unit.access``) is decided here, once, and everything
that shows a unit's pages, text or search hits filters through :func:`visible_units`
or :func:`visible_pages` (the policies in ``archive/policies.py`` use the same
filters):

* ``public``: everyone, anonymous visitors included;
* ``members``: the staff of the archive's authority and of every authority that is an
  active member, today, of a network the archive's authority is an active member of;
* ``own``: the staff of the archive's authority only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import pypdfium2 as pdfium
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from PIL import Image, ImageOps

from verbund.accounts.selectors import grants_for
from verbund.archive.models import (
    AccessLevel,
    Archive,
    Fonds,
    OcrProfile,
    OcrStatus,
    Page,
    Unit,
)
from verbund.networks.models import Membership

__all__ = [
    "PDF_DPI",
    "RECOGNISED",
    "archives_of_authority",
    "fellow_authority_ids",
    "fonds_of_archive",
    "own_authority_ids",
    "page_master_image",
    "page_master_images",
    "pages_of_unit",
    "pages_processed",
    "profiles_for_authority",
    "shared_profiles",
    "status_counts",
    "unit_filter",
    "units_of_fonds",
    "visible_pages",
    "visible_units",
]

# The resolution a PDF page is rendered at: the usual resolution of archive scans and
# what Tesseract is trained for.
PDF_DPI = 300
# OCR states of a page whose text has been recognised.
RECOGNISED = (OcrStatus.DONE, OcrStatus.REVIEW, OcrStatus.REVIEWED)


# --- who sees what ------------------------------------------------------------------------


def _is_staff(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def own_authority_ids(user: Any) -> set[int]:
    """The authorities ``user`` holds any role in."""
    if not _is_staff(user):
        return set()
    return grants_for(user).authority_ids()


def _active(on: dt.date) -> Q:
    return Q(joined_on__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gte=on))


def fellow_authority_ids(user: Any, *, on: dt.date | None = None) -> set[int]:
    """The authorities that share an active network membership with one of ``user``'s
    authorities on ``on`` (today by default), the user's own included when they are
    members anywhere. A coordinator without a role in an authority has no fellows."""
    own = own_authority_ids(user)
    if not own:
        return set()
    day = on or timezone.localdate()
    networks = Membership.objects.filter(_active(day), authority_id__in=own).values("network_id")
    return set(
        Membership.objects.filter(_active(day), network_id__in=networks).values_list(
            "authority_id", flat=True
        )
    )


def unit_filter(user: Any, *, prefix: str = "") -> Q:
    """The units ``user`` may see, as a filter on ``Unit`` or, with ``prefix``, on a row
    that leads to its unit (``"unit__"`` for a page). Every archive row carries its
    authority, so the authority is read from the row itself."""
    access = f"{prefix}access"
    public = Q(**{access: AccessLevel.PUBLIC})
    own = own_authority_ids(user)
    if not own:
        return public
    members = Q(**{access: AccessLevel.MEMBERS, "authority_id__in": fellow_authority_ids(user)})
    return public | members | Q(authority_id__in=own)


def visible_units(user: Any) -> QuerySet[Unit]:
    """Every unit ``user`` may see; for an anonymous visitor the public ones."""
    return Unit.objects.filter(unit_filter(user))


def visible_pages(user: Any) -> QuerySet[Page]:
    """Every page ``user`` may see: the pages of :func:`visible_units`."""
    return Page.objects.filter(unit_filter(user, prefix="unit__"))


# --- the holdings -------------------------------------------------------------------------


def archives_of_authority(authority_id: int) -> QuerySet[Archive]:
    return Archive.objects.filter(authority_id=authority_id).select_related("profile")


def fonds_of_archive(archive: Archive) -> QuerySet[Fonds]:
    """The holdings of an archive with the number of their units, by reference code."""
    return (
        Fonds.objects.filter(archive=archive)
        .annotate(unit_count=Count("units"))
        .order_by("reference_code")
    )


def units_of_fonds(fonds: Fonds, units: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """The units of a holdings (of ``units``, e.g. those a user sees) with their page
    counts, by reference code."""
    base = Unit.objects.all() if units is None else units
    return base.filter(fonds=fonds).annotate(page_count=Count("pages")).order_by("reference_code")


def pages_of_unit(unit: Unit) -> QuerySet[Page]:
    """The pages of a unit in their order."""
    return Page.objects.filter(unit=unit).order_by("position")


def status_counts(pages: QuerySet[Page]) -> dict[str, int]:
    """``{OCR status: number of pages}`` of ``pages``, zero counts left out."""
    grouped = pages.order_by().values_list("ocr_status").annotate(n=Count("pk"))
    return dict(grouped.values_list("ocr_status", "n"))


# --- OCR profiles -------------------------------------------------------------------------


def shared_profiles() -> QuerySet[OcrProfile]:
    """The profiles their authorities share with every archive (build once, reuse)."""
    return OcrProfile.objects.filter(shared=True).select_related("authority")


def profiles_for_authority(authority_id: int) -> QuerySet[OcrProfile]:
    """The profiles an archive of the authority may work with: its own and the shared
    ones, own first."""
    return (
        OcrProfile.objects.filter(Q(authority_id=authority_id) | Q(shared=True))
        .select_related("authority")
        .order_by("name", "pk")
    )


# --- figures for the network --------------------------------------------------------------


def pages_processed(
    authority_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Pages per authority in the days ``start`` to ``end`` (both included, local time):
    ``{authority id: {"pages": ingested, "recognised": text recognised}}``. Every
    asked authority is in the answer, with zeros when it did nothing."""
    ids = list(authority_ids)
    result = {authority_id: {"pages": 0, "recognised": 0} for authority_id in ids}
    if not ids:
        return result
    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    pages = Page.objects.filter(authority_id__in=ids).order_by()
    for authority_id, n in (
        pages.filter(created_at__gte=since, created_at__lt=until)
        .values_list("authority_id")
        .annotate(n=Count("pk"))
        .values_list("authority_id", "n")
    ):
        result[authority_id]["pages"] = n
    for authority_id, n in (
        pages.filter(ocr_status__in=RECOGNISED, ocr_at__gte=since, ocr_at__lt=until)
        .values_list("authority_id")
        .annotate(n=Count("pk"))
        .values_list("authority_id", "n")
    ):
        result[authority_id]["recognised"] = n
    return result


# --- images -------------------------------------------------------------------------------


def pdf_scale(width_pt: float, height_pt: float, max_pixels: int) -> float:
    """The render scale of a PDF page: ``PDF_DPI``, less where the page would have more
    than ``max_pixels`` pixels (a poster-sized page)."""
    scale = PDF_DPI / 72
    pixels = width_pt * scale * height_pt * scale
    if pixels > max_pixels:
        scale *= (max_pixels / pixels) ** 0.5
    return scale


def _upright(image: Image.Image) -> Image.Image:
    # A camera's JPEG may be stored sideways with an EXIF orientation; pages are
    # shown and recognised the way people read them.
    return ImageOps.exif_transpose(image) or image


def _pdf_page(document: Any, index: int) -> Image.Image:
    page = document[index]
    try:
        width, height = page.get_size()
        scale = pdf_scale(width, height, int(Image.MAX_IMAGE_PIXELS or 89_478_485))
        image: Image.Image = page.render(scale=scale).to_pil()
        return image
    finally:
        page.close()


def page_master_images(stream: Any, content_type: str) -> Iterator[Image.Image]:
    """Every page of a master file (an open binary stream) at full resolution, upright,
    decoded: one for a JPEG or PNG, one per frame of a TIFF, one per page of a PDF
    (rendered at ``PDF_DPI``). Raises on damaged content."""
    if content_type == "application/pdf":
        try:
            document = pdfium.PdfDocument(stream)
        except pdfium.PdfiumError as exc:
            # PDFium parses a document without pages but refuses to load it, reporting
            # no error: such a file simply has no page to give.
            if getattr(exc, "err_code", None) == 0:
                return
            raise
        try:
            for index in range(len(document)):
                yield _pdf_page(document, index)
        finally:
            document.close()
        return
    with Image.open(stream) as image:
        for frame in range(getattr(image, "n_frames", 1)):
            image.seek(frame)
            image.load()
            yield _upright(image.copy())


def page_master_image(page: Page) -> Image.Image:
    """The page at full resolution, as ``width`` × ``height`` and the ALTO coordinates
    mean it: the master's frame or PDF page ``master_page``, upright."""
    index = page.master_page - 1
    with page.master.open("rb") as stream:
        if page.master_type == "application/pdf":
            document = pdfium.PdfDocument(stream)
            try:
                return _pdf_page(document, index)
            finally:
                document.close()
        with Image.open(stream) as image:
            image.seek(index)
            image.load()
            return _upright(image.copy())
