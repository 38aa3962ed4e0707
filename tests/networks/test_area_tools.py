"""The shared tool behind a cooperation area, and who delegated it (level 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.clients import logged_in
from tests.factories import NetworkFactory, NetworkRoleFactory, make_user
from tests.networks.test_agreements import DLZ, Dlz
from tests.networks.test_agreements import dlz as dlz  # the fixture, re-exported
from verbund.core.models import AuditEntry
from verbund.networks.models import AreaTool, CooperationArea
from verbund.networks.selectors import tool_delegations
from verbund.networks.services import area_create, area_level_set, membership_end

pytestmark = pytest.mark.django_db

JAN = dt.date(2026, 1, 1)


def test_members_at_level_4_of_the_tools_area_have_delegated_it(dlz: Dlz) -> None:
    first, second, third, fourth = (dlz[ars] for ars in DLZ[:4])
    fees = area_create(actor=None, network=dlz.network, name="Gebühren", tool=AreaTool.FEES)
    procurement = area_create(actor=None, network=dlz.network, name="Beschaffung")
    area_level_set(actor=None, area=fees, authority=first, level=4, valid_from=JAN)
    area_level_set(actor=None, area=fees, authority=second, level=3, valid_from=JAN)
    # Delegated from March on.
    area_level_set(actor=None, area=fees, authority=third, level=2, valid_from=JAN)
    area_level_set(actor=None, area=fees, authority=third, level=4, valid_from=dt.date(2026, 3, 1))
    # Level 4 in an area without a tool delegates nothing.
    area_level_set(actor=None, area=procurement, authority=fourth, level=4, valid_from=JAN)

    assert tool_delegations(AreaTool.FEES, on=dt.date(2026, 2, 1)) == {first.pk: {dlz.network.pk}}
    assert tool_delegations(AreaTool.FEES, on=dt.date(2026, 3, 1)) == {
        first.pk: {dlz.network.pk},
        third.pk: {dlz.network.pk},
    }
    assert tool_delegations(AreaTool.FEES, on=dt.date(2026, 3, 1), authority_ids={third.pk}) == {
        third.pk: {dlz.network.pk}
    }
    assert tool_delegations(AreaTool.PROCUREMENT, on=dt.date(2026, 3, 1)) == {}
    # A member that left the network delegates nothing from the day after.
    membership = dlz.network.memberships.get(authority=first)
    membership_end(actor=None, membership=membership, left_on=dt.date(2026, 6, 30))
    assert first.pk in tool_delegations(AreaTool.FEES, on=dt.date(2026, 6, 30))
    assert first.pk not in tool_delegations(AreaTool.FEES, on=dt.date(2026, 7, 1))


def test_one_area_per_tool_in_a_network(dlz: Dlz) -> None:
    area_create(actor=None, network=dlz.network, name="Gebühren", tool=AreaTool.FEES)
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        area_create(actor=None, network=dlz.network, name="Gebühren II", tool=AreaTool.FEES)
    assert error.value.message_dict == {
        "tool": [
            "Hinter einem anderen Feld dieses Verbunds steht schon das Werkzeug "
            "„Gebührenkalkulation“."
        ]
    }
    assert CooperationArea.objects.filter(network=dlz.network).count() == 1
    assert AuditEntry.objects.count() == entries
    # Another network may carry the same tool.
    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    assert area_create(actor=None, network=other, name="Gebühren", tool=AreaTool.FEES).tool == (
        "fees"
    )


def test_coordinator_names_the_tool_of_an_area(dlz: Dlz, demo_on: None) -> None:
    coordinator = make_user(username="koordination.dlz", demo=True)
    NetworkRoleFactory(user=coordinator, network=dlz.network)
    client = logged_in(coordinator)
    base = f"/verwaltung/verbuende/{dlz.network.pk}/felder/"
    response = client.post(
        f"{base}neu/", {"name": "Gebührenkalkulation", "position": "0", "tool": "fees"}
    )
    assert response.status_code == 302
    area = CooperationArea.objects.get(network=dlz.network)
    assert area.tool == "fees"
    entry = AuditEntry.objects.filter(action="networks.area_created").latest("pk")
    assert entry.changes["tool"] == [None, "fees"]
    page = client.get(base).content.decode()
    assert "Werkzeug: Gebührenkalkulation" in page
    # An unknown tool is refused by the form, nothing saved.
    response = client.post(f"{base}neu/", {"name": "Sonstiges", "position": "1", "tool": "x"})
    assert response.status_code in (200, 400)
    assert CooperationArea.objects.filter(network=dlz.network).count() == 1
