"""Search over the published catalogue, the way citizens type.

The catalogue holds hundreds, at most a few thousand services, so the search
runs in memory over an inverted index instead of in the database: the same
ranking on SQLite and PostgreSQL, and no index extension to install.

A word of the query meets the words of a service in one of these ways, each
with a weight (best first):

* the same German stem ("anmelden" and "Anmeldung" both stem to "anmeld"),
  after case, umlauts and ß are folded ("Außerbetriebsetzung" → "ausserbetriebsetzung");
* a thesaurus alternative ("Auto" → "Fahrzeug", "Kfz", "Pkw");
* the beginning of a longer word, as while typing or for the head of a
  compound ("Hund" → "Hundesteuer", "reit" → "Reitkennzeichen");
* the inside of a compound ("abmeld" in "Fahrzeugabmeldung");
* one typo (one letter missing, added, changed or two swapped), only for a
  word that meets nothing otherwise, so that "Abmeldung" never finds "Anmeldung".

Fields count differently: title before synonyms before the summary before the
long description. Services that match every word of the query come first;
when none does, those that match the most words.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA
from snowballstemmer import stemmer

from verbund.authorities.folding import fold

_german = stemmer("german")
_WORD = re.compile(r"[a-z0-9]+")

# Words that carry no meaning for finding a service.
_STOPWORDS_TEXT = """
    a ab am an auf aus bei beim bin da das dass dem den der des die du ein eine einem einen
    einer eines er es fur ich ihr im in ist kann mein meine meinen meiner meines mich mir mit
    mochte nach oder sie uber um und vom von vor was wie will wir zu zum zur
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Query-side alternatives for a word (folded, unstemmed keys; stemmed on use).
THESAURUS: dict[str, tuple[str, ...]] = {
    "auto": ("fahrzeug", "kfz", "pkw", "kraftfahrzeug"),
    "wagen": ("fahrzeug", "kfz", "pkw"),
    "pkw": ("fahrzeug", "kfz", "auto"),
    "kfz": ("fahrzeug", "auto", "pkw"),
    "motorrad": ("fahrzeug", "kraftrad"),
    "stilllegen": ("ausserbetriebsetzung", "abmelden"),
    "umzug": ("wohnsitz", "ummeldung", "anmeldung"),
    "umziehen": ("wohnsitz", "ummeldung", "anmeldung"),
    "zugezogen": ("wohnsitz", "anmeldung"),
    "fuhrerschein": ("fahrerlaubnis",),
    "heiraten": ("eheschliessung",),
    "heirat": ("eheschliessung",),
    "hochzeit": ("eheschliessung",),
    "bauantrag": ("baugenehmigung",),
    "bauen": ("baugenehmigung", "bauantrag"),
    "firma": ("gewerbe", "unternehmen"),
    "selbststandig": ("gewerbe",),
    "wahl": ("wahlschein", "briefwahl"),
    "wahlen": ("wahlschein", "briefwahl"),
    "angeln": ("fischereischein",),
    "pflegeheim": ("pflegewohngeld",),
    "behinderung": ("schwerbehindertenausweis",),
    "mull": ("sperrmull", "abfall"),
}

# Field weights.
TITLE, SYNONYM, SUMMARY, BODY = 3.0, 2.5, 1.2, 0.5
# Match weights.
EXACT, ALTERNATIVE, PREFIX, TYPO, INFIX = 1.0, 0.8, 0.7, 0.6, 0.4

MIN_PREFIX = 3
MIN_TYPO = 4
MIN_INFIX = 4


@functools.lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    # Kept: an index build stems the same few thousand words over and over (the Snowball
    # stemmer in pure Python was a fifth of loading the demo).
    return str(_german.stemWord(word))


def words(text: str) -> list[str]:
    """Folded words of ``text`` without stopwords ("Hund anmelden" → ["hund", "anmelden"])."""
    return [w for w in _WORD.findall(fold(text.replace("-", " "))) if w not in STOPWORDS]


def terms(text: str) -> list[str]:
    """Stems of the words of ``text``; hyphenated compounds also count as one word."""
    found = [stem(w) for w in words(text)]
    for compound in re.findall(r"\w+(?:-\w+)+", fold(text)):
        found.append(stem(compound.replace("-", "")))
    return found


@dataclass(frozen=True, slots=True)
class Hit:
    service_id: int
    score: float
    matched: int


@dataclass
class SearchIndex:
    # term → {service id: best field weight}
    postings: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    titles: dict[int, str] = field(default_factory=dict)
    vocabulary: tuple[str, ...] = ()
    # Query-side alternatives (folded, unstemmed keys); the citizen assistant adds its own.
    thesaurus: dict[str, tuple[str, ...]] = field(default_factory=lambda: THESAURUS)
    _expanded: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    _joined: str = ""

    def add(self, service: Any) -> None:
        sid = service.pk
        self.titles[sid] = service.title
        fields: list[tuple[float, str]] = [
            (TITLE, service.title),
            (SYNONYM, " ".join(service.synonyms)),
            (SUMMARY, service.summary),
            (
                BODY,
                " ".join(
                    (
                        service.volltext,
                        service.voraussetzungen,
                        service.unterlagen,
                        service.hinweise,
                    )
                ),
            ),
        ]
        for weight, text in fields:
            for term in terms(text):
                postings = self.postings[term]
                if postings.get(sid, 0.0) < weight:
                    postings[sid] = weight

    def freeze(self) -> None:
        self.postings = dict(self.postings)
        self.vocabulary = tuple(sorted(self.postings))
        self._joined = "\n".join(self.vocabulary)
        self._expanded.clear()

    def _expand(self, word: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary terms that ``word`` (folded, unstemmed) meets, with their match weight."""
        cached = self._expanded.get(word)
        if cached is None:
            cached = self._expanded[word] = self._match(word)
            if len(self._expanded) > 10_000:
                self._expanded.clear()
        return cached

    def _prefixed(self, prefix: str) -> list[str]:
        """Vocabulary terms that start with ``prefix`` (a range of the sorted vocabulary)."""
        vocabulary = self.vocabulary
        found = []
        for i in range(bisect.bisect_left(vocabulary, prefix), len(vocabulary)):
            if not vocabulary[i].startswith(prefix):
                break
            found.append(vocabulary[i])
        return found

    def _containing(self, part: str) -> set[str]:
        """Vocabulary terms that contain ``part`` (one search in the joined vocabulary)."""
        joined = self._joined
        found: set[str] = set()
        position = joined.find(part)
        while position != -1:
            start = joined.rfind("\n", 0, position) + 1
            end = joined.find("\n", position)
            if end == -1:  # the last term
                end = len(joined)
            found.add(joined[start:end])
            position = joined.find(part, end)
        return found

    def _match(self, word: str) -> tuple[tuple[str, float], ...]:
        """Each term takes the first of: the same stem, a thesaurus alternative, a prefix,
        an inner part, the prefix of an alternative; a typo only for an unknown word."""
        stemmed = stem(word)
        alternatives = {stem(alt) for alt in self.thesaurus.get(word, ())}
        known = self.postings
        found: dict[str, float] = {}

        def offer(terms: Any, weight: float) -> None:
            for term in terms:
                found.setdefault(term, weight)

        offer([stemmed] if stemmed in known else [], EXACT)
        offer(sorted(a for a in alternatives if a in known), ALTERNATIVE)
        if len(stemmed) >= MIN_PREFIX:
            offer(self._prefixed(stemmed), PREFIX)
            offer(self._prefixed(word), PREFIX)
        if len(stemmed) >= MIN_INFIX:
            offer(self._containing(stemmed), INFIX)
        for alternative in sorted(alternatives):
            if len(alternative) >= MIN_PREFIX:
                offer(self._prefixed(alternative), ALTERNATIVE * PREFIX)
        if not found and len(stemmed) >= MIN_TYPO:
            # A word the catalogue knows is taken as written: "Abmeldung" must not
            # find "Anmeldung". Only an unknown word is read as a typo.
            for term, _distance, _index in process.extract(
                stemmed, self.vocabulary, scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                offer([term], TYPO)
        return tuple(found.items())

    def search(self, query: str) -> list[Hit]:
        """Matching services, best first."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return []
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for word in query_words:
            best: dict[int, float] = {}
            for term, match_weight in self._expand(word):
                for sid, field_weight in self.postings[term].items():
                    value = match_weight * field_weight
                    if best.get(sid, 0.0) < value:
                        best[sid] = value
            for sid, value in best.items():
                scores[sid] += value
                matched[sid] += 1
        if not scores:
            return []
        most = max(matched.values())
        hits = [Hit(sid, scores[sid], most) for sid in scores if matched[sid] == most]
        hits.sort(key=lambda h: (-h.score, self.titles[h.service_id]))
        return hits

    def scores(self, query: str) -> tuple[dict[int, float], int]:
        """Each service's score for *any* word of ``query``, for questions in plain
        language where most words are not in the catalogue: per word the best match
        counts, weighted by match, field and the term's rarity (IDF). Also returns
        the number of query words that met the catalogue at all."""
        query_words = list(dict.fromkeys(words(query)))
        total = max(len(self.titles), 1)
        scores: dict[int, float] = defaultdict(float)
        known = 0
        for word in query_words:
            best: dict[int, float] = {}
            for term, match_weight in self._expand(word):
                postings = self.postings[term]
                rarity = math.log(1.0 + total / len(postings))
                for sid, field_weight in postings.items():
                    value = match_weight * field_weight * rarity
                    if best.get(sid, 0.0) < value:
                        best[sid] = value
            if best:
                known += 1
            for sid, value in best.items():
                scores[sid] += value
        return dict(scores), known
