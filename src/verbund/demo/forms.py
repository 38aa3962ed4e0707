"""Form definitions of the demo services (docs/forms.md), published by ``load-demo``.

Each is written by the service's builder; fee labels are those of the
adopters' fees in ``demo/catalogue.py``, so each Kreis charges its own amounts.
"""

from __future__ import annotations

from typing import Any

SCHEMA = "https://json-schema.org/draft/2020-12/schema"


def _is(field: str, value: Any) -> dict[str, Any]:
    """Condition: the answer ``field`` is ``value``."""
    return {"properties": {field: {"const": value}}, "required": [field]}


_PERSON = {
    "vorname": {
        "type": "string",
        "title": "Vorname",
        "maxLength": 100,
        "x-autocomplete": "given-name",
    },
    "nachname": {
        "type": "string",
        "title": "Nachname",
        "maxLength": 100,
        "x-autocomplete": "family-name",
    },
}
_CONTACT = {
    "email": {
        "type": "string",
        "format": "email",
        "title": "Ihre E-Mail-Adresse",
        "description": "An diese Adresse schicken wir die Eingangsbestätigung und den Link "
        "zum Stand Ihres Antrags.",
    },
    "telefon": {
        "type": "string",
        "format": "phone",
        "title": "Telefonnummer für Rückfragen",
    },
}

REITKENNZEICHEN: dict[str, Any] = {
    "schema": {
        "$schema": SCHEMA,
        "type": "object",
        "properties": {
            "erstausgabe": {
                "type": "boolean",
                "title": "Beantragen Sie das Reitkennzeichen zum ersten Mal?",
                "description": "Wählen Sie „Nein“, wenn Ihr Pferd schon ein Kennzeichen hat und "
                "Sie die Plakette für das neue Jahr brauchen.",
            },
            "kennzeichen": {
                "type": "string",
                "title": "Nummer des Reitkennzeichens",
                "description": "Sie steht auf dem Kennzeichen, zum Beispiel OE 1234.",
                "pattern": "^[A-ZÄÖÜ]{1,3} ?[0-9]{1,5}$",
                "examples": ["OE 1234"],
                "x-error": "Die Nummer besteht aus dem Kürzel des Kreises und bis zu fünf "
                "Ziffern, zum Beispiel OE 1234.",
            },
            "pferd_name": {"type": "string", "title": "Name des Pferdes", "maxLength": 60},
            "pferd_rasse": {
                "type": "string",
                "title": "Rasse",
                "description": "Zum Beispiel Haflinger oder Westfale.",
                "maxLength": 60,
            },
            "pferd_geburtsjahr": {
                "type": "integer",
                "title": "Geburtsjahr des Pferdes",
                "minimum": 1990,
                "maximum": 2026,
            },
            "pferd_farbe": {
                "type": "string",
                "title": "Farbe",
                "oneOf": [
                    {"const": "braun", "title": "Braun"},
                    {"const": "fuchs", "title": "Fuchs"},
                    {"const": "rappe", "title": "Rappe"},
                    {"const": "schimmel", "title": "Schimmel"},
                    {"const": "schecke", "title": "Schecke"},
                    {"const": "andere", "title": "Andere Farbe"},
                ],
            },
            "versicherung": {
                "type": "array",
                "x-kind": "file",
                "title": "Nachweis der Tierhalter-Haftpflichtversicherung",
                "description": "Zum Beispiel die Versicherungsbestätigung, als PDF oder Foto "
                "(JPEG, PNG). Ohne Versicherung gibt es kein Reitkennzeichen.",
                "x-accept": ["application/pdf", "image/jpeg", "image/png"],
                "maxItems": 2,
            },
            **_PERSON,
            "anschrift": {"type": "object", "x-kind": "address", "title": "Ihre Anschrift"},
            **_CONTACT,
        },
        "required": [
            "erstausgabe",
            "kennzeichen",
            "pferd_name",
            "pferd_geburtsjahr",
            "pferd_farbe",
            "versicherung",
            "vorname",
            "nachname",
            "anschrift",
            "email",
        ],
    },
    "steps": [
        {
            "key": "erstausgabe",
            "title": "Beantragen Sie das Reitkennzeichen zum ersten Mal?",
            "fields": ["erstausgabe"],
        },
        {
            "key": "kennzeichen",
            "title": "Wie lautet die Nummer des Reitkennzeichens?",
            "fields": ["kennzeichen"],
            "when": _is("erstausgabe", False),
        },
        {
            "key": "pferd",
            "title": "Angaben zum Pferd",
            "fields": ["pferd_name", "pferd_rasse", "pferd_geburtsjahr", "pferd_farbe"],
        },
        {
            "key": "versicherung",
            "title": "Nachweis der Tierhalter-Haftpflichtversicherung",
            "fields": ["versicherung"],
        },
        {
            "key": "halter",
            "title": "Halterin oder Halter des Pferdes",
            "fields": ["vorname", "nachname", "anschrift"],
        },
        {"key": "kontakt", "title": "Wie erreichen wir Sie?", "fields": ["email", "telefon"]},
    ],
    "fees": [
        {"label": "Reitabgabe (Erstausgabe)", "amount": "25.00", "when": _is("erstausgabe", True)},
        {
            "label": "Verwaltungsgebühr (Erstausgabe)",
            "amount": "10.00",
            "when": _is("erstausgabe", True),
        },
        {
            "label": "Reitkennzeichen und Plakette (Sachkosten)",
            "amount": "5.00",
            "when": _is("erstausgabe", True),
        },
        {
            "label": "Jahresplakette mit Reitabgabe (Folgejahre)",
            "amount": "25.00",
            "when": _is("erstausgabe", False),
        },
    ],
    "contact": {"email": "email", "name": ["vorname", "nachname"]},
}

FAHRZEUG_AUSSER_BETRIEB: dict[str, Any] = {
    "schema": {
        "$schema": SCHEMA,
        "type": "object",
        "properties": {
            "kennzeichen": {
                "type": "string",
                "title": "Kennzeichen des Fahrzeugs",
                "description": "Wie auf dem Nummernschild, zum Beispiel DN-AB 123.",
                "pattern": "^[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?[0-9]{1,4}[EH]?$",
                "examples": ["DN-AB 123"],
                "x-error": "Das Kennzeichen sieht aus wie DN-AB 123: Ort, Bindestrich, ein "
                "oder zwei Buchstaben und bis zu vier Ziffern.",
            },
            "fin": {
                "type": "string",
                "title": "Fahrzeug-Identifizierungsnummer (FIN)",
                "description": "17 Zeichen, Feld E der Zulassungsbescheinigung Teil I.",
                "pattern": "^[A-HJ-NPR-Z0-9]{17}$",
                "examples": ["WVWZZZ1JZXW000001"],
                "x-error": "Die FIN hat 17 Zeichen: Großbuchstaben und Ziffern, ohne I, O und Q.",
            },
            "sicherheitscode": {
                "type": "string",
                "title": "Sicherheitscode der Zulassungsbescheinigung Teil I",
                "description": "7 Zeichen, unter dem Aufkleber auf der Rückseite.",
                "pattern": "^[A-Za-z0-9]{7}$",
                "examples": ["Ab3dE7x"],
                "x-error": "Der Sicherheitscode hat genau 7 Buchstaben oder Ziffern.",
            },
            "plakette_vorne": {
                "type": "string",
                "title": "Sicherheitscode der Plakette vorne",
                "description": "3 Zeichen, unter dem Aufkleber der Stempelplakette auf dem "
                "vorderen Kennzeichenschild.",
                "pattern": "^[A-Za-z0-9]{3}$",
                "examples": ["x7K"],
                "x-error": "Der Sicherheitscode einer Plakette hat genau 3 Buchstaben oder "
                "Ziffern.",
            },
            "plakette_hinten": {
                "type": "string",
                "title": "Sicherheitscode der Plakette hinten",
                "description": "3 Zeichen, unter dem Aufkleber der Stempelplakette auf dem "
                "hinteren Kennzeichenschild.",
                "pattern": "^[A-Za-z0-9]{3}$",
                "examples": ["m2Q"],
                "x-error": "Der Sicherheitscode einer Plakette hat genau 3 Buchstaben oder "
                "Ziffern.",
            },
            "grund": {
                "type": "string",
                "title": "Warum setzen Sie das Fahrzeug außer Betrieb?",
                "oneOf": [
                    {"const": "voruebergehend", "title": "Ich fahre es vorübergehend nicht"},
                    {"const": "verkauf", "title": "Ich habe es verkauft"},
                    {"const": "verschrottung", "title": "Es wurde verschrottet"},
                    {"const": "ausland", "title": "Es geht ins Ausland"},
                ],
            },
            "verwertungsnachweis": {
                "type": "array",
                "x-kind": "file",
                "title": "Verwertungsnachweis",
                "description": "Die Bescheinigung des Verwertungsbetriebs, als PDF oder Foto "
                "(JPEG, PNG).",
                "x-accept": ["application/pdf", "image/jpeg", "image/png"],
                "maxItems": 2,
            },
            **_PERSON,
            "anschrift": {"type": "object", "x-kind": "address", "title": "Ihre Anschrift"},
            "iban": {
                "type": "string",
                "format": "iban",
                "title": "IBAN für die Erstattung der Kfz-Steuer",
                "description": "Das Hauptzollamt erstattet zu viel gezahlte Steuer auf dieses "
                "Konto.",
            },
            **_CONTACT,
        },
        "required": [
            "kennzeichen",
            "fin",
            "sicherheitscode",
            "plakette_vorne",
            "plakette_hinten",
            "grund",
            "verwertungsnachweis",
            "vorname",
            "nachname",
            "anschrift",
            "email",
        ],
    },
    "steps": [
        {
            "key": "kennzeichen",
            "title": "Welches Fahrzeug setzen Sie außer Betrieb?",
            "fields": ["kennzeichen"],
        },
        {
            "key": "fahrzeug",
            "title": "Angaben aus der Zulassungsbescheinigung",
            "fields": ["fin", "sicherheitscode"],
        },
        {
            "key": "plaketten",
            "title": "Sicherheitscodes der Kennzeichenschilder",
            "fields": ["plakette_vorne", "plakette_hinten"],
        },
        {
            "key": "grund",
            "title": "Warum setzen Sie das Fahrzeug außer Betrieb?",
            "fields": ["grund"],
        },
        {
            "key": "verwertung",
            "title": "Laden Sie den Verwertungsnachweis hoch",
            "fields": ["verwertungsnachweis"],
            "when": _is("grund", "verschrottung"),
        },
        {
            "key": "halter",
            "title": "Halterin oder Halter",
            "fields": ["vorname", "nachname", "anschrift"],
        },
        {"key": "erstattung", "title": "Erstattung der Kfz-Steuer", "fields": ["iban"]},
        {"key": "kontakt", "title": "Wie erreichen wir Sie?", "fields": ["email", "telefon"]},
    ],
    "fees": [{"label": "Außerbetriebsetzung (Gebühr nach GebOSt)", "amount": "16.80"}],
    "contact": {"email": "email", "name": ["vorname", "nachname"]},
}

PFLEGEWOHNGELD: dict[str, Any] = {
    "schema": {
        "$schema": SCHEMA,
        "type": "object",
        "properties": {
            "vertretung": {
                "type": "boolean",
                "title": "Stellen Sie den Antrag für eine andere Person?",
                "description": "Zum Beispiel als Angehörige, Betreuer oder Bevollmächtigte.",
            },
            "vertreter_name": {"type": "string", "title": "Ihr Name", "maxLength": 200},
            "vollmacht": {
                "type": "array",
                "x-kind": "file",
                "title": "Vollmacht oder Betreuerausweis",
                "maxItems": 1,
            },
            **_PERSON,
            "geburtsdatum": {
                "type": "string",
                "format": "date",
                "title": "Geburtsdatum",
                "x-date": "past",
                "x-autocomplete": "bday",
            },
            "heim_name": {"type": "string", "title": "Name des Pflegeheims", "maxLength": 200},
            "heim_anschrift": {
                "type": "object",
                "x-kind": "address",
                "title": "Anschrift des Pflegeheims",
            },
            "einzug": {
                "type": "string",
                "format": "date",
                "title": "Einzug in das Pflegeheim",
                "x-date": "past",
            },
            "pflegegrad": {
                "type": "integer",
                "title": "Pflegegrad",
                "oneOf": [{"const": n, "title": f"Pflegegrad {n}"} for n in range(1, 6)],
            },
            "einkommen": {
                "type": "string",
                "format": "money",
                "title": "Monatliches Einkommen (netto)",
                "description": "Rente, Pension und andere Einkünfte zusammen.",
            },
            "vermoegen": {
                "type": "boolean",
                "title": "Haben Sie mehr als 10.000 € Vermögen?",
                "description": "Zum Beispiel Ersparnisse, Wertpapiere oder eine "
                "Lebensversicherung.",
            },
            "heim_iban": {
                "type": "string",
                "format": "iban",
                "title": "IBAN des Pflegeheims",
                "description": "Das Pflegewohngeld wird direkt an das Heim gezahlt.",
            },
            "heimvertrag": {
                "type": "array",
                "x-kind": "file",
                "title": "Heimvertrag",
                "maxItems": 1,
            },
            "pflegegrad_bescheid": {
                "type": "array",
                "x-kind": "file",
                "title": "Bescheid der Pflegekasse über den Pflegegrad",
                "maxItems": 2,
            },
            "einkommensnachweise": {
                "type": "array",
                "x-kind": "file",
                "title": "Nachweise über Ihr Einkommen",
                "description": "Zum Beispiel der aktuelle Rentenbescheid.",
                "minItems": 1,
                "maxItems": 5,
            },
            "vermoegensnachweise": {
                "type": "array",
                "x-kind": "file",
                "title": "Nachweise über Ihr Vermögen",
                "description": "Zum Beispiel die Kontoauszüge der letzten drei Monate.",
                "minItems": 1,
                "maxItems": 10,
            },
            "email": _CONTACT["email"],
        },
        "required": [
            "vertretung",
            "vertreter_name",
            "vollmacht",
            "vorname",
            "nachname",
            "geburtsdatum",
            "heim_name",
            "heim_anschrift",
            "einzug",
            "pflegegrad",
            "einkommen",
            "vermoegen",
            "heim_iban",
            "heimvertrag",
            "pflegegrad_bescheid",
            "einkommensnachweise",
            "vermoegensnachweise",
            "email",
        ],
    },
    "steps": [
        {
            "key": "vertretung",
            "title": "Stellen Sie den Antrag für eine andere Person?",
            "fields": ["vertretung"],
        },
        {
            "key": "vertreter",
            "title": "Angaben zu Ihnen als Vertretung",
            "fields": ["vertreter_name", "vollmacht"],
            "when": _is("vertretung", True),
        },
        {
            "key": "person",
            "title": "Wer lebt im Pflegeheim?",
            "fields": ["vorname", "nachname", "geburtsdatum"],
        },
        {
            "key": "heim",
            "title": "Das Pflegeheim",
            "fields": ["heim_name", "heim_anschrift", "einzug"],
        },
        {
            "key": "pflegegrad",
            "title": "Welcher Pflegegrad ist festgestellt?",
            "fields": ["pflegegrad"],
        },
        {
            "key": "finanzen",
            "title": "Einkommen und Vermögen",
            "fields": ["einkommen", "vermoegen"],
        },
        {
            "key": "zahlung",
            "title": "Wohin zahlen wir das Pflegewohngeld?",
            "fields": ["heim_iban"],
        },
        {
            "key": "nachweise",
            "title": "Nachweise hochladen",
            "fields": [
                "heimvertrag",
                "pflegegrad_bescheid",
                "einkommensnachweise",
                "vermoegensnachweise",
            ],
        },
        {"key": "kontakt", "title": "Wie lautet Ihre E-Mail-Adresse?", "fields": ["email"]},
    ],
    "contact": {"email": "email", "name": ["vorname", "nachname"]},
}

BAUGENEHMIGUNG: dict[str, Any] = {
    "schema": {
        "$schema": SCHEMA,
        "type": "object",
        "properties": {
            "vorhaben": {
                "type": "string",
                "title": "Was möchten Sie bauen?",
                "oneOf": [
                    {"const": "neubau", "title": "Neubau eines Gebäudes"},
                    {"const": "anbau", "title": "Anbau oder Erweiterung"},
                    {"const": "umbau", "title": "Umbau eines bestehenden Gebäudes"},
                    {"const": "nutzungsaenderung", "title": "Nutzungsänderung"},
                ],
            },
            "beschreibung": {
                "type": "string",
                "x-kind": "textarea",
                "title": "Beschreiben Sie das Vorhaben kurz",
                "description": "Zum Beispiel: Einfamilienhaus mit Garage, zwei Vollgeschosse.",
                "maxLength": 2000,
            },
            "verfahren": {
                "type": "string",
                "title": "Welches Verfahren?",
                "description": "Ihre Entwurfsverfasserin oder Ihr Entwurfsverfasser weiß es.",
                "oneOf": [
                    {"const": "vereinfacht", "title": "Vereinfachtes Verfahren (§ 64 BauO NRW)"},
                    {"const": "regulaer", "title": "Baugenehmigungsverfahren (§ 65 BauO NRW)"},
                ],
            },
            "grundstueck": {
                "type": "object",
                "x-kind": "address",
                "title": "Anschrift des Grundstücks",
            },
            "gemarkung": {"type": "string", "title": "Gemarkung", "maxLength": 60},
            "flur": {"type": "string", "title": "Flur", "maxLength": 10},
            "flurstueck": {"type": "string", "title": "Flurstück", "maxLength": 20},
            **_PERSON,
            "anschrift": {"type": "object", "x-kind": "address", "title": "Ihre Anschrift"},
            "entwurfsverfasser": {
                "type": "string",
                "title": "Name der Entwurfsverfasserin oder des Entwurfsverfassers",
                "maxLength": 200,
            },
            "kammer_nr": {
                "type": "string",
                "title": "Mitgliedsnummer der Architekten- oder Ingenieurkammer",
                "maxLength": 30,
            },
            "rohbauwert": {
                "type": "string",
                "format": "money",
                "title": "Rohbauwert laut Baubeschreibung",
                "description": "Nach ihm richtet sich die Gebühr der Baugenehmigung.",
            },
            "lageplan": {
                "type": "array",
                "x-kind": "file",
                "title": "Amtlicher Lageplan",
                "x-accept": ["application/pdf"],
                "maxItems": 1,
            },
            "bauzeichnungen": {
                "type": "array",
                "x-kind": "file",
                "title": "Bauzeichnungen (Grundrisse, Schnitte, Ansichten)",
                "x-accept": ["application/pdf"],
                "minItems": 1,
                "maxItems": 5,
            },
            "baubeschreibung": {
                "type": "array",
                "x-kind": "file",
                "title": "Baubeschreibung",
                "description": "Mit der Berechnung des Rohbauwerts.",
                "x-accept": ["application/pdf"],
                "maxItems": 1,
            },
            "bautechnische_nachweise": {
                "type": "array",
                "x-kind": "file",
                "title": "Bautechnische Nachweise",
                "description": "Standsicherheit, Brandschutz, Wärme- und Schallschutz, soweit "
                "Ihr Vorhaben sie braucht. Sie können sie auch bis zum Baubeginn nachreichen.",
                "x-accept": ["application/pdf"],
                "maxItems": 10,
            },
            **_CONTACT,
        },
        "required": [
            "vorhaben",
            "beschreibung",
            "verfahren",
            "grundstueck",
            "gemarkung",
            "flur",
            "flurstueck",
            "vorname",
            "nachname",
            "anschrift",
            "entwurfsverfasser",
            "kammer_nr",
            "rohbauwert",
            "lageplan",
            "bauzeichnungen",
            "baubeschreibung",
            "email",
        ],
    },
    "steps": [
        {
            "key": "vorhaben",
            "title": "Ihr Vorhaben",
            "fields": ["vorhaben", "beschreibung", "verfahren"],
        },
        {
            "key": "grundstueck",
            "title": "Das Grundstück",
            "fields": ["grundstueck", "gemarkung", "flur", "flurstueck"],
        },
        {
            "key": "bauherr",
            "title": "Bauherrin oder Bauherr",
            "fields": ["vorname", "nachname", "anschrift"],
        },
        {
            "key": "entwurf",
            "title": "Entwurfsverfasserin oder Entwurfsverfasser",
            "fields": ["entwurfsverfasser", "kammer_nr", "rohbauwert"],
        },
        {
            "key": "bauvorlagen",
            "title": "Bauvorlagen hochladen",
            "fields": ["lageplan", "bauzeichnungen", "baubeschreibung", "bautechnische_nachweise"],
        },
        {"key": "kontakt", "title": "Wie erreichen wir Sie?", "fields": ["email", "telefon"]},
    ],
    # Set with the Bescheid, not paid with the application: a share of the Rohbauwert
    # (AVerwGebO NRW, Tarifstelle 2.4). The rate and minimum are illustrations.
    "fees": [
        {
            "label": "Baugenehmigung, 10 v. T. des Rohbauwerts (AVerwGebO NRW, Tarifstelle 2.4)",
            "rate": "0.0100",
            "of": "rohbauwert",
            "minimum": "100.00",
            "due": "decision",
        }
    ],
    "contact": {"email": "email", "name": ["vorname", "nachname"]},
}

GEWERBEANMELDUNG: dict[str, Any] = {
    "schema": {
        "$schema": SCHEMA,
        "type": "object",
        "properties": {
            "taetigkeit": {
                "type": "string",
                "title": "Welche Tätigkeit üben Sie aus?",
                "description": "Beschreiben Sie die Tätigkeit genau, zum Beispiel "
                "„Einzelhandel mit Fahrrädern und Zubehör“.",
                "maxLength": 300,
            },
            "umfang": {
                "type": "string",
                "title": "Üben Sie die Tätigkeit im Haupt- oder im Nebenerwerb aus?",
                "oneOf": [
                    {"const": "haupterwerb", "title": "Im Haupterwerb"},
                    {"const": "nebenerwerb", "title": "Im Nebenerwerb"},
                ],
            },
            "beginn": {
                "type": "string",
                "format": "date",
                "title": "Wann beginnt die Tätigkeit?",
            },
            "betrieb": {
                "type": "object",
                "x-kind": "address",
                "title": "Anschrift der Betriebsstätte",
            },
            **_PERSON,
            "anschrift": {"type": "object", "x-kind": "address", "title": "Ihre Anschrift"},
            "ausweis": {
                "type": "array",
                "x-kind": "file",
                "title": "Personalausweis oder Reisepass",
                "description": "Vorder- und Rückseite, als PDF oder Foto (JPEG, PNG). Mit einer "
                "Staatsangehörigkeit außerhalb der EU, des EWR und der Schweiz auch Ihr "
                "Aufenthaltstitel, der die selbstständige Tätigkeit erlaubt.",
                "x-accept": ["application/pdf", "image/jpeg", "image/png"],
                "maxItems": 4,
            },
            "erlaubnis": {
                "type": "array",
                "x-kind": "file",
                "title": "Erlaubnis oder Handwerkskarte",
                "description": "Nur für ein erlaubnispflichtiges Gewerbe, etwa Bewachung oder "
                "Immobilienvermittlung, oder ein zulassungspflichtiges Handwerk.",
                "x-accept": ["application/pdf", "image/jpeg", "image/png"],
                "maxItems": 2,
            },
            **_CONTACT,
        },
        "required": [
            "taetigkeit",
            "umfang",
            "beginn",
            "betrieb",
            "vorname",
            "nachname",
            "anschrift",
            "ausweis",
            "email",
        ],
    },
    "steps": [
        {
            "key": "taetigkeit",
            "title": "Ihre Tätigkeit",
            "fields": ["taetigkeit", "umfang", "beginn"],
        },
        {"key": "betrieb", "title": "Ihre Betriebsstätte", "fields": ["betrieb"]},
        {
            "key": "person",
            "title": "Angaben zu Ihnen",
            "fields": ["vorname", "nachname", "anschrift"],
        },
        {"key": "nachweise", "title": "Nachweise hochladen", "fields": ["ausweis", "erlaubnis"]},
        {"key": "kontakt", "title": "Wie erreichen wir Sie?", "fields": ["email", "telefon"]},
    ],
    # The label of the adopters' fees: each Gemeinde charges its own amount.
    "fees": [{"label": "Gewerbeanmeldung", "amount": "26.00"}],
    "contact": {"email": "email", "name": ["vorname", "nachname"]},
}

FORMS: dict[str, dict[str, Any]] = {
    "reitkennzeichen-nrw": REITKENNZEICHEN,
    "fahrzeug-ausser-betrieb-setzen": FAHRZEUG_AUSSER_BETRIEB,
    "pflegewohngeld-nrw": PFLEGEWOHNGELD,
    "baugenehmigung": BAUGENEHMIGUNG,
    "gewerbeanmeldung": GEWERBEANMELDUNG,
}
