"""The demo's surveys, loaded idempotently by ``verbund load-demo`` through the services.

* "Digitaler Landkreis": the Deutscher Landkreistag's survey of all 294 Landkreise
  (register's Textkennzeichen 43, 44, 45) on the fields of action of its 2018 survey;
  146 answered. The answers are generated with a fixed random seed and marked as demo
  data ("Demodaten (erzeugt)"); the survey is closed.
* "Ausgangslage und Bedarfe": the DLZ's written survey of its six members at the start
  of the cooperation; four have answered, the survey runs.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from django.utils import timezone

from verbund.authorities.models import Authority, AuthorityKind
from verbund.authorities.services import register_import
from verbund.networks.groups.models import ProjectGroup
from verbund.networks.models import Network
from verbund.surveys import engine
from verbund.surveys.models import Recipient, Survey
from verbund.surveys.services import (
    AddressLine,
    recipients_add,
    response_save,
    response_submit,
    survey_close,
    survey_create,
    survey_launch,
)
from verbund.surveys.strategy.models import Strategy
from verbund.surveys.strategy.services import goal_add, measure_add, strategy_save

KREISE_REGISTER = (
    Path(__file__).resolve().parents[1] / "authorities" / "fixtures" / "gv100ad_kreise.txt"
)
SEED = 2018
ANSWERED = 146
DEMO_RESPONDENT = "Demodaten (erzeugt)"

STAGES = [
    {"key": "alle", "label": "umgesetzt in allen Bereichen", "score": 4},
    {"key": "einige", "label": "umgesetzt in einigen Bereichen", "score": 3},
    {"key": "projekt", "label": "laufendes Projekt", "score": 2},
    {"key": "geplant", "label": "geplant", "score": 1},
    {"key": "kein", "label": "kein Thema", "score": 0},
]
FIELDS = [
    ("medizin", "Medizinische Versorgung"),
    ("bildung", "Bildung"),
    ("mobilitaet", "Mobilität"),
    ("wirtschaft", "Wirtschaftsförderung / Mittelstand 4.0"),
    ("nahversorgung", "Nahversorgung"),
    ("innovation", "Innovation"),
    ("egov", "E-Government"),
]


def _field_question(key: str, label: str) -> dict[str, Any]:
    return {
        "key": f"stand_{key}",
        "type": "single",
        "text": f"Wie weit ist Ihr Landkreis im Handlungsfeld „{label}“?",
        "required": True,
        "field": key,
        "options": STAGES,
    }


LANDKREIS_SURVEY: dict[str, Any] = {
    "fields": [{"key": key, "label": label} for key, label in FIELDS],
    "sections": [
        {
            "key": "handlungsfelder",
            "title": "Handlungsfelder",
            "intro": "Bitte schätzen Sie für jedes Handlungsfeld den Stand Ihres Landkreises "
            "ein. Kein Landkreis muss in allen Feldern tätig sein.",
            "questions": [_field_question(key, label) for key, label in FIELDS[:6]],
        },
        {
            "key": "egovernment",
            "title": "E-Government",
            "intro": "",
            "questions": [
                {
                    "key": "egov_vorhaben",
                    "type": "matrix",
                    "text": "Wie steht es um diese Vorhaben?",
                    "field": "egov",
                    "required": True,
                    "rows": [
                        {"key": "eakte", "label": "E-Akte"},
                        {"key": "erechnung", "label": "E-Rechnung"},
                        {"key": "evergabe", "label": "E-Vergabe"},
                        {"key": "portal", "label": "Online-Portal"},
                        {"key": "itsicherheit", "label": "IT-Sicherheit"},
                    ],
                    "options": STAGES,
                },
                {
                    "key": "strategie",
                    "type": "yesno",
                    "text": "Hat Ihr Landkreis eine Digitalisierungsstrategie?",
                    "required": True,
                    "field": "egov",
                    "scores": {"ja": 1, "nein": 0},
                },
                {
                    "key": "strategie_seit",
                    "type": "date",
                    "text": "Seit wann gilt die Strategie?",
                    "show_if": {"question": "strategie", "in": ["ja"]},
                },
                {
                    "key": "stellen",
                    "type": "number",
                    "text": "Wie viele Stellen (Vollzeitäquivalente) arbeiten an der "
                    "Digitalisierung?",
                    "min": 0,
                    "max": 200,
                    "decimals": 1,
                },
                {
                    "key": "zusammenarbeit",
                    "type": "scale",
                    "text": "Wie wichtig ist Ihnen die Zusammenarbeit mit anderen Landkreisen?",
                    "min": 1,
                    "max": 5,
                    "min_label": "unwichtig",
                    "max_label": "sehr wichtig",
                },
                {
                    "key": "beispiel",
                    "type": "text",
                    "text": "Welches Vorhaben könnten andere Landkreise von Ihnen übernehmen?",
                    "multiline": True,
                },
            ],
        },
    ],
}

GOOD_EXAMPLES = (
    "Unser digitaler Bauantrag läuft seit einem Jahr; Vorlagen und Ablauf geben wir gern weiter.",
    "Telemedizin in den Pflegeheimen des Kreises, gemeinsam mit den Hausärzten.",
    "Ein Rufbus mit App, der auch ohne Smartphone telefonisch bestellt werden kann.",
    "Breitbandausbau im Betreibermodell mit einer kommunalen Gesellschaft.",
    "Schul-WLAN und Geräteverwaltung für alle Schulen in Trägerschaft des Kreises.",
    "Ein Dorfladen mit digitaler Bestellung und Abholstation.",
)

DLZ_SURVEY: dict[str, Any] = {
    "fields": [
        {"key": "gebuehren", "label": "Gebührenkalkulation"},
        {"key": "berichtswesen", "label": "Strategisches Berichtswesen"},
        {"key": "ustg", "label": "Umsatzsteuerrecht (§ 2b UStG)"},
        {"key": "beschaffung", "label": "Beschaffung"},
    ],
    "sections": [
        {
            "key": "ausgangslage",
            "title": "Ausgangslage",
            "intro": "Wie erledigen Sie diese Aufgaben heute?",
            "questions": [
                {
                    "key": "aufgaben",
                    "type": "matrix",
                    "text": "Wer erledigt diese Aufgaben heute in Ihrer Verwaltung?",
                    "required": True,
                    "rows": [
                        {"key": "gebuehren", "label": "Gebührenkalkulation"},
                        {"key": "berichtswesen", "label": "Strategisches Berichtswesen"},
                        {"key": "ustg", "label": "Umsatzsteuerrecht (§ 2b UStG)"},
                        {"key": "beschaffung", "label": "Beschaffung"},
                    ],
                    "options": [
                        {"key": "selbst", "label": "eigenes Personal"},
                        {"key": "extern", "label": "externe Beratung"},
                        {"key": "teils", "label": "teils, teils"},
                        {"key": "niemand", "label": "bisher niemand"},
                    ],
                },
                {
                    "key": "stunden",
                    "type": "number",
                    "text": "Wie viele Arbeitsstunden im Monat kosten diese Aufgaben zusammen?",
                    "required": True,
                    "min": 0,
                    "max": 2000,
                },
            ],
        },
        {
            "key": "bedarfe",
            "title": "Bedarfe",
            "intro": "",
            "questions": [
                {
                    "key": "abgeben",
                    "type": "multiple",
                    "text": "Welche Aufgaben möchten Sie dem Dienstleistungszentrum übertragen?",
                    "options": [
                        {"key": "gebuehren", "label": "Gebührenkalkulation"},
                        {"key": "berichtswesen", "label": "Strategisches Berichtswesen"},
                        {"key": "ustg", "label": "Umsatzsteuerrecht (§ 2b UStG)"},
                        {"key": "beschaffung", "label": "Beschaffung"},
                    ],
                },
                {
                    "key": "workshop",
                    "type": "yesno",
                    "text": "Möchten Sie an einem Workshop der Leitungsebene teilnehmen?",
                    "required": True,
                },
                {
                    "key": "anmerkung",
                    "type": "text",
                    "text": "Was sollte das Dienstleistungszentrum zuerst angehen?",
                    "multiline": True,
                },
            ],
        },
    ],
}

DLZ_ANSWERS: dict[str, dict[str, Any]] = {
    "053580040040": {  # Merzenich
        "aufgaben": {
            "gebuehren": "selbst",
            "berichtswesen": "teils",
            "ustg": "extern",
            "beschaffung": "selbst",
        },
        "stunden": 120,
        "abgeben": ["ustg", "beschaffung"],
        "workshop": "ja",
        "anmerkung": "Die § 2b-Prüfung aller Einnahmen bis zum Jahresende.",
    },
    "053620032032": {  # Kerpen
        "aufgaben": {
            "gebuehren": "selbst",
            "berichtswesen": "selbst",
            "ustg": "teils",
            "beschaffung": "selbst",
        },
        "stunden": 260,
        "abgeben": ["ustg"],
        "workshop": "ja",
    },
    "053580024024": {  # Jülich
        "aufgaben": {
            "gebuehren": "extern",
            "berichtswesen": "niemand",
            "ustg": "extern",
            "beschaffung": "teils",
        },
        "stunden": 90,
        "abgeben": ["gebuehren", "berichtswesen", "ustg"],
        "workshop": "nein",
        "anmerkung": "Eine gemeinsame Gebührenkalkulation für die Friedhöfe.",
    },
    "053580036036": {  # Linnich
        "aufgaben": {
            "gebuehren": "extern",
            "berichtswesen": "niemand",
            "ustg": "niemand",
            "beschaffung": "teils",
        },
        "stunden": 40,
        "abgeben": ["gebuehren", "berichtswesen", "ustg", "beschaffung"],
        "workshop": "ja",
    },
}


def _landkreise() -> list[Authority]:
    if not Authority.objects.filter(textkennzeichen__in=("43", "44", "45")).count() >= 294:
        register_import(path_or_stream=KREISE_REGISTER, source_name=KREISE_REGISTER.name)
    return list(
        Authority.objects.filter(
            kind=AuthorityKind.KREIS,
            textkennzeichen__in=("43", "44", "45"),
            dissolved_on__isnull=True,
        ).order_by("ars")
    )


def _address(authority: Authority) -> str:
    return f"digitalisierung.{authority.ars}@landkreis.example"


def _generated(survey: engine.Survey, rng: random.Random) -> dict[str, Any]:
    """One Landkreis's answers: a maturity drawn once, the stages scattered around it."""
    level = rng.random()
    stage_keys = [str(s["key"]) for s in STAGES]

    def stage() -> str:
        weighted = min(4, max(0, round((1 - level) * 4 + rng.gauss(0, 1))))
        return stage_keys[weighted]

    answers: dict[str, Any] = {q.key: stage() for q in survey.sections[0].questions}
    answers["egov_vorhaben"] = {row.key: stage() for row in survey.question("egov_vorhaben").rows}
    answers["strategie"] = "ja" if rng.random() < 0.35 + level / 2 else "nein"
    if answers["strategie"] == "ja":
        answers["strategie_seit"] = dt.date(
            2016 + rng.randrange(3), rng.randrange(1, 13), 1
        ).isoformat()
    if rng.random() < 0.8:
        answers["stellen"] = round(rng.uniform(0.5, 4.0 + level * 10), 1)
    answers["zusammenarbeit"] = min(5, max(1, round(3 + level * 2 + rng.gauss(0, 0.8))))
    if rng.random() < 0.25:
        answers["beispiel"] = rng.choice(GOOD_EXAMPLES)
    return answers


def load_landkreis_survey(network: Network) -> None:
    title = "Digitaler Landkreis: Stand und Handlungsfelder"
    if Survey.objects.filter(network=network, title=title).exists():
        return
    landkreise = _landkreise()
    survey = survey_create(
        actor=None,
        network=network,
        title=title,
        intro="Demodaten: erzeugt nach dem Vorbild der Umfrage des Deutschen Landkreistags "
        "unter allen 294 Landkreisen (146 Antworten). Die Antworten sind zufällig erzeugt "
        "(fester Startwert), nicht echt.",
        definition=LANDKREIS_SURVEY,
    )
    recipients_add(
        actor=None, survey=survey, lines=[AddressLine(a, _address(a)) for a in landkreise]
    )
    survey = survey_launch(actor=None, survey=survey)
    compiled = engine.compile_survey(survey.definition)
    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    chosen = sorted(rng.sample(range(len(landkreise)), ANSWERED))
    recipients = {r.authority_id: r for r in Recipient.objects.filter(survey=survey)}
    for index in chosen:
        recipient = recipients[landkreise[index].pk]
        response_save(recipient=recipient, answers=_generated(compiled, rng))
        response_submit(recipient=recipient, respondent=DEMO_RESPONDENT)
    # Closed before the invitations go out: the task worker sends none (the survey
    # no longer takes answers), so `make run` prints no 294 e-mails.
    survey_close(actor=None, survey=survey)


def load_dlz_survey(network: Network) -> None:
    title = "Ausgangslage und Bedarfe der Mitglieder"
    if Survey.objects.filter(network=network, title=title).exists():
        return
    members = list(Authority.objects.filter(memberships__network=network).order_by("ars"))
    survey = survey_create(
        actor=None,
        network=network,
        title=title,
        intro="Die schriftliche Befragung zu Beginn des Dienstleistungszentrums: Wie erledigen "
        "die Mitglieder die vier Aufgaben heute, und was soll das Zentrum übernehmen?",
        closes_on=timezone.localdate() + dt.timedelta(days=60),
        definition=DLZ_SURVEY,
    )
    recipients_add(
        actor=None,
        survey=survey,
        lines=[AddressLine(a, f"organisation.{a.ars}@kommune.example") for a in members],
    )
    survey = survey_launch(actor=None, survey=survey)
    for recipient in Recipient.objects.filter(survey=survey).select_related("authority"):
        answers = DLZ_ANSWERS.get(recipient.authority.ars)
        if answers is not None:
            response_save(recipient=recipient, answers=answers)
            response_submit(recipient=recipient, respondent=DEMO_RESPONDENT)


# Strategies of three members of the Kreisverbund Landkreis Würzburg, linked to its
# project groups (demo/groups.py): (member, title, [(field, goal, [(measure, status,
# project group name or "")])]).
STRATEGIES: tuple[tuple[str, str, list[tuple[str, str, list[tuple[str, str, str]]]]], ...] = (
    (
        "09679",
        "Digitalstrategie Landkreis Würzburg 2030",
        [
            (
                "egov",
                "Alle Leistungen des Landratsamts und der Gemeinden sind online beantragbar.",
                [
                    ("Digitaler Bauantrag über XBau", "running", "Digitaler Bauantrag"),
                    ("Gemeinsamer Aktenplan für die eAkte", "running", "eAkte"),
                ],
            ),
            (
                "bildung",
                "Jede Schule hat WLAN, Endgeräte und IT-Support.",
                [("Medienentwicklungspläne für alle Schulen", "planned", "Schuldigitalisierung")],
            ),
            (
                "mobilitaet",
                "Ein Rufbus verbindet alle Ortsteile ohne festen Fahrplan.",
                [("Machbarkeitsstudie Rufbus", "done", "")],
            ),
        ],
    ),
    (
        "096790147147",
        "Höchberg digital",
        [
            (
                "egov",
                "Die 20 meistgenutzten Leistungen sind online.",
                [("Online-Dienste übernehmen", "running", "Digitale Bürgerdienste")],
            ),
        ],
    ),
    (
        "096790180180",
        "Rimpar 2028",
        [
            (
                "nahversorgung",
                "Ein digitaler Dorfladen in jedem Ortsteil.",
                [("Bestell- und Abholstation im Rathaus", "planned", "")],
            ),
            (
                "egov",
                "Sitzungen ohne Papier.",
                [
                    (
                        "Ratsinformationssystem einführen",
                        "done",
                        "Digitale Sitzungsarbeit (Ratsinformationssystem)",
                    )
                ],
            ),
        ],
    ),
)


def load_strategies(network: Network) -> None:
    groups = {g.name: g for g in ProjectGroup.objects.filter(network=network)}
    for ars, title, goals in STRATEGIES:
        authority = Authority.objects.filter(ars=ars).first()
        if (
            authority is None
            or Strategy.objects.filter(network=network, authority=authority).exists()
        ):
            continue
        strategy = strategy_save(
            actor=None,
            network=network,
            authority=authority,
            title=title,
            adopted_on=dt.date(2025, 3, 1),
        )
        for field, text, measures in goals:
            goal = goal_add(actor=None, strategy=strategy, field=field, goal=text)
            for measure, status, group in measures:
                measure_add(
                    actor=None,
                    goal=goal,
                    title=measure,
                    status=status,
                    project_group=groups.get(group) if group else None,
                )
