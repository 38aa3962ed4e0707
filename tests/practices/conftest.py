"""A small world for good practices: three Kreise and a Gemeinde in two Länder, two
networks with a project group and a roadmap item, catalogue services, staff of two
authorities and a survey answer that may propose a practice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    ServiceFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.authorities.models import Authority, AuthorityKind
from verbund.catalogue.models import Service
from verbund.networks.groups.models import ProjectGroup
from verbund.networks.groups.services import group_create
from verbund.networks.models import Network
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.roadmap.services import roadmap_propose
from verbund.practices.models import FieldOfAction, GoodPractice
from verbund.practices.services import PracticeContent, practice_create, practice_publish
from verbund.surveys.models import Recipient, Survey, SurveyStatus

SURVEY_DEFINITION: dict[str, Any] = {
    "fields": [
        {"key": "mobil", "label": "Mobilität"},
        {"key": "egov", "label": "E-Government"},
    ],
    "sections": [
        {
            "key": "teil1",
            "title": "Teil 1",
            "intro": "",
            "questions": [
                {"key": "strategie", "type": "yesno", "text": "Strategie?", "field": "egov"},
                {
                    "key": "beispiel",
                    "type": "text",
                    "text": "Welches Vorhaben könnten andere von Ihnen übernehmen?",
                    "multiline": True,
                    "field": "mobil",
                },
                {"key": "sonst", "type": "text", "text": "Sonst noch etwas?"},
            ],
        }
    ],
}


@dataclass
class World:
    soest: Authority
    olpe: Authority
    wuerzburg: Authority
    merzenich: Authority
    swf: Network
    wue: Network
    group: ProjectGroup  # of the Würzburg network
    roadmap_item: RoadmapItem  # of the Südwestfalen network
    service: Service
    other_service: Service
    draft_service: Service
    soest_clerk: User
    olpe_clerk: User
    coordinator: User  # coordinates Südwestfalen, holds no role in an authority


@pytest.fixture
def world(demo_on: None) -> World:
    soest = AuthorityFactory(
        ars="05974", kind=AuthorityKind.KREIS, textkennzeichen="44", name="Soest", ags="05974"
    )
    olpe = AuthorityFactory(
        ars="05966", kind=AuthorityKind.KREIS, textkennzeichen="44", name="Olpe", ags="05966"
    )
    wuerzburg = AuthorityFactory(
        ars="09679", kind=AuthorityKind.KREIS, textkennzeichen="44", name="Würzburg"
    )
    merzenich = AuthorityFactory(ars="053580040040", name="Merzenich")
    swf = NetworkFactory(name="Digitale Modellregion Südwestfalen", slug="suedwestfalen")
    wue = NetworkFactory(name="Kreisverbund Würzburg", slug="wuerzburg")
    MembershipFactory(network=swf, authority=soest)
    MembershipFactory(network=swf, authority=olpe)
    MembershipFactory(network=wue, authority=wuerzburg, lead=True)
    group = group_create(
        actor=None, network=wue, name="Digitaler Bauantrag", status="active", lead=wuerzburg
    )
    item = roadmap_propose(actor=None, network=swf, proposed_by=olpe, title="Digitale Jagdschein")
    soest_clerk = make_user(username="sb.soest", demo=True)
    AuthorityRoleFactory(user=soest_clerk, authority=soest)
    olpe_clerk = make_user(username="sb.olpe", demo=True)
    AuthorityRoleFactory(user=olpe_clerk, authority=olpe, admin=True)
    coordinator = make_user(username="koordination.swf", demo=True)
    NetworkRoleFactory(user=coordinator, network=swf)
    return World(
        soest=soest,
        olpe=olpe,
        wuerzburg=wuerzburg,
        merzenich=merzenich,
        swf=swf,
        wue=wue,
        group=group,
        roadmap_item=item,
        service=ServiceFactory(slug="gewerbeanmeldung", title="Gewerbe anmelden", builder=soest),
        other_service=ServiceFactory(slug="hundesteuer", title="Hundesteuer", builder=olpe),
        draft_service=ServiceFactory(slug="entwurf", title="Noch nicht fertig", draft=True),
        soest_clerk=soest_clerk,
        olpe_clerk=olpe_clerk,
        coordinator=coordinator,
    )


COMPLETE = PracticeContent(
    title="Ärztehaus in kommunaler Trägerschaft",
    summary="Der Kreis betreibt ein Ärztehaus und hält so die Versorgung auf dem Land.",
    problem="Drei Hausärzte gingen in Rente, Nachfolger fanden sich nicht.",
    solution="Ein medizinisches Versorgungszentrum mit angestellten Ärztinnen.",
    results="Seit 2022 wieder vier Hausarztsitze besetzt.",
    cost_text="Umbau eines leerstehenden Gebäudes, gefördert vom Land.",
    cost_amount=Decimal("250000.00"),
    cost_period="once",
    contact_name="Anna Beispiel",
    contact_email="anna.beispiel@kreis-soest.example",
    contact_phone="02921 30-0",
    field_of_action=FieldOfAction.MEDICAL_CARE,
)


def publish(
    authority: Authority, *, when: dt.datetime | None = None, **changes: Any
) -> GoodPractice:
    """A published practice of ``authority`` (``COMPLETE`` with ``changes``), its
    publication dated ``when`` (so the order by date is known)."""
    practice = practice_create(
        actor=None, authority=authority, content=replace(COMPLETE, **changes)
    )
    practice = practice_publish(actor=None, practice=practice)
    if when is not None:
        GoodPractice.objects.filter(pk=practice.pk).update(published_at=when)
        practice.refresh_from_db()
    return practice


def day(n: int) -> dt.datetime:
    return dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=n)


def answered_survey(world: World, answers: dict[str, Any], *, submitted: bool = True) -> Recipient:
    survey = Survey.objects.create(
        network=world.swf,
        title="Digitaler Landkreis",
        definition=SURVEY_DEFINITION,
        status=SurveyStatus.CLOSED,
    )
    return Recipient.objects.create(
        survey=survey,
        authority=world.soest,
        email="digital@kreis-soest.example",
        salt="s" * 32,
        answers=answers,
        submitted_at=timezone.now() if submitted else None,
    )


@pytest.fixture(autouse=True)
def _fresh_practice_index() -> None:
    # The database is rolled back between tests without the services knowing.
    from verbund.practices.index import practice_index_reset

    practice_index_reset()
