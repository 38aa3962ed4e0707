"""Staff pages of the back office: the inbox, a case and its file, questions to the
applicant, participations of other authorities, the decision, records, and the
settings of case types and authorities.

Views are thin: they parse, load through the access layer, call a service and
render. Every case, document, request and participation is reached through
``access_by_id`` (404 outside the user's scope, 403 where visible but not
changeable); a child addressed below its case must belong to it (404 otherwise).
Who may do what on a case is decided by ``cases.services``; its refusal is shown
on the form, and the clerk's input is kept.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.models import AuthorityRoleKind
from verbund.accounts.selectors import staff_of_authority
from verbund.applications.selectors import submission_attachments
from verbund.authorities.models import Authority
from verbund.cases import records, selectors, services
from verbund.cases.forms import (
    AssignForm,
    CaseSettingsForm,
    CaseStatusForm,
    CaseTypeForm,
    DecisionForm,
    DocumentForm,
    InboxFilterForm,
    InformationRequestForm,
    NoteForm,
    ParticipationAnswerForm,
    ParticipationForm,
    RecordsForm,
    VersionForm,
)
from verbund.cases.letters import court, deciding_authority, draft_texts, letter_pdf
from verbund.cases.models import (
    WORKING,
    Case,
    CaseDocument,
    CaseSettings,
    CaseStatus,
    CaseType,
    Decision,
    DecisionOutcome,
    DocumentVersion,
    InformationRequest,
    Participation,
    RecordsDisposal,
    RequestStatus,
    Via,
    allowed_targets,
)
from verbund.catalogue.models import Service
from verbund.core.access import Action, access_by_id, access_child_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form
from verbund.core.storage import private_download
from verbund.core.uploads import (
    DEFAULT_ACCEPT,
    UploadRejected,
    inspect_upload,
    max_upload_bytes,
)
from verbund.formengine import engine
from verbund.formengine.selectors import form_of

# staff_required is typed for HttpResponse; a FileResponse streams and is none.
FileView = Callable[..., FileResponse]


def _case(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> Case:
    found = access_by_id(request.user, Case, pk, action)
    return (
        scoped(request.user, Case, Action.VIEW)
        .select_related("submission__version", "submission__place", "service")
        .select_related("authority", "responsible", "assignee")
        .get(pk=found.pk)
    )


def _to_case(case: Case, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("staff:cases_staff:case", kwargs={"pk": case.pk})
    return HttpResponseRedirect(f"{url}{anchor}", status=303)


def _stored(uploaded: UploadedFile) -> services.StoredFile:
    checked = inspect_upload(uploaded, accept=DEFAULT_ACCEPT, max_bytes=max_upload_bytes())
    return services.StoredFile(
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        content=uploaded,
    )


def _clerks(authority_id: int) -> list[tuple[int, str]]:
    seen: dict[int, str] = {}
    for role in staff_of_authority(authority_id):
        if role.role == AuthorityRoleKind.CLERK:
            seen[role.user_id] = str(role.user)
    return sorted(seen.items(), key=lambda item: item[1].lower())


def _with_version(data: QueryDict, version: int) -> QueryDict:
    """The posted data with the case's current version: after a conflict the clerk
    sees the current state with their input and decides again."""
    fresh = data.copy()
    fresh["version"] = str(version)
    return fresh


def _download(version: DocumentVersion) -> FileResponse:
    if not version.file.name:
        raise Http404
    return private_download(
        version.file, filename=version.filename, content_type=version.content_type
    )


# --- the inbox ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One row of the inbox, formatted once in Python: the template only prints it."""

    url: str
    reference: str
    file_number: str
    attention: str
    applicant: str
    service: str
    received_iso: str
    received: str
    due: str
    overdue: bool
    status: str
    assignee: str


def _inbox_rows(cases: list[Case], today: dt.date) -> list[InboxRow]:
    # One reverse() for the page: the case's address with its id put in.
    head, _zero, tail = reverse("staff:cases_staff:case", kwargs={"pk": 0}).rpartition("0")
    labels = {value: str(label) for value, label in CaseStatus.choices}
    when = formats.get_format("SHORT_DATETIME_FORMAT")
    day = formats.get_format("SHORT_DATE_FORMAT")
    rows = []
    for case in cases:
        received = timezone.localtime(case.received_at)
        rows.append(
            InboxRow(
                url=f"{head}{case.pk}{tail}",
                reference=case.reference,
                file_number=case.file_number,
                attention=case.attention,
                applicant=case.applicant_name,
                service=case.service.title,
                received_iso=received.isoformat(),
                received=dateformat.format(received, when),
                due=dateformat.format(case.due_on, day) if case.due_on else "",
                overdue=selectors.is_overdue(case, today),
                status=labels.get(case.status, case.status),
                assignee=str(case.assignee) if case.assignee_id else "",
            )
        )
    return rows


@staff_required
@require_safe
def inbox(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.VIEW)
    # A complete reference of one of the authority's cases leads straight to the case.
    found = selectors.inbox_case_by_reference(authority.pk, request.GET.get("q", ""))
    if found is not None:
        return HttpResponseRedirect(reverse("staff:cases_staff:case", kwargs={"pk": found}))
    filter_form = InboxFilterForm(
        request.GET or None,
        services=selectors.inbox_services(authority.pk),
        clerks=_clerks(authority.pk),
    )
    filters: dict[str, Any] = {}
    if filter_form.is_bound:
        filter_form.is_valid()
        filters = filter_form.filters()
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = selectors.inbox_page(
        authority.pk, user_id=int(request.user.pk or 0), filters=filters, page=number
    )
    query = request.GET.copy()
    query.pop("page", None)
    status_query = query.copy()
    status_query.pop("status", None)
    return render(
        request,
        "staff/cases/inbox.html",
        {
            "authority": authority,
            "form": filter_form,
            "page": page,
            "rows": _inbox_rows(page.rows, timezone.localdate()),
            "chosen": filters.get("status") or "",
            "statuses": [(status, page.counts.get(status.value, 0)) for status in CaseStatus],
            "all_count": sum(page.counts.values()),
            "query": query.urlencode(),
            "status_query": status_query.urlencode(),
        },
    )


# --- a case ------------------------------------------------------------------------------------


def _detail_context(request: HttpRequest, case: Case, **forms_in: Any) -> dict[str, Any]:
    user = request.user
    submission = case.submission
    documents = selectors.case_documents(case)
    names = {str(a.pk): a.filename for a in submission_attachments(submission)}
    may_work = services.may_work(user, case)
    is_clerk = services.is_clerk(user, case.authority_id)
    clerks = _clerks(case.authority_id) if is_clerk else []
    version = {"version": case.version}
    status_form = forms_in.get("status_form") or CaseStatusForm(
        initial=version, allowed=allowed_targets(case.status, Via.STATUS)
    )
    assign_form = forms_in.get("assign_form") or AssignForm(
        initial={**version, "assignee": case.assignee_id}, clerks=clerks
    )
    participations = selectors.participations_of_case(case)
    for participation in participations:
        participation.deemed = services.consent_deemed_given(participation)  # type: ignore[attr-defined]
    open_work = case.status in WORKING and may_work
    decision = selectors.decision_of(case)
    # The header's fee: the Bescheid's once decided, else what the decision will charge
    # by the fee rules (the application's own fee is shown beside it).
    if decision is not None:
        decision_fee = engine.money_display(decision.fee_amount)
    else:
        expected = selectors.decision_fee(case).decision
        decision_fee = engine.money_display(expected) if expected else ""
    return {
        "case": case,
        "submission": submission,
        "overdue": selectors.is_overdue(case),
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
        "decision_fee": decision_fee,
        "documents": documents,
        "requests": selectors.information_requests(case),
        "participations": participations,
        "decision": decision,
        "history": selectors.case_history(case.pk),
        "may_work": may_work,
        "is_clerk": is_clerk,
        "open_work": open_work,
        "can_decide": may_work and case.status == CaseStatus.IN_PROGRESS,
        "status_form": status_form if may_work or is_clerk else None,
        "assign_form": assign_form if is_clerk and case.status != CaseStatus.CLOSED else None,
        "note_form": forms_in.get("note_form") or (NoteForm() if is_clerk else None),
        "document_form": forms_in.get("document_form")
        or (DocumentForm() if may_work and case.status != CaseStatus.CLOSED else None),
        "may_manage": can(user, Action.MANAGE, case),
        "inbox_url": (
            reverse("staff:cases_staff:inbox", kwargs={"pk": case.authority_id})
            if can(user, Action.VIEW, case.authority)
            else ""
        ),
    }


def _render_case(request: HttpRequest, case: Case, **forms_in: Any) -> HttpResponse:
    return render(request, "staff/cases/detail.html", _detail_context(request, case, **forms_in))


@staff_required
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case; POST sets a status (start work, close the file)."""
    if request.method == "GET":
        return _render_case(request, _case(request, pk))
    case = _case(request, pk, Action.CHANGE)
    form = CaseStatusForm(request.POST, allowed=allowed_targets(case.status, Via.STATUS))
    if form.is_valid():
        try:
            services.case_set_status(
                actor=request.user,
                case=case,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
            case = _case(request, pk)
            form = CaseStatusForm(
                _with_version(request.POST, case.version),
                allowed=allowed_targets(case.status, Via.STATUS),
            )
            form.is_valid()
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Der Vorgang %(reference)s hat jetzt den Status „%(status)s“.")
                % {
                    "reference": case.reference,
                    "status": CaseStatus(form.cleaned_data["status"]).label,
                },
            )
            return _to_case(case)
    return _render_case(request, case, status_form=form)


@staff_required
@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.CHANGE)
    clerks = _clerks(case.authority_id)
    data = request.POST.copy()
    if "take" in data:
        data["assignee"] = str(request.user.pk)
    form = AssignForm(data, clerks=clerks)
    if form.is_valid():
        chosen = form.cleaned_data["assignee"]
        assignee = None
        if chosen is not None:
            assignee = next(
                (
                    role.user
                    for role in staff_of_authority(case.authority_id)
                    if role.user_id == chosen
                ),
                None,
            )
        try:
            services.case_assign(
                actor=request.user,
                case=case,
                assignee=assignee,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            case = _case(request, pk)
            form = AssignForm(_with_version(data, case.version), clerks=clerks)
            form.is_valid()
            refusal_to_form(form, exc)
        else:
            case.refresh_from_db()
            messages.success(
                request,
                _("Der Vorgang ist jetzt %(name)s zugewiesen.") % {"name": case.assignee}
                if case.assignee_id
                else _("Der Vorgang ist jetzt niemandem zugewiesen."),
            )
            return _to_case(case)
    return _render_case(request, case, assign_form=form)


@staff_required
@require_POST
def case_note(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.CHANGE)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.case_add_note(actor=request.user, case=case, text=form.cleaned_data["text"])
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Notiz ist in der Akte."))
            return _to_case(case, "#verlauf")
    return _render_case(request, case, note_form=form)


@staff_required
@require_POST
def case_seen(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.CHANGE)
    services.case_mark_seen(actor=request.user, case=case)
    return _to_case(case)


# --- documents -------------------------------------------------------------------------------


@staff_required
@require_POST
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.CHANGE)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = services.document_add(
                actor=request.user,
                case=case,
                title=form.cleaned_data["title"],
                upload=_stored(form.cleaned_data["file"]),
            )
        except UploadRejected as rejected:
            form.add_error("file", rejected.message)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("„%(title)s“ ist in der Akte.") % {"title": document.title})
            return _to_case(case, "#dokumente")
    return _render_case(request, case, document_form=form)


@staff_required
@require_http_methods(["GET", "POST"])
def document_detail(request: HttpRequest, pk: int, document_id: uuid.UUID) -> HttpResponse:
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    case = _case(request, pk, action)
    document = access_child_by_id(
        request.user, CaseDocument, document_id, parent=case, parent_field="case"
    )
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_add_version(
                actor=request.user, document=document, upload=_stored(form.cleaned_data["file"])
            )
        except UploadRejected as rejected:
            form.add_error("file", rejected.message)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Version %(n)d ist in der Akte.") % {"n": version.number})
            url = reverse(
                "staff:cases_staff:document", kwargs={"pk": case.pk, "document_id": document.pk}
            )
            return HttpResponseRedirect(url, status=303)
    return render(
        request,
        "staff/cases/document.html",
        {
            "case": case,
            "document": document,
            "versions": list(document.versions.order_by("-number")),
            "form": form if services.may_work(request.user, case) else None,
        },
    )


@staff_required  # type: ignore[arg-type]
@require_safe
def version_download(request: HttpRequest, pk: int, version_id: uuid.UUID) -> FileResponse:
    case = _case(request, pk)
    version = selectors.case_version(case, version_id)
    if version is None:
        raise Http404
    return _download(version)


# --- asking the applicant ---------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.CHANGE)
    form = InformationRequestForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_create(
                actor=request.user,
                case=case,
                message=form.cleaned_data["message"],
                items=form.cleaned_data["items"],
                due_on=form.cleaned_data["due_on"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            case = _case(request, pk)
            form = InformationRequestForm(_with_version(request.POST, case.version))
            form.is_valid()
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Die Rückfrage ist gestellt; die Antragstellerin oder der Antragsteller wird "
                    "per E-Mail benachrichtigt."
                ),
            )
            return _to_case(case)
    return render(request, "staff/cases/request_form.html", {"case": case, "form": form})


@staff_required
@require_POST
def request_withdraw(request: HttpRequest, pk: int, request_id: uuid.UUID) -> HttpResponse:
    case = _case(request, pk, Action.CHANGE)
    info = access_child_by_id(
        request.user, InformationRequest, request_id, parent=case, parent_field="case"
    )
    try:
        services.information_request_withdraw(actor=request.user, request=info)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Rückfrage ist zurückgezogen."))
    return _to_case(case)


# --- participation -------------------------------------------------------------------------


def _participation_choices(case: Case) -> list[tuple[str, list[tuple[int, str]]]]:
    """The authorities the clerk may ask, grouped, each by its official name."""
    place = case.submission.place
    groups = []
    for group in selectors.participation_candidates(case):
        label = (
            _("Für den Ort des Antrags (%(place)s)") % {"place": place.official_name}
            if group.network is None
            else _("Mitglieder von %(network)s") % {"network": group.network}
        )
        groups.append((label, [(a.pk, a.official_name) for a in group.authorities]))
    return groups


def _participation_form(request: HttpRequest, case: Case, data: Any = None) -> ParticipationForm:
    authorities = _participation_choices(case)
    versions = (
        scoped(request.user, DocumentVersion)
        .filter(document__case=case, deleted_at__isnull=True)
        .select_related("document")
        .order_by("document__created_at", "number")
    )
    initial = {"version": case.version, "subject": f"{case.service.title} – {case.file_number}"}
    return ParticipationForm(data, initial=initial, authorities=authorities, versions=versions)


@staff_required
@require_http_methods(["GET", "POST"])
def participation_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.CHANGE)
    form = _participation_form(request, case, request.POST or None)
    if request.method == "POST" and form.is_valid():
        requested = Authority.objects.filter(pk=form.cleaned_data["requested"]).first()
        try:
            if requested is None:
                raise ValidationError(_("Unbekannte Behörde."), code="requested")
            services.participation_create(
                actor=request.user,
                case=case,
                requested=requested,
                kind=form.cleaned_data["kind"],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                due_on=form.cleaned_data["due_on"],
                versions=form.cleaned_data["versions"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            case = _case(request, pk)
            form = _participation_form(request, case, _with_version(request.POST, case.version))
            form.is_valid()
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s ist beteiligt und sieht die geteilten Dokumente bis zur Antwort.")
                % {"name": requested.official_name},
            )
            return _to_case(case, "#beteiligungen")
    return render(request, "staff/cases/participation_form.html", {"case": case, "form": form})


@staff_required
@require_POST
def participation_revoke(request: HttpRequest, pk: int, participation_pk: int) -> HttpResponse:
    case = _case(request, pk, Action.CHANGE)
    participation = access_child_by_id(
        request.user,
        Participation,
        participation_pk,
        parent=case,
        parent_field="case",
        action=Action.MANAGE,
    )
    try:
        services.participation_revoke(actor=request.user, participation=participation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Beteiligung ist zurückgezogen."))
    return _to_case(case, "#beteiligungen")


@staff_required
@require_safe
def participations_received(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.VIEW)
    rows = selectors.participations_received(authority.pk)
    for row in rows:
        row.deemed = services.consent_deemed_given(row)  # type: ignore[attr-defined]
    return render(
        request,
        "staff/cases/participations.html",
        {"authority": authority, "rows": rows, "today": timezone.localdate()},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def participation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What the requested authority sees: the request, the shared documents while it
    is open, and the answer form (POST answers)."""
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    participation = access_by_id(request.user, Participation, pk, action)
    participation = (
        scoped(request.user, Participation)
        .select_related("authority", "requested", "case__service", "answer_document")
        .get(pk=participation.pk)
    )
    may_answer = (
        participation.status == RequestStatus.OPEN
        and can(request.user, Action.CHANGE, participation)
        and not services.consent_deemed_given(participation)
    )
    form = ParticipationAnswerForm(
        request.POST or None, request.FILES or None, kind=participation.kind
    )
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            services.participation_answer(
                actor=request.user,
                participation=participation,
                outcome=form.cleaned_data["outcome"],
                text=form.cleaned_data["text"],
                upload=_stored(upload) if upload else None,
            )
        except UploadRejected as rejected:
            form.add_error("file", rejected.message)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Ihre Stellungnahme ist übermittelt."))
            url = reverse("staff:cases_staff:participation", kwargs={"pk": participation.pk})
            return HttpResponseRedirect(url, status=303)
    is_requested_side = participation.requested_id in _own_authority_ids(request)
    shared = (
        list(participation.shared_versions.select_related("document").order_by("document__title"))
        if participation.status == RequestStatus.OPEN and is_requested_side
        else []
    )
    return render(
        request,
        "staff/cases/participation.html",
        {
            "participation": participation,
            "shared": shared,
            "form": form if may_answer else None,
            "refusal": form if form.errors and not may_answer else None,
            "deemed": services.consent_deemed_given(participation),
            "is_requested_side": is_requested_side,
        },
    )


def _own_authority_ids(request: HttpRequest) -> set[int]:
    from verbund.accounts.selectors import grants_for

    return grants_for(request.user).authority_ids()


@staff_required  # type: ignore[arg-type]
@require_safe
def participation_document(request: HttpRequest, pk: int, version_id: uuid.UUID) -> FileResponse:
    """A shared document, for the requested authority, while the request is open."""
    participation = access_by_id(request.user, Participation, pk, Action.VIEW)
    if participation.requested_id not in _own_authority_ids(request):
        raise Http404
    version = selectors.participation_shared_version(participation, version_id)
    if version is None:
        raise Http404
    return _download(version)


# --- the decision -----------------------------------------------------------------------------


def _decision_initial(case: Case, outcome: str, **kept: Any) -> dict[str, Any]:
    """The form's start: the case type's texts, and the fee by the service's fee rules
    and the answers (the clerk may change it; ``kept`` keeps what they typed)."""
    body, remedy = draft_texts(case, outcome)
    fee = selectors.decision_fee(case)
    return {
        "version": case.version,
        "outcome": outcome,
        "fee_amount": f"{fee.total:.2f}".replace(".", ","),
        "fee_note": fee.basis,
        **kept,
        "body": body,
        "remedy_notice": remedy,
    }


def _decision_page(request: HttpRequest, case: Case, form: DecisionForm) -> HttpResponse:
    deciding = deciding_authority(case)
    return render(
        request,
        "staff/cases/decision_form.html",
        {
            "case": case,
            "form": form,
            "court": court(deciding.pk),
            "deciding": deciding,
            "settings_url": (
                reverse("staff:cases_staff:settings", kwargs={"pk": deciding.pk})
                if can(request.user, Action.CHANGE, deciding)
                else ""
            ),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Write and issue the Bescheid; "Vorschau" shows the PDF without issuing it,
    "Vorlage laden" starts again from the case type's text for the chosen outcome."""
    case = _case(request, pk, Action.CHANGE)
    action = request.POST.get("aktion", "")
    outcome = request.POST.get("outcome", "")
    if outcome not in DecisionOutcome.values:
        outcome = DecisionOutcome.GRANTED
    if request.method == "POST" and action == "vorlage":
        kept = {k: request.POST.get(k, "") for k in ("fee_amount", "fee_note")}
        form = DecisionForm(initial=_decision_initial(case, outcome, **kept))
        return _decision_page(request, case, form)
    form = DecisionForm(request.POST or None, initial=_decision_initial(case, outcome))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if action == "vorschau" and not services.may_work(request.user, case):
            form.add_error(
                None,
                _("Bitte übernehmen Sie den Vorgang zuerst; er ist %(who)s zugewiesen.")
                % {"who": str(case.assignee) if case.assignee_id else _("niemandem")},
            )
        elif action == "vorschau":
            preview = Decision(
                case=case,
                authority_id=case.authority_id,
                outcome=data["outcome"],
                body=data["body"],
                remedy_notice=data["remedy_notice"],
                fee_amount=Decimal(data["fee_amount"]),
                fee_note=data["fee_note"],
                on_behalf_of=case.responsible if case.on_behalf else None,
                issued_at=timezone.now(),
                issued_by_label=str(request.user),
            )
            response = HttpResponse(letter_pdf(preview, draft=True), content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="Entwurf {case.reference}.pdf"'
            response["Cache-Control"] = "private, no-store"
            return response
        try:
            services.decision_issue(
                actor=request.user,
                case=case,
                outcome=data["outcome"],
                body=data["body"],
                remedy_notice=data["remedy_notice"],
                fee_amount=Decimal(data["fee_amount"]),
                fee_note=data["fee_note"],
                expected_version=data["version"],
            )
        except ValidationError as exc:
            case = _case(request, pk)
            form = DecisionForm(_with_version(request.POST, case.version))
            form.is_valid()
            if getattr(exc, "code", None) == "remedy_court":
                form.add_error("remedy_notice", exc)
            else:
                refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Der Bescheid ist erlassen und in der Akte; die Antragstellerin oder der "
                    "Antragsteller wird benachrichtigt."
                ),
            )
            return _to_case(case)
    return _decision_page(request, case, form)


# --- records --------------------------------------------------------------------------------


@staff_required
@require_safe
def case_export(request: HttpRequest, pk: int) -> HttpResponse:
    """A closed file as an xdomea 3.0.0 Aussonderung.0503 package (changes nothing)."""
    case = _case(request, pk, Action.MANAGE)
    try:
        name, data = records.case_export(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _to_case(case)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def records_overview(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.CHANGE)
    due = list(records.records_due(authority)[: records.MAX_PER_DISPOSAL])
    choices = [(case.pk, f"{case.file_number} – {case.service.title}") for case in due]
    form = RecordsForm(request.POST or None, cases=choices)
    if request.method == "POST" and form.is_valid():
        chosen = [case for case in due if case.pk in set(form.cleaned_data["cases"])]
        act = (
            records.records_hand_over
            if form.cleaned_data["action"] == "hand_over"
            else records.records_destroy
        )
        try:
            disposal = act(actor=request.user, authority=authority, cases=chosen)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                ngettext("%(n)d Akte: %(what)s.", "%(n)d Akten: %(what)s.", len(chosen))
                % {"n": len(chosen), "what": disposal.get_kind_display()},
            )
            url = reverse("staff:cases_staff:records", kwargs={"pk": authority.pk})
            return HttpResponseRedirect(url, status=303)
    rules = {case.pk: records.disposal_rule(case) for case in due}
    return render(
        request,
        "staff/cases/records.html",
        {
            "authority": authority,
            "due": [(case, rules[case.pk]) for case in due],
            "form": form,
            "disposals": scoped(request.user, RecordsDisposal, Action.MANAGE)
            .filter(authority=authority)
            .order_by("-created_at")[:50],
        },
    )


def _disposal(
    request: HttpRequest, pk: int, disposal_id: uuid.UUID
) -> tuple[Authority, RecordsDisposal]:
    authority = access_by_id(request.user, Authority, pk, Action.CHANGE)
    disposal = access_child_by_id(
        request.user, RecordsDisposal, disposal_id, parent=authority, parent_field="authority"
    )
    return authority, disposal


@staff_required  # type: ignore[arg-type]
@require_safe
def disposal_package(request: HttpRequest, pk: int, disposal_id: uuid.UUID) -> FileResponse:
    _authority, disposal = _disposal(request, pk, disposal_id)
    if not disposal.package.name:
        raise Http404
    response = FileResponse(
        disposal.package.open("rb"),
        as_attachment=True,
        filename=f"{disposal.id}_Aussonderung.Aussonderung.0503.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def disposal_confirm(request: HttpRequest, pk: int, disposal_id: uuid.UUID) -> HttpResponse:
    authority, disposal = _disposal(request, pk, disposal_id)
    try:
        records.records_confirm_receipt(actor=request.user, disposal=disposal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Der Empfang ist bestätigt; das Paket ist gelöscht."))
    url = reverse("staff:cases_staff:records", kwargs={"pk": authority.pk})
    return HttpResponseRedirect(url, status=303)


# --- settings --------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def case_type_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The builder's case type of a service: letter texts, file plan code, retention."""
    service = access_by_id(request.user, Service, pk, Action.CHANGE)
    existing = scoped(request.user, CaseType, Action.CHANGE).filter(service=service).first()
    form = CaseTypeForm(request.POST or None, instance=existing or CaseType(service=service))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_type_save(
                actor=request.user,
                service=service,
                **{name: form.cleaned_data[name] for name in services.CASE_TYPE_FIELDS},
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Vorgangsart ist gespeichert."))
            url = reverse("staff:cases_staff:case_type", kwargs={"pk": service.pk})
            return HttpResponseRedirect(url, status=303)
    return render(request, "staff/cases/case_type.html", {"service": service, "form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def case_settings_edit(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.CHANGE)
    existing = scoped(request.user, CaseSettings, Action.CHANGE).filter(authority=authority).first()
    form = CaseSettingsForm(
        request.POST or None, instance=existing or CaseSettings(authority=authority)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_settings_save(
                actor=request.user,
                authority=authority,
                **{name: form.cleaned_data[name] for name in services.CASE_SETTINGS_FIELDS},
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Einstellungen der Aktenführung sind gespeichert."))
            url = reverse("staff:cases_staff:settings", kwargs={"pk": authority.pk})
            return HttpResponseRedirect(url, status=303)
    return render(request, "staff/cases/settings.html", {"authority": authority, "form": form})
