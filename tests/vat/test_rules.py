"""The §2b UStG decision tree: every rule, the order of the steps, the 17,500 € line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from verbund.vat.rules import Answers, Result, Rule, Unanswered, decide, euro

D = Decimal
PUBLIC = "public_law"
PRIVATE = "private_law"
HIGH = D("50000")


def _public(counterparty: str = "private", **answers: bool) -> Answers:
    base = {"exchange": True, "sustained": True, "abs4_catalogue": False}
    base.update(answers)
    return Answers(legal_form=PUBLIC, counterparty=counterparty, **base)


def _abs3(**answers: bool) -> Answers:
    base = {
        "reserved_task": False,
        "exempt_private": False,
        "only_public_bodies": False,
        "long_term_agreement": True,
        "shared_public_task": True,
        "cost_reimbursement_only": True,
        "mainly_public_bodies": True,
        "support_service": False,
    }
    base.update(answers)
    return _public("public_body", **base)


def test_no_exchange_decides_first_and_asks_nothing_else() -> None:
    decision = decide(Answers(PRIVATE, "private", exchange=False), HIGH)
    assert (decision.result, decision.rule, decision.asked) == (
        Result.NOT_TAXABLE,
        Rule.NO_EXCHANGE,
        ("exchange",),
    )
    assert decision.explanation == (
        "Es findet kein Leistungsaustausch statt (keine Gegenleistung für eine Leistung): "
        "nicht steuerbar."
    )


def test_not_sustained() -> None:
    decision = decide(Answers(PRIVATE, "private", exchange=True, sustained=False), HIGH)
    assert (decision.result, decision.rule, decision.asked) == (
        Result.NOT_TAXABLE,
        Rule.NOT_SUSTAINED,
        ("exchange", "sustained"),
    )


def test_abs4_catalogue_is_taxable_even_below_the_line() -> None:
    decision = decide(_public(abs4_catalogue=True), D("100"))
    assert (decision.result, decision.rule) == (Result.TAXABLE, Rule.ABS4_CATALOGUE)


def test_private_law_is_taxable_without_further_questions() -> None:
    answers = Answers(PRIVATE, "private", exchange=True, sustained=True, abs4_catalogue=False)
    decision = decide(answers, D("10"))
    assert (decision.result, decision.rule) == (Result.TAXABLE, Rule.PRIVATE_LAW)
    assert decision.asked == ("exchange", "sustained", "abs4_catalogue")


def test_reserved_task_before_the_17500_test() -> None:
    decision = decide(_public(reserved_task=True), HIGH)
    assert (decision.result, decision.rule) == (Result.NOT_TAXABLE, Rule.RESERVED_TASK)


def test_17500_00_is_not_taxable() -> None:
    decision = decide(_public(reserved_task=False), D("17500.00"))
    assert (decision.result, decision.rule) == (Result.NOT_TAXABLE, Rule.DE_MINIMIS)
    assert decision.asked == ("exchange", "sustained", "abs4_catalogue", "reserved_task")
    assert "17.500 €" in decision.explanation


def test_17500_01_is_taxable_if_nothing_else_applies() -> None:
    decision = decide(_public(reserved_task=False, exempt_private=False), D("17500.01"))
    assert (decision.result, decision.rule) == (Result.TAXABLE, Rule.DISTORTION)
    # Abs. 3 is not asked for a private counterparty.
    assert decision.asked == (
        "exchange",
        "sustained",
        "abs4_catalogue",
        "reserved_task",
        "exempt_private",
    )


def test_exempt_private() -> None:
    decision = decide(_public(reserved_task=False, exempt_private=True), HIGH)
    assert (decision.result, decision.rule) == (Result.NOT_TAXABLE, Rule.EXEMPT_PRIVATE)


def test_abs3_only_public() -> None:
    decision = decide(_abs3(only_public_bodies=True), HIGH)
    assert (decision.result, decision.rule) == (Result.NOT_TAXABLE, Rule.ABS3_ONLY_PUBLIC)


def test_abs3_cooperation_all_four_and_no_support_service() -> None:
    decision = decide(_abs3(), HIGH)
    assert (decision.result, decision.rule) == (Result.NOT_TAXABLE, Rule.ABS3_COOPERATION)
    assert decision.asked[-1] == "support_service"


def test_abs3_cooperation_fails_for_a_support_service_bmf_2019() -> None:
    decision = decide(_abs3(support_service=True), HIGH)
    assert (decision.result, decision.rule) == (Result.TAXABLE, Rule.DISTORTION)
    assert decision.explanation.endswith(
        "Die Voraussetzungen (a) bis (d) des § 2b Abs. 3 Nr. 2 UStG liegen vor, doch es ist "
        "eine Unterstützungsleistung, die auch private Unternehmen anbieten (BMF-Schreiben vom "
        "14.11.2019): § 2b Abs. 3 Nr. 2 UStG greift nicht."
    )


@pytest.mark.parametrize(
    "missing",
    [
        "long_term_agreement",
        "shared_public_task",
        "cost_reimbursement_only",
        "mainly_public_bodies",
    ],
)
def test_abs3_cooperation_needs_all_four(missing: str) -> None:
    decision = decide(_abs3(**{missing: False}), HIGH)
    assert (decision.result, decision.rule) == (Result.TAXABLE, Rule.DISTORTION)
    assert decision.asked[-1] == missing
    assert decision.explanation.endswith(
        "Die Voraussetzungen (a) bis (d) des § 2b Abs. 3 Nr. 2 UStG liegen nicht alle vor."
    )


@pytest.mark.parametrize("counterparty", ["private", "mixed"])
def test_abs3_only_for_a_public_body(counterparty: str) -> None:
    answers = Answers.from_document(_abs3(only_public_bodies=True).to_document())
    answers = Answers.from_document(answers.to_document(), counterparty=counterparty)
    decision = decide(answers, HIGH)
    assert (decision.result, decision.rule) == (Result.TAXABLE, Rule.DISTORTION)


def test_a_needed_answer_missing_names_the_question() -> None:
    with pytest.raises(Unanswered) as caught:
        decide(_public(), HIGH)
    assert caught.value.field == "reserved_task"


def test_unneeded_answers_may_be_missing() -> None:
    decision = decide(_public(reserved_task=False), D("0"))
    assert decision.rule == Rule.DE_MINIMIS


def test_euro() -> None:
    assert euro(D("17500")) == "17.500,00 €"
    assert euro(D("1234567.891")) == "1.234.567,89 €"
