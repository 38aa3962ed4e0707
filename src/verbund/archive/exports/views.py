"""Views of the archive's exchange: METS per unit, EAD per holdings, IIIF manifest,
image service and ALTO per page — public ones under /archiv/ for public units, staff
ones for every unit the user may see — and the hand-overs page of an archive."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.archive.exports import iiif, links, selectors, services
from verbund.archive.exports.ead import fonds_ead
from verbund.archive.exports.forms import HandOverForm, PackageUploadForm
from verbund.archive.exports.mets import unit_mets
from verbund.archive.models import Archive, Fonds, Page, Unit
from verbund.archive.selectors import fonds_of_archive
from verbund.cases.models import RecordsDisposal
from verbund.core.access import Action, access_by_id, access_child_by_id
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form

PUBLIC_CACHE = "public, max-age=300"
STAFF_CACHE = "private, no-store"


def _headers(response: HttpResponse, *, public: bool) -> HttpResponse:
    response["Cache-Control"] = PUBLIC_CACHE if public else STAFF_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        # IIIF viewers and portals on other sites read these resources.
        response["Access-Control-Allow-Origin"] = "*"
    return response


def _xml(body: bytes, *, public: bool) -> HttpResponse:
    return _headers(
        HttpResponse(body, content_type="application/xml; charset=utf-8"), public=public
    )


def _json(document: dict[str, Any], *, public: bool, profile: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type=f'application/ld+json;profile="{profile}"',
    )
    return _headers(response, public=public)


# --- shared bodies -----------------------------------------------------------------------


def _mets(unit: Unit, *, public: bool) -> HttpResponse:
    return _xml(unit_mets(unit, selectors.unit_pages(unit)), public=public)


def _manifest(unit: Unit, *, public: bool) -> HttpResponse:
    pages = [(page, iiif.derivative_of(page)) for page in selectors.unit_pages(unit)]
    return _json(
        iiif.manifest(unit, pages),
        public=public,
        profile="http://iiif.io/api/presentation/3/context.json",
    )


def _info(page: Page, *, public: bool) -> HttpResponse:
    document = iiif.image_info(
        service_id=links.image_service_url(page.unit, page), derivative=iiif.derivative_of(page)
    )
    return _json(document, public=public, profile="http://iiif.io/api/image/3/context.json")


def _image(page: Page, region: str, size: str, *, public: bool) -> HttpResponse:
    try:
        name = iiif.image_region(page, iiif.derivative_of(page), region, size)
    except iiif.TileNotOffered:
        return HttpResponseBadRequest(
            _("Dieser Bildausschnitt wird nicht angeboten (IIIF Level 0)."),
            content_type="text/plain; charset=utf-8",
        )
    with page.image.storage.open(name, "rb") as handle:
        body = handle.read()
    return _headers(HttpResponse(body, content_type="image/jpeg"), public=public)


def _thumbnail(page: Page, *, public: bool) -> HttpResponse:
    with page.thumbnail.open("rb") as handle:
        body = handle.read()
    return _headers(HttpResponse(body, content_type="image/jpeg"), public=public)


def _alto(page: Page, *, public: bool) -> HttpResponse:
    if not page.alto:
        raise Http404
    return _xml(page.alto.encode("utf-8"), public=public)


def _service_redirect(page: Page, *, public: bool) -> HttpResponse:
    response = HttpResponseRedirect(
        f"{links.image_service_url(page.unit, page)}/info.json", status=303
    )
    return _headers(response, public=public)


# --- public: public units only -----------------------------------------------------------


def _public_unit(unit_id: int) -> Unit:
    unit = selectors.public_unit(unit_id)
    if unit is None:
        raise Http404
    return unit


def _public_page(page_id: int) -> Page:
    page = selectors.public_page(page_id)
    if page is None:
        raise Http404
    return page


@require_safe
def public_mets(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _mets(_public_unit(unit_id), public=True)


@require_safe
def public_ead(request: HttpRequest, fonds_id: int) -> HttpResponse:
    fonds = selectors.public_fonds(fonds_id)
    if fonds is None:
        raise Http404
    units = selectors.export_units(fonds, public=True)
    return _xml(fonds_ead(fonds, units, staff=False), public=True)


@require_safe
def public_manifest(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _manifest(_public_unit(unit_id), public=True)


@require_safe
def public_image_service(request: HttpRequest, page_id: int) -> HttpResponse:
    return _service_redirect(_public_page(page_id), public=True)


@require_safe
def public_info(request: HttpRequest, page_id: int) -> HttpResponse:
    return _info(_public_page(page_id), public=True)


@require_safe
def public_image(request: HttpRequest, page_id: int, region: str, size: str) -> HttpResponse:
    return _image(_public_page(page_id), region, size, public=True)


@require_safe
def public_thumbnail(request: HttpRequest, page_id: int) -> HttpResponse:
    return _thumbnail(_public_page(page_id), public=True)


@require_safe
def public_alto(request: HttpRequest, page_id: int) -> HttpResponse:
    return _alto(_public_page(page_id), public=True)


# --- staff: every unit the user may see --------------------------------------------------


def _staff_page(request: HttpRequest, page_id: int) -> Page:
    page = access_by_id(request.user, Page, page_id)
    return page


@staff_required
@require_safe
def staff_mets(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _mets(access_by_id(request.user, Unit, unit_id), public=False)


@staff_required
@require_safe
def staff_ead(request: HttpRequest, fonds_id: int) -> HttpResponse:
    fonds = access_by_id(request.user, Fonds, fonds_id)
    units = selectors.export_units(fonds, user=request.user, public=False)
    response = _xml(fonds_ead(fonds, units, staff=True), public=False)
    response["Content-Disposition"] = f'attachment; filename="ead-{fonds.pk}.xml"'
    return response


@staff_required
@require_safe
def staff_manifest(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _manifest(access_by_id(request.user, Unit, unit_id), public=False)


@staff_required
@require_safe
def staff_image_service(request: HttpRequest, page_id: int) -> HttpResponse:
    return _service_redirect(_staff_page(request, page_id), public=False)


@staff_required
@require_safe
def staff_info(request: HttpRequest, page_id: int) -> HttpResponse:
    return _info(_staff_page(request, page_id), public=False)


@staff_required
@require_safe
def staff_image(request: HttpRequest, page_id: int, region: str, size: str) -> HttpResponse:
    return _image(_staff_page(request, page_id), region, size, public=False)


@staff_required
@require_safe
def staff_thumbnail(request: HttpRequest, page_id: int) -> HttpResponse:
    return _thumbnail(_staff_page(request, page_id), public=False)


@staff_required
@require_safe
def staff_alto(request: HttpRequest, page_id: int) -> HttpResponse:
    return _alto(_staff_page(request, page_id), public=False)


# --- hand-overs ----------------------------------------------------------------------------


def _fonds_choices(archive: Archive) -> list[tuple[int, str]]:
    return [(f.pk, f"{f.reference_code} {f.title}") for f in fonds_of_archive(archive)]


def _chosen_fonds(request: HttpRequest, archive: Archive, fonds_id: int) -> Fonds:
    fonds = access_by_id(request.user, Fonds, fonds_id, Action.CHANGE)
    if fonds.archive_id != archive.pk:
        raise Http404
    return fonds


def _handovers_page(
    request: HttpRequest,
    archive: Archive,
    upload: PackageUploadForm,
    *,
    status: int = 200,
) -> HttpResponse:
    choices = _fonds_choices(archive)
    pending = [
        (disposal, HandOverForm(fonds=choices, prefix=str(disposal.pk)))
        for disposal in selectors.pending_hand_overs(request.user, archive)
    ]
    return render(
        request,
        "staff/archive/exports/handovers.html",
        {"archive": archive, "pending": pending, "upload": upload},
        status=status,
    )


def _done(request: HttpRequest, result: services.HandOverResult) -> None:
    messages.success(
        request,
        ngettext(
            "%(units)d Verzeichnungseinheit mit %(pages)d Seiten übernommen.",
            "%(units)d Verzeichnungseinheiten mit %(pages)d Seiten übernommen.",
            len(result.units),
        )
        % {"units": len(result.units), "pages": result.pages},
    )
    if result.skipped:
        messages.warning(
            request,
            _("Nicht als Seiten übernommen (Dateiformat): %(files)s")
            % {"files": "; ".join(result.skipped)},
        )


def _back(archive: Archive) -> HttpResponse:
    url = reverse("staff:archive_exchange_handovers", kwargs={"archive_id": archive.pk})
    return HttpResponseRedirect(url, status=303)


@staff_required
@require_http_methods(["GET", "POST"])
def handovers(request: HttpRequest, archive_id: int) -> HttpResponse:
    """The pending hand-overs of the archive's authority, and the upload of a package
    from another system."""
    archive = access_by_id(request.user, Archive, archive_id, Action.CHANGE)
    upload = PackageUploadForm(
        request.POST or None, request.FILES or None, fonds=_fonds_choices(archive)
    )
    if request.method == "POST":
        if upload.is_valid():
            fonds = _chosen_fonds(request, archive, upload.cleaned_data["fonds"])
            try:
                result = services.handover_import(
                    actor=request.user,
                    fonds=fonds,
                    data=upload.cleaned_data["package"],
                    package_name=str(getattr(request.FILES.get("package"), "name", "")),
                )
            except ValidationError as exc:
                refusal_to_form(upload, exc)
            else:
                _done(request, result)
                return _back(archive)
        return _handovers_page(request, archive, upload, status=400)
    return _handovers_page(request, archive, upload)


@staff_required
@require_POST
def handover_accept(request: HttpRequest, archive_id: int, disposal_id: uuid.UUID) -> HttpResponse:
    archive = access_by_id(request.user, Archive, archive_id, Action.CHANGE)
    disposal = access_child_by_id(
        request.user,
        RecordsDisposal,
        disposal_id,
        parent=archive.authority,
        parent_field="authority",
    )
    form = HandOverForm(request.POST, fonds=_fonds_choices(archive), prefix=str(disposal.pk))
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie den Bestand, in den die Akten kommen."))
        return _back(archive)
    fonds = _chosen_fonds(request, archive, form.cleaned_data["fonds"])
    try:
        result = services.handover_accept(actor=request.user, fonds=fonds, disposal=disposal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        upload = PackageUploadForm(fonds=_fonds_choices(archive))
        return _handovers_page(request, archive, upload, status=400)
    _done(request, result)
    return _back(archive)
