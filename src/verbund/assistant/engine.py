"""Retrieval: from a question in plain German to the catalogue's services.

Two retrievers look at every published service:

* **lexical**: the catalogue's own index (German Snowball stems, folded
  umlauts, prefixes and compound parts, one typo) scored with *any* word of the
  question and weighted by the rarity of the matched term, plus the colloquial
  thesaurus below and the search terms coordinators added (``Synonym``);
* **dense**: multilingual-e5-small vectors of three passages per service (title
  with search terms, title with the plain-language summary, title with the
  full text); a service's similarity is that of its best passage.

The two are combined as ``dense + LEXICAL_WEIGHT * lexical / best lexical``:
the dense score carries the meaning, the lexical one breaks ties towards
services whose words the citizen actually used. (Reciprocal-rank fusion gave
the weak lexical ranking an equal vote and lost quality on the development
set; docs/assistant.md has the figures.)

The decision follows the scores:

* nothing close enough (``dense < ABSTAIN_BELOW`` without words of the
  catalogue behind the best service, i.e. its lexical score below
  ``LEXICAL_FLOOR``; or ``dense < ABSTAIN_ALWAYS_BELOW``) → abstain and hand over;
* the runner-up within ``CLARIFY_MARGIN`` of the best → ask which one;
* otherwise → answer with the best.

The thresholds were set on ``tests/assistant/questions-dev.tsv`` with
``verbund assistant-eval --tune`` and are checked on the separate test set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from types import SimpleNamespace
from typing import Any

import numpy as np

from verbund.assistant import embeddings
from verbund.assistant.text import Reading
from verbund.catalogue.search import THESAURUS, SearchIndex

# Colloquial words → the catalogue's words (folded, unstemmed; see catalogue.search).
COLLOQUIAL: dict[str, tuple[str, ...]] = {
    "perso": ("personalausweis",),
    "ausweis": ("personalausweis",),
    "id": ("personalausweis",),
    "pass": ("reisepass",),
    "lappen": ("fuhrerschein", "fahrerlaubnis"),
    "fleppe": ("fuhrerschein", "fahrerlaubnis"),
    "karre": ("fahrzeug", "kfz"),
    "kiste": ("fahrzeug", "kfz"),
    "schrottkarre": ("fahrzeug", "verschrottung"),
    "verschrotten": ("ausserbetriebsetzung", "verwertungsnachweis"),
    "nummernschild": ("kennzeichen",),
    "nummernschilder": ("kennzeichen",),
    "welpe": ("hund",),
    "welpen": ("hund",),
    "hundemarke": ("hundesteuer",),
    "kampfhund": ("hundehaltung", "landeshundegesetz"),
    "listenhund": ("hundehaltung", "landeshundegesetz"),
    "kindergarten": ("kita", "kindertagesstatte"),
    "krippe": ("kita", "kindertagesstatte"),
    "tagesmutter": ("kindertagespflege",),
    "einschulung": ("schulanmeldung", "grundschule"),
    "erstklassler": ("grundschule",),
    "mulltonne": ("abfallbehalter",),
    "tonne": ("abfallbehalter",),
    "biotonne": ("abfallbehalter",),
    "sofa": ("sperrmull",),
    "couch": ("sperrmull",),
    "schrank": ("sperrmull",),
    "matratze": ("sperrmull",),
    "mobel": ("sperrmull",),
    "schlagloch": ("mangel", "strasse"),
    "laterne": ("strassenbeleuchtung", "mangel"),
    "strassenlaterne": ("strassenbeleuchtung", "mangel"),
    "verloren": ("fundsache", "verlust"),
    "gefunden": ("fundsache",),
    "portemonnaie": ("fundsache",),
    "geldborse": ("fundsache",),
    "schlussel": ("fundsache",),
    "gestorben": ("sterbefall", "sterbeurkunde"),
    "verstorben": ("sterbefall", "sterbeurkunde"),
    "tod": ("sterbefall",),
    "heiraten": ("eheschliessung",),
    "hochzeit": ("eheschliessung",),
    "standesamtlich": ("eheschliessung",),
    "baby": ("geburt", "elterngeld"),
    "elternzeit": ("elterngeld",),
    "miete": ("wohngeld", "mietzuschuss"),
    "mietzuschuss": ("wohngeld",),
    "parkplatz": ("bewohnerparkausweis", "parkausweis"),
    "anwohnerparken": ("bewohnerparkausweis",),
    "parkausweis": ("bewohnerparkausweis",),
    "baum": ("baumfallgenehmigung",),
    "fallen": ("baumfallgenehmigung",),
    "umsagen": ("baumfallgenehmigung",),
    "strassenfest": ("veranstaltung",),
    "fest": ("veranstaltung",),
    "container": ("sondernutzung",),
    "gerust": ("sondernutzung",),
    "halteverbot": ("sondernutzung",),
    "wahlen": ("wahlschein", "briefwahl"),
    "wahlzettel": ("wahlschein", "briefwahl"),
    "jagen": ("jagdschein",),
    "jager": ("jagdschein",),
    "angeln": ("fischereischein",),
    "angelschein": ("fischereischein",),
    "pferd": ("reitkennzeichen",),
    "reiten": ("reitkennzeichen",),
    "laden": ("gewerbe",),
    "geschaft": ("gewerbe",),
    "nachname": ("familienname", "namensanderung"),
    "grundstuck": ("grundsteuer",),
    "eigenheim": ("grundsteuer",),
    "pflegeheim": ("pflegewohngeld",),
    "behindert": ("schwerbehindertenausweis",),
    "schwerbehindert": ("schwerbehindertenausweis",),
    "zeugnis": ("fuhrungszeugnis",),
}

LEXICAL_WEIGHT = 0.06
ABSTAIN_BELOW = 0.835
ABSTAIN_ALWAYS_BELOW = 0.80
LEXICAL_FLOOR = 5.0
CLARIFY_MARGIN = 0.01
CANDIDATES = 10


class Decision(StrEnum):
    ANSWER = "answer"
    CLARIFY = "clarify"
    ABSTAIN = "abstain"


class Mode(StrEnum):
    HYBRID = "hybrid"
    DENSE = "dense"
    LEXICAL = "lexical"


@dataclass(frozen=True, slots=True)
class Candidate:
    service_id: int
    slug: str
    title: str
    score: float
    dense: float
    lexical: float


@dataclass(frozen=True, slots=True)
class Retrieval:
    decision: Decision
    ranking: tuple[Candidate, ...]  # best first, at most CANDIDATES
    known_words: int  # words of the question the catalogue knows

    @property
    def chosen(self) -> tuple[Candidate, ...]:
        if self.decision is Decision.ANSWER:
            return self.ranking[:1]
        if self.decision is Decision.CLARIFY:
            return self.ranking[:2]
        return ()


@dataclass(frozen=True)
class Settings:
    lexical_weight: float = LEXICAL_WEIGHT
    abstain_below: float = ABSTAIN_BELOW
    abstain_always_below: float = ABSTAIN_ALWAYS_BELOW
    clarify_margin: float = CLARIFY_MARGIN
    lexical_floor: float = LEXICAL_FLOOR


@dataclass(frozen=True, slots=True)
class ServiceText:
    """What the assistant reads of a published service."""

    id: int
    slug: str
    title: str
    summary: str
    volltext: str
    synonyms: tuple[str, ...]
    voraussetzungen: str = ""
    unterlagen: str = ""
    hinweise: str = ""


def passages(service: ServiceText) -> tuple[str, str, str]:
    """The three texts of a service that are embedded."""
    terms = ", ".join(service.synonyms)
    return (
        f"{service.title}. {terms}" if terms else service.title,
        f"{service.title}. {service.summary}",
        f"{service.title}. {service.volltext}",
    )


@dataclass
class AssistantIndex:
    token: Any
    services: tuple[ServiceText, ...]
    lexical: SearchIndex
    matrix: np.ndarray  # (passages, DIM)
    owner: np.ndarray  # passage row → position in ``services``
    computed: dict[str, np.ndarray] = field(default_factory=dict)

    def rank(
        self, question: str, mode: Mode = Mode.HYBRID, weight: float = LEXICAL_WEIGHT
    ) -> tuple[list[Candidate], int]:
        n = len(self.services)
        lexical_by_id, known = self.lexical.scores(question)
        lexical = np.array([lexical_by_id.get(s.id, 0.0) for s in self.services])
        if mode is Mode.LEXICAL:
            dense = np.zeros(n, dtype=np.float32)
        else:
            q = embeddings.query_vector(question)
            sims = self.matrix @ q
            dense = np.full(n, -1.0, dtype=np.float32)
            np.maximum.at(dense, self.owner, sims)
        best_lexical = float(lexical.max()) if n else 0.0
        relative = lexical / best_lexical if best_lexical > 0 else lexical
        if mode is Mode.DENSE:
            score = dense.astype(np.float64)
        elif mode is Mode.LEXICAL:
            score = lexical
        else:
            score = dense + weight * relative
        order = np.argsort(-score, kind="stable")[:CANDIDATES]
        ranking = [
            Candidate(
                self.services[i].id,
                self.services[i].slug,
                self.services[i].title,
                float(score[i]),
                float(dense[i]),
                float(lexical[i]),
            )
            for i in order
            if mode is not Mode.LEXICAL or lexical[i] > 0
        ]
        return ranking, known

    def ask(
        self,
        question: str,
        *,
        mode: Mode = Mode.HYBRID,
        settings: Settings | None = None,
        reading: Reading = Reading.OK,
    ) -> Retrieval:
        """Rank the services for ``question`` and decide what to do."""
        settings = settings or Settings()
        ranking, known = self.rank(question, mode, settings.lexical_weight)
        return Retrieval(decide(ranking, known, mode, settings, reading), tuple(ranking), known)


def decide(
    ranking: list[Candidate], known: int, mode: Mode, settings: Settings, reading: Reading
) -> Decision:
    if not ranking:
        return Decision.ABSTAIN
    top = ranking[0]
    if mode is Mode.LEXICAL:
        if len(ranking) > 1 and ranking[1].score >= top.score * 0.98:
            return Decision.CLARIFY
        return Decision.ANSWER
    foreign = reading is Reading.NOT_GERMAN
    if top.dense < settings.abstain_always_below:
        return Decision.ABSTAIN
    if top.dense < settings.abstain_below and (
        known == 0 or foreign or top.lexical < settings.lexical_floor
    ):
        return Decision.ABSTAIN
    if (
        len(ranking) > 1
        and top.score - ranking[1].score < settings.clarify_margin
        and ranking[1].dense >= settings.abstain_below
    ):
        return Decision.CLARIFY
    return Decision.ANSWER


def build(token: Any, services: list[ServiceText], stored: dict[str, bytes]) -> AssistantIndex:
    """The index over ``services``; ``stored`` are vectors kept in the database."""
    lexical = SearchIndex(thesaurus={**THESAURUS, **_merge(THESAURUS, COLLOQUIAL)})
    texts: list[str] = []
    owner: list[int] = []
    for position, service in enumerate(services):
        lexical.add(
            SimpleNamespace(
                pk=service.id,
                title=service.title,
                synonyms=service.synonyms,
                summary=service.summary,
                volltext=service.volltext,
                voraussetzungen=service.voraussetzungen,
                unterlagen=service.unterlagen,
                hinweise=service.hinweise,
            )
        )
        for text in passages(service):
            texts.append(text)
            owner.append(position)
    lexical.freeze()
    matrix, computed = embeddings.passage_vectors(texts, stored)
    return AssistantIndex(
        token=token,
        services=tuple(services),
        lexical=lexical,
        matrix=matrix,
        owner=np.array(owner, dtype=np.int64),
        computed=computed,
    )


def _merge(
    base: dict[str, tuple[str, ...]], extra: dict[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    return {key: tuple(dict.fromkeys(base.get(key, ()) + values)) for key, values in extra.items()}
