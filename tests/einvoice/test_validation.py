"""The validator against the official KoSIT test invoices and hostile input."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.einvoice.conftest import sample_xml
from verbund.einvoice import rules
from verbund.einvoice.validation import max_bytes, read_xml, validate

TESTSUITE = Path(__file__).resolve().parents[3] / "shared" / "data" / "xrechnung-testsuite"
FILES = sorted(TESTSUITE.rglob("*.xml")) if TESTSUITE.is_dir() else []


@pytest.mark.skipif(not FILES, reason="the KoSIT testsuite is not beside this checkout")
def test_every_official_test_invoice_is_judged_as_the_kosit_validator_does() -> None:
    """The official validator (configuration 2026-01-31) accepts every invoice of the
    testsuite; so do we, scenario by scenario, with its custom levels."""
    assert len(FILES) == 64
    verdicts = {}
    for path in FILES:
        report = validate(path.read_bytes())
        verdicts[path.name] = (report.accepted, [m.code for m in report.errors])
    assert {name: v for name, v in verdicts.items() if v != (True, [])} == {}


@pytest.mark.skipif(not FILES, reason="the KoSIT testsuite is not beside this checkout")
def test_custom_levels_decide_the_extension_invoice() -> None:
    """05.01a uses third-party payment (BR-DEX-09): CEN's BR-CO-16 fails, and the
    extension scenario lowers it to information, as the official configuration does."""
    path = next(p for p in FILES if p.name == "05.01a-INVOICE_ubl.xml")
    report = validate(path.read_bytes())
    assert report.scenario is not None
    assert report.scenario.key == "xr-ext-ubl-invoice"
    assert report.accepted is True
    co16 = [m for m in report.messages if m.code == "BR-CO-16"]
    assert [(m.level, m.original_level) for m in co16] == [("information", "error")]


def test_a_missing_leitweg_id_fails_br_de_15() -> None:
    report = validate(sample_xml(leitweg_id=""))
    assert report.accepted is False
    assert "BR-DE-15" in [m.code for m in report.errors]
    message = next(m for m in report.errors if m.code == "BR-DE-15")
    assert message.stage == "xrechnung"
    assert (
        message.text == '[BR-DE-15] Das Element "Buyer reference" (BT-10) muss übermittelt werden.'
    )


def test_a_wrong_total_fails_the_cen_rule() -> None:
    tree = etree.parse(io.BytesIO(sample_xml()))
    ns = {
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    }
    tree.find("cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", ns).text = "1.00"
    report = validate(etree.tostring(tree))
    assert report.accepted is False
    co13 = next(m for m in report.errors if m.code == "BR-CO-13")
    assert co13.stage == "cen"
    # Our German wording of the rule, with CEN's English original kept beside it.
    assert co13.text == (
        "Gesamtbetrag ohne Umsatzsteuer (BT-109) = Σ Nettobetrag der Rechnungsposition "
        "(BT-131) - Summe der Abschläge auf Dokumentenebene (BT-107) + Summe der Zuschläge "
        "auf Dokumentenebene (BT-108)."
    )
    assert co13.original_text.startswith("[BR-CO-13]-Invoice total amount without VAT (BT-109)")
    assert co13.as_dict()["originalText"] == co13.original_text


def test_a_schema_error_is_reported_with_its_line() -> None:
    data = sample_xml().replace(
        b"<cbc:IssueDate>", b"<cbc:Unbekannt>x</cbc:Unbekannt><cbc:IssueDate>"
    )
    report = validate(data)
    assert report.accepted is False
    assert report.errors[0].code == "XSD"
    assert report.errors[0].text.startswith("Zeile ")


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&xxe;</Invoice>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<lolz>&lol3;</lolz>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_a_dtd_is_refused_before_anything_is_expanded(data: bytes) -> None:
    report = validate(data)
    assert report.accepted is False
    assert report.xml is None
    assert [m.code for m in report.messages] == ["INPUT"]
    assert "Dokumenttypdeklaration" in report.messages[0].text
    assert b"root:" not in repr(report.as_dict()).encode()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"", "Die Datei ist leer."),
        (b"Rechnung 4711", "Die Datei ist weder XML noch PDF."),
        (b"<Invoice><unclosed></Invoice>", "Die XML-Datei ist nicht wohlgeformt"),
        (b"%PDF-1.4\n%%EOF", "Die PDF-Datei"),
        (b"<x/>" + b" " * (10 * 2**20), "Die Datei ist größer als 10 MB."),
    ],
)
def test_unreadable_input_is_reported_not_raised(data: bytes, text: str) -> None:
    report = validate(data)
    assert report.accepted is False
    assert [m.code for m in report.messages] == ["INPUT"]
    assert report.messages[0].text.startswith(text)


def test_the_size_limit_follows_the_platforms_upload_limit(settings: Any) -> None:
    settings.VERBUND_UPLOAD_MAX_MB = 1
    assert max_bytes() == 2**20
    report = validate(b"<x/>" + b" " * 2**20)
    assert [m.text for m in report.messages] == ["Die Datei ist größer als 1 MB."]


def test_an_unknown_specification_matches_no_scenario() -> None:
    data = sample_xml().replace(rules.XRECHNUNG.encode(), b"urn:example:other")
    report = validate(data)
    assert report.scenario is None
    assert [m.code for m in report.errors] == ["SCENARIO"]
    assert "urn:example:other" in report.errors[0].text


def test_read_xml_keeps_no_doctype() -> None:
    tree = read_xml(sample_xml())
    assert tree.docinfo.doctype == ""
