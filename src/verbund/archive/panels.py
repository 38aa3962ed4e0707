"""The archive's sections on other apps' pages: the authority workspace's section on
its archives (pages, pages waiting for review)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from verbund.accounts import hooks as accounts
from verbund.archive.models import Archive, OcrStatus, Page
from verbund.authorities.models import Authority
from verbund.core.access import Action, can, scoped
from verbund.core.panels import Panel


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any]:
    archives = scoped(request.user, Archive).filter(authority_id=authority.pk)
    figures = (
        scoped(request.user, Page)
        .filter(authority_id=authority.pk)
        .aggregate(
            pages=Count("pk"),
            review=Count("pk", filter=Q(ocr_status=OcrStatus.REVIEW)),
        )
    )
    return {
        "authority": authority,
        "archives": list(archives),
        "pages": figures["pages"],
        "review": figures["review"],
        "may_create": can(request.user, Action.MANAGE, authority),
    }


AUTHORITY_WORKSPACE = Panel(
    "archive.of_authority", "staff/archive/_workspace_panel.html", _workspace, order=90
)


def register() -> None:
    """Register the archive's panels (the authority workspace)."""
    accounts.AUTHORITY_WORKSPACE.register(AUTHORITY_WORKSPACE, key=AUTHORITY_WORKSPACE.key)
