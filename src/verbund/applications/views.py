"""The citizen's application journey: start, one page per step, check answers,
submit, pay, confirmation, resume by e-mail link and the status page.

No account is needed. A draft belongs to the browser session that started or
resumed it; a submission is reached through its reference and secret status
link. Every page works without JavaScript.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from verbund.applications import hooks, links, selectors
from verbund.applications.forms import ResumeForm
from verbund.applications.models import Draft, Submission, SubmissionStatus
from verbund.applications.receipt import render_receipt
from verbund.applications.services import (
    SubmitRefused,
    attachment_add,
    attachment_remove,
    draft_request_resume,
    draft_save_step,
    draft_start,
    local_fees,
    submission_create,
    submission_mark_paid,
    submission_payment_start,
)
from verbund.catalogue.selectors import routing_index
from verbund.core.panels import render_panels
from verbund.core.refusals import refusal_to_form
from verbund.core.uploads import UploadRejected, type_label
from verbund.formengine import engine
from verbund.formengine.selectors import current_version, form_of
from verbund.payments import selectors as payment_selectors
from verbund.payments import services as payment_services
from verbund.payments.models import PaymentStatus
from verbund.payments.services import ProviderError

SESSION_DRAFTS = "verbund_drafts"
SESSION_SUBMISSIONS = "verbund_submissions"
MAX_SESSION_ITEMS = 20


# --- session ownership ----------------------------------------------------------------


def _remember(request: HttpRequest, key: str, value: str) -> None:
    items = [v for v in request.session.get(key, []) if v != value]
    request.session[key] = [*items, value][-MAX_SESSION_ITEMS:]


def _owned_draft(request: HttpRequest, draft_id: uuid.UUID) -> Draft:
    """The draft, if this browser session started or resumed it; otherwise 404."""
    if str(draft_id) not in request.session.get(SESSION_DRAFTS, []):
        raise Http404
    draft = selectors.draft_by_id(draft_id)
    if draft is None:
        raise Http404
    return draft


def _to_confirmation(request: HttpRequest, draft: Draft) -> HttpResponse:
    """A submitted draft's pages lead to its confirmation, which the session that owns
    the draft may see (also when the answer to the submit itself was lost)."""
    submission = draft.submission
    if submission is None:
        raise Http404
    _remember(request, SESSION_SUBMISSIONS, submission.reference)
    return redirect("applications:confirmation", reference=submission.reference)


# --- start ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, key: str) -> HttpResponse:
    """What the citizen needs to know before starting, then a button that starts."""
    index = routing_index()
    service = index.service(key)
    if service is None:
        raise Http404
    place = index.place(request.GET.get("ort", "").strip())
    if place is None:
        # Without a place there is no responsible authority: ask for it on the service page.
        return redirect(reverse("catalogue:service", kwargs={"key": key}) + "#zustaendig")
    resolution = index.resolve(service, place)
    version = current_version(service.id)
    can_apply = (
        version is not None and resolution.adoption is not None and resolution.adoption.online
    )
    if request.method == "POST":
        if not can_apply or version is None:
            raise Http404
        draft = draft_start(version=version, resolution=resolution)
        _remember(request, SESSION_DRAFTS, str(draft.pk))
        first = form_of(version).visible_steps({})[0]
        return redirect("applications:step", draft_id=draft.pk, step_key=first.key)
    fees = []
    if resolution.adoption is not None:
        fees = [(label, engine.money_display(amount)) for label, amount in resolution.adoption.fees]
    return render(
        request,
        "applications/start.html",
        {
            "service": service,
            "resolution": resolution,
            "can_apply": can_apply,
            "fees": fees,
            "pages": engine.page_count(form_of(version)) if version else None,
        },
    )


# --- steps ----------------------------------------------------------------------------


def _first_open(form: engine.Form, draft: Draft) -> engine.Step | None:
    open_steps = engine.steps_open(form, draft.answers, draft.completed_steps)
    return open_steps[0] if open_steps else None


def _after(form: engine.Form, draft: Draft) -> HttpResponseRedirect:
    nxt = _first_open(form, draft)
    if nxt is None:
        return redirect("applications:check", draft_id=draft.pk)
    return redirect("applications:step", draft_id=draft.pk, step_key=nxt.key)


def question_is_heading(step: engine.Step) -> bool:
    """Whether the step's one question is its page heading (GOV.UK "one thing per page"):
    only where the step's title says what the question's label says. A step titled
    otherwise ("Erstattung der Kfz-Steuer" for the question "IBAN für die Erstattung der
    Kfz-Steuer") keeps its title as heading and shows the label as well."""
    if not step.single_question:
        return False
    return (
        " ".join(step.title.split()).casefold() == " ".join(step.fields[0].label.split()).casefold()
    )


def _field_views(
    form: engine.Form,
    step: engine.Step,
    answers: dict[str, Any],
    raw: dict[str, Any] | None,
    errors: dict[str, str],
    attachments: dict[str, list[Any]],
) -> list[dict[str, Any]]:
    as_heading = question_is_heading(step)
    views = []
    for f in form.visible_fields(step, answers):
        value = (
            raw[f.name]
            if raw is not None and f.name in raw
            else engine.raw_from_answer(f, answers.get(f.name))
        )
        views.append(
            {
                "field": f,
                "value": value,
                "error": errors.get(f.name, ""),
                "files": attachments.get(f.name, []),
                "as_heading": as_heading,
                "accept_names": ", ".join(type_label(t) for t in f.accept),
                "max_mb": f.max_bytes // (1024 * 1024),
            }
        )
    return views


def _render_step(
    request: HttpRequest,
    draft: Draft,
    form: engine.Form,
    step: engine.Step,
    *,
    raw: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    answers = dict(draft.answers)
    visible = form.visible_steps(answers)
    position = next((i for i, s in enumerate(visible) if s.key == step.key), 0) + 1
    uploads = [f.name for f in step.fields if f.kind is engine.Kind.FILE]
    fields = _field_views(
        form, step, answers, raw, errors, selectors.draft_attachments_by_field(draft, uploads)
    )
    return render(
        request,
        "applications/step.html",
        {
            "draft": draft,
            "service": draft.service,
            "step": step,
            "fields": fields,
            "errors": [(form.fields_by_name[name], message) for name, message in errors.items()],
            "position": position,
            "total": len(visible),
            "back_url": _back_url(draft, visible, position),
            "return_to_check": request.GET.get("zurueck") == "pruefen",
            "has_files": any(v["field"].kind is engine.Kind.FILE for v in fields),
            # The step's h1 is its question's label, unless that question is hidden.
            "question_is_heading": any(view["as_heading"] for view in fields),
        },
        status=status,
    )


def _back_url(draft: Draft, visible: list[engine.Step], position: int) -> str:
    if position <= 1:
        return reverse("catalogue:service", kwargs={"key": draft.service.key})
    return reverse(
        "applications:step", kwargs={"draft_id": draft.pk, "step_key": visible[position - 2].key}
    )


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, draft_id: uuid.UUID, step_key: str) -> HttpResponse:
    draft = _owned_draft(request, draft_id)
    if draft.submission_id is not None:
        return _to_confirmation(request, draft)
    form = form_of(draft.version)
    current = form.step(step_key)
    visible = form.visible_steps(draft.answers)
    if current is None or current not in visible:
        raise Http404
    # No skipping: a page opens only when every shown page before it is done.
    before = visible[: visible.index(current)]
    done = set(draft.completed_steps)
    missing = [s for s in before if s.key not in done]
    if missing:
        messages.warning(request, _("Bitte beantworten Sie zuerst diese Frage."))
        return redirect("applications:step", draft_id=draft.pk, step_key=missing[0].key)
    if request.method == "GET":
        return _render_step(request, draft, form, current)

    action = request.POST.get("aktion", "weiter")
    upload_errors: dict[str, str] = {}
    # Uploads first: a chosen file counts whichever button was pressed ("Weiter" or
    # "Speichern"); there is no separate upload button.
    for f in form.visible_fields(current, draft.answers):
        if f.kind is not engine.Kind.FILE:
            continue
        for uploaded in request.FILES.getlist(f.name):
            try:
                attachment_add(draft=draft, field=f, uploaded=uploaded)
            except UploadRejected as rejected:
                upload_errors[f.name] = rejected.message
            except ValidationError as error:
                upload_errors[f.name] = " ".join(error.messages)
    draft.refresh_from_db()
    if action.startswith("entfernen:"):
        attachment_remove(draft=draft, attachment_id=action.split(":", 1)[1])
        draft.refresh_from_db()
        return _render_step(request, draft, form, current)
    if upload_errors:
        return _render_step(request, draft, form, current, errors=upload_errors)
    result = engine.parse_step(form, current, request.POST, draft.answers)
    if action == "speichern" and not result.ok:
        # Save what was accepted so far; this page's unchecked input is not kept.
        return redirect("applications:save", draft_id=draft.pk)
    if not result.ok:
        return _render_step(request, draft, form, current, raw=result.raw, errors=result.errors)
    try:
        draft = draft_save_step(draft=draft, step=current, values=result.values)
    except ValidationError:
        return redirect("applications:step", draft_id=draft.pk, step_key=current.key)
    if action == "speichern":
        return redirect("applications:save", draft_id=draft.pk)
    return _after(form, draft)


# --- check answers and submit -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, draft_id: uuid.UUID) -> HttpResponse:
    draft = _owned_draft(request, draft_id)
    if draft.submission_id is not None:
        return _to_confirmation(request, draft)
    form = form_of(draft.version)
    if request.method == "POST":
        try:
            submission, _created = submission_create(draft=draft)
        except SubmitRefused as refused:
            messages.error(request, refused.message)
            return redirect("applications:step", draft_id=draft.pk, step_key=refused.step)
        _remember(request, SESSION_SUBMISSIONS, submission.reference)
        return redirect("applications:confirmation", reference=submission.reference)
    nxt = _first_open(form, draft)
    if nxt is not None:
        return redirect("applications:step", draft_id=draft.pk, step_key=nxt.key)
    answers = engine.prune(form, draft.answers)
    lines = engine.compute_fees(form, answers, local_fees(draft))
    sections = engine.summary(form, answers, selectors.attachment_names(draft))
    return render(
        request,
        "applications/check.html",
        {
            "draft": draft,
            "service": draft.service,
            "sections": sections,
            "fee_lines": [
                (line, engine.money_display(line.amount), engine.money_display(line.total))
                for line in lines
            ],
            "fee_total": engine.money_display(engine.fee_total(lines)) if lines else "",
        },
    )


# --- save and resume ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def save(request: HttpRequest, draft_id: uuid.UUID) -> HttpResponse:
    draft = _owned_draft(request, draft_id)
    if draft.submission_id is not None:
        return _to_confirmation(request, draft)
    form = form_of(draft.version)
    initial = draft.resume_email or str(draft.answers.get(form.contact_email or "", "") or "")
    if request.method == "POST":
        resume_form = ResumeForm(request.POST)
        if resume_form.is_valid():
            try:
                draft_request_resume(draft=draft, email=resume_form.cleaned_data["email"])
            except ValidationError as exc:
                refusal_to_form(resume_form, exc)  # too many links: shown at the address
            else:
                return render(
                    request,
                    "applications/saved.html",
                    {
                        "draft": draft,
                        "service": draft.service,
                        "email": resume_form.cleaned_data["email"],
                    },
                )
    else:
        resume_form = ResumeForm(initial={"email": initial})
    return render(
        request,
        "applications/save.html",
        {"draft": draft, "service": draft.service, "form": resume_form},
    )


def resume(request: HttpRequest, draft_id: uuid.UUID, token: str) -> HttpResponse:
    draft = selectors.draft_by_id(draft_id)
    if draft is None or not links.resume_token_ok(draft, token):
        return render(request, "applications/resume_invalid.html", status=404)
    _remember(request, SESSION_DRAFTS, str(draft.pk))
    if draft.submission_id is not None:
        return _to_confirmation(request, draft)
    form = form_of(draft.version)
    messages.success(request, _("Willkommen zurück. Ihre bisherigen Angaben sind gespeichert."))
    return _after(form, draft)


# --- after submitting -------------------------------------------------------------------


def _submission_by_link(reference: str, token: str) -> Submission:
    submission = links.submission_of_status_link(reference, token)
    if submission is None:
        raise Http404
    return submission


def confirmation(request: HttpRequest, reference: str) -> HttpResponse:
    if reference not in request.session.get(SESSION_SUBMISSIONS, []):
        raise Http404
    submission = selectors.submission_by_reference(reference)
    if submission is None:
        raise Http404
    return render(
        request,
        "applications/confirmation.html",
        {
            "submission": submission,
            "service": submission.service,
            "status_url": links.status_path(submission),
            "fee_total": engine.money_display(submission.fee_total),
        },
    )


def status(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    """The applicant's status page: the application's facts and its fee here; what the
    apps above add (the decision, questions of the authority, the history) as panels."""
    submission = _submission_by_link(reference, token)
    return render(
        request,
        "applications/status.html",
        {
            "submission": submission,
            "service": submission.service,
            "status_url": links.status_path(submission),
            "fee_total": engine.money_display(submission.fee_total),
            "payment": payment_selectors.latest_payment(submission),
            "panels": render_panels(hooks.STATUS_PAGE, request, submission),
        },
    )


@require_POST
def pay(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    submission = _submission_by_link(reference, token)
    if submission.status != SubmissionStatus.AWAITING_PAYMENT:
        return redirect(links.status_path(submission))
    return_url = reverse(
        "applications:payment_return", kwargs={"reference": reference, "token": token}
    )
    try:
        payment = submission_payment_start(submission=submission, return_url=return_url)
    except (ValueError, ProviderError):
        messages.error(
            request,
            _(
                "Der Bezahldienst ist gerade nicht erreichbar. "
                "Bitte versuchen Sie es später erneut."
            ),
        )
        return redirect(links.status_path(submission))
    if payment.status != PaymentStatus.INITIAL:
        # Already decided at the provider (e.g. paid in another tab): record it.
        return redirect(return_url)
    return HttpResponseRedirect(payment.pay_url, status=303)


def payment_return(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    """The citizen is back from the pay page: ask the provider what happened."""
    submission = _submission_by_link(reference, token)
    payment = payment_selectors.latest_payment(submission)
    if payment is None:
        return redirect(links.status_path(submission))
    payment = payment_services.payment_refresh(payment=payment)
    if payment.status == PaymentStatus.PAYED:
        submission_mark_paid(submission=submission)
        messages.success(request, _("Vielen Dank, die Gebühr ist bezahlt."))
    elif payment.status == PaymentStatus.CANCELED:
        messages.warning(
            request, _("Sie haben die Zahlung abgebrochen. Sie können es erneut versuchen.")
        )
    elif payment.status == PaymentStatus.FAILED:
        messages.error(request, _("Die Zahlung ist fehlgeschlagen. Bitte versuchen Sie es erneut."))
    return redirect(links.status_path(submission))


def receipt(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    submission = _submission_by_link(reference, token)
    response = HttpResponse(render_receipt(submission), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{submission.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_download(
    request: HttpRequest, reference: str, token: str, attachment_id: uuid.UUID
) -> FileResponse:
    submission = _submission_by_link(reference, token)
    attachment = selectors.submission_attachment(submission, attachment_id)
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
