"""Reads of the integrations app: a client by its token, and what a client may see.

A client acts for exactly one authority, the processing authority of the cases
it reads; :func:`client_case` is the one lookup of a case by a reference that
came from a request. A case of another authority, one still awaiting payment
and an unknown reference all give ``None`` (the API answers 404 alike).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from verbund.cases.models import Case, CaseStatus
from verbund.cases.selectors import case_of_reference
from verbund.core.actors import SystemActor
from verbund.integrations.models import ApiClient, SubmissionAcknowledgement, WebhookDelivery

TOKEN_PREFIX = "vbk_"  # noqa: S105  (the public start of every token, not a secret)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def client_for_token(token: str) -> ApiClient | None:
    """The active client whose token this is (None for an unknown or revoked one)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return (
        ApiClient.objects.select_related("authority")
        .filter(token_hash=token_hash(token), active=True, revoked_at__isnull=True)
        .first()
    )


def client_actor(client: ApiClient) -> SystemActor:
    """Who the client is in the case history and the audit trail."""
    return SystemActor(
        username=f"Fachverfahren „{client.name}“"[:200], authority_id=client.authority_id
    )


def _acknowledged_by(client: ApiClient) -> Exists:
    return Exists(
        SubmissionAcknowledgement.objects.filter(client_id=client.pk, case_id=OuterRef("pk"))
    )


def client_submissions(client: ApiClient, *, only_new: bool) -> QuerySet[Case]:
    """The complete submissions (cases not awaiting payment) of the client's authority,
    newest first; ``only_new``: those the client has not acknowledged yet."""
    cases = (
        Case.objects.filter(authority_id=client.authority_id)
        .exclude(status=CaseStatus.AWAITING_PAYMENT)
        .select_related("service")
        # Only what a list row shows: not the service's long texts, not the case's notes.
        .only(*SUBMISSION_ROW_FIELDS)
        .annotate(acknowledged=_acknowledged_by(client))
        .order_by("-received_at", "-id")
    )
    if only_new:
        cases = cases.filter(acknowledged=False)
    return cases


SUBMISSION_ROW_FIELDS = (
    "reference",
    "status",
    "version",
    "received_at",
    "service__slug",
    "service__leika_key",
    "service__title",
)


# The columns of a list row as tuples (``values_list``), in the order that
# ``api.partner_serializers.submission_summaries_json`` reads them.
SUBMISSION_ROW_VALUES = (
    "pk",
    "received_at",
    "reference",
    "status",
    "version",
    "service__slug",
    "service__leika_key",
    "service__title",
    "acknowledged",
)


def after_position(
    cases: QuerySet[Case, Any], received_at: dt.datetime, pk: int
) -> QuerySet[Case, Any]:
    """The cases after ``(received_at, pk)`` in the list's order (newest first): the
    keyset page that follows a cursor, found through the index, however deep. The
    redundant ``received_at <= …`` is what the (authority, received_at) index can seek
    to; the OR alone is only a filter, and PostgreSQL read every newer case first
    (12 ms at page 800 of 1,000, 0.3 ms with it)."""
    return cases.filter(
        Q(received_at__lte=received_at),
        Q(received_at__lt=received_at) | Q(received_at=received_at, pk__lt=pk),
    )


def client_case(client: ApiClient, reference: str) -> Case | None:
    """The case of ``reference`` when the client may see it, else None."""
    case = case_of_reference(reference)
    if (
        case is None
        or case.authority_id != client.authority_id
        or case.status == CaseStatus.AWAITING_PAYMENT
    ):
        return None
    return case


def acknowledgement_of(client: ApiClient, case: Case) -> SubmissionAcknowledgement | None:
    return SubmissionAcknowledgement.objects.filter(client=client, case=case).first()


def clients_of_authority(authority_id: int) -> QuerySet[ApiClient]:
    return ApiClient.objects.filter(authority_id=authority_id)


def deliveries_of_authority(authority_id: int) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(authority_id=authority_id).select_related(
        "client", "case"
    )
