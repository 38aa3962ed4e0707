"""Staff pages of cases: an authority's inbox, a case with its answers and files,
and setting the status the applicant sees on the status page.

The minimum a clerk needs; the full back office follows (issue #5). Every case,
file and authority is reached through the access layer: outside the user's
scope it does not exist (404); the responsible authority's staff read a case
processed elsewhere but cannot change it (403).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from verbund.applications import selectors as application_selectors
from verbund.applications.models import Attachment
from verbund.authorities.models import Authority
from verbund.cases import selectors
from verbund.cases.forms import CaseStatusForm
from verbund.cases.models import TRANSITIONS, Case, CaseStatus
from verbund.cases.services import case_set_status
from verbund.core.access import Action, access_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.formengine import engine
from verbund.formengine.selectors import form_of

PAGE_SIZE = 50
# Shown only when asked for: the application is not complete before the fee is paid.
HIDDEN_BY_DEFAULT = frozenset({CaseStatus.AWAITING_PAYMENT})
# Decided or closed cases have no deadline left to miss.
DONE = frozenset({CaseStatus.GRANTED, CaseStatus.REFUSED, CaseStatus.CLOSED})


def _overdue(case: Case, today: dt.date) -> bool:
    return case.due_on is not None and case.due_on < today and case.status not in DONE


@staff_required
@require_safe
def inbox(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.VIEW)
    cases = scoped(request.user, Case, Action.VIEW).filter(authority_id=authority.pk)
    counts = dict(
        cases.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    chosen = request.GET.get("status", "")
    if chosen not in CaseStatus.values:
        chosen = ""
    shown = cases.filter(status=chosen) if chosen else cases.exclude(status__in=HIDDEN_BY_DEFAULT)
    shown = (
        shown.select_related("submission", "service")
        .defer("submission__answers", "submission__fee_lines")
        .order_by("-received_at", "-id")
    )
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "staff/cases/inbox.html",
        {
            "authority": authority,
            "page": page,
            "rows": [(case, _overdue(case, today)) for case in page],
            "chosen": chosen,
            "chosen_label": CaseStatus(chosen).label if chosen else "",
            "statuses": [(status, counts.get(status.value, 0)) for status in CaseStatus],
            "total": sum(counts.values()),
            "query_prefix": f"status={chosen}&" if chosen else "",
        },
    )


def _detail_context(
    request: HttpRequest, case: Case, form: CaseStatusForm | None
) -> dict[str, Any]:
    submission = case.submission
    attachments = application_selectors.submission_attachments(submission)
    names = {str(attachment.pk): attachment.filename for attachment in attachments}
    return {
        "case": case,
        "submission": submission,
        "overdue": _overdue(case, timezone.localdate()),
        "sections": engine.summary(form_of(submission.version), submission.answers, names),
        "fee_lines": [
            (
                line["label"],
                line["quantity"],
                engine.money_display(line["amount"]),
                engine.money_display(line["total"]),
            )
            for line in submission.fee_lines
        ],
        "fee_total": engine.money_display(submission.fee_total),
        "attachments": attachments,
        "history": selectors.case_history(case.pk),
        "form": form,
        "inbox_url": (
            reverse("staff:cases_staff:inbox", kwargs={"pk": case.authority_id})
            if can(request.user, Action.VIEW, case.authority)
            else ""
        ),
    }


@staff_required
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    found = access_by_id(request.user, Case, pk, action)
    case = (
        scoped(request.user, Case, action)
        .select_related("submission__version", "submission__place", "service")
        .select_related("authority", "responsible")
        .get(pk=found.pk)
    )
    may_change = action is Action.CHANGE or can(request.user, Action.CHANGE, case)
    form = CaseStatusForm(
        request.POST if request.method == "POST" else None, allowed=TRANSITIONS[case.status]
    )
    if request.method == "POST" and form.is_valid():
        try:
            case_set_status(
                actor=request.user,
                case=case,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("note" if exc.code == "note" else None, exc)
            # Someone else may have moved the case meanwhile: show where it is now.
            case.refresh_from_db(fields=["status", "updated_at"])
            form.offer(TRANSITIONS[case.status])
        else:
            messages.success(
                request,
                _("Der Vorgang %(reference)s hat jetzt den Status „%(status)s“.")
                % {
                    "reference": case.submission.reference,
                    "status": CaseStatus(case.status).label,
                },
            )
            url = reverse("staff:cases_staff:case", kwargs={"pk": case.pk})
            return HttpResponseRedirect(url, status=303)
    return render(
        request,
        "staff/cases/detail.html",
        _detail_context(request, case, form if may_change else None),
    )


# staff_required is typed for HttpResponse; a FileResponse streams and is none.
@staff_required  # type: ignore[arg-type]
@require_safe
def attachment_download(request: HttpRequest, pk: int, attachment_id: uuid.UUID) -> FileResponse:
    case = access_by_id(request.user, Case, pk, Action.VIEW)
    # The file must belong to this very case: another visible case's file is a 404 here.
    attachment = (
        scoped(request.user, Attachment, Action.VIEW)
        .filter(submission_id=case.submission_id, pk=attachment_id)
        .first()
    )
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
