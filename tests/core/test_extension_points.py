"""The extension points: hooks, panels, menu entries and facts, and that the project
fills every hook it declares."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import RequestFactory

from verbund.accounts import hooks as accounts_hooks
from verbund.applications import hooks as applications_hooks
from verbund.applications.checks import submissions_reach_an_inbox
from verbund.cases import hooks as cases_hooks
from verbund.catalogue import hooks as catalogue_hooks
from verbund.core.facts import FACTS, Period, day_start, fact
from verbund.core.hooks import Hook
from verbund.core.panels import MenuEntry, Panel, render_menu, render_panels
from verbund.networks import hooks as networks_hooks


def test_a_hook_keeps_registration_order_and_replaces_a_key() -> None:
    hook: Hook[str] = Hook("test.list")
    hook.register("a", key="first")
    hook.register("b", key="second")
    hook.register("c", key="first")  # ready() running twice re-registers
    assert list(hook) == ["c", "b"]
    assert hook.keys() == ["first", "second"]
    assert hook.get("second") == "b"
    assert hook.get("third") is None


def test_a_single_hook_takes_one_provider() -> None:
    hook: Hook[str] = Hook("test.single", single=True)
    with pytest.raises(ImproperlyConfigured) as missing:
        hook.one()
    assert str(missing.value).startswith("nothing is registered for hook test.single: ")
    hook.register("catalogue", key="catalogue")
    hook.register("catalogue again", key="catalogue")
    assert hook.one() == "catalogue again"
    with pytest.raises(ImproperlyConfigured) as second:
        hook.register("another", key="other")
    assert str(second.value) == "hook test.single takes one provider and has 'catalogue'"
    assert hook.one() == "catalogue again"


def test_panels_render_in_order_and_leave_out_what_has_nothing_to_show() -> None:
    request = RequestFactory().get("/")
    panels = [
        Panel("late", "staff/networks/_staff_home_panel.html", lambda r, o: {"networks": []}, 90),
        Panel("hidden", "does/not/exist.html", lambda r, o: None, 10),
        Panel("early", "cases/applicant/_history.html", lambda r, o: {"history": []}, 20),
    ]
    html = render_panels(panels, request, object())
    assert len(html) == 2
    assert "Verlauf" in html[0]  # the history panel (order 20) comes first
    assert "Sie gehören derzeit keinem Verbund an." in html[1]


def test_menu_entries_without_a_url_are_left_out() -> None:
    request = RequestFactory().get("/")
    entries = [
        MenuEntry("b", "Zweiter", lambda r, o: "/b/", 20),
        MenuEntry("x", "Verboten", lambda r, o: None, 5),
        MenuEntry("a", "Erster", lambda r, o: "/a/", 10),
    ]
    assert render_menu(entries, request, object()) == [("Erster", "/a/"), ("Zweiter", "/b/")]


def test_a_period_is_calendar_days_in_berlin() -> None:
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert period.begins_at == day_start(dt.date(2026, 1, 1))
    assert period.begins_at.isoformat() == "2026-01-01T00:00:00+01:00"
    assert period.ends_before.isoformat() == "2027-01-01T00:00:00+01:00"
    with pytest.raises(ValidationError) as refused:
        Period(dt.date(2026, 2, 1), dt.date(2026, 1, 31))
    assert refused.value.messages == ["Der Zeitraum endet vor seinem Beginn."]


def test_an_unknown_fact_names_the_ones_there_are() -> None:
    with pytest.raises(LookupError) as unknown:
        fact("cases.unknown")
    assert str(unknown.value) == (
        "no fact 'cases.unknown'; registered: cases.responsible, cases.processing"
    )


def test_the_project_fills_every_hook_it_declares() -> None:
    def keys(hook: Hook[Any]) -> list[str]:
        return hook.keys()

    assert keys(applications_hooks.SUBMISSION_RECEIVED) == ["cases.open"]
    assert keys(applications_hooks.SUBMISSION_PAID) == ["cases.paid"]
    assert keys(applications_hooks.STATUS_PAGE) == [
        "cases.decision",
        "cases.requests",
        "cases.history",
    ]
    assert keys(cases_hooks.CASE_RECEIVED) == ["integrations.announce"]
    assert keys(cases_hooks.PERSONAL_DATA_ERASED) == ["integrations.acknowledgements"]
    assert keys(catalogue_hooks.ONLINE_APPLICATION) == ["applications"]
    assert keys(catalogue_hooks.EXCHANGE_PARTS) == ["formular"]
    assert keys(networks_hooks.SERVICE_DIRECTORY) == ["catalogue"]
    assert keys(networks_hooks.NETWORK_PAGE) == [
        "catalogue.reuse",
        "surveys",
        "fees",
        "benchmarks",
        "archive.pages_per_member",
        "assistant",
        "vat",
        "procurement",
        "einvoice",
    ]
    assert keys(networks_hooks.COST_VAT) == ["vat"]
    assert sorted(keys(networks_hooks.DASHBOARD)) == [
        "catalogue.reuse",
        "networks.costs",
        "networks.groups",
        "networks.roadmap",
        "networks.workshops",
    ]
    assert keys(accounts_hooks.STAFF_HOME) == ["networks.mine"]
    assert sorted(keys(accounts_hooks.AUTHORITY_WORKSPACE)) == [
        "archive.of_authority",
        "benchmarks.of_authority",
        "einvoice.of_authority",
        "fees.of_authority",
        "networks.of_authority",
        "portal.legal_pages",
        "practices.of_authority",
        "procurement.of_authority",
        "vat.of_authority",
    ]
    assert sorted(keys(accounts_hooks.AUTHORITY_MENU)) == [
        "accounts.audit",
        "accounts.staff",
        "cases.inbox",
        "cases.participations",
        "cases.records",
        "cases.settings",
        "catalogue.services",
        "integrations.clients",
    ]
    assert sorted(FACTS.keys()) == ["cases.processing", "cases.responsible"]


def test_submissions_without_an_inbox_fail_the_system_check() -> None:
    assert submissions_reach_an_inbox() == []
    listener = applications_hooks.SUBMISSION_RECEIVED.get("cases.open")
    assert listener is not None
    applications_hooks.SUBMISSION_RECEIVED.unregister("cases.open")
    try:
        [error] = submissions_reach_an_inbox()
        assert error.id == "verbund.applications.E001"
    finally:
        applications_hooks.SUBMISSION_RECEIVED.register(listener, key="cases.open")
    assert submissions_reach_an_inbox() == []
