"""The assistant's decision from the scores: answer, ask back, or abstain."""

from __future__ import annotations

from verbund.assistant.engine import Candidate, Decision, Mode, Settings, decide
from verbund.assistant.text import Reading

S = Settings(
    lexical_weight=0.05,
    abstain_below=0.84,
    abstain_always_below=0.80,
    clarify_margin=0.01,
    lexical_floor=5.0,
)


def c(slug: str, score: float, dense: float, lexical: float = 0.0) -> Candidate:
    return Candidate(hash(slug) % 1000, slug, slug, score, dense, lexical)


def test_nothing_found_abstains() -> None:
    assert decide([], 0, Mode.HYBRID, S, Reading.OK) is Decision.ABSTAIN


def test_a_clear_best_is_answered() -> None:
    ranking = [c("a", 0.90, 0.86, 5), c("b", 0.85, 0.84)]
    assert decide(ranking, 2, Mode.HYBRID, S, Reading.OK) is Decision.ANSWER


def test_below_the_floor_abstains_even_with_catalogue_words() -> None:
    ranking = [c("a", 0.85, 0.799, 9)]
    assert decide(ranking, 3, Mode.HYBRID, S, Reading.OK) is Decision.ABSTAIN


def test_weak_similarity_needs_catalogue_words_behind_the_best() -> None:
    ranking = [c("a", 0.83, 0.83, 5.0)]
    assert decide(ranking, 0, Mode.HYBRID, S, Reading.OK) is Decision.ABSTAIN
    assert decide(ranking, 1, Mode.HYBRID, S, Reading.OK) is Decision.ANSWER
    # Words that met only other services, or met this one weakly, are not enough.
    weak = [c("a", 0.83, 0.83, 4.9)]
    assert decide(weak, 3, Mode.HYBRID, S, Reading.OK) is Decision.ABSTAIN
    # A foreign-language question has no catalogue words to lean on.
    assert decide(ranking, 1, Mode.HYBRID, S, Reading.NOT_GERMAN) is Decision.ABSTAIN


def test_two_close_services_ask_back() -> None:
    ranking = [c("a", 0.900, 0.86), c("b", 0.895, 0.85)]
    assert decide(ranking, 2, Mode.HYBRID, S, Reading.OK) is Decision.CLARIFY


def test_a_close_but_weak_runner_up_is_no_choice() -> None:
    ranking = [c("a", 0.900, 0.86), c("b", 0.895, 0.83)]
    assert decide(ranking, 2, Mode.HYBRID, S, Reading.OK) is Decision.ANSWER


def test_lexical_mode_answers_what_it_finds() -> None:
    assert decide([c("a", 5.0, 0.0, 5.0)], 1, Mode.LEXICAL, S, Reading.OK) is Decision.ANSWER
    ranking = [c("a", 5.0, 0.0, 5.0), c("b", 4.95, 0.0, 4.95)]
    assert decide(ranking, 1, Mode.LEXICAL, S, Reading.OK) is Decision.CLARIFY
