"""Catalogue search the way citizens type: folding, stemming, typos, compounds, synonyms."""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, ServiceFactory
from verbund.authorities.models import Authority
from verbund.catalogue.search import SearchIndex, stem, terms, words
from verbund.catalogue.selectors import service_search

pytestmark = pytest.mark.django_db


def test_words_fold_case_umlauts_and_sharp_s_and_drop_stopwords() -> None:
    assert words("Ich möchte mein AUTO außer Betrieb setzen") == [
        "auto",
        "ausser",
        "betrieb",
        "setzen",
    ]
    assert words("Führerschein") == words("Fuehrerschein") == ["fuhrerschein"]
    assert stem("anmelden") == stem("Anmeldung".lower()) == "anmeld"
    assert "kfzabmeld" in terms("Kfz-Abmeldung")


class _Doc:
    def __init__(self, pk: int, title: str, synonyms: tuple[str, ...] = (), text: str = "") -> None:
        self.pk, self.title, self.synonyms, self.summary = pk, title, list(synonyms), ""
        self.volltext, self.voraussetzungen, self.unterlagen, self.hinweise = text, "", "", ""


def _index(*docs: _Doc) -> SearchIndex:
    index = SearchIndex()
    for doc in docs:
        index.add(doc)
    index.freeze()
    return index


def _found(index: SearchIndex, query: str) -> list[int]:
    return [hit.service_id for hit in index.search(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hundesteuer", [1]),  # exact
        ("hundesteur", [1]),  # one typo
        ("Hnudesteuer", [1]),  # two letters swapped
        ("Hund", [1]),  # head of a compound
        ("hunde", [1]),  # still typing
        ("anmeldung", [1, 2]),  # stem meets "anmelden"
        ("Gewerbe anmelden", [2]),  # every word must match when some service matches all
        ("Gewerbe Hund", [1, 2]),  # nobody matches both: those matching most, ranked
        ("Abmeldung", [3]),  # inside a compound (Fahrzeugabmeldung)
        ("Auto", [3]),  # thesaurus: Auto → Fahrzeug
        ("Xylophon", []),
        ("", []),
        ("und der die", []),  # stopwords only
    ],
)
def test_matching(query: str, expected: list[int]) -> None:
    index = _index(
        _Doc(1, "Hundesteuer – Anmeldung", ("Hundemarke",)),
        _Doc(2, "Gewerbe anmelden", text="Sie melden ein Gewerbe an."),
        _Doc(3, "Fahrzeugabmeldung"),
    )
    assert sorted(_found(index, query)) == sorted(expected)


def test_title_outranks_body_and_exact_outranks_typo() -> None:
    index = _index(
        _Doc(1, "Meldebescheinigung"),
        _Doc(2, "Wohnsitz anmelden", text="Danach erhalten Sie eine Meldebescheinigung."),
        _Doc(3, "Meldebescheinigunk"),
    )
    assert _found(index, "Meldebescheinigung") == [1, 3, 2]


@pytest.fixture
def demo_catalogue(db: None, demo_loaded: str) -> None:
    """The demo's catalogue, loaded once for the module (tests/conftest.py)."""


CITIZEN_QUERIES = [
    ("Auto abmelden", "fahrzeug-ausser-betrieb-setzen"),
    ("auto abmelden", "fahrzeug-ausser-betrieb-setzen"),
    ("Kfz stilllegen", "fahrzeug-ausser-betrieb-setzen"),
    ("Außerbetriebsetzung", "fahrzeug-ausser-betrieb-setzen"),
    ("Pferd Wald reiten", "reitkennzeichen-nrw"),
    ("Reitplakete", "reitkennzeichen-nrw"),
    ("Hund anmelden", "hundesteuer-anmeldung"),
    ("Hundemarke", "hundesteuer-anmeldung"),
    ("Gewerbe anmelden", "gewerbeanmeldung"),
    ("Gewerbeanmeldung", "gewerbeanmeldung"),
    ("Meldebescheinigung", "meldebescheinigung"),
    ("Bauantrag", "baugenehmigung"),
    ("Fuehrerschein umtauschen", "fuehrerschein-umtausch"),
    ("Pflegeheim Kosten Zuschuss", "pflegewohngeld-nrw"),
    ("Sperrmüll", "sperrmuell-abholung"),
    ("Briefwahl", "briefwahl-wahlschein"),
    ("Angeln", "fischereischein"),
    ("ummelden umzug", "wohnsitz-anmelden"),
]


def test_demo_catalogue_finds_what_citizens_type(demo_catalogue: None) -> None:
    # One demo load for all queries (it takes seconds); every miss is reported.
    misses = {}
    for query, first in CITIZEN_QUERIES:
        found = [s.slug for s in service_search(q=query).services]
        if not found or found[0] != first:
            misses[query] = found
    assert misses == {}


def test_demo_catalogue_filters(demo_catalogue: None) -> None:
    everything = service_search(limit=100)
    assert everything.count >= 12
    kreis = service_search(level="kreis", limit=100)
    assert {s.level for s in kreis.services} == {"kreis"}
    olpe = Authority.objects.get(ars="05966")
    MembershipFactory(authority=olpe)
    assert service_search(q="Reitkennzeichen").services[0].title.startswith("Reit")
    ServiceFactory(builder=olpe, draft=True, title="Reitkennzeichen Entwurf")
    assert [s.title for s in service_search(q="Entwurf").services] == []


def test_inner_parts_of_the_first_and_the_last_word_of_the_vocabulary() -> None:
    from types import SimpleNamespace

    from verbund.catalogue.search import INFIX, SearchIndex

    index = SearchIndex()
    index.add(
        SimpleNamespace(
            pk=1,
            title="Abfallkalender Zulassungsvolltext",
            synonyms=[],
            summary="",
            volltext="",
            voraussetzungen="",
            unterlagen="",
            hinweise="",
        )
    )
    index.freeze()
    assert index.vocabulary == ("abfallkal", "zulassungsvolltext")
    assert dict(index._match("volltext")) == {"zulassungsvolltext": INFIX}
    assert dict(index._match("fallkal")) == {"abfallkal": INFIX}
    assert index.scores("volltext")[1] == 1
