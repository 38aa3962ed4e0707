"""A survey's results: the figures per question (hand-computed), the page with its
filter and the rule of five, the exports (exact CSV, XLSX read back) and who may
see what."""

from __future__ import annotations

import copy
import datetime as dt
import html
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from tests.clients import logged_in
from tests.factories import AuthorityFactory, NetworkFactory, NetworkRoleFactory
from tests.surveys.conftest import ANSWERS, DEFINITION, SurveyWorld
from verbund.authorities.models import Authority, AuthorityKind
from verbund.surveys.engine import compile_survey
from verbund.surveys.models import Recipient
from verbund.surveys.results import selectors
from verbund.surveys.results.exports import escape_formula
from verbund.surveys.results.stats import (
    Response,
    percent_text,
    question_results,
    share,
    summarize,
)
from verbund.surveys.services import AddressLine, recipients_add, response_save, response_submit

pytestmark = pytest.mark.django_db

D = Decimal
URLS = ("survey_results", "survey_results_csv", "survey_results_xlsx", "survey_codebook_csv")
EXPORTS = URLS[1:]


# --- the figures, without a database ----------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Positions (n - 1) · p over the sorted values, linear between neighbours.
        ([1, 2, 3, 4, 10], (D(1), D(2), D(3), D(4), D(10), D(4))),
        ([4, 1, 3, 2], (D(1), D("1.75"), D("2.5"), D("3.25"), D(4), D("2.5"))),
        ([D("0.5"), D(2), D("4.5"), D(10)],
         (D("0.5"), D("1.625"), D("3.25"), D("5.875"), D(10), D("4.25"))),
        ([7, 7], (D(7), D(7), D(7), D(7), D(7), D(7))),
    ],
)  # fmt: skip
def test_summary_quartiles_method_inclusive(values: list[Any], expected: tuple[D, ...]) -> None:
    summary = summarize([D(v) for v in values])
    assert summary is not None
    got = (summary.minimum, summary.q1, summary.median, summary.q3, summary.maximum, summary.mean)
    assert got == expected
    assert summary.n == len(values)


def test_summary_below_two_values_has_no_quartiles() -> None:
    one = summarize([D(3)])
    assert one is not None
    assert (one.n, one.minimum, one.q1, one.median, one.q3, one.maximum) == (
        1,
        D(3),
        None,
        D(3),
        None,
        D(3),
    )
    assert dict(one.rows())["1. Quartil"] == "–"
    assert summarize([]) is None


def test_share_has_one_decimal_rounded_half_up() -> None:
    assert share(1, 3) == D("33.3")
    assert share(2, 3) == D("66.7")
    assert share(1, 8) == D("12.5")
    assert share(1, 16) == D("6.3")  # 6.25 half up
    assert share(3, 3) == D("100.0")
    assert share(0, 0) is None
    assert percent_text(share(1, 3)) == "33,3 %"
    assert percent_text(share(1234, 1000)) == "123,4 %"
    assert percent_text(None) == "–"


def _stats_responses() -> list[Response]:
    return [
        Response(ANSWERS, "A"),
        # "kein": question 2 is hidden; the stale answer to it must not count.
        Response(
            {
                "eakte": "kein",
                "eakte_bereiche": ["ordnungsamt"],
                "felder": {"erechnung": "geplant"},
                "portal": "nein",
                "stellen": 2,
                "zufrieden": 2,
                "start": "2021-03-15",
            },
            "B",
        ),
        Response(
            {
                "eakte": "alle",
                "eakte_bereiche": ["bauamt"],
                "portal": "ja",
                "stellen": 10,
                "zufrieden": 5,
                "start": "2023-11-30",
                "wunsch": "Mehr Geld",
            },
            "C",
        ),
        Response({"eakte": "kein", "portal": "ja", "stellen": 0.5}, "D"),
    ]


def test_question_results_hand_computed() -> None:
    survey = compile_survey(DEFINITION)
    results = {r.question.key: r for r in question_results(survey, _stats_responses())}

    eakte = results["eakte"]
    assert (eakte.shown, eakte.answered) == (4, 4)
    assert [(o.key, o.count, o.percent) for o in eakte.options] == [
        ("alle", 1, D("25.0")),
        ("teile", 1, D("25.0")),
        ("projekt", 0, D("0.0")),
        ("kein", 2, D("50.0")),
    ]

    # Shown to A and C only (B and D answered "kein"): B's stale answer is not counted.
    areas = results["eakte_bereiche"]
    assert (areas.shown, areas.answered) == (2, 2)
    assert [(o.key, o.count, o.percent_text) for o in areas.options] == [
        ("bauamt", 2, "100,0 %"),
        ("ordnungsamt", 0, "0,0 %"),
        ("jugendamt", 1, "50,0 %"),
    ]

    matrix = results["felder"]
    assert (matrix.shown, matrix.answered) == (4, 2)
    assert [
        (r.key, r.answered, [(o.count, o.percent) for o in r.options]) for r in matrix.rows
    ] == [
        ("erechnung", 2, [(1, D("50.0")), (1, D("50.0")), (0, D("0.0"))]),
        ("evergabe", 1, [(0, D("0.0")), (1, D("100.0")), (0, D("0.0"))]),
    ]

    portal = results["portal"]
    assert [(o.label, o.count, o.percent) for o in portal.options] == [
        ("Ja", 3, D("75.0")),
        ("Nein", 1, D("25.0")),
    ]

    # 4.5, 2, 10, 0.5 → sorted 0.5, 2, 4.5, 10: Q1 at 0.75 → 0.5 + 0.75 · 1.5 = 1.625,
    # median (2 + 4.5) / 2 = 3.25, Q3 at 2.25 → 4.5 + 0.25 · 5.5 = 5.875, mean 17 / 4.
    numbers = results["stellen"]
    assert numbers.summary is not None
    assert numbers.summary.rows() == [
        ("Anzahl Werte", "4"),
        ("Minimum", "0,5"),
        ("1. Quartil", "1,625"),
        ("Median", "3,25"),
        ("3. Quartil", "5,875"),
        ("Maximum", "10"),
        ("Mittelwert", "4,25"),
    ]

    # 4, 2, 5 → sorted 2, 4, 5: Q1 at 0.5 → 3, median 4, Q3 at 1.5 → 4.5, mean 11 / 3.
    scale = results["zufrieden"]
    assert (scale.shown, scale.answered) == (4, 3)
    assert [(o.label, o.count, o.percent) for o in scale.options] == [
        ("1 – gar nicht", 0, D("0.0")),
        ("2", 1, D("33.3")),
        ("3", 0, D("0.0")),
        ("4", 1, D("33.3")),
        ("5 – sehr", 1, D("33.3")),
    ]
    assert scale.summary is not None
    assert (scale.summary.q1, scale.summary.median, scale.summary.q3) == (D(3), D(4), D("4.5"))
    assert dict(scale.summary.rows())["Mittelwert"] == "3,67"

    dates = results["start"].dates
    assert dates is not None
    assert (dates.earliest, dates.latest, dates.years) == (
        dt.date(2021, 3, 15),
        dt.date(2023, 11, 30),
        ((2021, 1), (2023, 2)),
    )

    texts = results["wunsch"]
    assert (texts.shown, texts.answered) == (4, 2)
    assert [(t.text, t.respondent) for t in texts.texts] == [
        ("Gemeinsame Schulungen.", "A"),
        ("Mehr Geld", "C"),
    ]


def test_no_answers_no_figures() -> None:
    results = question_results(compile_survey(DEFINITION), [])
    assert all((r.shown, r.answered) == (0, 0) for r in results)
    assert results[0].options[0].percent is None
    assert results[4].summary is None


# --- through the database and the pages -------------------------------------------------------


def _submit(
    world: SurveyWorld, authority: Authority, answers: dict[str, Any], respondent: str = ""
) -> Recipient:
    recipient = world.recipient(authority)
    response_save(recipient=recipient, answers=answers)
    return response_submit(recipient=recipient, respondent=respondent)


def _answers(**changes: Any) -> dict[str, Any]:
    answers = copy.deepcopy(ANSWERS)
    for key, value in changes.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    return answers


NO_AREAS = {"eakte": "kein", "eakte_bereiche": None}


def _url(world: SurveyWorld, name: str = "survey_results", network_pk: int | None = None) -> str:
    return reverse(
        f"staff:{name}",
        kwargs={"pk": network_pk or world.network.pk, "survey_pk": world.survey.pk},
    )


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _table(page: str, caption_id: str) -> list[list[str]]:
    """The rows of the table captioned ``caption_id``: each cell's text."""
    start = page.index(f'<caption id="{caption_id}">')
    body = page[start : page.index("</table>", start)]
    rows = []
    for row in re.findall(r"<tr class=\"kern-table__row\">(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


@pytest.fixture
def answered(survey_world: SurveyWorld) -> SurveyWorld:
    """All four recipients submitted; Rimpar answered "kein", so question 2 is hidden."""
    w = survey_world
    hoechberg, rimpar, gerbrunn = w.members
    _submit(w, w.kreis, _answers(stellen=10, zufrieden=5, wunsch="Mehr Geld"))
    _submit(w, hoechberg, ANSWERS)
    _submit(w, rimpar, _answers(**NO_AREAS, stellen=2, zufrieden=2, wunsch="Austausch"))
    _submit(w, gerbrunn, _answers(eakte="alle", eakte_bereiche=["bauamt"], stellen=0.5))
    return w


def test_results_page_for_the_coordinator(
    answered: SurveyWorld, django_assert_num_queries: Any
) -> None:
    client = logged_in(answered.coordinator)
    # Session, user, the user's roles (2), network, survey, its CHANGE check, the
    # Länder's names, the recipients with their authorities.
    with django_assert_num_queries(9):
        page = _page(client, _url(answered))
    assert "4 von 4 befragten Behörden haben geantwortet (100,0 %)." in page
    assert "Methode „inclusive“, wie Excel QUARTILE.INC / R Typ 7" in page
    assert _table(page, "frage-eakte-caption") == [
        ["Antwort", "Anzahl", "Anteil"],
        ["in allen Bereichen", "1", "25,0 %"],
        ["in einigen Bereichen", "2", "50,0 %"],
        ["laufendes Projekt", "0", "0,0 %"],
        ["kein Thema", "1", "25,0 %"],
    ]
    # Asked of three (Rimpar's "kein" hides it); bauamt by all three.
    assert "gestellt: 3, beantwortet: 3 (100,0 %)" in page
    assert _table(page, "frage-eakte_bereiche-caption")[1:] == [
        ["Bauamt", "3", "100,0 %"],
        ["Ordnungsamt", "0", "0,0 %"],
        ["Jugendamt", "2", "66,7 %"],
    ]
    assert "können zusammen mehr als 100 % ergeben" in page
    assert _table(page, "frage-felder-caption") == [
        ["Zeile", "umgesetzt", "geplant", "kein Thema", "Antworten"],
        ["E-Rechnung", "4 (100,0 %)", "0 (0,0 %)", "0 (0,0 %)", "4"],
        ["E-Vergabe", "0 (0,0 %)", "4 (100,0 %)", "0 (0,0 %)", "4"],
    ]
    # 10, 4.5, 2, 0.5 → Q1 1.625, median 3.25, Q3 5.875.
    assert _table(page, "kennzahlen-stellen")[1:] == [
        ["Anzahl Werte", "4"],
        ["Minimum", "0,5"],
        ["1. Quartil", "1,625"],
        ["Median", "3,25"],
        ["3. Quartil", "5,875"],
        ["Maximum", "10"],
        ["Mittelwert", "4,25"],
    ]
    assert _table(page, "jahre-start")[1:] == [["2023", "4", "100,0 %"]]
    # The coordinator reads who wrote what, in the authorities' order.
    assert 'Gemeinsame Schulungen. <span class="kern-body--small">(Gerbrunn)</span>' in page
    assert 'Mehr Geld <span class="kern-body--small">(Würzburg, Landkreis)</span>' in page
    assert _table(page, "ruecklauf-art") == [
        ["Art", "befragt", "geantwortet", "Rücklauf"],
        ["Landkreis", "1", "1", "100,0 %"],
        ["Kreisangehörige Gemeinde", "3", "3", "100,0 %"],
    ]
    assert _url(answered, "survey_results_xlsx") in page


def test_only_submitted_answers_count(survey_world: SurveyWorld) -> None:
    w = survey_world
    _submit(w, w.kreis, ANSWERS)
    response_save(recipient=w.recipient(w.members[0]), answers=_answers(eakte="alle"))
    results = selectors.survey_results(w.survey)
    assert (results.asked, results.answered) == (4, 1)
    assert [r.authority for r in results.respondents] == [w.kreis]
    assert [(o.key, o.count) for o in results.questions[0].options if o.count] == [("teile", 1)]


def test_filter_by_group(answered: SurveyWorld) -> None:
    client = logged_in(answered.coordinator)
    page = _page(client, _url(answered) + "?art=44")
    assert "Ausgewählt: Art Landkreis." in page
    assert "1 von 1 befragten Behörden haben geantwortet (100,0 %)." in page
    assert _table(page, "frage-eakte-caption")[1:3] == [
        ["in allen Bereichen", "0", "0,0 %"],
        ["in einigen Bereichen", "1", "100,0 %"],
    ]
    # Within the chosen kind, the other tables link to a group with the kind kept.
    assert 'href="?art=44&amp;groesse=0"' in page


def test_unknown_groups_are_reported_and_ignored(answered: SurveyWorld) -> None:
    client = logged_in(answered.coordinator)
    page = _page(client, _url(answered) + "?land=zz&groesse=abc&art=&anderes=1")
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert "4 von 4 befragten Behörden haben geantwortet" in page
    assert "Alle befragten Behörden." in page


def test_unknown_size_is_a_group_of_its_own(answered: SurveyWorld) -> None:
    Authority.objects.filter(pk=answered.members[2].pk).update(population=None)
    page = _page(logged_in(answered.coordinator), _url(answered) + "?groesse=unbekannt")
    assert "Ausgewählt: Größenklasse (Einwohner) unbekannt." in page
    assert "1 von 1 befragten Behörden haben geantwortet" in page


def test_members_staff_see_nothing_below_five_answers(answered: SurveyWorld) -> None:
    page = _page(logged_in(answered.member_clerk), _url(answered))
    assert "weniger als 5 Antworten – nicht ausgewiesen" in page
    assert "frage-eakte" not in page
    assert "Gemeinsame Schulungen" not in page
    assert "4 von 4" not in page
    assert _table(page, "ruecklauf-art")[1:] == [
        ["Landkreis", "1", "weniger als 5", "–"],
        ["Kreisangehörige Gemeinde", "3", "weniger als 5", "–"],
    ]
    assert _url(answered, "survey_results_csv") not in page


def _two_more(world: SurveyWorld) -> list[Authority]:
    more = [
        AuthorityFactory(name="Veitshöchheim", population=10_000),
        AuthorityFactory(name="Zell a. Main", population=60_000),
    ]
    recipients_add(
        actor=world.coordinator,
        survey=world.survey,
        lines=[AddressLine(a, f"umfrage{n}@example.org") for n, a in enumerate(more)],
    )
    return more


def test_members_staff_from_five_answers_without_names(answered: SurveyWorld) -> None:
    veitshoechheim, _zell = _two_more(answered)
    _submit(answered, veitshoechheim, _answers(wunsch="Zuerst Schulungen"))
    page = _page(logged_in(answered.member_clerk), _url(answered))
    assert "weniger als 5 Antworten" not in page.replace("weniger als 5 Antworten zeigen", "")
    assert "5 von 6 befragten Behörden haben geantwortet (83,3 %)." in page
    assert _table(page, "frage-portal-caption")[1:] == [
        ["Ja", "5", "100,0 %"],
        ["Nein", "0", "0,0 %"],
    ]
    # The texts without names, sorted by text (not in the authorities' order).
    texts = re.findall(r'<li class="kern-body">([^<]*)</li>', page)
    assert texts[-5:] == [
        "Austausch",
        "Gemeinsame Schulungen.",
        "Gemeinsame Schulungen.",
        "Mehr Geld",
        "Zuerst Schulungen",
    ]
    for name in ("Höchberg)", "Rimpar", "Gerbrunn", "Veitshöchheim", "(Würzburg"):
        assert name not in page
    # The size class "50.000 bis unter 100.000" has one recipient and no answer.
    assert _table(page, "ruecklauf-groesse")[1:] == [
        ["unter 20.000", "5", "5", "100,0 %"],
        ["50.000 bis unter 100.000", "1", "weniger als 5", "–"],
    ]
    # A group with fewer than five answers shows nothing.
    page = _page(logged_in(answered.member_clerk), _url(answered) + "?art=44")
    assert "weniger als 5 Antworten – nicht ausgewiesen" in page
    assert "frage-eakte" not in page


# --- who may open what ------------------------------------------------------------------------


@pytest.mark.parametrize("name", URLS)
def test_outsiders_get_not_found(answered: SurveyWorld, name: str) -> None:
    assert logged_in(answered.outsider_clerk).get(_url(answered, name)).status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_members_staff_may_not_export(answered: SurveyWorld, name: str) -> None:
    response = logged_in(answered.member_clerk).get(_url(answered, name))
    assert response.status_code == 403
    assert "Höchberg".encode() not in response.content


@pytest.mark.parametrize("name", URLS)
def test_survey_below_another_network_is_not_found(answered: SurveyWorld, name: str) -> None:
    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    NetworkRoleFactory(user=answered.coordinator, network=other)
    client = logged_in(answered.coordinator)
    assert client.get(_url(answered, name, network_pk=other.pk)).status_code == 404
    assert client.get(_url(answered, name)).status_code == 200


@pytest.mark.parametrize("name", URLS)
def test_anonymous_goes_to_login_and_post_is_refused(answered: SurveyWorld, name: str) -> None:
    response = Client().get(_url(answered, name))
    assert response.status_code == 302
    assert "/anmelden/" in response["Location"]
    assert logged_in(answered.coordinator).post(_url(answered, name)).status_code == 405


# --- the exports ------------------------------------------------------------------------------


@pytest.fixture
def exported(survey_world: SurveyWorld) -> SurveyWorld:
    """Höchberg and Rimpar submitted at fixed times; the Kreis only saved a draft."""
    w = survey_world
    AuthorityFactory(ars="09", kind=AuthorityKind.LAND, textkennzeichen="", name="Bayern")
    hoechberg, rimpar, _gerbrunn = w.members
    _submit(w, hoechberg, _answers(wunsch="+49 931 123"), respondent='=HYPERLINK("http://x")')
    _submit(w, rimpar, {"eakte": "kein", "portal": "nein", "stellen": 12})
    response_save(recipient=w.recipient(w.kreis), answers=ANSWERS)
    for authority, minute in ((hoechberg, 30), (rimpar, 59)):
        Recipient.objects.filter(survey=w.survey, authority=authority).update(
            submitted_at=dt.datetime(2026, 3, 2, 9, minute, tzinfo=dt.UTC)
        )
    return w


HEADER = (
    "ARS;Name;Land;Art;Einwohner;abgeschickt am;ausgefüllt von;eakte;eakte_bereiche.bauamt;"
    "eakte_bereiche.ordnungsamt;eakte_bereiche.jugendamt;felder.erechnung;felder.evergabe;"
    "portal;stellen;zufrieden;start;wunsch"
)


def test_answers_csv_exactly(exported: SurveyWorld) -> None:
    response = logged_in(exported.coordinator).get(_url(exported, "survey_results_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="umfrage-{exported.survey.pk}-antworten.csv"'
    )
    hoechberg, rimpar, _gerbrunn = exported.members
    assert response.content.decode("utf-8") == (
        f"\ufeff{HEADER}\r\n"
        f"{hoechberg.ars};Höchberg;Bayern;Kreisangehörige Gemeinde;10000;02.03.2026 10:30;"
        '"\'=HYPERLINK(""http://x"")";teile;1;0;1;umgesetzt;geplant;ja;4,5;4;2023-05-01;'
        "'+49 931 123\r\n"
        f"{rimpar.ars};Rimpar;Bayern;Kreisangehörige Gemeinde;10000;02.03.2026 10:59;;"
        "kein;;;;;;nein;12,0;;;\r\n"  # a number with one decimal place is stored as 12.0
    )


CODEBOOK = [
    "Spalte;Frage-Nr.;Frage;Art;Codes;Punkte;Handlungsfeld;gestellt, wenn",
    "ARS;;Amtlicher Regionalschlüssel;;;;;",
    "Name;;Name der Behörde laut Register;;;;;",
    "Land;;Land;;;;;",
    "Art;;Art der Gebietskörperschaft;;;;;",
    "Einwohner;;Einwohner laut Register;;;;;",
    "abgeschickt am;;Zeitpunkt des Abschickens (Ortszeit);;;;;",
    "ausgefüllt von;;Angabe der Befragten;;;;;",
    'eakte;1;Wie weit ist die E-Akte eingeführt?;Einfachauswahl;"alle = in allen Bereichen; '
    'teile = in einigen Bereichen; projekt = laufendes Projekt; kein = kein Thema";'
    '"alle = 3; teile = 2; projekt = 1; kein = 0";E-Government;',
    "eakte_bereiche.bauamt;2;In welchen Bereichen? – Bauamt;Mehrfachauswahl;"
    '"1 = genannt; 0 = nicht genannt";1;E-Government;eakte = alle oder teile',
    "eakte_bereiche.ordnungsamt;2;In welchen Bereichen? – Ordnungsamt;Mehrfachauswahl;"
    '"1 = genannt; 0 = nicht genannt";1;E-Government;eakte = alle oder teile',
    "eakte_bereiche.jugendamt;2;In welchen Bereichen? – Jugendamt;Mehrfachauswahl;"
    '"1 = genannt; 0 = nicht genannt";1;E-Government;eakte = alle oder teile',
    "felder.erechnung;3;Wie steht es um diese Vorhaben? – E-Rechnung;Matrix (Zeilen × Skala);"
    '"umgesetzt = umgesetzt; geplant = geplant; nein = kein Thema";'
    '"umgesetzt = 2; geplant = 1; nein = 0";E-Government;',
    "felder.evergabe;3;Wie steht es um diese Vorhaben? – E-Vergabe;Matrix (Zeilen × Skala);"
    '"umgesetzt = umgesetzt; geplant = geplant; nein = kein Thema";'
    '"umgesetzt = 2; geplant = 1; nein = 0";E-Government;',
    'portal;4;Haben Sie ein Online-Portal?;Ja/Nein;"ja = Ja; nein = Nein";"ja = 1; nein = 0";'
    "E-Government;",
    "stellen;5;Wie viele Stellen hat Ihre IT?;Zahl;Zahl, von 0 bis 500, 1 Nachkommastelle;;;",
    'zufrieden;6;Wie zufrieden sind Sie mit der Zusammenarbeit?;Skala;"1 = gar nicht; 2; 3; 4; '
    '5 = sehr";Punkte = Wert;Bildung;',
    "start;7;Seit wann gibt es Ihre Digitalisierungsstrategie?;Datum;Datum (JJJJ-MM-TT);;;",
    "wunsch;8;Was wünschen Sie sich vom Verbund?;Text;Freitext;;;",
]


def test_codebook_csv_exactly(exported: SurveyWorld) -> None:
    response = logged_in(exported.coordinator).get(_url(exported, "survey_codebook_csv"))
    assert response.status_code == 200
    assert response.content.decode("utf-8") == "\ufeff" + "".join(
        f"{line}\r\n" for line in CODEBOOK
    )


def test_xlsx_read_back(exported: SurveyWorld) -> None:
    response = logged_in(exported.coordinator).get(_url(exported, "survey_results_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Antworten", "Codebuch"]
    answers = book["Antworten"]
    rows = [list(row) for row in answers.iter_rows(values_only=True)]
    hoechberg, rimpar, _gerbrunn = exported.members
    assert rows == [
        HEADER.split(";"),
        [
            hoechberg.ars, "Höchberg", "Bayern", "Kreisangehörige Gemeinde", 10000,
            dt.datetime(2026, 3, 2, 10, 30), "'=HYPERLINK(\"http://x\")", "teile", 1, 0, 1,
            "umgesetzt", "geplant", "ja", 4.5, 4, dt.datetime(2023, 5, 1), "'+49 931 123",
        ],
        [
            rimpar.ars, "Rimpar", "Bayern", "Kreisangehörige Gemeinde", 10000,
            dt.datetime(2026, 3, 2, 10, 59), None, "kein", None, None, None,
            None, None, "nein", 12, None, None, None,
        ],
    ]  # fmt: skip
    # No cell is a formula: the escaped ones are plain text.
    assert all(cell.data_type != "f" for row in answers.iter_rows() for cell in row)
    assert answers["G2"].data_type == "s"
    codebook = [list(row) for row in book["Codebuch"].iter_rows(values_only=True)]
    assert codebook[0] == CODEBOOK[0].split(";")
    assert len(codebook) == len(CODEBOOK)
    assert codebook[9] == [
        "eakte_bereiche.bauamt", 2, "In welchen Bereichen? – Bauamt", "Mehrfachauswahl",
        "1 = genannt; 0 = nicht genannt", "1", "E-Government", "eakte = alle oder teile",
    ]  # fmt: skip
    assert codebook[16][:5] == [
        "zufrieden", 6, "Wie zufrieden sind Sie mit der Zusammenarbeit?", "Skala",
        "1 = gar nicht; 2; 3; 4; 5 = sehr",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+49", "'+49"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_formula_escape(text: str, escaped: str) -> None:
    assert escape_formula(text) == escaped


def test_formula_starts_escaped_in_names_and_texts(survey_world: SurveyWorld) -> None:
    w = survey_world
    Authority.objects.filter(pk=w.kreis.pk).update(name="@Kreis")
    _submit(w, w.kreis, _answers(wunsch="-1+1"), respondent="=cmd|' /C calc'!A0")
    client = logged_in(w.coordinator)
    text = client.get(_url(w, "survey_results_csv")).content.decode("utf-8")
    row = text.split("\r\n")[1].split(";")
    assert row[1] == "'@Kreis"
    assert row[6] == "'=cmd|' /C calc'!A0"
    assert row[-1] == "'-1+1"
    book = load_workbook(io.BytesIO(client.get(_url(w, "survey_results_xlsx")).content))
    values = [cell.value for cell in book["Antworten"][2]]
    assert (values[1], values[6], values[-1]) == ("'@Kreis", "'=cmd|' /C calc'!A0", "'-1+1")
