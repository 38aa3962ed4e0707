"""Staff catalogue pages in a real browser: axe on each, a refusal shown accessibly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import login
from tests.conftest import DEMO_REGISTER
from tests.factories import (
    AuthorityRoleFactory,
    MembershipFactory,
    OfficeFactory,
    ServiceFactory,
    make_user,
)
from verbund.authorities.models import Authority
from verbund.authorities.services import register_import
from verbund.catalogue import services
from verbund.catalogue.models import Level

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


def test_staff_catalogue_pages_have_no_violations(
    page: Page, live_server: object, axe: Axe
) -> None:
    register_import(path_or_stream=DEMO_REGISTER, source_name=DEMO_REGISTER.name)
    merzenich = Authority.objects.get(ars="053580040040")
    MembershipFactory(authority=merzenich, joined_on=dt.date(2024, 1, 1))
    admin = make_user(username="admin.merzenich", display_name="Anna Admin", demo=True)
    AuthorityRoleFactory(user=admin, authority=merzenich, admin=True)
    gewerbe = ServiceFactory(builder=merzenich, title="Gewerbe anmelden", level=Level.GEMEINDE)
    reiten = ServiceFactory(builder=merzenich, title="Reitkennzeichen", level=Level.KREIS)
    office = OfficeFactory(authority=merzenich, name="Ordnungsamt")
    adoption = services.adoption_create(
        actor=None, service=gewerbe, authority=merzenich, office=office
    )
    login(page.context, str(live_server), admin)
    base = f"{live_server}/verwaltung"
    for path in (
        "/leistungen/",
        "/leistungen/neu/",
        f"/leistungen/{gewerbe.pk}/",
        f"/leistungen/{gewerbe.pk}/bearbeiten/",
        f"/behoerden/{merzenich.pk}/leistungen/",
        f"/behoerden/{merzenich.pk}/stellen/neu/",
        f"/behoerden/{merzenich.pk}/stellen/{office.pk}/",
        f"/behoerden/{merzenich.pk}/nachnutzungen/{adoption.pk}/",
    ):
        page.goto(base + path)
        axe(page)

    # A Gemeinde cannot adopt a Kreis service: the reason is shown, nothing saved.
    page.goto(f"{base}/behoerden/{merzenich.pk}/leistungen/{reiten.pk}/nachnutzen/")
    axe(page)
    page.get_by_role("button", name="Nachnutzen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "ist der Kreis oder die kreisfreie Stadt zuständig"
    )
    axe(page)
    assert not reiten.adoptions.exists()
