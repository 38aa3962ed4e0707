"""Reads on applications."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from prometheus_client.core import CounterMetricFamily, Metric

from verbund.applications.models import Attachment, Draft, Submission
from verbund.formengine.selectors import services_with_forms


def draft_by_id(draft_id: Any) -> Draft | None:
    """An unexpired draft; invalid ids give None.

    Read on every page of a journey: by primary key without an ORDER BY, and without
    the submission, which only a submitted draft's pages read (one query then)."""
    try:
        pk = uuid.UUID(str(draft_id))
    except ValueError:
        return None
    try:
        return Draft.objects.select_related("service", "version").get(
            pk=pk, expires_at__gt=timezone.now()
        )
    except Draft.DoesNotExist:
        return None


def submission_by_reference(reference: str) -> Submission | None:
    if len(reference) > 20:
        return None
    try:
        return Submission.objects.select_related(
            "service", "responsible", "authority", "place", "version"
        ).get(reference=reference)
    except Submission.DoesNotExist:
        return None


def draft_attachments_by_field(
    draft: Draft, fields: Collection[str]
) -> dict[str, list[Attachment]]:
    """The draft's uploads of the given file fields (none asked, no query)."""
    found: dict[str, list[Attachment]] = {}
    if not fields:
        return found
    ids = {str(i) for value in draft.answers.values() if isinstance(value, list) for i in value}
    for attachment in Attachment.objects.filter(
        draft=draft, submission__isnull=True, field__in=list(fields)
    ):
        if str(attachment.pk) in ids:
            found.setdefault(attachment.field, []).append(attachment)
    return found


def attachment_names(draft: Draft) -> dict[str, str]:
    return {
        str(pk): name
        for pk, name in Attachment.objects.filter(draft=draft).values_list("pk", "filename")
    }


def submission_attachments(submission: Submission) -> list[Attachment]:
    return list(Attachment.objects.filter(submission=submission).order_by("created_at", "id"))


def submission_attachment(submission: Submission, attachment_id: Any) -> Attachment | None:
    try:
        pk = uuid.UUID(str(attachment_id))
    except ValueError:
        return None
    return Attachment.objects.filter(submission=submission, pk=pk).first()


class OnlineApplications:
    """The catalogue's ``ONLINE_APPLICATION`` provider: a service can be applied for here
    once its form is published, and the application starts at ``/antrag/neu/<key>/``."""

    def available(self, service_ids: Collection[int]) -> set[int]:
        return services_with_forms(service_ids)

    def start_url(self, *, service_key: str, place_ars: str) -> str:
        start = reverse("applications:start", kwargs={"key": service_key})
        return f"{start}?{urlencode({'ort': place_ars})}"


def submissions_metrics() -> Iterator[Metric]:
    """``verbund_submissions_total`` per processing authority (its ARS), for
    ``/metrics`` (``core.metrics.METRICS``): one grouped count over the index."""
    family = CounterMetricFamily(
        "verbund_submissions",
        "Submissions received, per processing authority (ARS)",
        labels=["authority"],
    )
    rows = (
        Submission.objects.order_by()
        .values_list("authority__ars")
        .annotate(n=Count("id"))
        .values_list("authority__ars", "n")
    )
    for ars, count in rows:
        family.add_metric([ars], count)
    yield family
