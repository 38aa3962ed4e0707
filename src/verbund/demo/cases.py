"""The demo back office: case types of the demo services, the file numbers and
letterheads of the Kreise, and citizens' applications waiting in the inboxes.

The applications are made by ``load-demo`` through the same services as the
portal's journey (a draft, its pages as the form engine parses them, uploads,
the submission, the payment), so that they are exactly what a citizen would
leave. One old file of Kreis Düren is decided, closed and past its retention,
so that the Aussonderung has something to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from verbund.demo.data import KREIS_DUEREN, MERZENICH

OLPE = "05966"
ATTENDORN = "059660004004"


@dataclass(frozen=True)
class DemoCaseType:
    service: str
    file_plan_code: str
    retention_years: int
    disposal: str
    granted_text: str = ""
    refused_text: str = ""


_BAU_GRANTED = (
    "{anrede}\n\n"
    "auf Ihren Antrag vom {eingangsdatum} (Vorgangsnummer {vorgangsnummer}) erteile ich Ihnen "
    "die Baugenehmigung für das beantragte Vorhaben in {ort} nach Maßgabe der mit "
    "Prüfvermerk versehenen Bauvorlagen.\n\n"
    "Die Gemeinde hat ihr Einvernehmen nach § 36 BauGB erteilt.\n\n"
    "Nebenbestimmungen: Der Baubeginn ist eine Woche vorher anzuzeigen (§ 74 Abs. 9 BauO "
    "NRW). Die Baugenehmigung erlischt, wenn innerhalb von drei Jahren nach ihrer Erteilung "
    "mit der Ausführung nicht begonnen wurde (§ 75 Abs. 1 BauO NRW)."
)
_BAU_REFUSED = (
    "{anrede}\n\n"
    "Ihr Antrag vom {eingangsdatum} (Vorgangsnummer {vorgangsnummer}) auf Erteilung einer "
    "Baugenehmigung wird abgelehnt.\n\nBegründung:\n"
)

CASE_TYPES: tuple[DemoCaseType, ...] = (
    DemoCaseType("baugenehmigung", "632.1", 30, "archive", _BAU_GRANTED, _BAU_REFUSED),
    DemoCaseType("fahrzeug-ausser-betrieb-setzen", "361.2", 7, "destroy"),
    DemoCaseType("reitkennzeichen-nrw", "364.1", 5, "destroy"),
    DemoCaseType("pflegewohngeld-nrw", "503.4", 10, "appraise"),
)


@dataclass(frozen=True)
class DemoSettings:
    authority: str
    file_number_pattern: str
    department: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    signatory: str
    archive_name: str


SETTINGS: tuple[DemoSettings, ...] = (
    DemoSettings(
        KREIS_DUEREN,
        "{aktenplan}-{jahr}/{nr:5}",
        "Der Landrat – Kreisverwaltung",
        "Bismarckstraße 16",
        "52351",
        "Düren",
        "02421 000-0",
        "post@kreis-dueren.demo.verbund.invalid",
        "",
        "Kreisarchiv Düren",
    ),
    DemoSettings(
        OLPE,
        "{aktenplan}.{jahr}.{nr:5}",
        "Der Landrat – Kreisverwaltung",
        "Westfälische Straße 75",
        "57462",
        "Olpe",
        "02761 000-0",
        "post@kreis-olpe.demo.verbund.invalid",
        "",
        "Kreisarchiv Olpe",
    ),
    DemoSettings(
        MERZENICH,
        "{jahr}/{nr:4}",
        "Der Bürgermeister – Bauamt",
        "Rathausplatz 1",
        "52399",
        "Merzenich",
        "02421 000-600",
        "bauamt@merzenich.demo.verbund.invalid",
        "",
        "",
    ),
)


@dataclass(frozen=True)
class DemoCourt:
    """An administrative court a Klage against a member's Bescheide goes to."""

    name: str
    street: str
    postcode: str
    city: str


VG_AACHEN = DemoCourt("Verwaltungsgericht Aachen", "Kasernenstraße 25", "52064", "Aachen")
VG_ARNSBERG = DemoCourt("Verwaltungsgericht Arnsberg", "Jägerstraße 1", "59821", "Arnsberg")
# Whose Bescheide go to which court (§ 52 VwGO; each Kreis lies in one court's
# district): (key, court, also every Gemeinde of that Kreis). Kerpen
# (Rhein-Erft-Kreis, VG Köln) has none in the demo: a Bescheid in its name is refused
# until its admins enter the court.
COURTS: tuple[tuple[str, DemoCourt, bool], ...] = (
    (KREIS_DUEREN, VG_AACHEN, True),
    (OLPE, VG_ARNSBERG, False),
    ("05958", VG_ARNSBERG, False),  # Hochsauerlandkreis
    ("05962", VG_ARNSBERG, False),  # Märkischer Kreis
    ("05970", VG_ARNSBERG, False),  # Kreis Siegen-Wittgenstein
    ("05974", VG_ARNSBERG, False),  # Kreis Soest
)


@dataclass(frozen=True)
class DemoApplication:
    """One citizen's application: the raw page input as the browser would post it."""

    service: str
    place: str
    pages: tuple[dict[str, str], ...]
    # file question -> names of generated PDFs
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)
    paid: bool = True
    # Decided and closed long ago (for the Aussonderung): the year it was closed.
    closed_in: int | None = None


def _address(prefix: str, street: str, number: str, postcode: str, city: str) -> dict[str, str]:
    return {
        f"{prefix}-strasse": street,
        f"{prefix}-hausnummer": number,
        f"{prefix}-plz": postcode,
        f"{prefix}-ort": city,
    }


APPLICATIONS: tuple[DemoApplication, ...] = (
    DemoApplication(
        service="baugenehmigung",
        place=MERZENICH,
        pages=(
            {
                "vorhaben": "neubau",
                "beschreibung": "Einfamilienhaus mit Garage, zwei Vollgeschosse, Satteldach.",
                "verfahren": "vereinfacht",
            },
            {
                **_address("grundstueck", "Am Obstgarten", "7", "52399", "Merzenich"),
                "gemarkung": "Merzenich",
                "flur": "4",
                "flurstueck": "211/3",
            },
            {
                "vorname": "Deniz",
                "nachname": "Yılmaz",
                **_address("anschrift", "Kölner Landstraße", "12", "52351", "Düren"),
            },
            {
                "entwurfsverfasser": "Architekturbüro Meyer, Dipl.-Ing. Jana Meyer",
                "kammer_nr": "AKNW 123456",
                "rohbauwert": "312.000,00",
            },
            {},
            {"email": "deniz.yilmaz@example.org", "telefon": "02421 12345"},
        ),
        files={
            "lageplan": ("Lageplan Flurstück 211-3.pdf",),
            "bauzeichnungen": ("Grundrisse EG OG.pdf", "Schnitte und Ansichten.pdf"),
            "baubeschreibung": ("Baubeschreibung.pdf",),
        },
    ),
    DemoApplication(
        service="fahrzeug-ausser-betrieb-setzen",
        place=MERZENICH,
        pages=(
            {"kennzeichen": "DN-JB 417"},
            {"fin": "WVWZZZ1JZXW000417", "sicherheitscode": "Ab3dE7x"},
            {"plakette_vorne": "x7K", "plakette_hinten": "m2Q"},
            {"grund": "verschrottung"},
            {},
            {
                "vorname": "Jonas",
                "nachname": "Becker",
                **_address("anschrift", "Valdersweg", "3", "52399", "Merzenich"),
            },
            {"iban": "DE02120300000000202051"},
            {"email": "jonas.becker@example.org"},
        ),
        files={"verwertungsnachweis": ("Verwertungsnachweis Becker.pdf",)},
    ),
    DemoApplication(
        service="pflegewohngeld-nrw",
        place=MERZENICH,
        pages=(
            {"vertretung": "ja"},
            {"vertreter_name": "Thomas Schulz"},
            {
                "vorname": "Elisabeth",
                "nachname": "Schulz",
                "geburtsdatum-tag": "3",
                "geburtsdatum-monat": "5",
                "geburtsdatum-jahr": "1938",
            },
            {
                "heim_name": "Seniorenzentrum St. Josef",
                **_address("heim_anschrift", "Kirchstraße", "10", "52399", "Merzenich"),
                "einzug-tag": "1",
                "einzug-monat": "9",
                "einzug-jahr": "2026",
            },
            {"pflegegrad": "3"},
            {"einkommen": "1.420,50", "vermoegen": "nein"},
            {"heim_iban": "DE89370400440532013000"},
            {},
            {"email": "thomas.schulz@example.org"},
        ),
        files={
            "vollmacht": ("Betreuerausweis.pdf",),
            "heimvertrag": ("Heimvertrag.pdf",),
            "pflegegrad_bescheid": ("Bescheid Pflegekasse.pdf",),
            "einkommensnachweise": ("Rentenbescheid 2026.pdf",),
            "vermoegensnachweise": ("Kontoauszüge Juni bis August.pdf",),
        },
    ),
    DemoApplication(
        service="reitkennzeichen-nrw",
        place=ATTENDORN,
        pages=(
            {"erstausgabe": "ja"},
            {
                "pferd_name": "Luna",
                "pferd_rasse": "Haflinger",
                "pferd_geburtsjahr": "2016",
                "pferd_farbe": "fuchs",
            },
            {},
            {
                "vorname": "Marie",
                "nachname": "Hoffmann",
                **_address("anschrift", "Kölner Straße", "21", "57439", "Attendorn"),
            },
            {"email": "marie.hoffmann@example.org"},
        ),
        files={"versicherung": ("Versicherungsbestätigung Luna.pdf",)},
    ),
    DemoApplication(
        service="fahrzeug-ausser-betrieb-setzen",
        place=MERZENICH,
        pages=(
            {"kennzeichen": "DN-KW 88"},
            {"fin": "WBA3A5C50DF000088", "sicherheitscode": "Kw8x2Lm"},
            {"plakette_vorne": "Rt4", "plakette_hinten": "p9Z"},
            {"grund": "verkauf"},
            {
                "vorname": "Karin",
                "nachname": "Wolff",
                **_address("anschrift", "Hauptstraße", "40", "52399", "Merzenich"),
            },
            {"iban": "DE02120300000000202051"},
            {"email": "karin.wolff@example.org"},
        ),
        paid=False,
    ),
    DemoApplication(
        service="fahrzeug-ausser-betrieb-setzen",
        place=MERZENICH,
        pages=(
            {"kennzeichen": "DN-HS 1"},
            {"fin": "WDB1240261A000001", "sicherheitscode": "Hs1old9"},
            {"plakette_vorne": "a1B", "plakette_hinten": "c2D"},
            {"grund": "voruebergehend"},
            {
                "vorname": "Heinz",
                "nachname": "Schmitz",
                **_address("anschrift", "Mühlenweg", "2", "52399", "Merzenich"),
            },
            {"iban": "DE02120300000000202051"},
            {"email": "heinz.schmitz@example.org"},
        ),
        closed_in=2016,
    ),
)
