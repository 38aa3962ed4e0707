"""The demo catalogue: services built by one member and adopted by others.

Every LeiKa key comes from the team's sourced list
(``shared/research/leika-services.md``); a service without a key there has
``leika_key=None``. Authority keys, names and postcodes come from the demo
register excerpt (``authorities/fixtures/gv100ad_demo.txt``); an office of a
Kreis uses the postcode of the town where the Kreis has its seat. Streets, phone numbers (``000-``)
and e-mail addresses (``*.demo.verbund.invalid``) are made up. Fees follow the
sources named in the research file; where a municipality sets its own fee, the
amount shown is an illustration for the demo.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from verbund.demo.data import (
    INDEN,
    JUELICH,
    KERPEN,
    KREIS_DUEREN,
    LINNICH,
    MERZENICH,
    NIEDERZIER,
)


@dataclass(frozen=True)
class DemoOffice:
    authority: str  # ARS key: 5-digit Kreis key or 12-digit Gemeinde ARS
    name: str  # e.g. "Straßenverkehrsamt – Zulassungsstelle"
    street: str
    postcode: str  # 5 digits, the authority's real postcode area
    city: str
    phone: str
    email: str  # always @<something>.demo.verbund.invalid
    opening_hours: str  # one line per rule
    accessibility: str  # building access, one or two sentences


@dataclass(frozen=True)
class DemoAdoption:
    authority: str  # ARS key of the adopting authority
    office: str  # name of a DemoOffice of the same authority
    fees: tuple[tuple[str, str], ...]  # (label, amount as "16.80"); may be empty
    online: bool
    started_on: str  # ISO date


@dataclass(frozen=True)
class DemoService:
    slug: str
    leika_key: str | None  # from the research file only; None where no key exists
    ozg_id: int | None  # OZG-Leistung ID where the research file names one
    title: str
    summary: str  # plain language (einfache Sprache)
    sections: dict[str, str]  # every key of SECTION_FIELDS
    processing_days: int | None
    synonyms: tuple[str, ...]  # what citizens type
    themenfeld: str  # a Themenfeld value
    level: str  # "gemeinde" or "kreis"
    maturity: int  # 0..7, OZG maturity model 2.0
    online_url: str  # "" for information-only services
    builder: str  # ARS key of the building member
    adoptions: tuple[DemoAdoption, ...]


@dataclass(frozen=True)
class DemoException:
    service: str  # slug
    area: str  # ARS of the place where the exception applies
    responsible: str  # ARS of the authority that handles the service there
    note: str  # the legal basis


# Kreise of the Entwicklungspartnerschaft Südwestfalen and the Landkreis Würzburg.
SOEST, OLPE, HSK, SIWI, MK = "05974", "05966", "05958", "05970", "05962"
LK_WUERZBURG = "09679"
# Gemeinden of the Landkreis Würzburg (Einheitsgemeinden, each its own Meldebehörde).
HOECHBERG, VEITSHOECHHEIM, GERBRUNN = "096790147147", "096790202202", "096790136136"
RIMPAR, ROTTENDORF = "096790180180", "096790185185"
ARNSBERG = "059580004004"

_PORTAL = "https://portal.demo.verbund.invalid/leistungen/"

# Offices (Organisationseinheiten), one per authority and kind of task.
_ZULASSUNG = "Straßenverkehrsamt – Zulassungsstelle"
_ZULASSUNG_BY = "Landratsamt – Kfz-Zulassungsstelle"
_FAHRERLAUBNIS = "Straßenverkehrsamt – Fahrerlaubnisbehörde"
_NATURSCHUTZ = "Untere Naturschutzbehörde"
_PFLEGEWOHNGELD = "Sozialamt – Pflegewohngeld"
_BAUAUFSICHT = "Bauaufsicht"
_SCHWERBEHINDERTENRECHT = "Sozialamt – Schwerbehindertenrecht"
_BUERGERBUERO = "Bürgerbüro"
_ORDNUNGSAMT = "Ordnungsamt"
_STEUERAMT = "Steueramt"
_WAHLAMT = "Wahlamt"
_STANDESAMT = "Standesamt"
_ABFALL = "Abfallberatung"

_HOURS_KREIS = "Mo–Fr 8:00–12:00\nDo 14:00–17:30"
_HOURS_VERKEHR = "Mo, Di, Fr 7:30–12:30\nDo 7:30–12:30 und 14:00–17:30\nMi nur mit Termin"
_HOURS_BY_APPOINTMENT = "Mo–Do 8:30–12:00 und 13:30–15:30\nFr 8:30–12:00\nTermine nach Vereinbarung"
_HOURS_RATHAUS = "Mo–Fr 8:30–12:00\nDo 14:00–18:00"
_HOURS_BUERGERBUERO = (
    "Mo–Mi 7:30–15:30\nDo 7:30–18:00\nFr 7:30–12:30\nSa 9:00–12:00 (am ersten Samstag im Monat)"
)
_HOURS_BAYERN = "Mo–Fr 8:00–12:00\nDi 14:00–16:00\nDo 14:00–18:00"


@dataclass(frozen=True)
class _Seat:
    """Where an authority serves the public: its main building."""

    street: str
    postcode: str
    city: str
    area_code: str
    domain: str
    accessibility: str


_STEP_FREE = "Das Gebäude ist stufenlos erreichbar, ein Aufzug führt in alle Etagen."
_SIDE_DOOR = (
    "Der Seiteneingang hat eine automatische Tür; im Erdgeschoss gibt es ein barrierefreies WC."
)
_LOOP = (
    "Der Zugang ist stufenlos. An der Information gibt es eine Induktionsschleife für Hörgeräte."
)
_RAMP = "Eine Rampe führt zum Haupteingang, ein Aufzug ist vorhanden."
_GROUND_FLOOR = (
    "Das Erdgeschoss ist stufenlos erreichbar, das Obergeschoss hat keinen Aufzug. Termine "
    "finden bei Bedarf im Erdgeschoss statt."
)
_STEPS = "Der Haupteingang hat drei Stufen; der Seiteneingang mit Klingel ist stufenlos."

# A Kreis serves at its seat (Kreishaus, Landratsamt), with that town's postcode from the register.
_SEATS: dict[str, _Seat] = {
    SOEST: _Seat("Hoher Weg 1", "59494", "Soest", "02921", "kreis-soest", _STEP_FREE),
    OLPE: _Seat("Westfälische Straße 75", "57462", "Olpe", "02761", "kreis-olpe", _SIDE_DOOR),
    HSK: _Seat("Steinstraße 27", "59872", "Meschede", "0291", "hochsauerlandkreis", _LOOP),
    SIWI: _Seat("Koblenzer Straße 73", "57072", "Siegen", "0271", "siegen-wittgenstein", _RAMP),
    MK: _Seat("Kreishausplatz 1", "58507", "Lüdenscheid", "02351", "maerkischer-kreis", _LOOP),
    LK_WUERZBURG: _Seat(
        "Am Landratsamt 1", "97070", "Würzburg", "0931", "lra-wuerzburg", _STEP_FREE
    ),
    KREIS_DUEREN: _Seat("Bismarckstraße 16", "52351", "Düren", "02421", "kreis-dueren", _STEP_FREE),
    MERZENICH: _Seat("Rathausplatz 1", "52399", "Merzenich", "02421", "merzenich", _RAMP),
    KERPEN: _Seat("Jahnplatz 1", "50171", "Kerpen", "02237", "kerpen", _LOOP),
    JUELICH: _Seat("Große Rurstraße 17", "52428", "Jülich", "02461", "juelich", _SIDE_DOOR),
    LINNICH: _Seat("Rurdorfer Straße 64", "52441", "Linnich", "02462", "linnich", _GROUND_FLOOR),
    INDEN: _Seat("Rathausstraße 1", "52459", "Inden", "02465", "inden", _STEP_FREE),
    NIEDERZIER: _Seat("Rathausstraße 8", "52382", "Niederzier", "02428", "niederzier", _RAMP),
    HOECHBERG: _Seat("Hauptstraße 58", "97204", "Höchberg", "0931", "hoechberg", _STEP_FREE),
    VEITSHOECHHEIM: _Seat(
        "Rathausplatz 1", "97209", "Veitshöchheim", "0931", "veitshoechheim", _SIDE_DOOR
    ),
    GERBRUNN: _Seat("Kirchplatz 2", "97218", "Gerbrunn", "0931", "gerbrunn", _STEPS),
    RIMPAR: _Seat("Marktplatz 1", "97222", "Rimpar", "09365", "rimpar", _GROUND_FLOOR),
    ROTTENDORF: _Seat("Am Rathaus 4", "97228", "Rottendorf", "09302", "rottendorf", _STEP_FREE),
}


def _office(authority: str, name: str, mailbox: str, extension: str, hours: str) -> DemoOffice:
    seat = _SEATS[authority]
    return DemoOffice(
        authority=authority,
        name=name,
        street=seat.street,
        postcode=seat.postcode,
        city=seat.city,
        phone=f"{seat.area_code} 000-{extension}",
        email=f"{mailbox}@{seat.domain}.demo.verbund.invalid",
        opening_hours=hours,
        accessibility=seat.accessibility,
    )


OFFICES: tuple[DemoOffice, ...] = (
    # Kreise (Südwestfalen)
    *(
        _office(kreis, _ZULASSUNG, "zulassung", "310", _HOURS_VERKEHR)
        for kreis in (SOEST, OLPE, HSK, SIWI, MK)
    ),
    *(
        _office(kreis, _NATURSCHUTZ, "naturschutz", "410", _HOURS_BY_APPOINTMENT)
        for kreis in (SOEST, OLPE, HSK, SIWI, MK)
    ),
    *(
        _office(kreis, _FAHRERLAUBNIS, "fuehrerschein", "320", _HOURS_VERKEHR)
        for kreis in (SOEST, OLPE, MK)
    ),
    *(
        _office(kreis, _PFLEGEWOHNGELD, "pflegewohngeld", "510", _HOURS_KREIS)
        for kreis in (SOEST, OLPE, SIWI)
    ),
    *(
        _office(kreis, _BAUAUFSICHT, "bauaufsicht", "610", _HOURS_BY_APPOINTMENT)
        for kreis in (OLPE, HSK, SIWI)
    ),
    *(
        _office(kreis, _SCHWERBEHINDERTENRECHT, "schwerbehindertenrecht", "520", _HOURS_KREIS)
        for kreis in (HSK, MK)
    ),
    # Kreis Düren
    _office(KREIS_DUEREN, _ZULASSUNG, "zulassung", "310", _HOURS_VERKEHR),
    _office(KREIS_DUEREN, _BAUAUFSICHT, "bauaufsicht", "610", _HOURS_BY_APPOINTMENT),
    _office(KREIS_DUEREN, _PFLEGEWOHNGELD, "pflegewohngeld", "510", _HOURS_KREIS),
    # Landkreis Würzburg and five of its Gemeinden
    _office(LK_WUERZBURG, _ZULASSUNG_BY, "zulassung", "310", _HOURS_VERKEHR),
    *(
        _office(gemeinde, _BUERGERBUERO, "buergerbuero", "100", _HOURS_BAYERN)
        for gemeinde in (HOECHBERG, VEITSHOECHHEIM, GERBRUNN, RIMPAR, ROTTENDORF)
    ),
    # Gemeinden of the DLZ
    *(
        _office(gemeinde, _ORDNUNGSAMT, "ordnungsamt", "200", _HOURS_RATHAUS)
        for gemeinde in (MERZENICH, KERPEN, JUELICH, LINNICH, INDEN, NIEDERZIER)
    ),
    *(
        _office(gemeinde, _BUERGERBUERO, "buergerbuero", "100", _HOURS_BUERGERBUERO)
        for gemeinde in (MERZENICH, JUELICH, LINNICH, INDEN, NIEDERZIER)
    ),
    *(
        _office(gemeinde, _STEUERAMT, "steueramt", "300", _HOURS_RATHAUS)
        for gemeinde in (MERZENICH, JUELICH, INDEN, NIEDERZIER)
    ),
    *(
        _office(gemeinde, _WAHLAMT, "wahlamt", "150", _HOURS_RATHAUS)
        for gemeinde in (JUELICH, LINNICH, INDEN, NIEDERZIER)
    ),
    *(
        _office(gemeinde, _ABFALL, "abfallberatung", "400", _HOURS_RATHAUS)
        for gemeinde in (MERZENICH, LINNICH, INDEN)
    ),
    *(
        _office(gemeinde, _STANDESAMT, "standesamt", "120", _HOURS_BY_APPOINTMENT)
        for gemeinde in (JUELICH, LINNICH)
    ),
    _office(KERPEN, _BAUAUFSICHT, "bauaufsicht", "610", _HOURS_BY_APPOINTMENT),
)


# The sections of a Leistungsbeschreibung, in the order of SECTION_FIELDS.
_SECTION_KEYS = (
    "volltext",
    "voraussetzungen",
    "unterlagen",
    "kosten",
    "verfahrensablauf",
    "bearbeitungsdauer",
    "fristen",
    "rechtsgrundlagen",
    "hinweise",
)


def _sections(block: str) -> dict[str, str]:
    """Read the nine sections from ``block``: ``key: text`` starts a section, a line
    starting with ``- `` starts a list item, and any other line continues the one before."""
    sections: dict[str, list[str]] = {}
    lines: list[str] = []
    for raw in textwrap.dedent(block).strip().splitlines():
        key, colon, rest = raw.partition(":")
        if colon and key in _SECTION_KEYS and key not in sections:
            lines = sections[key] = [rest.strip()] if rest.strip() else []
        elif not sections:
            raise ValueError(f"text before the first section: {raw!r}")
        elif raw.startswith("- ") or not lines:
            lines.append(raw.strip())
        else:
            lines[-1] += " " + raw.strip()
    if tuple(sections) != _SECTION_KEYS:
        raise ValueError(f"sections {tuple(sections)} are not {_SECTION_KEYS}")
    return {key: "\n".join(lines) for key, lines in sections.items()}


def _synonyms(text: str) -> tuple[str, ...]:
    """Search terms, separated by semicolons."""
    return tuple(term.strip() for term in text.split(";"))


_A = DemoAdoption
# Federal fee base (GebOSt) as given for München in the research file.
_FEE_AUSSERBETRIEB = (("Außerbetriebsetzung (Gebühr nach GebOSt)", "16.80"),)
# Kreis Paderborn: first issue 40 € = 25 € Reitabgabe + 10 € fee + 5 € costs.
_FEE_REIT = (
    ("Reitabgabe (Erstausgabe)", "25.00"),
    ("Verwaltungsgebühr (Erstausgabe)", "10.00"),
    ("Reitkennzeichen und Plakette (Sachkosten)", "5.00"),
    ("Jahresplakette mit Reitabgabe (Folgejahre)", "25.00"),
)
# NRW Gemeinden set their own fee; the amounts are illustrations.
_FEE_GEWERBE = (("Gewerbeanmeldung", "26.00"),)
_FEE_MELDE = (("Meldebescheinigung, schriftlich", "5.00"),)
# PVOG Köln.
_FEE_GEBURT = (
    ("Geburtsurkunde, erste Ausfertigung", "10.00"),
    ("jede weitere Ausfertigung im selben Auftrag", "5.00"),
)

SERVICES: tuple[DemoService, ...] = (
    DemoService(
        slug="fahrzeug-ausser-betrieb-setzen",
        leika_key="99036008070002",
        ozg_id=None,
        title="Fahrzeug außer Betrieb setzen (abmelden)",
        summary=(
            "Sie möchten Ihr Auto oder ein anderes Fahrzeug nicht mehr fahren? Dann melden "
            "Sie es bei der Zulassungsstelle ab. Die Zulassungsstelle gibt dem Zoll für die "
            "Kfz-Steuer und Ihrer Versicherung Bescheid."
        ),
        sections=_sections(
            """
            volltext: Mit der Außerbetriebsetzung nehmen Sie ein Fahrzeug aus dem Straßenverkehr.
              Die Zulassungsstelle entstempelt die Kennzeichen und meldet die Abmeldung an das
              Hauptzollamt und an Ihre Kfz-Versicherung. Ein abgemeldetes Fahrzeug darf nicht auf
              öffentlichen Straßen fahren oder parken.
            voraussetzungen:
            - Das Fahrzeug ist in Deutschland zugelassen.
            - Sie sind Halterin oder Halter oder haben eine schriftliche Vollmacht.
            - Für den Online-Antrag: Zulassungsbescheinigung Teil I und Stempelplaketten mit
              verdecktem Sicherheitscode (ausgegeben ab 2015).
            unterlagen:
            - Zulassungsbescheinigung Teil I (Fahrzeugschein, mit dem freigelegten
              Sicherheitscode)
            - Kennzeichenschilder (beide, mit den freigelegten Sicherheitscodes der
              Stempelplaketten)
            - bei Verschrottung: Verwertungsnachweis
            kosten: Die Gebühr richtet sich nach der bundesweit geltenden Gebührenordnung für
              Maßnahmen im Straßenverkehr (GebOSt); als Grundbetrag gelten 16,80 Euro. Den Betrag
              Ihrer Zulassungsstelle sehen Sie unten.
            verfahrensablauf: Online legen Sie die Sicherheitscodes frei, geben sie ein und bezahlen
              direkt; die Bestätigung kommt per E-Mail. Vor Ort entstempelt die Zulassungsstelle die
              Kennzeichen und vermerkt die Abmeldung in der Zulassungsbescheinigung; dorthin bringen
              Sie außerdem Ihren Personalausweis oder Reisepass mit, bei Vertretung die Vollmacht
              und den Ausweis der Halterin oder des Halters.
            bearbeitungsdauer: Vor Ort sofort. Online wird die Abmeldung wirksam, sobald der Antrag
              vollständig und die Gebühr bezahlt ist.
            fristen: Es gibt keine Frist. Kfz-Steuer und Versicherung laufen aber weiter, bis das
              Fahrzeug abgemeldet ist.
            rechtsgrundlagen:
            - Fahrzeug-Zulassungsverordnung (FZV): Außerbetriebsetzung und Wiederzulassung
            - Gebührenordnung für Maßnahmen im Straßenverkehr (GebOSt)
            hinweise: Ihr Kennzeichen können Sie für eine spätere Wiederzulassung reservieren
              lassen. Für ein verschrottetes Fahrzeug brauchen Sie den Verwertungsnachweis eines
              anerkannten Demontagebetriebs.
            """
        ),
        processing_days=1,
        synonyms=_synonyms(
            "Auto abmelden; Kfz abmelden; Fahrzeug abmelden; Außerbetriebsetzung; Stilllegung; "
            "Pkw abmelden; Kfz stilllegen; Motorrad abmelden; Kennzeichen entstempeln; "
            "Fahrzeugabmeldung"
        ),
        themenfeld="mobilitaet-reisen",
        level="kreis",
        maturity=5,
        online_url=_PORTAL + "fahrzeug-ausser-betrieb-setzen",
        builder=MK,
        adoptions=(
            _A(MK, _ZULASSUNG, _FEE_AUSSERBETRIEB, True, "2023-03-01"),
            _A(HSK, _ZULASSUNG, _FEE_AUSSERBETRIEB, True, "2023-05-15"),
            _A(SOEST, _ZULASSUNG, _FEE_AUSSERBETRIEB, True, "2023-09-01"),
            _A(OLPE, _ZULASSUNG, _FEE_AUSSERBETRIEB, True, "2024-02-01"),
            _A(SIWI, _ZULASSUNG, _FEE_AUSSERBETRIEB, False, "2024-06-01"),
            _A(LK_WUERZBURG, _ZULASSUNG_BY, _FEE_AUSSERBETRIEB, True, "2025-01-15"),
            _A(KREIS_DUEREN, _ZULASSUNG, _FEE_AUSSERBETRIEB, True, "2024-09-01"),
        ),
    ),
    DemoService(
        slug="reitkennzeichen-nrw",
        leika_key=None,
        ozg_id=10162,
        title="Reitkennzeichen beantragen",
        summary=(
            "Sie möchten in Nordrhein-Westfalen mit Ihrem Pferd im Wald oder in der freien "
            "Landschaft reiten? Dafür braucht Ihr Pferd ein Reitkennzeichen. Mit der "
            "jährlichen Plakette bezahlen Sie die Reitabgabe."
        ),
        sections=_sections(
            """
            volltext: Wer in NRW im Wald oder in der freien Landschaft reitet, braucht für das Pferd
              ein gut sichtbares Reitkennzeichen. Das Kennzeichen bleibt beim Pferd; jedes Jahr
              kommt eine neue Plakette dazu. Mit der Plakette zahlen Sie die Reitabgabe. Sie dient
              dem Bau und der Pflege von Reitwegen.
            voraussetzungen:
            - Sie sind Halterin oder Halter des Pferdes.
            - Für das Pferd besteht eine Tierhalter-Haftpflichtversicherung.
            unterlagen:
            - Nachweis der Tierhalter-Haftpflichtversicherung (zum Beispiel die
              Versicherungsbestätigung)
            - bei einer neuen Jahresplakette: Nummer des Reitkennzeichens
            kosten: Bei der ersten Ausgabe zahlen Sie Reitabgabe, Verwaltungsgebühr und Sachkosten,
              in den Folgejahren nur die Jahresplakette mit der Reitabgabe. Die Beträge Ihres
              Kreises sehen Sie unten.
            verfahrensablauf: Sie stellen den Antrag online oder bei der unteren Naturschutzbehörde
              und nennen darin Name, Rasse, Farbe und Geburtsjahr des Pferdes; vor Ort zeigen Sie
              außerdem Ihren Personalausweis oder Reisepass. Nach der Zahlung schickt der Kreis
              Ihnen Reitkennzeichen und Plakette zu. Befestigen Sie das Kennzeichen gut sichtbar am
              Pferd, zum Beispiel am Zaumzeug oder Sattel.
            bearbeitungsdauer: In der Regel erhalten Sie Kennzeichen und Plakette innerhalb von zwei
              Wochen per Post.
            fristen: Die Plakette gilt für ein Kalenderjahr. Beantragen Sie die neue rechtzeitig vor
              Jahresbeginn.
            rechtsgrundlagen:
            - § 58 LNatSchG NRW: Reiten in der freien Landschaft und im Wald
            - LNatSchG NRW: Reitkennzeichen und Reitabgabe
            - Allgemeine Verwaltungsgebührenordnung NRW (AVerwGebO NRW)
            hinweise: Wer ohne gültiges Kennzeichen im Wald oder in der freien Landschaft reitet,
              handelt ordnungswidrig. Auf Reitanlagen und Reitplätzen brauchen Sie kein
              Reitkennzeichen. Wo Sie reiten dürfen, zeigt die Reitwegekarte Ihres Kreises.
            """
        ),
        processing_days=10,
        synonyms=_synonyms(
            "Reitplakette; Pferd Kennzeichen; Reiten im Wald; Reitabgabe; Pferdekennzeichen; "
            "Jahresplakette Pferd; Ausreiten; Reitkennzeichen verlängern"
        ),
        themenfeld="engagement-hobby",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "reitkennzeichen-nrw",
        builder=HSK,
        adoptions=(
            _A(HSK, _NATURSCHUTZ, _FEE_REIT, True, "2023-04-01"),
            _A(SOEST, _NATURSCHUTZ, _FEE_REIT, True, "2023-06-01"),
            _A(OLPE, _NATURSCHUTZ, _FEE_REIT, True, "2023-06-01"),
            _A(SIWI, _NATURSCHUTZ, _FEE_REIT, True, "2024-03-01"),
            _A(MK, _NATURSCHUTZ, _FEE_REIT, False, "2024-09-01"),
        ),
    ),
    DemoService(
        slug="pflegewohngeld-nrw",
        leika_key="99107049000000",
        ozg_id=10224,
        title="Pflegewohngeld beantragen",
        summary=(
            "Sie leben in einem Pflegeheim in Nordrhein-Westfalen und können die Kosten für "
            "das Gebäude nicht selbst bezahlen? Dann kann Pflegewohngeld helfen. Den Zuschuss "
            "bekommt direkt das Pflegeheim."
        ),
        sections=_sections(
            """
            volltext: Pflegeheime berechnen auch Investitionskosten, also Kosten für Bau,
              Ausstattung und Instandhaltung des Gebäudes. Reichen Einkommen und Vermögen dafür
              nicht aus, übernimmt der Kreis sie ganz oder teilweise als Pflegewohngeld. Der
              Zuschuss muss nicht zurückgezahlt werden.
            voraussetzungen:
            - Sie leben dauerhaft in einer vollstationären Pflegeeinrichtung in NRW.
            - Die Pflegekasse hat mindestens Pflegegrad 2 festgestellt.
            - Ihr Einkommen und Vermögen reichen für die Investitionskosten nicht aus; ein
              Schonvermögen bleibt dabei unberücksichtigt.
            unterlagen:
            - Heimvertrag
            - Bescheid der Pflegekasse über den Pflegegrad
            - Nachweise über Ihr Einkommen (zum Beispiel Rentenbescheide)
            - Nachweise über Ihr Vermögen (zum Beispiel die Kontoauszüge der letzten drei Monate)
            - bei Vertretung: Vollmacht oder Betreuerausweis
            kosten: Der Antrag ist kostenlos.
            verfahrensablauf: Meist reicht das Pflegeheim den Antrag für Sie beim Kreis ein; Sie
              können ihn auch selbst online stellen oder das unterschriebene Antragsformular
              schicken. Das
              Sozialamt prüft Einkommen und Vermögen und schickt Ihnen einen Bescheid. Das Geld geht
              direkt an das Heim; Ihre Rechnung wird entsprechend niedriger.
            bearbeitungsdauer: In der Regel vier bis acht Wochen, wenn alle Unterlagen vorliegen.
            fristen: Stellen Sie den Antrag möglichst gleich beim Einzug; für die Zeit davor gibt es
              in der Regel kein Pflegewohngeld. Nach dem Bewilligungszeitraum beantragen Sie die
              Weiterbewilligung.
            rechtsgrundlagen:
            - § 14 Alten- und Pflegegesetz Nordrhein-Westfalen (APG NRW)
            - Verordnung zur Ausführung des APG NRW (APG DVO NRW)
            hinweise: Zuständig ist der Kreis oder die kreisfreie Stadt, in dem das Pflegeheim
              liegt. Pflegewohngeld deckt nur die Investitionskosten; für die übrigen Heimkosten
              kann Hilfe zur Pflege vom Sozialamt in Frage kommen.
            """
        ),
        processing_days=30,
        synonyms=_synonyms(
            "Pflegeheim Kosten; Zuschuss Pflegeheim; Heimkosten; Investitionskosten Pflegeheim; "
            "Pflegeheim bezahlen; Altenheim Zuschuss"
        ),
        themenfeld="gesundheit",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "pflegewohngeld-nrw",
        builder=SOEST,
        adoptions=(
            _A(SOEST, _PFLEGEWOHNGELD, (), True, "2024-01-15"),
            _A(OLPE, _PFLEGEWOHNGELD, (), True, "2024-07-01"),
            _A(SIWI, _PFLEGEWOHNGELD, (), False, "2025-02-01"),
            _A(KREIS_DUEREN, _PFLEGEWOHNGELD, (), True, "2025-01-01"),
        ),
    ),
    DemoService(
        slug="baugenehmigung",
        leika_key="99012008001000",
        ozg_id=10519,
        title="Baugenehmigung beantragen",
        summary=(
            "Sie möchten ein Haus bauen, anbauen oder ein Gebäude anders nutzen? Dafür "
            "brauchen Sie meist eine Baugenehmigung. Den Bauantrag stellt für Sie eine "
            "Architektin, ein Architekt oder eine andere bauvorlageberechtigte Person."
        ),
        sections=_sections(
            """
            volltext: Die Baugenehmigung bestätigt, dass Ihr Vorhaben dem öffentlichen Baurecht
              entspricht. Für die meisten Wohngebäude gilt das vereinfachte Verfahren. Manche
              kleinen Vorhaben sind verfahrensfrei, müssen aber trotzdem das Baurecht einhalten.
            voraussetzungen:
            - Das Vorhaben ist weder verfahrensfrei noch von der Genehmigung freigestellt.
            - Eine bauvorlageberechtigte Person hat die Bauvorlagen erstellt und unterschrieben.
            - Sie sind Eigentümerin oder Eigentümer des Grundstücks oder haben deren Zustimmung.
            unterlagen:
            - amtlicher Lageplan
            - Bauzeichnungen (Grundrisse, Schnitte, Ansichten)
            - Baubeschreibung (mit der Berechnung des Rohbauwerts)
            - soweit erforderlich: bautechnische Nachweise (Standsicherheit, Brandschutz, Wärme- und
              Schallschutz; auch bis zum Baubeginn nachzureichen)
            - Mitgliedsnummer der Architekten- oder Ingenieurkammer (weist nach, dass die Person,
              die den Bauantrag erstellt, bauvorlageberechtigt ist)
            kosten: Die Gebühr richtet sich nach der Allgemeinen Verwaltungsgebührenordnung NRW,
              Tarifstelle 2.4, und hängt vom Rohbauwert ab. Sie steht im Bescheid; dazu können
              Kosten für Prüfingenieure kommen.
            verfahrensablauf: Ihre Entwurfsverfasserin oder Ihr Entwurfsverfasser reicht den
              Bauantrag bei der unteren Bauaufsichtsbehörde ein, auch digital. Die Bauaufsicht prüft
              die Vollständigkeit, beteiligt Fachstellen und, wo nötig, die Gemeinde (Einvernehmen
              nach § 36 BauGB) und erteilt dann den Bescheid.
            bearbeitungsdauer: Im vereinfachten Verfahren meist zwei bis drei Monate ab
              vollständigen Unterlagen.
            fristen: Bauen Sie erst, wenn die Genehmigung vorliegt, und zeigen Sie den Baubeginn
              vorher an. Die Genehmigung erlischt, wenn Sie nicht innerhalb von drei Jahren beginnen
              oder den Bau länger als ein Jahr unterbrechen; die Frist kann auf Antrag verlängert
              werden.
            rechtsgrundlagen:
            - §§ 64 ff. Bauordnung für das Land Nordrhein-Westfalen (BauO NRW 2018)
            - § 57 BauO NRW 2018: Bauaufsichtsbehörden
            - § 36 Baugesetzbuch (BauGB): Einvernehmen der Gemeinde
            - Allgemeine Verwaltungsgebührenordnung NRW, Tarifstelle 2.4
            hinweise: In großen und mittleren kreisangehörigen Städten, etwa Kerpen oder Arnsberg,
              ist die Stadt selbst die untere Bauaufsichtsbehörde; sonst ist es der Kreis. Lassen
              Sie sich vor dem Antrag beraten. Offene Einzelfragen klärt ein Bauvorbescheid.
            """
        ),
        processing_days=60,
        synonyms=_synonyms(
            "Bauantrag; Bauantrag stellen; Bauen; Hausbau; Anbau genehmigen; Nutzungsänderung; "
            "Baugenehmigungsverfahren; Bauaufsicht"
        ),
        themenfeld="bauen-wohnen",
        level="kreis",
        maturity=4,
        online_url=_PORTAL + "baugenehmigung",
        builder=SIWI,
        adoptions=(
            _A(SIWI, _BAUAUFSICHT, (), True, "2023-10-01"),
            _A(OLPE, _BAUAUFSICHT, (), True, "2024-04-01"),
            _A(HSK, _BAUAUFSICHT, (), True, "2025-03-01"),
            _A(KERPEN, _BAUAUFSICHT, (), True, "2025-09-01"),
            _A(KREIS_DUEREN, _BAUAUFSICHT, (), True, "2025-06-01"),
        ),
    ),
    DemoService(
        slug="gewerbeanmeldung",
        leika_key="99050012104000",
        ozg_id=None,
        title="Gewerbe anmelden",
        summary=(
            "Sie machen sich selbstständig und beginnen ein Gewerbe? Dann melden Sie es bei "
            "der Gemeinde an, in der Ihr Betrieb liegt. Das geht auch online."
        ),
        sections=_sections(
            """
            volltext: Wer ein Gewerbe beginnt, auch im Nebenerwerb oder als Zweigstelle, zeigt das
              der Gemeinde an, in der der Betrieb liegt. Die Gemeinde gibt die Angaben an andere
              Stellen weiter, etwa an das Finanzamt, die Kammern und die Berufsgenossenschaft.
            voraussetzungen:
            - Sie üben eine gewerbliche Tätigkeit aus; freie Berufe und die Landwirtschaft sind kein
              Gewerbe.
            - Für erlaubnispflichtige Gewerbe, etwa Bewachung oder Immobilienvermittlung, brauchen
              Sie zusätzlich eine Erlaubnis.
            - Für ein zulassungspflichtiges Handwerk: Eintragung in die Handwerksrolle.
            unterlagen:
            - Personalausweis oder Reisepass (bei einer Staatsangehörigkeit außerhalb der EU, des
              EWR und der Schweiz auch der Aufenthaltstitel, der die selbstständige Tätigkeit
              erlaubt)
            - falls nötig: Erlaubnis oder Handwerkskarte
            kosten: Die Gebühr legt in NRW jede Gemeinde im Rahmen des Gebührenrechts selbst fest.
              Den Betrag Ihrer Gemeinde sehen Sie unten.
            verfahrensablauf: Sie füllen die Gewerbeanmeldung online aus oder geben sie im
              Ordnungsamt ab und erhalten eine Empfangsbescheinigung (Gewerbeschein). Online melden
              Einzelunternehmerinnen und Einzelunternehmer sich selbst an; Gesellschaften und
              Bevollmächtigte melden im Ordnungsamt an, mit Handelsregisterauszug oder
              Gesellschaftsvertrag und der Vollmacht. Den Fragebogen
              zur steuerlichen Erfassung reichen Sie selbst über ELSTER beim Finanzamt ein.
            bearbeitungsdauer: Vor Ort meist sofort, online in wenigen Tagen.
            fristen: Melden Sie das Gewerbe gleichzeitig mit dem Beginn der Tätigkeit an. Wer die
              Anzeige vergisst, riskiert ein Bußgeld.
            rechtsgrundlagen:
            - § 14 Gewerbeordnung (GewO): Anzeigepflicht
            - § 15 GewO: Empfangsbescheinigung
            - Gebührenrecht des Landes NRW und Gebührensatzung der Gemeinde
            hinweise: Ändern sich später Anschrift oder Tätigkeit, zeigen Sie auch das an. Geben Sie
              das Gewerbe auf, melden Sie es ab.
            """
        ),
        processing_days=3,
        synonyms=_synonyms(
            "Gewerbeanmeldung; Gewerbeschein; Gewerbe anzeigen; Selbstständig machen; "
            "Firma anmelden; Existenzgründung; Nebengewerbe anmelden; Kleingewerbe"
        ),
        themenfeld="unternehmen",
        level="gemeinde",
        maturity=4,
        online_url=_PORTAL + "gewerbeanmeldung",
        builder=MERZENICH,
        adoptions=(
            _A(MERZENICH, _ORDNUNGSAMT, _FEE_GEWERBE, True, "2024-02-01"),
            _A(JUELICH, _ORDNUNGSAMT, _FEE_GEWERBE, True, "2024-03-01"),
            _A(KERPEN, _ORDNUNGSAMT, (("Gewerbeanmeldung", "30.00"),), True, "2024-05-01"),
            _A(LINNICH, _ORDNUNGSAMT, (("Gewerbeanmeldung", "25.00"),), True, "2024-06-01"),
            _A(INDEN, _ORDNUNGSAMT, _FEE_GEWERBE, True, "2024-06-01"),
            _A(NIEDERZIER, _ORDNUNGSAMT, _FEE_GEWERBE, False, "2024-09-01"),
        ),
    ),
    DemoService(
        slug="meldebescheinigung",
        leika_key="99115003012000",
        ozg_id=10559,
        title="Meldebescheinigung beantragen",
        summary=(
            "Eine Meldebescheinigung zeigt, wo Sie gemeldet sind. Sie brauchen sie zum "
            "Beispiel für Behörden, die Bank oder Ihren Arbeitgeber. Online mit dem "
            "Personalausweis bekommen Sie sie sofort und kostenlos."
        ),
        sections=_sections(
            """
            volltext: Die Meldebehörde bescheinigt Ihnen Ihre Daten aus dem Melderegister: Name,
              Doktorgrad, Geburtsdatum und -ort sowie Ihre Anschrift. Die erweiterte
              Meldebescheinigung enthält auf Wunsch weitere Daten, etwa frühere Anschriften.
            voraussetzungen:
            - Sie sind in der Gemeinde mit Haupt- oder Nebenwohnung gemeldet.
            - Für eine andere Person brauchen Sie deren Vollmacht.
            unterlagen:
            - Personalausweis oder Reisepass
            - bei Vertretung: schriftliche Vollmacht und Ausweis der bevollmächtigten Person
            - für den Online-Antrag: Personalausweis mit Online-Ausweisfunktion
            kosten: Eine schriftliche Meldebescheinigung kostet 5 Euro. Die elektronische
              Bescheinigung aus dem Online-Dienst ist kostenlos.
            verfahrensablauf: Online weisen Sie sich mit dem Personalausweis aus und laden die
              Bescheinigung als PDF mit elektronischem Siegel herunter. Im Bürgerbüro erhalten Sie
              sie ausgedruckt.
            bearbeitungsdauer: Sofort, vor Ort und online.
            fristen: Keine.
            rechtsgrundlagen:
            - § 18 Bundesmeldegesetz (BMG)
            - Gebührenrecht des Landes NRW und Gebührensatzung der Gemeinde
            hinweise: Nach einem Umzug brauchen Sie keine eigene Meldebescheinigung: Bei der
              Anmeldung erhalten Sie automatisch eine Meldebestätigung.
            """
        ),
        processing_days=1,
        synonyms=_synonyms(
            "Meldebestätigung; Wohnsitzbescheinigung; Aufenthaltsbescheinigung; "
            "Bescheinigung Wohnsitz; Meldenachweis; Erweiterte Meldebescheinigung"
        ),
        themenfeld="querschnitt",
        level="gemeinde",
        maturity=4,
        online_url=_PORTAL + "meldebescheinigung",
        builder=JUELICH,
        adoptions=(
            _A(JUELICH, _BUERGERBUERO, _FEE_MELDE, True, "2024-04-01"),
            _A(MERZENICH, _BUERGERBUERO, _FEE_MELDE, True, "2024-06-01"),
            _A(LINNICH, _BUERGERBUERO, _FEE_MELDE, True, "2024-10-01"),
            _A(INDEN, _BUERGERBUERO, _FEE_MELDE, True, "2025-01-01"),
            _A(NIEDERZIER, _BUERGERBUERO, _FEE_MELDE, True, "2025-04-01"),
        ),
    ),
    DemoService(
        slug="hundesteuer-anmeldung",
        leika_key="99102013104000",
        ozg_id=None,
        title="Hund zur Hundesteuer anmelden",
        summary=(
            "Sie haben einen Hund? Dann melden Sie ihn bei Ihrer Gemeinde zur Hundesteuer an. "
            "Sie bekommen eine Hundesteuermarke, die Ihr Hund draußen tragen muss."
        ),
        sections=_sections(
            """
            volltext: Die Gemeinde erhebt eine Hundesteuer; wie hoch sie ist, steht in der
              Hundesteuersatzung. Für einen zweiten Hund und für gefährliche Hunde ist sie meist
              höher.
            voraussetzungen:
            - Sie halten einen Hund und wohnen in der Gemeinde.
            - Der Hund ist älter als drei Monate; so regeln es die meisten Satzungen.
            unterlagen:
            - Angaben zu Ihnen und zum Hund: Rasse, Geburtsdatum, Beginn der Haltung
            - nach einem Umzug: Abmeldebestätigung der bisherigen Gemeinde
            - für eine Ermäßigung oder Befreiung: ein Nachweis, z. B. über die Ausbildung als
              Blindenführhund
            kosten: Die Anmeldung ist kostenlos. Die Hundesteuer setzt die Gemeinde mit einem
              Bescheid fest.
            verfahrensablauf: Sie melden den Hund online oder im Steueramt an und erhalten
              Steuermarke und Steuerbescheid per Post. Die Steuer wird meist vierteljährlich oder
              jährlich fällig.
            bearbeitungsdauer: Die Steuermarke erhalten Sie meist innerhalb einer Woche.
            fristen: Melden Sie den Hund innerhalb von zwei Wochen an, nachdem Sie ihn aufgenommen
              haben oder zugezogen sind. Die genaue Frist steht in der Hundesteuersatzung.
            rechtsgrundlagen:
            - § 3 Kommunalabgabengesetz NRW (KAG NRW)
            - Hundesteuersatzung der Gemeinde
            hinweise: Große Hunde und bestimmte Rassen müssen Sie nach dem Landeshundegesetz NRW
              zusätzlich beim Ordnungsamt anmelden; das ist ein eigenes Verfahren. Geben Sie den
              Hund ab oder stirbt er, melden Sie ihn beim Steueramt ab.
            """
        ),
        processing_days=5,
        synonyms=_synonyms(
            "Hund anmelden; Hundemarke; Hundesteuermarke; Hundesteuer; Hundeanmeldung; "
            "Welpe anmelden"
        ),
        themenfeld="steuern-zoll",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "hundesteuer-anmeldung",
        builder=NIEDERZIER,
        adoptions=(
            _A(NIEDERZIER, _STEUERAMT, (), True, "2024-05-01"),
            _A(MERZENICH, _STEUERAMT, (), True, "2024-08-01"),
            _A(INDEN, _STEUERAMT, (), True, "2025-01-01"),
            _A(JUELICH, _STEUERAMT, (), False, "2025-06-01"),
        ),
    ),
    DemoService(
        slug="wohnsitz-anmelden",
        leika_key="99115005104000",
        ozg_id=10124,
        title="Wohnsitz anmelden",
        summary=(
            "Sie sind umgezogen? Dann melden Sie Ihre neue Wohnung innerhalb von zwei Wochen "
            "bei der Gemeinde an. Das ist kostenlos und geht mit dem Online-Ausweis auch online."
        ),
        sections=_sections(
            """
            volltext: Wer in eine Wohnung einzieht, muss sich bei der Meldebehörde der Gemeinde
              anmelden. Das gilt für den Zuzug aus einer anderen Gemeinde und aus dem Ausland und
              auch für einen Umzug innerhalb der Gemeinde. Ziehen Sie innerhalb Deutschlands um,
              meldet die neue Gemeinde Sie bei der alten ab.
            voraussetzungen:
            - Sie sind in eine Wohnung in der Gemeinde eingezogen.
            - Die Wohnungsgeberin oder der Wohnungsgeber hat Ihnen den Einzug bestätigt.
            unterlagen:
            - Personalausweis oder Reisepass aller Personen, die umziehen
            - Wohnungsgeberbestätigung
            - für Kinder ohne Ausweis: Geburtsurkunde
            - für den Online-Antrag: Personalausweis mit Online-Ausweisfunktion
            kosten: Die Anmeldung ist kostenlos.
            verfahrensablauf: Online laden Sie die Wohnungsgeberbestätigung hoch und weisen sich mit
              dem Personalausweis aus; den Adressaufkleber für den Ausweis erhalten Sie per Post. Im
              Bürgerbüro wird alles sofort erledigt. Sie erhalten eine Meldebestätigung.
            bearbeitungsdauer: Im Bürgerbüro sofort, online meist innerhalb weniger Tage.
            fristen: Melden Sie sich innerhalb von zwei Wochen nach dem Einzug an. Wer die Frist
              versäumt, muss mit einem Bußgeld rechnen.
            rechtsgrundlagen:
            - § 17 Bundesmeldegesetz (BMG): Anmeldung
            - § 19 BMG: Mitwirkung des Wohnungsgebers
            - § 24 BMG: Meldebestätigung
            hinweise: Mit der Anmeldung ändert sich auch die Anschrift in Ihrem Personalausweis.
              Eine Nebenwohnung melden Sie zusätzlich an. Ziehen Sie ins Ausland, melden Sie sich
              bei der Gemeinde ab.
            """
        ),
        processing_days=2,
        synonyms=_synonyms(
            "Ummelden; Ummeldung; Umzug; Umzug melden; Anmeldung Wohnung; Zuzug; "
            "Einwohnermeldeamt; Hauptwohnsitz anmelden; Nebenwohnsitz anmelden"
        ),
        themenfeld="querschnitt",
        level="gemeinde",
        maturity=4,
        online_url=_PORTAL + "wohnsitz-anmelden",
        builder=LK_WUERZBURG,
        adoptions=(
            _A(HOECHBERG, _BUERGERBUERO, (), True, "2023-07-01"),
            _A(VEITSHOECHHEIM, _BUERGERBUERO, (), True, "2023-07-01"),
            _A(GERBRUNN, _BUERGERBUERO, (), True, "2023-10-01"),
            _A(RIMPAR, _BUERGERBUERO, (), True, "2024-01-15"),
            _A(ROTTENDORF, _BUERGERBUERO, (), False, "2024-04-01"),
        ),
    ),
    DemoService(
        slug="fuehrerschein-umtausch",
        leika_key="99023001051000",
        ozg_id=10169,
        title="Führerschein umtauschen",
        summary=(
            "Führerscheine aus Papier und ältere Kartenführerscheine müssen bis zu einem "
            "festen Datum gegen den neuen EU-Kartenführerschein getauscht werden. Den Antrag "
            "stellen Sie beim Kreis. Ihre Fahrerlaubnis bleibt dabei gleich."
        ),
        sections=_sections(
            """
            volltext: Der Pflichtumtausch betrifft alle Führerscheine, die vor dem 19. Januar 2013
              ausgestellt wurden. Der neue Kartenführerschein ist 15 Jahre gültig. Ihre
              Fahrerlaubnis ändert sich nicht; eine Prüfung ist nicht nötig. Freiwillig können Sie
              jederzeit tauschen.
            voraussetzungen:
            - Sie wohnen im Kreis.
            - Sie haben einen deutschen Führerschein, der vor dem 19. Januar 2013 ausgestellt wurde,
              oder möchten freiwillig tauschen.
            unterlagen:
            - Personalausweis oder Reisepass
            - ein aktuelles biometrisches Passbild
            - Ihr bisheriger Führerschein
            - hat ein anderer Kreis den Führerschein ausgestellt: eine Karteikartenabschrift, falls
              die Behörde sie nicht selbst anfordert
            kosten: Die Gebühr richtet sich nach der bundesweit geltenden Gebührenordnung für
              Maßnahmen im Straßenverkehr (GebOSt); dazu kommen gegebenenfalls Versandkosten.
            verfahrensablauf: Sie stellen den Antrag online oder bei der Fahrerlaubnisbehörde. Die
              Bundesdruckerei stellt den neuen Führerschein her. Bei der Abholung geben Sie den
              alten Führerschein ab.
            bearbeitungsdauer: In der Regel drei bis sechs Wochen.
            fristen: Die Frist hängt vom Geburtsjahr oder vom Ausstellungsjahr ab:
            - Papierführerscheine: bei Geburt vor 1953 bis 19. Januar 2033; für alle späteren
              Jahrgänge ist die Frist abgelaufen.
            - Kartenführerscheine von 1999 bis 2001: Frist am 19. Januar 2026 abgelaufen.
            - Kartenführerscheine von 2002 bis 2004: bis 19. Januar 2027.
            - spätere Kartenführerscheine: gestaffelt bis 19. Januar 2033.
            rechtsgrundlagen:
            - § 24a Fahrerlaubnis-Verordnung (FeV) und Anlage 8e FeV: Umtauschfristen
            - § 25 FeV: Ausfertigung des Führerscheins
            - Gebührenordnung für Maßnahmen im Straßenverkehr (GebOSt)
            hinweise: Wer nach Ablauf der Frist mit dem alten Führerschein fährt, riskiert ein
              Verwarnungsgeld. Für die Lkw- und Busklassen C und D gelten eigene Befristungen mit
              ärztlichen Nachweisen.
            """
        ),
        processing_days=20,
        synonyms=_synonyms(
            "Führerschein umtauschen; Führerscheinumtausch; Pflichtumtausch; Kartenführerschein; "
            "EU-Führerschein; Papierführerschein; alter Führerschein; Fahrerlaubnis umtauschen"
        ),
        themenfeld="mobilitaet-reisen",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "fuehrerschein-umtausch",
        builder=OLPE,
        adoptions=(
            _A(OLPE, _FAHRERLAUBNIS, (), True, "2023-11-01"),
            _A(SOEST, _FAHRERLAUBNIS, (), True, "2024-03-01"),
            _A(MK, _FAHRERLAUBNIS, (), False, "2024-10-01"),
        ),
    ),
    DemoService(
        slug="sperrmuell-abholung",
        leika_key="99001009004002",
        ozg_id=10110,
        title="Sperrmüll abholen lassen",
        summary=(
            "Sie haben alte Möbel oder andere große Dinge, die nicht in die Mülltonne passen? "
            "Dann vereinbaren Sie einen Termin für die Sperrmüllabfuhr. Am Abholtag stellen "
            "Sie die Sachen an die Straße."
        ),
        sections=_sections(
            """
            volltext: Sperrmüll sind Gegenstände aus dem Haushalt, die zu groß für die Restmülltonne
              sind, zum Beispiel Schränke, Sofas, Matratzen oder Teppiche. Die Gemeinde holt ihn
              nach Anmeldung an einem festen Termin ab. Elektrogeräte, Bauschutt, Autoreifen und
              Schadstoffe gehören nicht zum Sperrmüll.
            voraussetzungen:
            - Ihr Grundstück ist an die Müllabfuhr der Gemeinde angeschlossen.
            - Der Sperrmüll stammt aus einem privaten Haushalt.
            unterlagen:
            - Ihre Anschrift und eine Telefonnummer für Rückfragen
            - eine Liste der Gegenstände, die abgeholt werden sollen
            kosten: Die Abholung ist in der Regel mit der Abfallgebühr abgegolten. Wie oft sie im
              Jahr ohne Zusatzkosten möglich ist, regelt die Abfallsatzung Ihrer Gemeinde.
            verfahrensablauf: Sie melden die Abholung online oder telefonisch an und erhalten einen
              Termin. Stellen Sie den Sperrmüll am Vorabend gut sichtbar an den Straßenrand, ohne
              Gehweg oder Fahrbahn zu versperren.
            bearbeitungsdauer: Den Abholtermin erhalten Sie meist innerhalb weniger Tage.
            fristen: Melden Sie die Abholung mindestens eine Woche vor dem Wunschtermin an.
            rechtsgrundlagen:
            - § 20 Kreislaufwirtschaftsgesetz (KrWG)
            - Landeskreislaufwirtschaftsgesetz NRW (LKrWG)
            - Abfallsatzung der Gemeinde
            hinweise: Große Elektrogeräte wie Kühlschränke oder Waschmaschinen holt die Gemeinde
              gesondert ab, oder Sie bringen sie zum Wertstoffhof.
            """
        ),
        processing_days=5,
        synonyms=_synonyms(
            "Sperrmüll anmelden; Sperrmülltermin; Sperrgut; Möbel entsorgen; Matratze entsorgen; "
            "Entrümpelung; Müll abholen"
        ),
        themenfeld="umwelt",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "sperrmuell-abholung",
        builder=INDEN,
        adoptions=(
            _A(INDEN, _ABFALL, (), True, "2024-03-01"),
            _A(LINNICH, _ABFALL, (), True, "2024-09-01"),
            _A(MERZENICH, _ABFALL, (), True, "2025-02-01"),
        ),
    ),
    DemoService(
        slug="briefwahl-wahlschein",
        leika_key="99128009012000",
        ozg_id=None,
        title="Briefwahl beantragen (Wahlschein)",
        summary=(
            "Sie können am Wahltag nicht ins Wahllokal gehen oder wählen lieber von zu Hause? "
            "Dann beantragen Sie einen Wahlschein mit den Briefwahlunterlagen. Das ist "
            "kostenlos."
        ),
        sections=_sections(
            """
            volltext: Mit einem Wahlschein wählen Sie per Brief oder in einem anderen Wahllokal
              Ihres Wahlgebiets. Mit dem Wahlschein erhalten Sie Stimmzettel, Umschläge und ein
              Merkblatt. Das gilt für Europa-, Bundestags-, Landtags- und Kommunalwahlen.
            voraussetzungen:
            - Sie sind wahlberechtigt und im Wählerverzeichnis eingetragen.
            - Einen Grund müssen Sie nicht angeben.
            unterlagen:
            - Ihre Wahlbenachrichtigung oder Name, Geburtsdatum und Anschrift
            - bei Antrag für eine andere Person: schriftliche Vollmacht
            kosten: Wahlschein und Briefwahlunterlagen sind kostenlos. Den Wahlbrief können Sie
              innerhalb Deutschlands unfrankiert verschicken.
            verfahrensablauf: Sie beantragen den Wahlschein online, über den QR-Code auf der
              Wahlbenachrichtigung, schriftlich oder im Wahlamt. Telefonisch geht es nicht. Die
              Unterlagen kommen per Post; im Wahlamt können Sie auch gleich vor Ort wählen.
            bearbeitungsdauer: Das Wahlamt verschickt die Unterlagen, sobald die Stimmzettel
              gedruckt sind, meist einige Wochen vor der Wahl.
            fristen: Beantragen Sie den Wahlschein bis Freitag vor der Wahl, 18 Uhr; bei plötzlicher
              Erkrankung bis zum Wahltag, 15 Uhr. Der Wahlbrief muss am Wahltag bis 18 Uhr bei der
              angegebenen Stelle sein.
            rechtsgrundlagen:
            - § 17 Bundeswahlgesetz (BWahlG) und §§ 25 ff. Bundeswahlordnung (BWO)
            - für Landtags- und Kommunalwahlen: Landeswahlgesetz NRW, Kommunalwahlgesetz NRW und die
              zugehörigen Wahlordnungen
            hinweise: Werfen Sie den Wahlbrief spätestens drei Werktage vor der Wahl ein. Fehlen die
              Unterlagen, melden Sie sich sofort beim Wahlamt.
            """
        ),
        processing_days=3,
        synonyms=_synonyms(
            "Briefwahl; Wahlschein; Briefwahlunterlagen; Briefwahlantrag; Wahl per Brief; "
            "Wählen von zu Hause; Stimmzettel"
        ),
        themenfeld="querschnitt",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "briefwahl-wahlschein",
        builder=LINNICH,
        adoptions=(
            _A(LINNICH, _WAHLAMT, (), True, "2024-02-01"),
            _A(JUELICH, _WAHLAMT, (), True, "2024-04-01"),
            _A(NIEDERZIER, _WAHLAMT, (), True, "2024-04-15"),
            _A(INDEN, _WAHLAMT, (), True, "2025-01-15"),
        ),
    ),
    DemoService(
        slug="schwerbehindertenausweis",
        leika_key="99015007012000",
        ozg_id=10214,
        title="Schwerbehindertenausweis beantragen",
        summary=(
            "Sie haben eine Behinderung? Dann können Sie feststellen lassen, wie stark sie "
            "ist. Ab einem Grad der Behinderung von 50 bekommen Sie einen "
            "Schwerbehindertenausweis."
        ),
        sections=_sections(
            """
            volltext: Auf Antrag stellt der Kreis den Grad der Behinderung (GdB) fest. Ab einem GdB
              von 50 erhalten Sie den Ausweis und können Nachteilsausgleiche nutzen, etwa
              Zusatzurlaub, besonderen Kündigungsschutz oder, je nach Merkzeichen, Vergünstigungen
              im Nahverkehr.
            voraussetzungen:
            - Sie wohnen im Kreis.
            - Ihre gesundheitliche Beeinträchtigung dauert voraussichtlich länger als sechs Monate.
            unterlagen:
            - Antragsformular
            - ärztliche Berichte und Befunde, soweit vorhanden
            - Namen und Anschriften Ihrer Ärztinnen und Ärzte und eine Schweigepflichtentbindung
            - ein aktuelles Passbild (ab dem 10. Geburtstag)
            kosten: Feststellung und Ausweis sind kostenlos.
            verfahrensablauf: Sie stellen den Antrag online oder schriftlich. Der Kreis holt Befunde
              bei Ihren Ärztinnen und Ärzten ein; ein ärztlicher Dienst bewertet sie. Sie erhalten
              einen Bescheid und ab einem GdB von 50 den Ausweis.
            bearbeitungsdauer: In der Regel zwei bis vier Monate, je nachdem, wie schnell die
              ärztlichen Unterlagen vorliegen.
            fristen: Es gibt keine Antragsfrist. Der Ausweis ist meist auf höchstens fünf Jahre
              befristet; beantragen Sie die Verlängerung rechtzeitig.
            rechtsgrundlagen:
            - § 152 Neuntes Buch Sozialgesetzbuch (SGB IX)
            - Schwerbehindertenausweisverordnung (SchwbAwV)
            - Versorgungsmedizin-Verordnung (VersMedV)
            hinweise: Gegen den Bescheid können Sie innerhalb eines Monats Widerspruch einlegen.
              Sozialverbände und die Ergänzende unabhängige Teilhabeberatung (EUTB) helfen kostenlos
              beim Antrag.
            """
        ),
        processing_days=60,
        synonyms=_synonyms(
            "Behindertenausweis; Grad der Behinderung; GdB feststellen; Schwerbehinderung; "
            "Merkzeichen; Versorgungsamt"
        ),
        themenfeld="gesundheit",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "schwerbehindertenausweis",
        builder=MK,
        adoptions=(
            _A(MK, _SCHWERBEHINDERTENRECHT, (), True, "2023-08-01"),
            _A(HSK, _SCHWERBEHINDERTENRECHT, (), True, "2024-01-01"),
        ),
    ),
    DemoService(
        slug="fischereischein",
        leika_key="99042001012000",
        ozg_id=10148,
        title="Fischereischein beantragen",
        summary=(
            "Sie möchten in Nordrhein-Westfalen angeln? Dafür brauchen Sie in der Regel einen "
            "Fischereischein. Sie bekommen ihn nach der Fischerprüfung bei Ihrer Stadt oder "
            "Gemeinde."
        ),
        sections=_sections(
            """
            volltext: Mit dem Fischereischein dürfen Sie in NRW angeln, wenn Sie zusätzlich die
              Erlaubnis der Fischereiberechtigten haben, zum Beispiel einen Erlaubnisschein eines
              Angelvereins. Die Gemeinde stellt den Fischereischein aus und erhebt dabei die
              Fischereiabgabe für das Land.
            voraussetzungen:
            - Sie haben die Fischerprüfung bestanden.
            - Sie wohnen in der Gemeinde.
            unterlagen:
            - Personalausweis oder Reisepass
            - Zeugnis über die bestandene Fischerprüfung
            - ein aktuelles Passbild
            - bei Verlängerung: der bisherige Fischereischein
            kosten: Sie zahlen eine Verwaltungsgebühr und die Fischereiabgabe des Landes. Die Höhe
              hängt davon ab, wie lange der Fischereischein gelten soll.
            verfahrensablauf: Diese Leistung können Sie noch nicht online beantragen. Gehen Sie mit
              den Unterlagen zum Ordnungsamt; dort erhalten Sie den Fischereischein meist sofort.
            bearbeitungsdauer: In der Regel sofort bei der Vorsprache.
            fristen: Verlängern Sie den Fischereischein, bevor er abläuft.
            rechtsgrundlagen:
            - Landesfischereigesetz NRW (LFischG)
            - Landesfischereiverordnung NRW (LFischVO)
            - Allgemeine Verwaltungsgebührenordnung NRW
            hinweise: Die Fischerprüfung legen Sie bei der unteren Fischereibehörde Ihres Kreises
              ab. Angelvereine bieten Kurse zur Vorbereitung an.
            """
        ),
        processing_days=None,
        synonyms=_synonyms(
            "Angeln; Angelschein; Angelschein beantragen; Fischerprüfung; "
            "Fischereischein verlängern; Angeln NRW"
        ),
        themenfeld="engagement-hobby",
        level="gemeinde",
        maturity=1,
        online_url="",
        builder=KERPEN,
        adoptions=(
            _A(KERPEN, _ORDNUNGSAMT, (), False, "2024-06-01"),
            _A(MERZENICH, _ORDNUNGSAMT, (), False, "2024-11-01"),
        ),
    ),
    DemoService(
        slug="geburtsurkunde",
        leika_key="99027002012000",
        ozg_id=None,
        title="Geburtsurkunde beantragen",
        summary=(
            "Sie brauchen eine Geburtsurkunde, zum Beispiel für die Heirat? Die Urkunde "
            "bekommen Sie beim Standesamt des Ortes, an dem Sie geboren sind."
        ),
        sections=_sections(
            """
            volltext: Die Geburtsurkunde ist ein Auszug aus dem Geburtenregister des Standesamts am
              Geburtsort. Neben der Geburtsurkunde gibt es den beglaubigten Registerausdruck und die
              mehrsprachige Geburtsurkunde für Behörden im Ausland.
            voraussetzungen:
            - Die Geburt ist beim Standesamt dieser Stadt beurkundet.
            - Sie beantragen die Urkunde für sich, Ihre Ehegattin oder Ihren Ehegatten, Vorfahren
              oder Abkömmlinge. Geschwister und andere Personen brauchen ein rechtliches Interesse.
            unterlagen:
            - Personalausweis oder Reisepass
            - Name, Geburtsdatum und Geburtsort der Person
            - bei Vertretung: schriftliche Vollmacht
            kosten: Die erste Urkunde kostet 10 Euro, jede weitere Ausfertigung im selben Auftrag 5
              Euro. Urkunden für bestimmte gesetzliche Zwecke, etwa für Elterngeld oder Kindergeld,
              sind gebührenfrei.
            verfahrensablauf: Sie beantragen die Urkunde online, schriftlich oder im Standesamt. Sie
              erhalten sie sofort oder per Post.
            bearbeitungsdauer: Vor Ort meist sofort, per Post in der Regel innerhalb einer Woche.
            fristen: Keine.
            rechtsgrundlagen:
            - §§ 55, 59 und 62 Personenstandsgesetz (PStG)
            - Allgemeine Verwaltungsgebührenordnung NRW
            hinweise: Einträge im Geburtenregister, die älter als 110 Jahre sind, liegen im
              Stadtarchiv.
            """
        ),
        processing_days=5,
        synonyms=_synonyms(
            "Geburtsnachweis; Abstammungsurkunde; Auszug Geburtenregister; Urkunde Geburt; "
            "Internationale Geburtsurkunde"
        ),
        themenfeld="familie-kind",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "geburtsurkunde",
        builder=JUELICH,
        adoptions=(
            _A(JUELICH, _STANDESAMT, _FEE_GEBURT, True, "2024-07-01"),
            _A(LINNICH, _STANDESAMT, _FEE_GEBURT, True, "2025-03-01"),
        ),
    ),
)

_BAUAUFSICHT_NOTE = (
    "Große kreisangehörige Stadt, untere Bauaufsichtsbehörde nach § 57 Abs. 1 BauO NRW"
)

EXCEPTIONS: tuple[DemoException, ...] = (
    DemoException("baugenehmigung", KERPEN, KERPEN, _BAUAUFSICHT_NOTE),
    DemoException("baugenehmigung", ARNSBERG, ARNSBERG, _BAUAUFSICHT_NOTE),
)
