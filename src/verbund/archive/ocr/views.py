"""Staff pages of the text recognition: an archive's review queue, the correction
page (the page image beside its recognised lines, each with its crop and a field),
the line crops, marking a page reviewed, queueing failed pages again. The page image
itself is the description's (``staff:archive_page_image``).

Pages are loaded through the access layer with ``Action.CHANGE`` (the archive's
staff, ``archive/policies.py``); anyone else's ids answer 404."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from PIL import Image

from verbund.archive.models import Archive, OcrStatus, Page
from verbund.archive.ocr import alto, selectors, services
from verbund.archive.ocr.forms import LineForm
from verbund.core.access import Action, access_by_id, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_messages


def _page(request: HttpRequest, pk: int) -> Page:
    return access_by_id(request.user, Page, pk, Action.CHANGE)


def _image_response(data: bytes, content_type: str) -> FileResponse:
    response = FileResponse(io.BytesIO(data), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_safe
def ocr_review_queue(request: HttpRequest, archive_pk: int) -> HttpResponse:
    archive = access_by_id(request.user, Archive, archive_pk, Action.CHANGE)
    pages = list(selectors.review_queue(scoped(request.user, Page, Action.CHANGE), archive))
    return render(
        request,
        "staff/archive/ocr/review_queue.html",
        {
            "archive": archive,
            "pages": pages,
            "failed": sum(1 for page in pages if page.ocr_status != OcrStatus.REVIEW),
            "review": OcrStatus.REVIEW,
        },
    )


@staff_required
@require_POST
def ocr_requeue_failed(request: HttpRequest, archive_pk: int) -> HttpResponse:
    archive = access_by_id(request.user, Archive, archive_pk, Action.CHANGE)
    count = services.pages_requeue_failed(actor=request.user, archive=archive)
    if count:
        messages.success(
            request,
            _("%(n)d Seiten sind wieder zur Texterkennung eingereiht.") % {"n": count},
        )
    else:
        messages.info(request, _("Es gibt keine fehlgeschlagenen Seiten."))
    return redirect("staff:archive_ocr_queue", archive_pk=archive.pk)


def _correction_page(
    request: HttpRequest,
    page: Page,
    *,
    invalid: tuple[str, LineForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = []
    for row in selectors.line_rows(page):
        if invalid is not None and invalid[0] == row.line.id:
            form = invalid[1]
        else:
            form = LineForm(prefix=row.line.id, initial={"text": row.text})
        rows.append({"row": row, "form": form})
    return render(
        request,
        "staff/archive/ocr/correct.html",
        {
            "page": page,
            "unit": page.unit,
            "archive": page.unit.fonds.archive,
            "rows": rows,
            "error_form": invalid[1] if invalid else None,
            "reviewable": page.ocr_status in (OcrStatus.REVIEW, OcrStatus.DONE),
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def ocr_page_correct(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page(request, pk)
    if request.method == "GET":
        return _correction_page(request, page)
    line_id = request.POST.get("line_id", "")
    lines = alto.parse(page.alto).lines if page.alto else ()
    if not any(line.id == line_id for line in lines):
        messages.error(request, _("Die Zeile gibt es auf dieser Seite nicht."))
        return _correction_page(request, page, status=400)
    form = LineForm(request.POST, prefix=line_id)
    if form.is_valid():
        try:
            services.line_correct(
                actor=request.user, page=page, line_id=line_id, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "text" in exc.error_dict:
                form.add_error("text", exc.error_dict["text"])
            else:
                refusal_to_messages(request, exc)
                return _correction_page(request, page, status=400)
        else:
            messages.success(request, _("Die Zeile ist gespeichert."))
            url = reverse("staff:archive_ocr_page", kwargs={"pk": page.pk})
            return redirect(f"{url}#zeile-{line_id}")
    return _correction_page(request, page, invalid=(line_id, form), status=400)


@staff_required
@require_POST
def ocr_page_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page(request, pk)
    try:
        services.page_review_done(actor=request.user, page=page)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
        return redirect("staff:archive_ocr_page", pk=page.pk)
    messages.success(request, _("Die Seite ist als geprüft markiert."))
    return redirect("staff:archive_ocr_queue", archive_pk=page.unit.fonds.archive_id)


@staff_required  # type: ignore[arg-type]
@require_safe
def ocr_line_image(request: HttpRequest, pk: int, line_id: str) -> FileResponse:
    """The line's crop of the derivative: the ALTO box (master pixels) scaled."""
    page = _page(request, pk)
    if not page.alto or not page.image.name:
        raise Http404
    parsed = alto.parse(page.alto)
    line = parsed.line(line_id)
    if line is None:
        raise Http404
    with page.image.open("rb") as stream, Image.open(stream) as image:
        image.load()
        box = selectors.derivative_box(
            page, line, image.size, alto_size=(parsed.width, parsed.height)
        )
        crop = image.crop(box)
    if crop.mode not in {"1", "L", "RGB"}:
        crop = crop.convert("RGB")
    out = io.BytesIO()
    crop.save(out, "PNG")
    return _image_response(out.getvalue(), "image/png")
