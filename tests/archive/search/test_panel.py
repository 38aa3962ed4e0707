"""The network page's panel: pages ingested and recognised per member archive."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from tests.archive.search.conftest import World, make_page
from verbund.archive.models import OcrStatus, Page
from verbund.archive.search.panels import NETWORK_PAGE, MemberPages
from verbund.networks.models import Network


def test_pages_per_member_this_year_and_in_total(world: World) -> None:
    for n in range(1, 6):
        make_page(world.public, n, "Text", ocr_at=timezone.now())
    make_page(world.members, 1, "", ocr_status=OcrStatus.PENDING)
    make_page(world.members, 2, "", ocr_status=OcrStatus.FAILED, ocr_at=timezone.now())
    last_year = timezone.now() - dt.timedelta(days=400)
    old = [make_page(world.own, n, "Alt", ocr_at=last_year) for n in (1, 2, 3)]
    Page.objects.filter(pk__in=[p.pk for p in old]).update(created_at=last_year)
    network = Network.objects.get(memberships__authority=world.fellow)
    request = RequestFactory().get("/")
    request.user = world.fellow_staff
    context = NETWORK_PAGE.context(request, network)
    assert context is not None
    assert context["rows"] == [
        MemberPages("Testkreis", "Kreisarchiv Testkreis", 7, 5, 10, 8),
    ]
    html = render_to_string(NETWORK_PAGE.template, {**context, "object": network})
    assert "Archivdigitalisierung: Seiten je Mitglied" in html
    assert '<th scope="row" class="kern-table__cell">Testkreis (Kreisarchiv Testkreis)</th>' in html
    assert html.count('<td class="kern-table__cell kern-table__cell--numeric">') == 4


def test_no_panel_without_pages(world: World) -> None:
    network = Network.objects.get(memberships__authority=world.fellow)
    request = RequestFactory().get("/")
    request.user = world.fellow_staff
    assert NETWORK_PAGE.context(request, network) is None
