"""A network that surveys its members: the coordinator, clerks of a member and of an
outsider, and a survey with one question of every type (shared by the survey tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.networks.models import Network
from verbund.surveys.models import Recipient, Survey
from verbund.surveys.services import (
    AddressLine,
    recipients_add,
    survey_create,
    survey_launch,
)

# One question of each of the eight types, two sections, a condition and scores.
DEFINITION: dict[str, Any] = {
    "fields": [
        {"key": "egov", "label": "E-Government"},
        {"key": "bildung", "label": "Bildung"},
    ],
    "sections": [
        {
            "key": "stand",
            "title": "Stand der Digitalisierung",
            "intro": "Bitte antworten Sie für Ihre ganze Verwaltung.",
            "questions": [
                {
                    "key": "eakte",
                    "type": "single",
                    "text": "Wie weit ist die E-Akte eingeführt?",
                    "required": True,
                    "field": "egov",
                    "options": [
                        {"key": "alle", "label": "in allen Bereichen", "score": 3},
                        {"key": "teile", "label": "in einigen Bereichen", "score": 2},
                        {"key": "projekt", "label": "laufendes Projekt", "score": 1},
                        {"key": "kein", "label": "kein Thema", "score": 0},
                    ],
                },
                {
                    "key": "eakte_bereiche",
                    "type": "multiple",
                    "text": "In welchen Bereichen?",
                    "field": "egov",
                    "show_if": {"question": "eakte", "in": ["alle", "teile"]},
                    "options": [
                        {"key": "bauamt", "label": "Bauamt", "score": 1},
                        {"key": "ordnungsamt", "label": "Ordnungsamt", "score": 1},
                        {"key": "jugendamt", "label": "Jugendamt", "score": 1},
                    ],
                },
                {
                    "key": "felder",
                    "type": "matrix",
                    "text": "Wie steht es um diese Vorhaben?",
                    "field": "egov",
                    "rows": [
                        {"key": "erechnung", "label": "E-Rechnung"},
                        {"key": "evergabe", "label": "E-Vergabe"},
                    ],
                    "options": [
                        {"key": "umgesetzt", "label": "umgesetzt", "score": 2},
                        {"key": "geplant", "label": "geplant", "score": 1},
                        {"key": "nein", "label": "kein Thema", "score": 0},
                    ],
                },
                {
                    "key": "portal",
                    "type": "yesno",
                    "text": "Haben Sie ein Online-Portal?",
                    "required": True,
                    "field": "egov",
                    "scores": {"ja": 1, "nein": 0},
                },
            ],
        },
        {
            "key": "ressourcen",
            "title": "Personal und Pläne",
            "questions": [
                {
                    "key": "stellen",
                    "type": "number",
                    "text": "Wie viele Stellen hat Ihre IT?",
                    "help": "Vollzeitäquivalente, auf eine Stelle nach dem Komma.",
                    "required": True,
                    "min": 0,
                    "max": 500,
                    "decimals": 1,
                },
                {
                    "key": "zufrieden",
                    "type": "scale",
                    "text": "Wie zufrieden sind Sie mit der Zusammenarbeit?",
                    "min": 1,
                    "max": 5,
                    "min_label": "gar nicht",
                    "max_label": "sehr",
                    "scored": True,
                    "field": "bildung",
                },
                {
                    "key": "start",
                    "type": "date",
                    "text": "Seit wann gibt es Ihre Digitalisierungsstrategie?",
                },
                {
                    "key": "wunsch",
                    "type": "text",
                    "text": "Was wünschen Sie sich vom Verbund?",
                    "multiline": True,
                },
            ],
        },
    ],
}

# A complete, valid set of answers to DEFINITION.
ANSWERS: dict[str, Any] = {
    "eakte": "teile",
    "eakte_bereiche": ["bauamt", "jugendamt"],
    "felder": {"erechnung": "umgesetzt", "evergabe": "geplant"},
    "portal": "ja",
    "stellen": 4.5,
    "zufrieden": 4,
    "start": "2023-05-01",
    "wunsch": "Gemeinsame Schulungen.",
}


@dataclass
class SurveyWorld:
    network: Network
    kreis: Authority
    members: list[Authority]
    outsider: Authority
    coordinator: User
    member_clerk: User  # a clerk of members[0]
    outsider_clerk: User
    survey: Survey  # launched, every member asked

    def recipient(self, authority: Authority) -> Recipient:
        return Recipient.objects.get(survey=self.survey, authority=authority)


@pytest.fixture
def survey_world(demo_on: None) -> SurveyWorld:
    network = NetworkFactory(name="Kreisverbund Würzburg", slug="wuerzburg")
    kreis = AuthorityFactory(kreis=True, name="Würzburg, Landkreis")
    members = [AuthorityFactory(name=name) for name in ("Höchberg", "Rimpar", "Gerbrunn")]
    outsider = AuthorityFactory(name="Fremdstadt")
    start = dt.date(2020, 1, 1)
    for authority in (kreis, *members):
        MembershipFactory(network=network, authority=authority, joined_on=start)
    coordinator = make_user(username="koordination.wuerzburg", demo=True)
    NetworkRoleFactory(user=coordinator, network=network)
    member_clerk = make_user(username="sb.hoechberg", demo=True)
    AuthorityRoleFactory(user=member_clerk, authority=members[0])
    outsider_clerk = make_user(username="sb.fremdstadt", demo=True)
    AuthorityRoleFactory(user=outsider_clerk, authority=outsider)
    survey = survey_create(
        actor=coordinator,
        network=network,
        title="Stand der Digitalisierung 2026",
        intro="Eine Umfrage unter den Mitgliedern.",
        closes_on=timezone.localdate() + dt.timedelta(days=30),
        definition=DEFINITION,
    )
    recipients_add(
        actor=coordinator,
        survey=survey,
        lines=[
            AddressLine(a, f"digital@{a.name.lower().replace(' ', '').replace(',', '')}.example")
            for a in (kreis, *members)
        ],
    )
    survey = survey_launch(actor=coordinator, survey=survey)
    return SurveyWorld(
        network, kreis, members, outsider, coordinator, member_clerk, outsider_clerk, survey
    )
