"""Each member writes its own strategy in a network (fields of action, goals, measures
linked to project groups and roadmap items); the network sees who works on what. Only
the member's own staff write it; other members read it; outsiders find nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.clients import logged_in
from tests.factories import MembershipFactory, NetworkFactory
from tests.surveys.conftest import SurveyWorld
from verbund.core.models import AuditEntry
from verbund.networks.groups.services import group_create
from verbund.networks.roadmap.services import roadmap_propose
from verbund.surveys.strategy.models import Strategy, StrategyGoal, StrategyMeasure
from verbund.surveys.strategy.services import goal_add, measure_add, strategy_save

pytestmark = pytest.mark.django_db


def _url(name: str, world: SurveyWorld, **kwargs: int) -> str:
    return reverse(f"staff:{name}", kwargs={"pk": world.network.pk, **kwargs})


def test_a_member_writes_its_strategy_and_the_network_sees_it(survey_world: SurveyWorld) -> None:
    world = survey_world
    hoechberg = world.members[0]
    group = group_create(
        actor=world.coordinator, network=world.network, name="eAkte", lead=world.kreis
    )
    item = roadmap_propose(
        actor=world.coordinator,
        network=world.network,
        title="Digitaler Bauantrag",
        proposed_by=world.kreis,
    )
    clerk = logged_in(world.member_clerk)
    own = {"authority_pk": hoechberg.pk}
    assert (
        "Für dieses Mitglied ist noch keine Strategie hinterlegt."
        in clerk.get(_url("strategy", world, **own)).content.decode()
    )
    saved = clerk.post(
        _url("strategy_edit", world, **own),
        {"title": "Höchberg digital 2030", "summary": "Bürgernah.", "adopted_on": "12.03.2025"},
    )
    assert saved.status_code == 302
    strategy = Strategy.objects.get(network=world.network, authority=hoechberg)
    assert (strategy.title, strategy.adopted_on) == ("Höchberg digital 2030", dt.date(2025, 3, 12))
    clerk.post(
        _url("strategy_goal_create", world, **own),
        {"field": "egov", "goal": "Alle Anträge online bis 2027."},
    )
    goal = StrategyGoal.objects.get(strategy=strategy)
    added = clerk.post(
        _url("strategy_measure_create", world, goal_pk=goal.pk, **own),
        {
            "title": "E-Akte im Bauamt",
            "status": "running",
            "due_on": "31.12.2026",
            "project_group": str(group.pk),
            "roadmap_item": str(item.pk),
        },
    )
    assert added.status_code == 302
    measure = StrategyMeasure.objects.get(goal=goal)
    assert (measure.project_group, measure.roadmap_item, measure.status) == (group, item, "running")
    clerk.post(
        _url("strategy_measure_status", world, measure_pk=measure.pk, **own), {"status": "done"}
    )
    measure.refresh_from_db()
    assert measure.status == "done"
    # The network: a member of another administration reads who works on what.
    overview = logged_in(world.coordinator).get(_url("strategies", world))
    assert overview.status_code == 200
    matrix = {m.name: counts for m, _s, counts in overview.context["overview"].matrix}
    assert matrix["Höchberg"] == [0, 0, 0, 0, 0, 0, 1, 0]
    assert matrix["Rimpar"] == [0] * 8
    text = overview.content.decode()
    assert (
        "E-Akte im Bauamt (umgesetzt, Projektgruppe „eAkte“, Vorhaben „Digitaler Bauantrag“)"
        in text
    )
    actions = list(
        AuditEntry.objects.filter(authority_id=hoechberg.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "strategy.create",
        "strategy.goal_add",
        "strategy.measure_add",
        "strategy.measure_status",
    ]


def test_only_the_member_writes_and_bad_input_saves_nothing(survey_world: SurveyWorld) -> None:
    world = survey_world
    hoechberg, rimpar = world.members[0], world.members[1]
    strategy = strategy_save(
        actor=world.member_clerk, network=world.network, authority=hoechberg, title="Plan"
    )
    goal = goal_add(actor=world.member_clerk, strategy=strategy, field="bildung", goal="WLAN")
    clerk = logged_in(world.member_clerk)
    # Another member's strategy: readable, not writable.
    assert clerk.get(_url("strategy", world, authority_pk=rimpar.pk)).status_code == 200
    assert clerk.get(_url("strategy_edit", world, authority_pk=rimpar.pk)).status_code == 404
    coordinator = logged_in(world.coordinator)
    assert (
        coordinator.get(_url("strategy_edit", world, authority_pk=hoechberg.pk)).status_code == 404
    )
    assert coordinator.post(
        _url("strategy_goal_create", world, authority_pk=hoechberg.pk),
        {"field": "egov", "goal": "x"},
    ).status_code in (403, 404)
    outsider = logged_in(world.outsider_clerk)
    for name, kwargs in (
        ("strategies", {}),
        ("strategy", {"authority_pk": hoechberg.pk}),
        ("strategy_edit", {"authority_pk": world.outsider.pk}),
    ):
        assert outsider.get(_url(name, world, **kwargs)).status_code == 404, name
    # A project group of another network cannot be linked.
    other_network = NetworkFactory(name="Anderer Verbund", slug="anderer")
    MembershipFactory(
        network=other_network, authority=world.outsider, joined_on=dt.date(2020, 1, 1)
    )
    foreign = group_create(actor=None, network=other_network, name="Fremd", lead=world.outsider)
    with pytest.raises(ValidationError) as wrong_group:
        measure_add(actor=None, goal=goal, title="Mit fremder Gruppe", project_group=foreign)
    assert wrong_group.value.messages == ["Die Projektgruppe gehört nicht zu diesem Verbund."]
    bad = clerk.post(
        _url("strategy_measure_create", world, authority_pk=hoechberg.pk, goal_pk=goal.pk),
        {"title": "", "status": "unbekannt"},
    )
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) == {"title", "status"}
    with pytest.raises(ValidationError) as refused:
        strategy_save(actor=None, network=world.network, authority=world.outsider, title="Nein")
    assert refused.value.messages == ["Fremdstadt ist kein Mitglied des Verbunds."]
    assert StrategyMeasure.objects.count() == 0
    assert Strategy.objects.count() == 1
    with pytest.raises(ValidationError):
        measure_add(actor=None, goal=goal, title="", status="x")
