"""Validation of an incoming e-invoice, without Java.

:func:`validate` takes the bytes a supplier sent (XML, or a ZUGFeRD/Factur-X PDF
with the invoice embedded) and returns a :class:`Report`:

1. the XML is read safely: no DTD, no entities, nothing fetched, a size limit;
2. the KoSIT scenario is chosen (:mod:`verbund.einvoice.rules`);
3. the XML Schema of the syntax (lxml);
4. the CEN EN 16931 Schematron and, for XRechnung, the KoSIT XRechnung Schematron,
   both compiled XSLT run by SaxonC-HE (``saxonche``, an XSLT 3.0 processor without
   a JVM); their failed asserts become messages with rule id, level and text;
5. custom levels of the scenario, then the verdict: accepted when a scenario matched
   and no message is at level error.

The CEN rules speak English; a message carries our German wording of its rule
(:mod:`verbund.einvoice.rule_texts`) with the original beside it. The XRechnung
rules are German already.

The compiled stylesheets and schemas are loaded once per process (about 1.5 s).
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from verbund.core.uploads import max_upload_bytes
from verbund.einvoice import rule_texts, rules
from verbund.einvoice.rules import Level, Scenario


def max_bytes() -> int:
    """The largest invoice we take (XML or PDF): the platform's upload limit
    (``VERBUND_UPLOAD_MAX_MB``, 10 MB by default), far above real invoices."""
    return max_upload_bytes()


def max_megabytes() -> int:
    return max_bytes() // 2**20


SVRL = "{http://purl.oclc.org/dsdl/svrl}"


class Stage:
    INPUT = "input"
    XSD = "xsd"
    CEN = "cen"
    XRECHNUNG = "xrechnung"


@dataclass(frozen=True)
class Message:
    code: str
    level: str
    text: str
    stage: str
    location: str = ""
    original_level: str = ""
    original_text: str = ""  # the rule's own (English) text where ``text`` is ours in German

    def as_dict(self) -> dict[str, str]:
        data = {"code": self.code, "level": self.level, "text": self.text, "stage": self.stage}
        if self.location:
            data["location"] = self.location
        if self.original_level and self.original_level != self.level:
            data["originalLevel"] = self.original_level
        if self.original_text and self.original_text != self.text:
            data["originalText"] = self.original_text
        return data


@dataclass
class Report:
    """What the validation found; ``xml`` is the invoice as read (for a PDF: the
    embedded XML) and ``tree`` its parsed document, both ``None`` when there was none
    to read."""

    accepted: bool = False
    scenario: Scenario | None = None
    xml: bytes | None = None
    container: str = "xml"
    messages: list[Message] = field(default_factory=list)
    tree: etree._ElementTree | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == Level.ERROR]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == Level.WARNING]

    def as_dict(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "scenario": self.scenario.name if self.scenario else None,
            "container": self.container,
            "messages": [m.as_dict() for m in self.messages],
        }


class Refused(Exception):
    """Input we do not read at all (too large, not XML, DTD, …); ``message`` is German."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- reading ---------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


def _dtd_refused() -> Refused:
    return Refused(
        _(
            "Die XML-Datei enthält eine Dokumenttypdeklaration (DTD); das ist in "
            "einer E-Rechnung nicht erlaubt und wird aus Sicherheitsgründen "
            "nicht verarbeitet."
        )
    )


def read_xml(data: bytes) -> etree._ElementTree:
    """Parse ``data`` as an invoice may be: any DTD (hence any entity, the "billion
    laughs" and external entities alike) is refused before anything is expanded."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536]:
        raise _dtd_refused()
    if not head.startswith(b"<"):
        raise Refused(_("Die Datei ist weder XML noch PDF."))
    try:
        tree = etree.parse(io.BytesIO(data), _parser())
    except etree.XMLSyntaxError as exc:
        raise Refused(
            _("Die XML-Datei ist nicht wohlgeformt: %(error)s") % {"error": exc.msg}
        ) from None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise _dtd_refused()
    return tree


def xml_from_pdf(data: bytes) -> bytes:
    """The invoice XML embedded in a ZUGFeRD/Factur-X PDF."""
    from facturx import get_xml_from_pdf  # type: ignore[import-untyped]

    try:
        _filename, xml = get_xml_from_pdf(data, check_xsd=False)
    except Exception:
        raise Refused(_("Die PDF-Datei konnte nicht gelesen werden.")) from None
    if not xml:
        raise Refused(
            _(
                "Die PDF-Datei enthält keine eingebettete E-Rechnung "
                "(ZUGFeRD/Factur-X). Eine reine PDF-Rechnung ist keine E-Rechnung."
            )
        )
    return bytes(xml)


def specification_of(root: etree._Element) -> str:
    """BT-24, the specification identifier, as the scenarios match it."""
    namespace = etree.QName(root).namespace or ""
    if namespace == rules.CII:
        path = (
            "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter"
            "/ram:ID/text()"
        )
    else:
        path = "cbc:CustomizationID/text()"
    values = root.xpath(path, namespaces=NS)
    return str(values[0]).strip() if values else ""


NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


# --- the engines (loaded once per process) -------------------------------------------------


class _Engines:
    def __init__(self) -> None:
        from saxonche import PySaxonProcessor  # type: ignore[import-not-found]

        self.processor = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.stylesheets = {
            key: compiler.compile_stylesheet(stylesheet_file=str(rules.artefact_path(key)))
            for key in rules.ARTEFACTS
        }
        self.schemas = {
            root: etree.XMLSchema(etree.parse(str(rules.schema_path(root))))
            for root in rules.SCHEMAS
        }


_engines: _Engines | None = None
_lock = threading.Lock()


def engines() -> _Engines:
    global _engines
    if _engines is None:
        with _lock:
            if _engines is None:
                _engines = _Engines()
    return _engines


def _level_of(flag: str | None, role: str | None) -> str:
    """The level the KoSIT report gives a Schematron message (default-report.xsl)."""
    marks = {flag, role}
    if marks & {"fatal", "error"}:
        return Level.ERROR
    if marks & {"warning", "warn"}:
        return Level.WARNING
    if flag in ("information", "info"):
        return Level.INFORMATION
    if role in ("information", "info"):
        return Level.WARNING
    return Level.ERROR


def _schematron(key: str, node: Any, stage: str, scenario: Scenario) -> list[Message]:
    """Run one compiled Schematron over the document ``node`` (parsed by Saxon once for
    both stylesheets)."""
    svrl = engines().stylesheets[key].transform_to_string(xdm_node=node)
    result = etree.fromstring(svrl.encode("utf-8"), _parser())
    messages = []
    for item in result.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        code = item.get("id") or "UNSPECIFIC"
        level = _level_of(item.get("flag"), item.get("role"))
        custom = scenario.custom_levels.get(code)
        text = " ".join("".join(item.itertext()).split())
        messages.append(
            Message(
                code=code,
                level=custom or level,
                text=rule_texts.german(code) or text,
                stage=stage,
                location=item.get("location", "")[:500],
                original_level=level,
                original_text=text,
            )
        )
    return messages


def validate(data: bytes) -> Report:
    """Validate one invoice; never raises for bad input (the report says why)."""
    report = Report()
    try:
        if len(data) > max_bytes():
            raise Refused(_("Die Datei ist größer als %(mb)s MB.") % {"mb": max_megabytes()})
        if not data.strip():
            raise Refused(_("Die Datei ist leer."))
        if data.lstrip()[:5] == b"%PDF-":
            report.container = "pdf"
            data = xml_from_pdf(data)
        tree = read_xml(data)
    except Refused as refused:
        report.messages.append(Message("INPUT", Level.ERROR, refused.message, Stage.INPUT))
        return report
    report.xml = data
    report.tree = tree
    root = tree.getroot()
    namespace = etree.QName(root).namespace or ""
    specification = specification_of(root)
    scenario = rules.scenario_for(namespace, specification)
    if scenario is None:
        report.messages.append(
            Message(
                "SCENARIO",
                Level.ERROR,
                _(
                    "Kein Prüfszenario passt: erwartet wird eine Rechnung nach EN 16931 oder "
                    "XRechnung 3.0 in UBL 2.1 oder UN/CEFACT CII (Spezifikationskennung BT-24 "
                    "gefunden: „%(spec)s“)."
                )
                % {"spec": specification[:200] or "—"},
                Stage.INPUT,
            )
        )
        return report
    report.scenario = scenario
    schema = engines().schemas[scenario.root]
    if not schema.validate(tree):
        for error in list(schema.error_log)[:200]:
            report.messages.append(
                Message("XSD", Level.ERROR, f"Zeile {error.line}: {error.message}", Stage.XSD)
            )
    # Saxon reads the tree lxml already checked (no DTD), serialised and parsed once.
    node = engines().processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))
    report.messages += _schematron(f"cen-{scenario.syntax}", node, Stage.CEN, scenario)
    if scenario.xrechnung:
        report.messages += _schematron(f"xr-{scenario.syntax}", node, Stage.XRECHNUNG, scenario)
    report.accepted = not report.errors
    return report
