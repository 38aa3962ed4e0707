"""Extension points of cases (see ``verbund.core.hooks``).

* :data:`CASE_RECEIVED` — a case became complete in its processing authority's
  inbox (received at once, or received once its fee is paid). Called inside that
  transaction; integrations announces the submission to the authority's
  specialist systems there.
* :data:`PERSONAL_DATA_ERASED` — the retention of a file ended and its personal
  data are being deleted (``cases.records``). Called inside that transaction;
  every app that keeps personal data about the case (integrations: the reasons
  specialist systems gave) empties it there.
"""

from __future__ import annotations

from typing import Protocol

from verbund.cases.models import Case
from verbund.core.hooks import Hook


class CaseListener(Protocol):
    def __call__(self, *, case: Case) -> object: ...


CASE_RECEIVED: Hook[CaseListener] = Hook("cases.case_received")
PERSONAL_DATA_ERASED: Hook[CaseListener] = Hook("cases.personal_data_erased")
