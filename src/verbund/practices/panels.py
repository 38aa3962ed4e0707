"""What good practices add to the pages of apps below them (registered in
``PracticesConfig.ready()``): the authority workspace's section on its practices."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.authorities.models import Authority
from verbund.core.access import scoped
from verbund.core.panels import Panel
from verbund.practices.models import GoodPractice, PracticeStatus
from verbund.practices.selectors import status_counts


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any]:
    counts = status_counts(scoped(request.user, GoodPractice).filter(authority_id=authority.pk))
    return {
        "authority": authority,
        "published": counts.get(PracticeStatus.PUBLISHED, 0),
        "drafts": counts.get(PracticeStatus.DRAFT, 0),
        "withdrawn": counts.get(PracticeStatus.WITHDRAWN, 0),
    }


AUTHORITY_WORKSPACE = Panel(
    "practices.of_authority", "staff/practices/_workspace_panel.html", _workspace, order=80
)
