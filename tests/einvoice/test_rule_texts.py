"""Our German texts of the CEN EN 16931 rules: one for every rule of the official
stylesheets that can reject an invoice, each naming the business terms of the original."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from verbund.einvoice import rules
from verbund.einvoice.rule_texts import GERMAN, german

SVRL = "http://purl.oclc.org/dsdl/svrl"
TERM = re.compile(r"B[TG]-\d+")

# Slips in the English originals, as the UBL stylesheet and EN 16931 show: in the rule
# named, the business term id on the left stands for the one on the right, and the German
# text names the right one.
ERRATA = {
    "BR-50": {"BG-16": "BG-17"},  # CII: "Credit transfer (BG-16)"; the group is BG-17
    "BR-51": {"BT-97": "BT-87"},  # CII: "card primary account number (BT-97)"; it is BT-87
}


@pytest.fixture(scope="module")
def originals() -> dict[str, list[str]]:
    """Every rule id with flag fatal (or error) in the CEN stylesheets for UBL and CII,
    with its English texts (UBL and CII word some rules differently)."""
    found: dict[str, list[str]] = {}
    for key in ("cen-ubl", "cen-cii"):
        tree = etree.parse(str(rules.artefact_path(key)))
        for node in tree.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
            if node.get("flag") not in ("fatal", "error"):
                continue
            text_node = node.find(f"{{{SVRL}}}text")
            assert text_node is not None, node.get("id")
            text = " ".join("".join(text_node.itertext()).split())
            texts = found.setdefault(node.get("id") or "", [])
            if text not in texts:
                texts.append(text)
    return found


def _terms(text: str, rule: str = "") -> set[str]:
    corrected = ERRATA.get(rule, {})
    return {corrected.get(term, term) for term in TERM.findall(text)}


def test_the_stylesheets_are_read(originals: dict[str, list[str]]) -> None:
    assert "" not in originals
    assert {"BR-01", "BR-CO-15", "BR-S-08", "BR-DEC-23", "UBL-SR-48", "CII-SR-470"} <= set(
        originals
    )
    assert "[BR-CO-15]-Invoice total amount with VAT (BT-112)" in originals["BR-CO-15"][0]


def test_every_fatal_cen_rule_has_a_german_text(originals: dict[str, list[str]]) -> None:
    assert sorted(set(originals) - set(GERMAN)) == []


def test_there_is_no_german_text_for_a_rule_the_stylesheets_lack(
    originals: dict[str, list[str]],
) -> None:
    assert sorted(set(GERMAN) - set(originals)) == []


def test_each_german_text_names_the_business_terms_of_the_original(
    originals: dict[str, list[str]],
) -> None:
    """Set equality with the English original; where UBL and CII word a rule differently
    (BR-08 and BR-44 name no or fewer terms in UBL, BR-B-02 adds BT-118 in UBL), the German
    text names the terms of both, so it contains those of each original."""
    wrong = {}
    for rule, texts in originals.items():
        if rule not in GERMAN:
            continue  # reported by test_every_fatal_cen_rule_has_a_german_text
        expected = set().union(*(_terms(text, rule) for text in texts))
        found = _terms(GERMAN[rule])
        if found != expected:
            wrong[rule] = (sorted(found - expected), sorted(expected - found))
    assert wrong == {}


def test_the_errata_are_still_in_the_originals(originals: dict[str, list[str]]) -> None:
    """When CEN corrects a slip, ERRATA has to lose its entry."""
    for rule, corrected in ERRATA.items():
        english = set().union(*(set(TERM.findall(text)) for text in originals[rule]))
        for wrong, right in corrected.items():
            assert wrong in english, rule
            assert right in TERM.findall(GERMAN[rule]), rule
            assert wrong not in TERM.findall(GERMAN[rule]), rule


def test_german_texts_are_clean_sentences() -> None:
    for rule, text in GERMAN.items():
        assert text == " ".join(text.split()), rule
        assert text.endswith("."), rule
        assert text[0].isupper(), rule


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "BR-CO-15",
            "Gesamtbetrag einschließlich Umsatzsteuer (BT-112) = Gesamtbetrag ohne Umsatzsteuer "
            "(BT-109) + Umsatzsteuergesamtbetrag (BT-110).",
        ),
        ("BR-01", "Eine Rechnung muss eine Spezifikationskennung (BT-24) enthalten."),
        ("BR-16", "Eine Rechnung muss mindestens eine Rechnungsposition (BG-25) enthalten."),
    ],
)
def test_spot_checks(code: str, text: str) -> None:
    assert german(code) == text


def test_german_knows_only_cen_rules() -> None:
    assert german("BR-CO-16") == GERMAN["BR-CO-16"]
    assert german("BR-DE-15") is None  # KoSIT's rules are German already
    assert german("UBL-CR-001") is None  # a warning, no German text
    assert german("UNSPECIFIC") is None
