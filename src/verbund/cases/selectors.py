"""Reads on cases (the published surface for other apps and the views)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from verbund.authorities.folding import fold
from verbund.authorities.models import Authority
from verbund.cases.models import (
    DONE,
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    Decision,
    DocumentVersion,
    InformationRequest,
    Participation,
    RequestStatus,
)
from verbund.catalogue.models import Service
from verbund.catalogue.selectors import local_fees, routing_index
from verbund.formengine import engine
from verbund.formengine.selectors import form_of
from verbund.networks.selectors import (
    active_member_ids,
    active_members_by_network,
    networks_of_authority,
)


def case_history(case_id: int) -> list[CaseEvent]:
    """The whole history, as the back office sees it."""
    return list(
        CaseEvent.objects.filter(case_id=case_id)
        .select_related("actor")
        .order_by("created_at", "id")
    )


def case_of_reference(reference: str) -> Case | None:
    """The case of a submission reference, unscoped: callers check access (the API by
    the client's authority)."""
    if not reference or len(reference) > 20:
        return None
    return (
        Case.objects.select_related("submission", "service", "authority")
        .filter(reference=reference)
        .first()
    )


def case_documents(case: Case) -> list[CaseDocument]:
    """The file's documents with their versions (oldest first); ``document.current``
    is the latest version."""
    versions = DocumentVersion.objects.order_by("number")
    documents = list(
        CaseDocument.objects.filter(case=case)
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("created_at", "id")
    )
    for document in documents:
        document.current = list(document.versions.all())[-1]  # type: ignore[attr-defined]
    return documents


def case_version(case: Case, version_id: Any) -> DocumentVersion | None:
    """One document version of this very case (None for another case's)."""
    try:
        pk = uuid.UUID(str(version_id))
    except ValueError:
        return None
    return (
        DocumentVersion.objects.filter(pk=pk, document__case=case, deleted_at__isnull=True)
        .select_related("document")
        .first()
    )


def open_information_requests(case: Case) -> list[InformationRequest]:
    return list(
        InformationRequest.objects.filter(case=case, status=RequestStatus.OPEN).order_by(
            "created_at"
        )
    )


def information_requests(case: Case) -> list[InformationRequest]:
    return list(
        InformationRequest.objects.filter(case=case)
        .prefetch_related("documents__versions")
        .order_by("created_at")
    )


def information_request_of(case: Case, request_id: Any) -> InformationRequest | None:
    try:
        pk = uuid.UUID(str(request_id))
    except ValueError:
        return None
    return InformationRequest.objects.filter(pk=pk, case=case).first()


def participations_of_case(case: Case) -> list[Participation]:
    return list(
        Participation.objects.filter(case=case)
        .select_related("requested", "answer_document")
        .prefetch_related("shared_versions__document")
        .order_by("created_at", "id")
    )


def participation_shared_version(
    participation: Participation, version_id: Any
) -> DocumentVersion | None:
    """A document the requesting authority shared, while the request is open; None
    otherwise (answered or revoked requests grant nothing)."""
    if participation.status != RequestStatus.OPEN:
        return None
    try:
        pk = uuid.UUID(str(version_id))
    except ValueError:
        return None
    return participation.shared_versions.filter(pk=pk, deleted_at__isnull=True).first()


def decision_of(case: Case) -> Decision | None:
    return Decision.objects.filter(case=case).select_related("document").first()


def decision_pdf_version(case: Case) -> DocumentVersion | None:
    """The Bescheid's PDF, for the applicant's status page."""
    decision = decision_of(case)
    if decision is None:
        return None
    return (
        DocumentVersion.objects.filter(document_id=decision.document_id, deleted_at__isnull=True)
        .order_by("-number")
        .first()
    )


def cases_of_authority(authority_id: int) -> QuerySet[Case]:
    return Case.objects.filter(authority_id=authority_id)


# --- the inbox ---------------------------------------------------------------------------

INBOX_PAGE_SIZE = 50
# Shown only when asked for: an application is not complete before its fee is paid.
HIDDEN_BY_DEFAULT = frozenset({CaseStatus.AWAITING_PAYMENT})
REFERENCE_QUERY = re.compile(r"^VB-\d{4}(?:-[0-9A-Z]{0,4}(?:-[0-9A-Z]{0,4})?)?$")
COMPLETE_REFERENCE = re.compile(r"^VB-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


@dataclass(frozen=True)
class InboxPage:
    rows: list[Case]
    counts: dict[str, int]  # per status, under every filter except the status
    total: int  # cases under all filters
    number: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _search(q: str) -> Q:
    """A reference ("VB-2026-7KQ2-M4XZ", also its beginning) uses the unique index
    alone; anything else matches the file number's beginning or a part of the name."""
    text = q.strip()
    upper = text.upper()
    if COMPLETE_REFERENCE.match(upper):
        # Equality: SQLite's LIKE ignores case and could not use the unique index.
        return Q(reference=upper)
    if REFERENCE_QUERY.match(upper):
        return Q(reference__startswith=upper)
    return Q(file_number__startswith=text) | Q(applicant_key__contains=fold(text))


def inbox_case_by_reference(authority_id: int, q: str) -> int | None:
    """The id of the authority's case whose complete reference ``q`` is (any case of
    letters, blanks around it), else None: one lookup in the unique index."""
    upper = q.strip().upper()
    if not COMPLETE_REFERENCE.match(upper):
        return None
    found = Case.objects.filter(authority_id=authority_id, reference=upper).order_by()
    return next(iter(found.values_list("pk", flat=True)[:1]), None)


def inbox_page(
    authority_id: int,
    *,
    user_id: int,
    filters: Mapping[str, Any],
    page: int = 1,
    page_size: int = INBOX_PAGE_SIZE,
    today: dt.date | None = None,
) -> InboxPage:
    """One page of an authority's inbox in two queries: the counts per status under
    the filters, and the page's rows (with service and assignee)."""
    today = today or timezone.localdate()
    cases = Case.objects.filter(authority_id=authority_id)
    if filters.get("q"):
        cases = cases.filter(_search(filters["q"]))
    if filters.get("service"):
        cases = cases.filter(service_id=filters["service"])
    assignee = filters.get("assignee")
    if assignee == "me":
        cases = cases.filter(assignee_id=user_id)
    elif assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif assignee:
        cases = cases.filter(assignee_id=int(assignee))
    if filters.get("received_from"):
        cases = cases.filter(received_at__date__gte=filters["received_from"])
    if filters.get("received_to"):
        cases = cases.filter(received_at__date__lte=filters["received_to"])
    if filters.get("overdue"):
        cases = cases.filter(due_on__lt=today).exclude(status__in=DONE)
    if filters.get("attention"):
        cases = cases.exclude(attention="")
    # COUNT(*), not COUNT(id): PostgreSQL then counts from the (authority, [service,]
    # status, …) index alone instead of visiting every heap page (bench/README.md).
    counts = dict(
        cases.order_by().values_list("status").annotate(n=Count("*")).values_list("status", "n")
    )
    status = filters.get("status") or ""
    if status:
        shown = cases.filter(status=status)
        total = counts.get(status, 0)
    else:
        shown = cases.exclude(status__in=HIDDEN_BY_DEFAULT)
        total = sum(n for s, n in counts.items() if s not in HIDDEN_BY_DEFAULT)
    pages = max(1, -(-total // page_size))
    number = min(max(1, page), pages)
    if filters.get("sort") == "due":
        order: tuple[Any, ...] = (F("due_on").asc(nulls_last=True), "received_at", "id")
    else:
        order = ("-received_at", "-id")
    offset = (number - 1) * page_size
    rows = list(
        shown.select_related("service", "assignee")
        .only(
            "id",
            "reference",
            "file_number",
            "applicant_name",
            "status",
            "received_at",
            "due_on",
            "attention",
            "service__id",
            "service__title",
            "assignee__id",
            "assignee__username",
            "assignee__display_name",
            "assignee__first_name",
            "assignee__last_name",
        )
        .order_by(*order)[offset : offset + page_size]
    )
    return InboxPage(rows=rows, counts=counts, total=total, number=number, pages=pages)


def is_overdue(case: Case, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return case.due_on is not None and case.due_on < today and case.status not in DONE


def inbox_services(authority_id: int) -> list[tuple[int, str]]:
    """The services of which the authority has (or had) cases, for the filter."""
    # One EXISTS probe per service into the (authority, service, …) index: it grows with
    # the catalogue, not with the authority's cases.
    used = Case.objects.filter(authority_id=authority_id, service_id=OuterRef("pk"))
    return list(Service.objects.filter(Exists(used)).order_by("title").values_list("pk", "title"))


def participations_received(authority_id: int) -> list[Participation]:
    """Requests other authorities sent to this one, open ones first."""
    open_first = DbCase(When(status=RequestStatus.OPEN, then=Value(0)), default=Value(1))
    return list(
        Participation.objects.filter(requested_id=authority_id)
        .select_related("authority", "case__service")
        .order_by(open_first, "due_on", "-created_at")
    )


# --- the fee of the Bescheid -------------------------------------------------------------


@dataclass(frozen=True)
class FeeProposal:
    """What the Bescheid charges by the service's fee rules and the answers: the fees
    of the application (paid before it was forwarded) and those set with the decision
    (``basis``: their labels)."""

    application: Decimal
    decision: Decimal
    basis: str

    @property
    def total(self) -> Decimal:
        return self.application + self.decision


def decision_fee(case: Case) -> FeeProposal:
    """The fee the decision form starts from: the application's fees plus the lines the
    form charges with the decision (``due: decision``), computed from the answers."""
    submission = case.submission
    lines = engine.compute_fees(
        form_of(submission.version),
        submission.answers or {},
        local_fees(case.service_id, submission.place_id),
        due=engine.Due.DECISION,
    )
    return FeeProposal(
        application=Decimal(submission.fee_total),
        decision=engine.fee_total(lines),
        basis="; ".join(line.label for line in lines),
    )


# --- whom a case may involve ---------------------------------------------------------------


@dataclass(frozen=True)
class CandidateGroup:
    """Authorities a case may ask for a statement: those of the case's place (``network``
    None) or the members of one of the processing authority's networks."""

    network: str | None
    authorities: list[Authority]


def participation_candidates(case: Case) -> list[CandidateGroup]:
    """Whom the processing authority may ask about ``case``, each authority once and
    only while it is on the platform (an active member of a network):

    1. the case's place (its Gemeinde) and whoever is responsible or processes there
       for the case's service (the routing index), in that order;
    2. the members of each network the processing authority belongs to (networks by
       name, members by name).
    """
    on_platform = active_member_ids()
    taken = {case.authority_id}
    local: list[int] = []

    def add(authority_id: int | None, into: list[int]) -> None:
        if authority_id is not None and authority_id in on_platform and authority_id not in taken:
            taken.add(authority_id)
            into.append(authority_id)

    add(case.submission.place_id, local)
    index = routing_index()
    service = index.services.get(case.service_id)
    place = index.authorities.get(case.submission.place_id)
    if service is not None and place is not None:
        resolution = index.resolve(service, place)
        for ref in (resolution.responsible, resolution.processing, resolution.delegated_by):
            add(ref.id if ref is not None else None, local)
    add(case.responsible_id, local)
    members = active_members_by_network()
    by_network: list[tuple[str, list[int]]] = []
    for network in networks_of_authority(case.authority_id):
        ids: list[int] = []
        for authority_id in sorted(members.get(network.pk, set())):
            add(authority_id, ids)
        if ids:
            by_network.append((network.name, ids))
    wanted = set(local).union(*(ids for _name, ids in by_network))
    found = {a.pk: a for a in Authority.objects.filter(pk__in=wanted)}

    def by_name(ids: list[int]) -> list[Authority]:
        return sorted((found[i] for i in ids), key=lambda a: (fold(a.name), a.ars))

    groups = [CandidateGroup(None, [found[i] for i in local])] if local else []
    groups += [CandidateGroup(name, by_name(ids)) for name, ids in by_network]
    return groups


def processing_days_median(
    *,
    authority_ids: set[int] | frozenset[int] | list[int],
    start: dt.date,
    end: dt.date,
    service_id: int | None = None,
) -> dict[int, Decimal]:
    """``{authority id: median calendar days from receipt to decision}`` over the cases
    each *processing* authority decided between ``start`` and ``end`` (both inclusive,
    Europe/Berlin; of one service when given). Authorities without a decision in the
    period are left out. One query (comparison rings, issue #15)."""
    # Imported here so that this addition leaves the module's imports as they were.
    from verbund.core.facts import BERLIN
    from verbund.core.facts import Period as FactPeriod

    ids = sorted(set(authority_ids))
    if not ids:
        return {}
    period = FactPeriod(start, end)
    rows = Decision.objects.filter(
        case__authority_id__in=ids,
        issued_at__gte=period.begins_at,
        issued_at__lt=period.ends_before,
    )
    if service_id is not None:
        rows = rows.filter(case__service_id=service_id)
    berlin = BERLIN
    days: dict[int, list[int]] = {}
    for authority_id, received_at, issued_at in rows.values_list(
        "case__authority_id", "case__received_at", "issued_at"
    ):
        elapsed = issued_at.astimezone(berlin).date() - received_at.astimezone(berlin).date()
        days.setdefault(authority_id, []).append(elapsed.days)
    medians: dict[int, Decimal] = {}
    for authority_id, found in days.items():
        found.sort()
        middle = len(found) // 2
        if len(found) % 2:
            medians[authority_id] = Decimal(found[middle])
        else:
            medians[authority_id] = Decimal(found[middle - 1] + found[middle]) / 2
    return medians
