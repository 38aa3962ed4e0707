"""Staff pages of the form builder: a service's builder edits the form definition,
checks it, previews it and publishes it as immutable, numbered versions.

The form is the builder's business: its staff see it, its admins change it; for
everybody else these pages do not exist (404), even for a published service.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.authorities.models import Authority
from verbund.catalogue.models import Service
from verbund.core.access import Action, access_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_messages
from verbund.formengine import engine, selectors, services
from verbund.formengine.forms import (
    STARTER_DEFINITION,
    DefinitionForm,
    as_text,
    parse_definition,
    too_large_message,
)
from verbund.formengine.models import FormVersion, ServiceForm

TYPE_NAMES = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}


def _service(user: Any, service_id: int, action: Action = Action.VIEW) -> Service:
    """The service whose form ``user`` works on: 404 unless ``user`` is staff of its
    builder, 403 when ``action`` is not allowed (the builder's clerks only read)."""
    service = access_by_id(user, Service, service_id)
    if not scoped(user, Authority).filter(pk=service.builder_id).exists():
        raise Http404
    if action is not Action.VIEW and not can(user, action, service):
        raise PermissionDenied
    return service


def _fee_amount_text(rule: engine.FeeRule, form: engine.Form) -> str:
    """How much a fee line charges, as the preview states it."""
    if rule.rate is None:
        return engine.money_display(rule.amount if rule.amount is not None else "0")
    of = form.fields_by_name[rule.of].label if rule.of in form.fields_by_name else ""
    percent = rule.rate * 100
    places = max(0, -int(percent.normalize().as_tuple().exponent))
    text = _("%(rate)s %% von „%(of)s“") % {
        "rate": formats.number_format(percent, places, use_l10n=True),
        "of": of,
    }
    if rule.minimum is not None:
        text += ", " + _("mindestens %(amount)s") % {"amount": engine.money_display(rule.minimum)}
    return text


def _condition_text(condition: Any) -> str:
    """A condition as the builder wrote it, on one line ("" for none)."""
    if not condition:
        return ""
    return json.dumps(condition, ensure_ascii=False)


def _editor(
    request: HttpRequest,
    service: Service,
    form: DefinitionForm | None = None,
    *,
    saved: bool = False,
) -> HttpResponse:
    draft = selectors.service_form(service.pk)
    published = selectors.versions(service.pk)
    latest = published[0] if published else None
    if draft is not None:
        definition: Any = draft.draft
    elif latest is not None:
        definition = latest.definition
    else:
        definition = STARTER_DEFINITION
    may_change = can(request.user, Action.CHANGE, service)
    if form is None and may_change:
        form = DefinitionForm(initial={"definition": as_text(definition)})
    draft_digest = engine.definition_digest(draft.draft) if draft is not None else ""
    return render(
        request,
        "staff/formengine/form_edit.html",
        {
            "service": service,
            "form": form,
            "saved": saved,
            "may_change": may_change,
            "draft": draft,
            "latest": latest,
            "versions": published,
            "draft_published": latest is not None and draft_digest == latest.digest,
            "text": as_text(definition),
            # The check of what is shown, unless the error summary already lists it.
            "check_errors": None
            if form is not None and form.is_bound
            else engine.validate_definition(definition),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def form_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    if request.method != "POST":
        return _editor(request, _service(request.user, service_id))
    service = _service(request.user, service_id, Action.CHANGE)
    form = DefinitionForm(request.POST)
    if not form.is_valid():
        return _editor(request, service, form)
    definition = form.cleaned_data["definition"]
    try:
        services.form_save_draft(actor=request.user, service=service, definition=definition)
    except ValidationError as exc:
        form.add_error("definition", exc)
        return _editor(request, service, form)
    errors = engine.validate_definition(definition)
    if errors:
        # Saved as it is, so that work is not lost; publishing waits for the fixes.
        for error in errors:
            form.add_error("definition", error)
        return _editor(request, service, form, saved=True)
    messages.success(
        request,
        _("Der Entwurf wurde gespeichert. Er ist vollständig und kann veröffentlicht werden."),
    )
    return redirect("staff:formengine_staff:form", service_id=service.pk)


def _json_error(message: str, status: int = 200) -> JsonResponse:
    return JsonResponse({"ok": False, "errors": [message]}, status=status)


@staff_required
@require_POST
def form_validate(request: HttpRequest, service_id: int) -> JsonResponse:
    """The live check of the editor: the request body is the typed text."""
    _service(request.user, service_id, Action.CHANGE)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > services.MAX_DEFINITION_BYTES:
        return _json_error(too_large_message(), status=400)
    body = request.body
    if len(body) > services.MAX_DEFINITION_BYTES:
        return _json_error(too_large_message(), status=400)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _json_error(_("Der Text ist nicht UTF-8-kodiert."), status=400)
    try:
        definition = parse_definition(text)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "errors": exc.messages})
    errors = engine.validate_definition(definition)
    return JsonResponse({"ok": not errors, "errors": errors})


@staff_required
@require_POST
def form_publish(request: HttpRequest, service_id: int) -> HttpResponse:
    service = _service(request.user, service_id, Action.CHANGE)
    try:
        version = services.form_publish(actor=request.user, service=service)
    except ValidationError as exc:
        if getattr(exc, "code", None) is not None:
            # A refusal in one sentence: no draft yet, or the draft is already published.
            refusal_to_messages(request, exc)
        else:
            # The definition's errors: the editor lists them in its check below the text area.
            messages.error(
                request,
                _(
                    "Der Entwurf wurde nicht veröffentlicht: er enthält %(count)d Fehler. "
                    "Sie sind unter „Prüfung“ aufgeführt."
                )
                % {"count": len(exc.messages)},
            )
    else:
        messages.success(
            request,
            _(
                "Version %(number)d ist veröffentlicht. Alle Behörden, die die Leistung nutzen, "
                "verwenden ab sofort diese Version."
            )
            % {"number": version.number},
        )
    return redirect("staff:formengine_staff:form", service_id=service.pk)


def _question(field: engine.Field, step: engine.Step) -> dict[str, Any]:
    """The context of the citizen's question partial, empty and without errors."""
    return {
        "field": field,
        "value": engine.raw_from_answer(field, None),
        "error": "",
        "files": [],
        "as_heading": False,
        "heading": step.title,
        "accept_names": ", ".join(TYPE_NAMES.get(t, t) for t in field.accept),
        "max_mb": field.max_bytes // 1048576,
    }


@staff_required
@require_safe
def form_preview(request: HttpRequest, service_id: int) -> HttpResponse:
    service = _service(request.user, service_id)
    draft: ServiceForm | None = selectors.service_form(service.pk)
    latest = selectors.current_version(service.pk)
    definition: Any = None
    source = ""
    if draft is not None:
        definition, source = draft.draft, "draft"
    elif latest is not None:
        definition, source = latest.definition, "version"
    compiled: engine.Form | None = None
    errors: list[str] = []
    if definition is not None:
        try:
            compiled = engine.compile_form(definition)
        except engine.DefinitionError as error:
            errors = error.errors
    steps = []
    fees = []
    if compiled is not None:
        steps = [
            {
                "step": step,
                "condition": _condition_text(step.when),
                "questions": [
                    {"q": _question(field, step), "condition": _condition_text(field.when)}
                    for field in step.fields
                ],
            }
            for step in compiled.steps
        ]
        fees = [
            {
                "label": rule.label,
                "amount": _fee_amount_text(rule, compiled),
                "per": compiled.fields_by_name[rule.per].label if rule.per else "",
                "condition": _condition_text(rule.when),
                "with_decision": rule.due == engine.Due.DECISION,
            }
            for rule in compiled.fees
        ]
    return render(
        request,
        "staff/formengine/form_preview.html",
        {
            "service": service,
            "source": source,
            "latest": latest,
            "errors": errors,
            "steps": steps,
            "fees": fees,
        },
    )


@staff_required
@require_safe
def form_version(request: HttpRequest, service_id: int, number: int) -> HttpResponse:
    service = _service(request.user, service_id)
    version = (
        scoped(request.user, FormVersion)
        .filter(service_id=service.pk, number=number)
        .select_related("published_by")
        .first()
    )
    if version is None:
        raise Http404
    latest = selectors.current_version(service.pk)
    return render(
        request,
        "staff/formengine/form_version.html",
        {
            "service": service,
            "version": version,
            "is_current": latest is not None and latest.pk == version.pk,
            "text": as_text(version.definition),
        },
    )
