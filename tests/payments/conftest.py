"""Submissions to pay for, built directly (the journey's own tests cover how they arise)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import AuthorityFactory, FormVersionFactory, ServiceFactory
from verbund.applications.models import Submission, SubmissionStatus
from verbund.authorities.models import Authority

MakeSubmission = Callable[..., Submission]

_references = itertools.count(1)


@pytest.fixture
def make_submission(db: None) -> MakeSubmission:
    """Build a submission awaiting payment; the responsible authority differs from the
    processing one, so that tests see which of them a payment belongs to."""

    def make(
        *, responsible: Authority | None = None, fee_total: Decimal = Decimal("40.00")
    ) -> Submission:
        service = ServiceFactory()
        version = FormVersionFactory(service=service, definition={"schema": {}, "steps": []})
        responsible = responsible or AuthorityFactory()
        processing = AuthorityFactory()
        return Submission.objects.create(
            reference=f"VB-TEST-{next(_references):06d}",
            submit_key=uuid.uuid4(),
            service=service,
            version=version,
            place=responsible,
            responsible=responsible,
            authority=processing,
            answers={"name": "Erika Mustermann"},
            fee_lines=[{"label": "Gebühr", "amount": str(fee_total), "quantity": 1}],
            fee_total=fee_total,
            status=SubmissionStatus.AWAITING_PAYMENT,
            status_salt="0" * 32,
            submitted_at=timezone.now(),
        )

    return make


@pytest.fixture
def submission(make_submission: MakeSubmission) -> Submission:
    return make_submission()
