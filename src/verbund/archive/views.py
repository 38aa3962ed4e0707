"""Staff pages of the archive's description and ingest: an authority's archives, an
archive with its holdings and OCR profile, holdings, units with their pages, the upload
of scans, the page order, a page with its image.

Who may do what is the policies' (``archive/policies.py``); every object comes through
the access layer, so another authority's ids answer 404 and a unit's access flag
decides who sees its pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.archive import selectors, services
from verbund.archive.forms import (
    ArchiveForm,
    FondsForm,
    ProfileChoiceForm,
    ProfileForm,
    ReorderForm,
    UnitForm,
    UploadForm,
)
from verbund.archive.models import (
    Archive,
    Fonds,
    OcrProfile,
    OcrStatus,
    Page,
    Unit,
)
from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form
from verbund.core.storage import private_download
from verbund.core.uploads import format_size

FileView = Callable[..., FileResponse]


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    context_line: str,
    back: str,
    back_label: str,
    submit_label: str,
) -> HttpResponse:
    return render(
        request,
        "staff/archive/form.html",
        {
            "form": form,
            "title": title,
            "context_line": context_line,
            "back": back,
            "back_label": back_label,
            "submit_label": submit_label,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _archive_url(archive: Archive) -> str:
    return reverse("staff:archive", kwargs={"archive_pk": archive.pk})


def _fonds_url(fonds: Fonds) -> str:
    return reverse("staff:archive_fonds", kwargs={"fonds_pk": fonds.pk})


def _unit_url(unit: Unit) -> str:
    return reverse("staff:archive_unit", kwargs={"unit_pk": unit.pk})


# --- archives -----------------------------------------------------------------------------


@staff_required
@require_safe
def archive_list(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    archives = (
        scoped(request.user, Archive).filter(authority_id=authority.pk).select_related("profile")
    )
    return render(
        request,
        "staff/archive/archives.html",
        {
            "authority": authority,
            "archives": list(archives),
            "may_create": can(request.user, Action.MANAGE, authority),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def archive_create(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.MANAGE)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            archive = services.archive_create(
                actor=request.user, authority=authority, details=form.details()
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Das Archiv „%(name)s“ ist angelegt, mit einem eigenen OCR-Profil.")
                % {"name": archive.name},
            )
            return redirect(_archive_url(archive))
    return _form_page(
        request,
        form,
        title=_("Archiv anlegen"),
        context_line=authority.name,
        back=reverse("staff:archive_list", kwargs={"pk": authority.pk}),
        back_label=_("Zurück zu den Archiven"),
        submit_label=_("Archiv anlegen"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def archive_edit(request: HttpRequest, archive_pk: int) -> HttpResponse:
    archive = access_by_id(request.user, Archive, archive_pk, Action.CHANGE)
    initial = {name: getattr(archive, name) for name in ("name", "isil", "address", "email")}
    form = ArchiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            archive = services.archive_update(
                actor=request.user, archive=archive, details=form.details()
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Das Archiv ist gespeichert."))
            return redirect(_archive_url(archive))
    return _form_page(
        request,
        form,
        title=_("Archiv bearbeiten"),
        context_line=archive.name,
        back=_archive_url(archive),
        back_label=_("Zurück zum Archiv"),
        submit_label=_("Speichern"),
    )


def _profile_form(archive: Archive, data: Any = None) -> ProfileChoiceForm:
    return ProfileChoiceForm(
        data,
        initial={"profile": archive.profile_id},
        profiles=list(selectors.profiles_for_authority(archive.authority_id)),
    )


def _archive_page(
    request: HttpRequest, archive: Archive, choice: ProfileChoiceForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "staff/archive/archive.html",
        {
            "archive": archive,
            "fonds_list": list(selectors.fonds_of_archive(archive)),
            "profile": archive.profile,
            "choice": choice,
            "may_change": can(request.user, Action.CHANGE, archive),
            "may_manage": can(request.user, Action.MANAGE, archive),
            "may_change_profile": archive.profile is not None
            and can(request.user, Action.CHANGE, archive.profile),
            "may_share_profile": archive.profile is not None
            and can(request.user, Action.MANAGE, archive.profile),
        },
        status=status,
    )


@staff_required
@require_safe
def archive_detail(request: HttpRequest, archive_pk: int) -> HttpResponse:
    archive = access_by_id(request.user, Archive, archive_pk)
    return _archive_page(request, archive, _profile_form(archive))


@staff_required
@require_POST
def archive_profile(request: HttpRequest, archive_pk: int) -> HttpResponse:
    """Choose the archive's OCR profile: one of its own authority or a shared one."""
    archive = access_by_id(request.user, Archive, archive_pk, Action.MANAGE)
    form = _profile_form(archive, request.POST)
    if form.is_valid():
        profile = access_by_id(request.user, OcrProfile, form.cleaned_data["profile"])
        try:
            archive = services.archive_adopt_profile(
                actor=request.user, archive=archive, profile=profile
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Das Archiv arbeitet jetzt mit dem OCR-Profil „%(name)s“.")
                % {"name": profile.name},
            )
            return redirect(_archive_url(archive))
    return _archive_page(request, archive, form, status=400)


# --- OCR profiles -------------------------------------------------------------------------


def _profile_initial(profile: OcrProfile) -> dict[str, Any]:
    settings = services.settings_of(profile)
    return {
        **{name: getattr(settings, name) for name in ProfileForm.base_fields},
        "review_threshold": formats.number_format(profile.review_threshold, 2),
    }


@staff_required
@require_http_methods(["GET", "POST"])
def profile_create(request: HttpRequest, archive_pk: int) -> HttpResponse:
    """A new profile of the archive's authority; the archive works with it at once."""
    archive = access_by_id(request.user, Archive, archive_pk, Action.MANAGE)
    defaults = services.ProfileSettings(name="")
    form = ProfileForm(
        request.POST or None,
        initial={
            **{name: getattr(defaults, name) for name in ProfileForm.base_fields},
            "review_threshold": formats.number_format(defaults.review_threshold, 2),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_create(
                actor=request.user, authority=archive.authority, profile=form.settings()
            )
            services.archive_adopt_profile(actor=request.user, archive=archive, profile=profile)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request, _("Das OCR-Profil „%(name)s“ ist angelegt.") % {"name": profile.name}
            )
            return redirect(_archive_url(archive))
    return _form_page(
        request,
        form,
        title=_("Eigenes OCR-Profil anlegen"),
        context_line=archive.name,
        back=_archive_url(archive),
        back_label=_("Zurück zum Archiv"),
        submit_label=_("Anlegen und verwenden"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, profile_pk: int) -> HttpResponse:
    profile = access_by_id(request.user, OcrProfile, profile_pk, Action.CHANGE)
    form = ProfileForm(request.POST or None, initial=_profile_initial(profile))
    back = reverse("staff:archive_list", kwargs={"pk": profile.authority_id})
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_update(
                actor=request.user, profile=profile, settings=form.settings()
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request, _("Das OCR-Profil „%(name)s“ ist gespeichert.") % {"name": profile.name}
            )
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("OCR-Profil bearbeiten"),
        context_line=_(
            "Alle Archive, die mit diesem Profil arbeiten, verwenden die neuen Einstellungen "
            "für die Seiten, die von jetzt an erkannt werden."
        ),
        back=back,
        back_label=_("Zurück zu den Archiven"),
        submit_label=_("Speichern"),
    )


@staff_required
@require_POST
def profile_share(request: HttpRequest, profile_pk: int) -> HttpResponse:
    profile = access_by_id(request.user, OcrProfile, profile_pk, Action.MANAGE)
    shared = request.POST.get("shared") == "1"
    profile = services.profile_share(actor=request.user, profile=profile, shared=shared)
    message = (
        _("„%(name)s“ ist jetzt für andere Archive freigegeben.")
        if profile.shared
        else _("„%(name)s“ ist nicht mehr für andere Archive freigegeben.")
    )
    messages.success(request, message % {"name": profile.name})
    return redirect("staff:archive_list", pk=profile.authority_id)


# --- holdings -----------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def fonds_create(request: HttpRequest, archive_pk: int) -> HttpResponse:
    archive = access_by_id(request.user, Archive, archive_pk, Action.CHANGE)
    form = FondsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fonds = services.fonds_create(
                actor=request.user, archive=archive, description=form.description()
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Der Bestand „%(fonds)s“ ist angelegt.") % {"fonds": fonds})
            return redirect(_fonds_url(fonds))
    return _form_page(
        request,
        form,
        title=_("Bestand anlegen"),
        context_line=archive.name,
        back=_archive_url(archive),
        back_label=_("Zurück zum Archiv"),
        submit_label=_("Bestand anlegen"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def fonds_edit(request: HttpRequest, fonds_pk: int) -> HttpResponse:
    fonds = access_by_id(request.user, Fonds, fonds_pk, Action.CHANGE)
    form = FondsForm(request.POST or None, initial=services.description_of_fonds(fonds).__dict__)
    if request.method == "POST" and form.is_valid():
        try:
            fonds = services.fonds_update(
                actor=request.user, fonds=fonds, description=form.description()
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Der Bestand ist gespeichert."))
            return redirect(_fonds_url(fonds))
    return _form_page(
        request,
        form,
        title=_("Bestand bearbeiten"),
        context_line=str(fonds),
        back=_fonds_url(fonds),
        back_label=_("Zurück zum Bestand"),
        submit_label=_("Speichern"),
    )


@staff_required
@require_safe
def fonds_detail(request: HttpRequest, fonds_pk: int) -> HttpResponse:
    fonds = access_by_id(request.user, Fonds, fonds_pk)
    units = selectors.units_of_fonds(fonds, scoped(request.user, Unit))
    return render(
        request,
        "staff/archive/fonds.html",
        {
            "fonds": fonds,
            "archive": fonds.archive,
            "units": list(units),
            "may_change": can(request.user, Action.CHANGE, fonds),
        },
    )


# --- units --------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest, fonds_pk: int) -> HttpResponse:
    fonds = access_by_id(request.user, Fonds, fonds_pk, Action.CHANGE)
    defaults = services.UnitDescription(reference_code="", title="")
    form = UnitForm(request.POST or None, initial=defaults.__dict__)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(
                actor=request.user, fonds=fonds, description=form.description()
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request, _("Die Verzeichnungseinheit „%(unit)s“ ist angelegt.") % {"unit": unit}
            )
            return redirect(_unit_url(unit))
    return _form_page(
        request,
        form,
        title=_("Verzeichnungseinheit anlegen"),
        context_line=str(fonds),
        back=_fonds_url(fonds),
        back_label=_("Zurück zum Bestand"),
        submit_label=_("Anlegen"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_by_id(request.user, Unit, unit_pk, Action.CHANGE)
    form = UnitForm(request.POST or None, initial=services.description_of_unit(unit).__dict__)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_update(
                actor=request.user, unit=unit, description=form.description()
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Verzeichnungseinheit ist gespeichert."))
            return redirect(_unit_url(unit))
    return _form_page(
        request,
        form,
        title=_("Verzeichnungseinheit bearbeiten"),
        context_line=str(unit),
        back=_unit_url(unit),
        back_label=_("Zurück zur Verzeichnungseinheit"),
        submit_label=_("Speichern"),
    )


@staff_required
@require_safe
def unit_detail(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_by_id(request.user, Unit, unit_pk)
    pages = selectors.pages_of_unit(unit)
    counts = selectors.status_counts(pages)
    return render(
        request,
        "staff/archive/unit.html",
        {
            "unit": unit,
            "fonds": unit.fonds,
            "archive": unit.fonds.archive,
            "pages": list(pages),
            "counts": [
                (label, counts[value]) for value, label in OcrStatus.choices if value in counts
            ],
            "may_change": can(request.user, Action.CHANGE, unit),
        },
    )


# --- upload and page order ----------------------------------------------------------------


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _outcome_text(outcome: services.FileOutcome) -> str:
    if outcome.error:
        return outcome.error
    count = len(outcome.pages)
    first, last = outcome.pages[0].position, outcome.pages[-1].position
    return ngettext(
        "„%(name)s“: %(count)s Seite eingespielt (Seite %(first)s).",
        "„%(name)s“: %(count)s Seiten eingespielt (Seiten %(first)s bis %(last)s).",
        count,
    ) % {"name": outcome.name, "count": count, "first": first, "last": last}


@staff_required
@require_http_methods(["GET", "POST"])
def unit_upload(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Scans for a unit: without JavaScript a plain form whose answer lists each file;
    the page's script sends the same form and reads the answer as JSON."""
    unit = access_by_id(request.user, Unit, unit_pk, Action.CHANGE)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    outcomes: list[services.FileOutcome] = []
    if request.method == "POST" and form.is_valid():
        result = services.pages_ingest(
            actor=request.user,
            unit=unit,
            files=[(uploaded.name or "", uploaded) for uploaded in form.cleaned_data["scans"]],
        )
        outcomes = list(result.files)
        if _wants_json(request):
            return JsonResponse(
                {
                    "files": [
                        {
                            "name": outcome.name,
                            "ok": outcome.ok,
                            "pages": len(outcome.pages),
                            "message": _outcome_text(outcome),
                        }
                        for outcome in outcomes
                    ],
                    "unit": _unit_url(unit),
                },
                status=400 if result.failed else 200,
            )
        if not result.failed:
            for outcome in outcomes:
                messages.success(request, _outcome_text(outcome))
            return redirect(_unit_url(unit))
    elif request.method == "POST" and _wants_json(request):
        return JsonResponse(
            {"files": [], "errors": [str(e) for e in form.errors.get("scans", [])]}, status=400
        )
    return render(
        request,
        "staff/archive/upload.html",
        {
            "unit": unit,
            "form": form,
            "results": [(outcome, _outcome_text(outcome)) for outcome in outcomes],
            "max_file": format_size(services.max_file_bytes()),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def unit_reorder(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_by_id(request.user, Unit, unit_pk, Action.CHANGE)
    pages = list(selectors.pages_of_unit(unit))
    form = ReorderForm(request.POST or None, pages=pages)
    if request.method == "POST" and form.is_valid():
        try:
            services.pages_reorder(actor=request.user, unit=unit, order=form.order())
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Reihenfolge der Seiten ist gespeichert."))
            return redirect(_unit_url(unit))
    return render(
        request,
        "staff/archive/reorder.html",
        {"unit": unit, "form": form, "rows": [(page, form[f"page_{page.pk}"]) for page in pages]},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- pages --------------------------------------------------------------------------------


@staff_required
@require_safe
def page_detail(request: HttpRequest, page_pk: int) -> HttpResponse:
    page = access_by_id(request.user, Page, page_pk)
    unit = page.unit
    neighbours = selectors.pages_of_unit(unit)
    return render(
        request,
        "staff/archive/page.html",
        {
            "page": page,
            "unit": unit,
            "previous": neighbours.filter(position__lt=page.position).last(),
            "next": neighbours.filter(position__gt=page.position).first(),
            "may_change": can(request.user, Action.CHANGE, page),
        },
    )


def _inline_image(file: FieldFile) -> FileResponse:
    response = FileResponse(file.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required  # type: ignore[arg-type]
@require_safe
def page_image(request: HttpRequest, page_pk: int) -> FileResponse:
    page = access_by_id(request.user, Page, page_pk)
    return _inline_image(page.image)


@staff_required  # type: ignore[arg-type]
@require_safe
def page_thumbnail(request: HttpRequest, page_pk: int) -> FileResponse:
    page = access_by_id(request.user, Page, page_pk)
    return _inline_image(page.thumbnail)


@staff_required  # type: ignore[arg-type]
@require_safe
def page_master(request: HttpRequest, page_pk: int) -> FileResponse:
    """The master exactly as it was ingested: for the archive's own staff."""
    page = access_by_id(request.user, Page, page_pk, Action.CHANGE)
    return private_download(page.master, filename=page.master_name, content_type=page.master_type)


__all__ = [
    "archive_create",
    "archive_detail",
    "archive_edit",
    "archive_list",
    "archive_profile",
    "fonds_create",
    "fonds_detail",
    "fonds_edit",
    "page_detail",
    "page_image",
    "page_master",
    "page_thumbnail",
    "profile_create",
    "profile_edit",
    "profile_share",
    "unit_create",
    "unit_detail",
    "unit_edit",
    "unit_reorder",
    "unit_upload",
]
