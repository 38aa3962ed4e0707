"""The network page's figures of the archives (``networks.hooks.NETWORK_PAGE``): pages
ingested and recognised per member archive, this year and in total. Counts only, no
titles or text: every member of the network sees them, whatever each unit's access."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from verbund.archive.selectors import archives_of_authority, pages_processed
from verbund.core.panels import Panel
from verbund.networks import hooks
from verbund.networks.models import Network
from verbund.networks.selectors import active_memberships

# The first day any page can have been ingested: "in total" is counted from here.
EPOCH = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class MemberPages:
    name: str
    archives: str
    year_pages: int
    year_recognised: int
    total_pages: int
    total_recognised: int


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any] | None:
    members = {m.authority_id: m.authority for m in active_memberships(network)}
    today = timezone.localdate()
    total = pages_processed(members, EPOCH, today)
    with_pages = [pk for pk, figures in total.items() if figures["pages"]]
    if not with_pages:
        return None
    year = pages_processed(with_pages, today.replace(month=1, day=1), today)
    rows = sorted(
        (
            MemberPages(
                members[pk].name,
                ", ".join(a.name for a in archives_of_authority(pk)),
                year[pk]["pages"],
                year[pk]["recognised"],
                total[pk]["pages"],
                total[pk]["recognised"],
            )
            for pk in with_pages
        ),
        key=lambda row: (-row.total_pages, row.name),
    )
    return {
        "network": network,
        "rows": rows,
        "year": today.year,
        "sums": MemberPages(
            "",
            "",
            sum(r.year_pages for r in rows),
            sum(r.year_recognised for r in rows),
            sum(r.total_pages for r in rows),
            sum(r.total_recognised for r in rows),
        ),
    }


NETWORK_PAGE = Panel(
    "archive.pages_per_member", "staff/archive/search/_network_panel.html", _network_page, order=60
)


def register() -> None:
    """Register the network page's panel."""
    hooks.NETWORK_PAGE.register(NETWORK_PAGE, key=NETWORK_PAGE.key)
