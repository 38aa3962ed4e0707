"""The legal pages in an authority's workspace (``accounts.hooks.AUTHORITY_WORKSPACE``),
registered in ``PortalConfig.ready()``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.authorities.models import Authority
from verbund.core.access import Action, can, scoped
from verbund.core.panels import Panel
from verbund.portal.models import LegalPage, LegalPageKind


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any]:
    pages = {
        page.kind: page
        for page in scoped(request.user, LegalPage).filter(authority_id=authority.pk)
    }
    return {
        "authority": authority,
        "may_manage": can(request.user, Action.MANAGE, authority),
        "legal_pages": [(kind, pages.get(kind)) for kind in LegalPageKind],
    }


AUTHORITY_WORKSPACE = Panel(
    "portal.legal_pages", "staff/portal/_workspace_panel.html", _workspace, order=50
)
