"""Extension points of applications (see ``verbund.core.hooks``).

The citizen's journey ends in this app; what happens to a submission afterwards
belongs to the apps above it, which register here from their ``AppConfig.ready()``:

* :data:`SUBMISSION_RECEIVED` — called inside the transaction that creates a
  submission (the back office opens the case in the processing authority's
  inbox). A listener that raises rolls the whole submission back: the citizen
  gets no reference without a case. What a listener returns (``{"case": 7,
  "file": "…"}``) is recorded in the submission's one audit entry, so that a
  submit appends one entry to the authority's chain, not one per app.
* :data:`SUBMISSION_PAID` — called inside the transaction that records that the
  fee of a submission is paid (the case becomes "received" and its deadline starts).
* :data:`STATUS_PAGE` — panels of the applicant's status page (the decision, open
  questions of the authority, the history).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from verbund.applications.models import Submission
from verbund.core.hooks import Hook
from verbund.core.panels import Panel


class SubmissionListener(Protocol):
    def __call__(self, *, submission: Submission) -> object: ...


class ReceivedListener(Protocol):
    def __call__(self, *, submission: Submission) -> Mapping[str, Any] | None: ...


SUBMISSION_RECEIVED: Hook[ReceivedListener] = Hook("applications.submission_received")
SUBMISSION_PAID: Hook[SubmissionListener] = Hook("applications.submission_paid")
STATUS_PAGE: Hook[Panel] = Hook("applications.status_page")
