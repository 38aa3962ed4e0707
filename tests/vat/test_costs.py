"""The cost allocation's VAT follows the approved assessment of the cooperation
(``networks.hooks.COST_VAT``): the item page says where the VAT comes from, closing
freezes the rate and records the basis."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.clients import logged_in
from tests.vat.conftest import PUBLIC_OPEN, YEAR, D, World, make_stream
from verbund.networks.costs.models import BudgetItem
from verbund.networks.costs.selectors import item_vat_basis, item_vat_rate
from verbund.networks.costs.services import allocation_close, budget_item_create
from verbund.vat import services

pytestmark = pytest.mark.django_db


def _item(world: World, *, vat: bool) -> BudgetItem:
    return budget_item_create(
        actor=None,
        network=world.network,
        title="Gewerbeanmeldung",
        amount=D("1000.00"),
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 12, 31),
        population_on=dt.date(YEAR - 1, 12, 31),
        weight_equal=D(100),
        weight_population=D(0),
        weight_cases=D(0),
        weight_usage=D(0),
        vat=vat,
    )


def _approve(world: World, answers: dict[str, bool], rate: str = "") -> None:
    stream = make_stream(
        world.merzenich,
        title="Erstattungen DLZ",
        network=world.network,
        counterparty="public_body",
    )
    services.amount_set(actor=None, stream=stream, year=YEAR, forecast=D("48433"))
    assessment = services.assessment_decide(
        actor=None, stream=stream, year=YEAR, answers=answers, rate=rate
    )
    services.assessment_approve(actor=world.merzenich_admin, assessment=assessment)


def test_without_an_assessment_the_switch_decides(world: World) -> None:
    item = _item(world, vat=True)
    assert item_vat_rate(item) == Decimal("0.19")
    assert item_vat_basis(item) == "Schalter des Postens, keine freigegebene Tätigkeitsanalyse"
    html = (
        logged_in(world.coordinator)
        .get(reverse("staff:budget_item", kwargs={"pk": world.network.pk, "item_pk": item.pk}))
        .content.decode()
    )
    assert "Grundlage: Schalter des Postens, keine freigegebene Tätigkeitsanalyse" in html


def test_a_not_taxable_assessment_overrides_the_switch(world: World) -> None:
    item = _item(world, vat=True)
    _approve(
        world,
        {
            **PUBLIC_OPEN,
            "reserved_task": False,
            "exempt_private": False,
            "only_public_bodies": False,
            "long_term_agreement": True,
            "shared_public_task": True,
            "cost_reimbursement_only": True,
            "mainly_public_bodies": True,
            "support_service": False,
        },
    )
    assert item_vat_rate(item) is None
    run = allocation_close(actor=world.coordinator, item=item)
    assert run.vat_rate is None
    assert run.remainder_note.splitlines()[-1] == (
        "Umsatzsteuer: Tätigkeitsanalyse 2027 von Merzenich: nicht steuerbar "
        "(Regel: Zusammenarbeit nach § 2b Abs. 3 Nr. 2 UStG)"
    )


def test_a_taxable_assessment_adds_vat_without_the_switch(world: World) -> None:
    item = _item(world, vat=False)
    answers = {
        **PUBLIC_OPEN,
        "reserved_task": False,
        "exempt_private": False,
        "only_public_bodies": False,
        "long_term_agreement": False,
    }
    _approve(world, answers, rate="19")
    html = (
        logged_in(world.coordinator)
        .get(reverse("staff:budget_item", kwargs={"pk": world.network.pk, "item_pk": item.pk}))
        .content.decode()
    )
    assert "19 % nach § 2b UStG" in html
    assert (
        "Tätigkeitsanalyse 2027 von Merzenich: steuerbar, 19 % (Regel: größere "
        "Wettbewerbsverzerrungen (§ 2b Abs. 1 UStG))" in html
    )
    run = allocation_close(actor=world.coordinator, item=item)
    assert run.vat_rate == Decimal("0.190")


def _list_vat_cell(world: World, item: BudgetItem) -> str:
    """The VAT cell of the item's row on the network's list of budget items."""
    html = (
        logged_in(world.coordinator)
        .get(reverse("staff:network_costs", kwargs={"pk": world.network.pk}))
        .content.decode()
    )
    url = reverse("staff:budget_item", kwargs={"pk": world.network.pk, "item_pk": item.pk})
    rows = [row for row in html.split("<tr") if f'href="{url}"' in row]
    assert len(rows) == 1
    cells = re.findall(r'<td class="kern-table__cell">([^<]*)</td>', rows[0])
    return cells[1].strip()  # period, VAT, status


def test_the_item_list_shows_the_rate_that_applies(world: World) -> None:
    item = _item(world, vat=True)
    assert _list_vat_cell(world, item) == "19 %"
    _approve(
        world,
        {
            **PUBLIC_OPEN,
            "reserved_task": False,
            "exempt_private": False,
            "only_public_bodies": False,
            "long_term_agreement": True,
            "shared_public_task": True,
            "cost_reimbursement_only": True,
            "mainly_public_bodies": True,
            "support_service": False,
        },
    )
    # The cooperation is not taxable: the switch no longer decides, here or on the page.
    assert _list_vat_cell(world, item) == "keine"
