"""Our own German wording of the CEN EN 16931 business rules, keyed by rule id.

The compiled CEN Schematron (EN16931-UBL/CII-validation.xsl, see
``verbund.einvoice.rules.ARTEFACTS``) reports its findings in English, while the
XRechnung Schematron of KoSIT already speaks German. Our validation report is read by
clerks in the member authorities and by the suppliers who sent the invoice, so every rule
of the CEN stylesheets that can reject an invoice (flag ``fatal``: the business rules
BR-*, BR-CO-*, BR-DEC-*, BR-CL-* and those of each VAT category, and the fatal syntax
rules UBL-SR-*, UBL-DT-*, UBL-CR-*, CII-SR-* and CII-DT-*) gets a German sentence here.

The texts are our own translation, not an official one. They keep the business term ids
(BT-…, BG-…) of the English original, name the business terms as the German version of
EN 16931 does where there is such a name (BT-1 Rechnungsnummer, BT-10 Käuferreferenz,
BT-109 Gesamtbetrag ohne Umsatzsteuer, BT-112 Gesamtbetrag einschließlich Umsatzsteuer
…), keep code list names (UNTDID 1001, ISO 4217 …) and XML element names as they are,
and write the BR-CO formulas as formulas. Where the English message is known to be
wrong, the German text says what the rule checks: BR-50 in CII names BG-16 for the credit
transfer (it is BG-17), BR-51 in CII names BT-97 for the card number (it is BT-87), and
the texts of a few CII-SR rules differ from their tests.

The English original stays in the report beside the German text. ``german()`` returns
None for an id without an entry: KoSIT's rules (German already) and CEN's warnings.
tests/einvoice/test_rule_texts.py checks that every fatal rule of the installed
stylesheets has an entry and that each entry names the same business terms as the
original.
"""

from __future__ import annotations

GERMAN: dict[str, str] = {
    # --- Pflichtangaben und Grundregeln (BR-01 bis BR-65)
    "BR-01": "Eine Rechnung muss eine Spezifikationskennung (BT-24) enthalten.",
    "BR-02": "Eine Rechnung muss eine Rechnungsnummer (BT-1) enthalten.",
    "BR-03": "Eine Rechnung muss ein Rechnungsdatum (BT-2) enthalten.",
    "BR-04": "Eine Rechnung muss einen Code für den Rechnungstyp (BT-3) enthalten.",
    "BR-05": "Eine Rechnung muss einen Code für die Rechnungswährung (BT-5) enthalten.",
    "BR-06": "Eine Rechnung muss den Namen des Verkäufers (BT-27) enthalten.",
    "BR-07": "Eine Rechnung muss den Namen des Käufers (BT-44) enthalten.",
    "BR-08": "Eine Rechnung muss die Postanschrift des Verkäufers (BG-5) enthalten.",
    "BR-09": (
        "Die Postanschrift des Verkäufers (BG-5) muss einen Ländercode des Verkäufers (BT-40) "
        "enthalten."
    ),
    "BR-10": "Eine Rechnung muss die Postanschrift des Käufers (BG-8) enthalten.",
    "BR-11": "Die Postanschrift des Käufers muss einen Ländercode des Käufers (BT-55) enthalten.",
    "BR-12": (
        "Eine Rechnung muss die Summe der Nettobeträge aller Rechnungspositionen (BT-106) "
        "enthalten."
    ),
    "BR-13": "Eine Rechnung muss den Gesamtbetrag ohne Umsatzsteuer (BT-109) enthalten.",
    "BR-14": "Eine Rechnung muss den Gesamtbetrag einschließlich Umsatzsteuer (BT-112) enthalten.",
    "BR-15": "Eine Rechnung muss den fälligen Zahlungsbetrag (BT-115) enthalten.",
    "BR-16": "Eine Rechnung muss mindestens eine Rechnungsposition (BG-25) enthalten.",
    "BR-17": (
        "Ist der Zahlungsempfänger (BG-10) nicht der Verkäufer (BG-4), muss die Rechnung den "
        "Namen des Zahlungsempfängers (BT-59) enthalten."
    ),
    "BR-18": (
        "Hat der Verkäufer (BG-4) einen Steuervertreter (BG-11), muss die Rechnung den Namen des "
        "Steuervertreters des Verkäufers (BT-62) enthalten."
    ),
    "BR-19": (
        "Hat der Verkäufer (BG-4) einen Steuervertreter (BG-11), muss die Rechnung die "
        "Postanschrift des Steuervertreters (BG-12) enthalten."
    ),
    "BR-20": (
        "Hat der Verkäufer (BG-4) einen Steuervertreter (BG-11), muss die Postanschrift des "
        "Steuervertreters (BG-12) den Ländercode des Steuervertreters (BT-69) enthalten."
    ),
    "BR-21": (
        "Jede Rechnungsposition (BG-25) muss eine Kennung der Rechnungsposition (BT-126) haben."
    ),
    "BR-22": "Jede Rechnungsposition (BG-25) muss eine in Rechnung gestellte Menge (BT-129) haben.",
    "BR-23": (
        "Eine Rechnungsposition (BG-25) muss einen Code für die Maßeinheit der in Rechnung "
        "gestellten Menge (BT-130) haben."
    ),
    "BR-24": (
        "Jede Rechnungsposition (BG-25) muss einen Nettobetrag der Rechnungsposition (BT-131) "
        "haben."
    ),
    "BR-25": "Jede Rechnungsposition (BG-25) muss den Artikelnamen (BT-153) enthalten.",
    "BR-26": "Jede Rechnungsposition (BG-25) muss den Nettopreis des Artikels (BT-146) enthalten.",
    "BR-27": "Der Nettopreis des Artikels (BT-146) darf NICHT negativ sein.",
    "BR-28": "Der Bruttopreis des Artikels (BT-148) darf NICHT negativ sein.",
    "BR-29": (
        "Sind Anfangsdatum (BT-73) und Enddatum des Rechnungszeitraums (BT-74) angegeben, muss "
        "das Enddatum (BT-74) gleich dem Anfangsdatum (BT-73) sein oder danach liegen."
    ),
    "BR-30": (
        "Sind Anfangsdatum (BT-134) und Enddatum des Rechnungszeitraums der Position (BT-135) "
        "angegeben, muss das Enddatum (BT-135) gleich dem Anfangsdatum (BT-134) sein oder danach "
        "liegen."
    ),
    "BR-31": (
        "Jeder Abschlag auf Dokumentenebene (BG-20) muss einen Betrag des Abschlags (BT-92) haben."
    ),
    "BR-32": (
        "Jeder Abschlag auf Dokumentenebene (BG-20) muss einen Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) haben."
    ),
    "BR-33": (
        "Jeder Abschlag auf Dokumentenebene (BG-20) muss einen Grund des Abschlags (BT-97) oder "
        "einen Code für den Grund des Abschlags (BT-98) haben."
    ),
    "BR-36": (
        "Jeder Zuschlag auf Dokumentenebene (BG-21) muss einen Betrag des Zuschlags (BT-99) haben."
    ),
    "BR-37": (
        "Jeder Zuschlag auf Dokumentenebene (BG-21) muss einen Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) haben."
    ),
    "BR-38": (
        "Jeder Zuschlag auf Dokumentenebene (BG-21) muss einen Grund des Zuschlags (BT-104) oder "
        "einen Code für den Grund des Zuschlags (BT-105) haben."
    ),
    "BR-41": (
        "Jeder Abschlag auf Ebene der Rechnungsposition (BG-27) muss einen Betrag des Abschlags "
        "(BT-136) haben."
    ),
    "BR-42": (
        "Jeder Abschlag auf Ebene der Rechnungsposition (BG-27) muss einen Grund des Abschlags "
        "(BT-139) oder einen Code für den Grund des Abschlags (BT-140) haben."
    ),
    "BR-43": (
        "Jeder Zuschlag auf Ebene der Rechnungsposition (BG-28) muss einen Betrag des Zuschlags "
        "(BT-141) haben."
    ),
    "BR-44": (
        "Jeder Zuschlag auf Ebene der Rechnungsposition (BG-28) muss einen Grund des Zuschlags "
        "(BT-144) oder einen Code für den Grund des Zuschlags (BT-145) haben."
    ),
    "BR-45": (
        "Jede Umsatzsteueraufschlüsselung (BG-23) muss einen Steuerbasisbetrag der Kategorie "
        "(BT-116) haben."
    ),
    "BR-46": (
        "Jede Umsatzsteueraufschlüsselung (BG-23) muss einen Steuerbetrag der Kategorie (BT-117) "
        "haben."
    ),
    "BR-47": (
        "Jede Umsatzsteueraufschlüsselung (BG-23) muss durch einen Code der "
        "Umsatzsteuerkategorie (BT-118) bestimmt sein."
    ),
    "BR-48": (
        "Jede Umsatzsteueraufschlüsselung (BG-23) muss einen Umsatzsteuersatz der Kategorie "
        "(BT-119) haben, außer die Rechnung unterliegt nicht der Umsatzsteuer."
    ),
    "BR-49": "Eine Zahlungsanweisung (BG-16) muss den Code für die Zahlungsart (BT-81) angeben.",
    "BR-50": (
        "Enthält die Rechnung Angaben zur Überweisung (BG-17), muss die Kennung des "
        "Zahlungskontos (BT-84) angegeben sein."
    ),
    "BR-51": (
        "Nach den Sicherheitsstandards für Kartenzahlungen darf eine Rechnung nie die "
        "vollständige Nummer der Zahlungskarte (BT-87) enthalten. Nach den Vorgaben des PCI "
        "Security Standards Council dürfen höchstens die ersten 6 und die letzten 4 Ziffern "
        "angegeben werden."
    ),
    "BR-52": (
        "Jede rechnungsbegründende Unterlage (BG-24) muss eine Kennung der rechnungsbegründenden "
        "Unterlage (BT-122) enthalten."
    ),
    "BR-53": (
        "Ist ein Code für die Umsatzsteuer-Buchungswährung (BT-6) angegeben, muss auch der "
        "Umsatzsteuergesamtbetrag in Buchungswährung (BT-111) angegeben sein."
    ),
    "BR-54": (
        "Jede Artikeleigenschaft (BG-32) muss einen Namen (BT-160) und einen Wert der "
        "Artikeleigenschaft (BT-161) enthalten."
    ),
    "BR-55": (
        "Jeder Verweis auf eine vorausgegangene Rechnung (BG-3) muss die Nummer der "
        "vorausgegangenen Rechnung (BT-25) enthalten."
    ),
    "BR-56": (
        "Jeder Steuervertreter des Verkäufers (BG-11) muss eine "
        "Umsatzsteuer-Identifikationsnummer des Steuervertreters (BT-63) haben."
    ),
    "BR-57": (
        "Jede Lieferanschrift (BG-15) muss einen Ländercode der Lieferanschrift (BT-80) enthalten."
    ),
    "BR-61": (
        "Bezeichnet der Code für die Zahlungsart (BT-81) eine SEPA-Überweisung, eine inländische "
        "Überweisung oder eine internationale Nicht-SEPA-Überweisung (Codes 58 und 30), muss die "
        "Kennung des Zahlungskontos (BT-84) angegeben sein."
    ),
    "BR-62": "Die elektronische Adresse des Verkäufers (BT-34) muss eine Schemakennung haben.",
    "BR-63": "Die elektronische Adresse des Käufers (BT-49) muss eine Schemakennung haben.",
    "BR-64": "Die Standardkennung des Artikels (BT-157) muss eine Schemakennung haben.",
    "BR-65": "Die Kennung der Artikelklassifizierung (BT-158) muss eine Schemakennung haben.",
    # --- Umsatzsteuerkategorie „Umkehrung der Steuerschuldnerschaft“ (AE)
    "BR-AE-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „Umkehrung der "
        "Steuerschuldnerschaft“ (AE), muss die Umsatzsteueraufschlüsselung (BG-23) genau einen "
        "Code der Umsatzsteuerkategorie (BT-118) „Umkehrung der Steuerschuldnerschaft“ (AE) "
        "enthalten."
    ),
    "BR-AE-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25) mit dem Code der "
        "Umsatzsteuerkategorie des Artikels (BT-151) „Umkehrung der Steuerschuldnerschaft“ (AE), "
        "muss sie die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die "
        "Steuernummer des Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des "
        "Steuervertreters des Verkäufers (BT-63) sowie die Umsatzsteuer-Identifikationsnummer "
        "des Käufers (BT-48) und/oder die Kennung der rechtlichen Registrierung des Käufers "
        "(BT-47) enthalten."
    ),
    "BR-AE-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „Umkehrung der Steuerschuldnerschaft“ (AE), "
        "muss sie die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die "
        "Steuernummer des Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des "
        "Steuervertreters des Verkäufers (BT-63) sowie die Umsatzsteuer-Identifikationsnummer "
        "des Käufers (BT-48) und/oder die Kennung der rechtlichen Registrierung des Käufers "
        "(BT-47) enthalten."
    ),
    "BR-AE-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „Umkehrung der Steuerschuldnerschaft“ "
        "(AE), muss sie die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die "
        "Steuernummer des Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des "
        "Steuervertreters des Verkäufers (BT-63) sowie die Umsatzsteuer-Identifikationsnummer "
        "des Käufers (BT-48) und/oder die Kennung der rechtlichen Registrierung des Käufers "
        "(BT-47) enthalten."
    ),
    "BR-AE-05": (
        "In einer Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie des Artikels "
        "(BT-151) „Umkehrung der Steuerschuldnerschaft“ (AE) muss der Umsatzsteuersatz des "
        "Artikels (BT-152) 0 (null) sein."
    ),
    "BR-AE-06": (
        "In einem Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) „Umkehrung der Steuerschuldnerschaft“ (AE) muss der "
        "Umsatzsteuersatz des Abschlags (BT-96) 0 (null) sein."
    ),
    "BR-AE-07": (
        "In einem Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) „Umkehrung der Steuerschuldnerschaft“ (AE) muss der "
        "Umsatzsteuersatz des Zuschlags (BT-103) 0 (null) sein."
    ),
    "BR-AE-08": (
        "In einer Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Umkehrung der Steuerschuldnerschaft“ (AE) muss der Steuerbasisbetrag der "
        "Kategorie (BT-116) gleich der Summe der Nettobeträge der Rechnungspositionen (BT-131) "
        "abzüglich der Summe der Abschläge auf Dokumentenebene (BT-92) zuzüglich der Summe der "
        "Zuschläge auf Dokumentenebene (BT-99) sein, deren Code der Umsatzsteuerkategorie "
        "(BT-151, BT-95, BT-102) „Umkehrung der Steuerschuldnerschaft“ (AE) ist."
    ),
    "BR-AE-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „Umkehrung der Steuerschuldnerschaft“ "
        "(AE) muss 0 (null) sein."
    ),
    "BR-AE-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Umkehrung der Steuerschuldnerschaft“ (AE) muss als Code für den Grund der "
        "Steuerbefreiung (BT-121) einen Code mit der Bedeutung „Reverse charge“ oder als Text "
        "zum Grund der Steuerbefreiung (BT-120) „Reverse charge“ bzw. den entsprechenden "
        "Standardtext in einer anderen Sprache (etwa „Steuerschuldnerschaft des "
        "Leistungsempfängers“) enthalten."
    ),
    # --- Umsatzsteuerkategorie „IGIC“ (L, Kanarische Inseln)
    "BR-AF-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „IGIC“ (L, Kanarische Inseln), "
        "muss die Umsatzsteueraufschlüsselung (BG-23) mindestens einen Code der "
        "Umsatzsteuerkategorie (BT-118) „IGIC“ (L, Kanarische Inseln) enthalten."
    ),
    "BR-AF-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25) mit dem Code der "
        "Umsatzsteuerkategorie des Artikels (BT-151) „IGIC“ (L, Kanarische Inseln), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-AF-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „IGIC“ (L, Kanarische Inseln), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-AF-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „IGIC“ (L, Kanarische Inseln), muss sie "
        "die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-AF-05": (
        "In einer Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie des Artikels "
        "(BT-151) „IGIC“ (L, Kanarische Inseln) muss der Umsatzsteuersatz des Artikels (BT-152) "
        "in UBL 0 (null) oder größer, in CII größer als 0 (null) sein."
    ),
    "BR-AF-06": (
        "In einem Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) „IGIC“ (L, Kanarische Inseln) muss der Umsatzsteuersatz des "
        "Abschlags (BT-96) 0 (null) oder größer sein."
    ),
    "BR-AF-07": (
        "In einem Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) „IGIC“ (L, Kanarische Inseln) muss der Umsatzsteuersatz des "
        "Zuschlags (BT-103) 0 (null) oder größer sein."
    ),
    "BR-AF-08": (
        "Für jeden Umsatzsteuersatz der Kategorie (BT-119) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „IGIC“ (L, Kanarische Inseln) muss der Steuerbasisbetrag "
        "der Kategorie (BT-116) in der Umsatzsteueraufschlüsselung (BG-23) gleich der Summe der "
        "Nettobeträge der Rechnungspositionen (BT-131) zuzüglich der Summe der Zuschläge auf "
        "Dokumentenebene (BT-99) abzüglich der Summe der Abschläge auf Dokumentenebene (BT-92) "
        "sein, deren Code der Umsatzsteuerkategorie (BT-151, BT-102, BT-95) „IGIC“ (L, "
        "Kanarische Inseln) ist und deren Umsatzsteuersatz (BT-152, BT-103, BT-96) dem "
        "Umsatzsteuersatz der Kategorie (BT-119) entspricht."
    ),
    "BR-AF-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „IGIC“ (L, Kanarische Inseln) muss "
        "gleich dem Steuerbasisbetrag der Kategorie (BT-116) multipliziert mit dem "
        "Umsatzsteuersatz der Kategorie (BT-119) sein."
    ),
    "BR-AF-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „IGIC“ (L, Kanarische Inseln) darf weder einen Code für den Grund der "
        "Steuerbefreiung (BT-121) noch einen Text zum Grund der Steuerbefreiung (BT-120) "
        "enthalten."
    ),
    # --- Umsatzsteuerkategorie „IPSI“ (M, Ceuta und Melilla)
    "BR-AG-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „IPSI“ (M, Ceuta und Melilla), "
        "muss die Umsatzsteueraufschlüsselung (BG-23) mindestens einen Code der "
        "Umsatzsteuerkategorie (BT-118) „IPSI“ (M, Ceuta und Melilla) enthalten."
    ),
    "BR-AG-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25) mit dem Code der "
        "Umsatzsteuerkategorie des Artikels (BT-151) „IPSI“ (M, Ceuta und Melilla), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-AG-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „IPSI“ (M, Ceuta und Melilla), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-AG-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „IPSI“ (M, Ceuta und Melilla), muss sie "
        "die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-AG-05": (
        "In einer Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie des Artikels "
        "(BT-151) „IPSI“ (M, Ceuta und Melilla) muss der Umsatzsteuersatz des Artikels (BT-152) "
        "0 (null) oder größer sein."
    ),
    "BR-AG-06": (
        "In einem Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) „IPSI“ (M, Ceuta und Melilla) muss der Umsatzsteuersatz des "
        "Abschlags (BT-96) 0 (null) oder größer sein."
    ),
    "BR-AG-07": (
        "In einem Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) „IPSI“ (M, Ceuta und Melilla) muss der Umsatzsteuersatz des "
        "Zuschlags (BT-103) 0 (null) oder größer sein."
    ),
    "BR-AG-08": (
        "Für jeden Umsatzsteuersatz der Kategorie (BT-119) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „IPSI“ (M, Ceuta und Melilla) muss der Steuerbasisbetrag "
        "der Kategorie (BT-116) in der Umsatzsteueraufschlüsselung (BG-23) gleich der Summe der "
        "Nettobeträge der Rechnungspositionen (BT-131) zuzüglich der Summe der Zuschläge auf "
        "Dokumentenebene (BT-99) abzüglich der Summe der Abschläge auf Dokumentenebene (BT-92) "
        "sein, deren Code der Umsatzsteuerkategorie (BT-151, BT-102, BT-95) „IPSI“ (M, Ceuta und "
        "Melilla) ist und deren Umsatzsteuersatz (BT-152, BT-103, BT-96) dem Umsatzsteuersatz "
        "der Kategorie (BT-119) entspricht."
    ),
    "BR-AG-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „IPSI“ (M, Ceuta und Melilla) muss "
        "gleich dem Steuerbasisbetrag der Kategorie (BT-116) multipliziert mit dem "
        "Umsatzsteuersatz der Kategorie (BT-119) sein."
    ),
    "BR-AG-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „IPSI“ (M, Ceuta und Melilla) darf weder einen Code für den Grund der "
        "Steuerbefreiung (BT-121) noch einen Text zum Grund der Steuerbefreiung (BT-120) "
        "enthalten."
    ),
    # --- Umsatzsteuerkategorie „Split Payment“ (B, Italien)
    "BR-B-01": (
        "Eine Rechnung, in der ein Code der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) "
        "„Split Payment“ (B, Italien) ist, muss eine inländische italienische Rechnung sein."
    ),
    "BR-B-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95, BT-118 oder BT-102) „Split Payment“ (B, "
        "Italien), darf sie keine Rechnungsposition, keinen Abschlag und keinen Zuschlag "
        "enthalten, deren Code der Umsatzsteuerkategorie „Normalsatz“ (S) ist."
    ),
    # --- Codelisten (BR-CL)
    "BR-CL-01": (
        "Der Code für den Dokumenttyp muss aus den rechnungs- und gutschriftsbezogenen Codes der "
        "Codeliste UNTDID 1001 stammen."
    ),
    "BR-CL-03": (
        "Das Attribut currencyID (Währung eines Betrags) muss nach der Codeliste ISO 4217 "
        "alpha-3 codiert sein."
    ),
    "BR-CL-04": (
        "Der Code für die Rechnungswährung muss nach der Codeliste ISO 4217 alpha-3 codiert sein."
    ),
    "BR-CL-05": (
        "Der Code für die Umsatzsteuer-Buchungswährung muss nach der Codeliste ISO 4217 alpha-3 "
        "codiert sein."
    ),
    "BR-CL-06": (
        "Der Code für das Datum der Steuerfälligkeit muss aus einer Teilmenge der Codeliste "
        "UNTDID 2005 (UBL) bzw. UNTDID 2475 (CII) stammen."
    ),
    "BR-CL-07": (
        "Die Schemakennung der Objektkennung muss aus einer Teilmenge der Codeliste UNTDID 1153 "
        "stammen."
    ),
    "BR-CL-08": (
        "Der Code für den Betreff einer Bemerkung zur Rechnung muss aus einer Teilmenge der "
        "Codeliste UNTDID 4451 (UNCL4451) stammen."
    ),
    "BR-CL-10": "Die Schemakennung einer Kennung muss aus der Codeliste ISO 6523 ICD stammen.",
    "BR-CL-11": (
        "Die Schemakennung einer Registrierungskennung muss aus der Codeliste ISO 6523 ICD stammen."
    ),
    "BR-CL-13": (
        "Die Schemakennung der Kennung der Artikelklassifizierung muss aus der Codeliste UNTDID "
        "7143 stammen."
    ),
    "BR-CL-14": "Ländercodes in einer Rechnung müssen nach der Codeliste ISO 3166-1 codiert sein.",
    "BR-CL-15": (
        "Ländercodes in einer Rechnung (hier: Herkunftsland des Artikels) müssen nach der "
        "Codeliste ISO 3166-1 codiert sein."
    ),
    "BR-CL-16": (
        "Der Code für die Zahlungsart muss aus der Codeliste UNTDID 4461 (UNCL4461) stammen."
    ),
    "BR-CL-17": "Codes der Umsatzsteuerkategorie müssen aus der Codeliste UNCL 5305 stammen.",
    "BR-CL-18": "Codes der Umsatzsteuerkategorie müssen aus der Codeliste UNCL 5305 stammen.",
    "BR-CL-19": "Codes für den Grund eines Abschlags müssen aus der Codeliste UNCL 5189 stammen.",
    "BR-CL-20": "Codes für den Grund eines Zuschlags müssen aus der Codeliste UNCL 7161 stammen.",
    "BR-CL-21": (
        "Die Schemakennung der Standardkennung des Artikels muss aus der Codeliste ISO 6523 ICD "
        "stammen."
    ),
    "BR-CL-22": (
        "Der Code für den Grund der Steuerbefreiung muss aus der Codeliste CEF VATEX stammen."
    ),
    "BR-CL-23": (
        "Der Code der Maßeinheit muss nach UN/ECE Recommendation 20 mit der Erweiterung Rec 21 "
        "codiert sein."
    ),
    "BR-CL-24": (
        "Der MIME-Code (Attribut mimeCode) eines Anhangs muss ein zulässiger MIMEMediaType sein: "
        "application/pdf, image/png, image/jpeg, text/csv, "
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet oder "
        "application/vnd.oasis.opendocument.spreadsheet."
    ),
    "BR-CL-25": (
        "Die Schemakennung einer elektronischen Adresse muss aus der Codeliste CEF EAS stammen."
    ),
    "BR-CL-26": (
        "Die Schemakennung der Kennung des Lieferorts muss aus der Codeliste ISO 6523 ICD stammen."
    ),
    # --- Bedingungen und Rechenregeln (BR-CO)
    "BR-CO-03": (
        "Datum der Steuerfälligkeit (BT-7) und Code für das Datum der Steuerfälligkeit (BT-8) "
        "schließen sich gegenseitig aus."
    ),
    "BR-CO-04": (
        "Jede Rechnungsposition (BG-25) muss mit einem Code der Umsatzsteuerkategorie des "
        "Artikels (BT-151) eingeordnet sein."
    ),
    "BR-CO-05": (
        "Code für den Grund des Abschlags auf Dokumentenebene (BT-98) und Grund des Abschlags "
        "auf Dokumentenebene (BT-97) müssen dieselbe Art von Abschlag bezeichnen."
    ),
    "BR-CO-06": (
        "Code für den Grund des Zuschlags auf Dokumentenebene (BT-105) und Grund des Zuschlags "
        "auf Dokumentenebene (BT-104) müssen dieselbe Art von Zuschlag bezeichnen."
    ),
    "BR-CO-07": (
        "Code für den Grund des Abschlags auf Positionsebene (BT-140) und Grund des Abschlags "
        "auf Positionsebene (BT-139) müssen dieselbe Art von Abschlag bezeichnen."
    ),
    "BR-CO-08": (
        "Code für den Grund des Zuschlags auf Positionsebene (BT-145) und Grund des Zuschlags "
        "auf Positionsebene (BT-144) müssen dieselbe Art von Zuschlag bezeichnen."
    ),
    "BR-CO-09": (
        "Die Umsatzsteuer-Identifikationsnummern des Verkäufers (BT-31), des Steuervertreters "
        "des Verkäufers (BT-63) und des Käufers (BT-48) müssen mit einem Ländercode nach ISO "
        "3166-1 alpha-2 beginnen, der den ausstellenden Staat erkennen lässt. Griechenland darf "
        "das Präfix „EL“ verwenden."
    ),
    "BR-CO-10": (
        "Summe der Nettobeträge aller Rechnungspositionen (BT-106) = Σ Nettobetrag der "
        "Rechnungsposition (BT-131)."
    ),
    "BR-CO-11": (
        "Summe der Abschläge auf Dokumentenebene (BT-107) = Σ Betrag des Abschlags auf "
        "Dokumentenebene (BT-92)."
    ),
    "BR-CO-12": (
        "Summe der Zuschläge auf Dokumentenebene (BT-108) = Σ Betrag des Zuschlags auf "
        "Dokumentenebene (BT-99)."
    ),
    "BR-CO-13": (
        "Gesamtbetrag ohne Umsatzsteuer (BT-109) = Σ Nettobetrag der Rechnungsposition (BT-131) "
        "- Summe der Abschläge auf Dokumentenebene (BT-107) + Summe der Zuschläge auf "
        "Dokumentenebene (BT-108)."
    ),
    "BR-CO-14": "Umsatzsteuergesamtbetrag (BT-110) = Σ Steuerbetrag der Kategorie (BT-117).",
    "BR-CO-15": (
        "Gesamtbetrag einschließlich Umsatzsteuer (BT-112) = Gesamtbetrag ohne Umsatzsteuer "
        "(BT-109) + Umsatzsteuergesamtbetrag (BT-110)."
    ),
    "BR-CO-16": (
        "Fälliger Zahlungsbetrag (BT-115) = Gesamtbetrag einschließlich Umsatzsteuer (BT-112) - "
        "Vorauszahlungsbetrag (BT-113) + Rundungsbetrag (BT-114)."
    ),
    "BR-CO-17": (
        "Steuerbetrag der Kategorie (BT-117) = Steuerbasisbetrag der Kategorie (BT-116) x "
        "(Umsatzsteuersatz der Kategorie (BT-119) / 100), gerundet auf zwei Nachkommastellen."
    ),
    "BR-CO-18": "Eine Rechnung muss mindestens eine Umsatzsteueraufschlüsselung (BG-23) enthalten.",
    "BR-CO-19": (
        "Wird ein Rechnungszeitraum (BG-14) angegeben, muss das Anfangsdatum (BT-73) oder das "
        "Enddatum des Rechnungszeitraums (BT-74) angegeben sein, oder beide."
    ),
    "BR-CO-20": (
        "Wird ein Rechnungszeitraum der Position (BG-26) angegeben, muss das Anfangsdatum "
        "(BT-134) oder das Enddatum des Rechnungszeitraums der Position (BT-135) angegeben sein, "
        "oder beide."
    ),
    "BR-CO-21": (
        "Jeder Abschlag auf Dokumentenebene (BG-20) muss einen Grund des Abschlags (BT-97) oder "
        "einen Code für den Grund des Abschlags (BT-98) enthalten, oder beides."
    ),
    "BR-CO-22": (
        "Jeder Zuschlag auf Dokumentenebene (BG-21) muss einen Grund des Zuschlags (BT-104) oder "
        "einen Code für den Grund des Zuschlags (BT-105) enthalten, oder beides."
    ),
    "BR-CO-23": (
        "Jeder Abschlag auf Ebene der Rechnungsposition (BG-27) muss einen Grund des Abschlags "
        "(BT-139) oder einen Code für den Grund des Abschlags (BT-140) enthalten, oder beides."
    ),
    "BR-CO-24": (
        "Jeder Zuschlag auf Ebene der Rechnungsposition (BG-28) muss einen Grund des Zuschlags "
        "(BT-144) oder einen Code für den Grund des Zuschlags (BT-145) enthalten, oder beides."
    ),
    "BR-CO-26": (
        "Damit der Käufer den Lieferanten automatisch erkennen kann, muss die Kennung des "
        "Verkäufers (BT-29), die Kennung der rechtlichen Registrierung des Verkäufers (BT-30) "
        "und/oder die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) angegeben sein."
    ),
    # --- Nachkommastellen (BR-DEC)
    "BR-DEC-01": (
        "Der Betrag des Abschlags auf Dokumentenebene (BT-92) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-02": (
        "Der Grundbetrag des Abschlags auf Dokumentenebene (BT-93) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-05": (
        "Der Betrag des Zuschlags auf Dokumentenebene (BT-99) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-06": (
        "Der Grundbetrag des Zuschlags auf Dokumentenebene (BT-100) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-09": (
        "Die Summe der Nettobeträge aller Rechnungspositionen (BT-106) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-10": (
        "Die Summe der Abschläge auf Dokumentenebene (BT-107) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-11": (
        "Die Summe der Zuschläge auf Dokumentenebene (BT-108) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-12": (
        "Der Gesamtbetrag ohne Umsatzsteuer (BT-109) darf höchstens zwei Nachkommastellen haben."
    ),
    "BR-DEC-13": (
        "Der Umsatzsteuergesamtbetrag (BT-110) darf höchstens zwei Nachkommastellen haben."
    ),
    "BR-DEC-14": (
        "Der Gesamtbetrag einschließlich Umsatzsteuer (BT-112) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-15": (
        "Der Umsatzsteuergesamtbetrag in Buchungswährung (BT-111) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-16": "Der Vorauszahlungsbetrag (BT-113) darf höchstens zwei Nachkommastellen haben.",
    "BR-DEC-17": "Der Rundungsbetrag (BT-114) darf höchstens zwei Nachkommastellen haben.",
    "BR-DEC-18": "Der fällige Zahlungsbetrag (BT-115) darf höchstens zwei Nachkommastellen haben.",
    "BR-DEC-19": (
        "Der Steuerbasisbetrag der Kategorie (BT-116) darf höchstens zwei Nachkommastellen haben."
    ),
    "BR-DEC-20": (
        "Der Steuerbetrag der Kategorie (BT-117) darf höchstens zwei Nachkommastellen haben."
    ),
    "BR-DEC-23": (
        "Der Nettobetrag der Rechnungsposition (BT-131) darf höchstens zwei Nachkommastellen haben."
    ),
    "BR-DEC-24": (
        "Der Betrag des Abschlags auf Positionsebene (BT-136) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-25": (
        "Der Grundbetrag des Abschlags auf Positionsebene (BT-137) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-27": (
        "Der Betrag des Zuschlags auf Positionsebene (BT-141) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    "BR-DEC-28": (
        "Der Grundbetrag des Zuschlags auf Positionsebene (BT-142) darf höchstens zwei "
        "Nachkommastellen haben."
    ),
    # --- Umsatzsteuerkategorie „Steuerbefreit“ (E)
    "BR-E-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „Steuerbefreit“ (E), muss sie "
        "genau eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Steuerbefreit“ (E) enthalten."
    ),
    "BR-E-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25) mit dem Code der "
        "Umsatzsteuerkategorie des Artikels (BT-151) „Steuerbefreit“ (E), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-E-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „Steuerbefreit“ (E), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-E-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „Steuerbefreit“ (E), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-E-05": (
        "In einer Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie des Artikels "
        "(BT-151) „Steuerbefreit“ (E) muss der Umsatzsteuersatz des Artikels (BT-152) 0 (null) "
        "sein."
    ),
    "BR-E-06": (
        "In einem Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) „Steuerbefreit“ (E) muss der Umsatzsteuersatz des Abschlags "
        "(BT-96) 0 (null) sein."
    ),
    "BR-E-07": (
        "In einem Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) „Steuerbefreit“ (E) muss der Umsatzsteuersatz des Zuschlags "
        "(BT-103) 0 (null) sein."
    ),
    "BR-E-08": (
        "In einer Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Steuerbefreit“ (E) muss der Steuerbasisbetrag der Kategorie (BT-116) gleich "
        "der Summe der Nettobeträge der Rechnungspositionen (BT-131) abzüglich der Summe der "
        "Abschläge auf Dokumentenebene (BT-92) zuzüglich der Summe der Zuschläge auf "
        "Dokumentenebene (BT-99) sein, deren Code der Umsatzsteuerkategorie (BT-151, BT-95, "
        "BT-102) „Steuerbefreit“ (E) ist."
    ),
    "BR-E-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „Steuerbefreit“ (E) muss 0 (null) sein."
    ),
    "BR-E-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Steuerbefreit“ (E) muss einen Code für den Grund der Steuerbefreiung (BT-121) "
        "oder einen Text zum Grund der Steuerbefreiung (BT-120) enthalten."
    ),
    # --- Umsatzsteuerkategorie „Ausfuhr außerhalb der EU“ (G)
    "BR-G-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „Ausfuhr außerhalb der EU“ (G), "
        "muss die Umsatzsteueraufschlüsselung (BG-23) genau einen Code der Umsatzsteuerkategorie "
        "(BT-118) „Ausfuhr außerhalb der EU“ (G) enthalten."
    ),
    "BR-G-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25) mit dem Code der "
        "Umsatzsteuerkategorie des Artikels (BT-151) „Ausfuhr außerhalb der EU“ (G), muss sie "
        "die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) oder die "
        "Umsatzsteuer-Identifikationsnummer des Steuervertreters des Verkäufers (BT-63) "
        "enthalten."
    ),
    "BR-G-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „Ausfuhr außerhalb der EU“ (G), muss sie "
        "die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) oder die "
        "Umsatzsteuer-Identifikationsnummer des Steuervertreters des Verkäufers (BT-63) "
        "enthalten."
    ),
    "BR-G-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „Ausfuhr außerhalb der EU“ (G), muss sie "
        "die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) oder die "
        "Umsatzsteuer-Identifikationsnummer des Steuervertreters des Verkäufers (BT-63) "
        "enthalten."
    ),
    "BR-G-05": (
        "In einer Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie des Artikels "
        "(BT-151) „Ausfuhr außerhalb der EU“ (G) muss der Umsatzsteuersatz des Artikels (BT-152) "
        "0 (null) sein."
    ),
    "BR-G-06": (
        "In einem Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) „Ausfuhr außerhalb der EU“ (G) muss der Umsatzsteuersatz des "
        "Abschlags (BT-96) 0 (null) sein."
    ),
    "BR-G-07": (
        "In einem Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) „Ausfuhr außerhalb der EU“ (G) muss der Umsatzsteuersatz des "
        "Zuschlags (BT-103) 0 (null) sein."
    ),
    "BR-G-08": (
        "In einer Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Ausfuhr außerhalb der EU“ (G) muss der Steuerbasisbetrag der Kategorie "
        "(BT-116) gleich der Summe der Nettobeträge der Rechnungspositionen (BT-131) abzüglich "
        "der Summe der Abschläge auf Dokumentenebene (BT-92) zuzüglich der Summe der Zuschläge "
        "auf Dokumentenebene (BT-99) sein, deren Code der Umsatzsteuerkategorie (BT-151, BT-95, "
        "BT-102) „Ausfuhr außerhalb der EU“ (G) ist."
    ),
    "BR-G-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „Ausfuhr außerhalb der EU“ (G) muss 0 "
        "(null) sein."
    ),
    "BR-G-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Ausfuhr außerhalb der EU“ (G) muss als Code für den Grund der Steuerbefreiung "
        "(BT-121) einen Code mit der Bedeutung „Export outside the EU“ oder als Text zum Grund "
        "der Steuerbefreiung (BT-120) „Export outside the EU“ bzw. den entsprechenden "
        "Standardtext in einer anderen Sprache (etwa „Ausfuhrlieferung“) enthalten."
    ),
    # --- Umsatzsteuerkategorie „Innergemeinschaftliche Lieferung“ (K)
    "BR-IC-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „Innergemeinschaftliche "
        "Lieferung“ (K), muss die Umsatzsteueraufschlüsselung (BG-23) genau einen Code der "
        "Umsatzsteuerkategorie (BT-118) „Innergemeinschaftliche Lieferung“ (K) enthalten."
    ),
    "BR-IC-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25) mit dem Code der "
        "Umsatzsteuerkategorie des Artikels (BT-151) „Innergemeinschaftliche Lieferung“ (K), "
        "muss sie die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) oder die "
        "Umsatzsteuer-Identifikationsnummer des Steuervertreters des Verkäufers (BT-63) sowie "
        "die Umsatzsteuer-Identifikationsnummer des Käufers (BT-48) enthalten."
    ),
    "BR-IC-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „Innergemeinschaftliche Lieferung“ (K), "
        "muss sie die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) oder die "
        "Umsatzsteuer-Identifikationsnummer des Steuervertreters des Verkäufers (BT-63) sowie "
        "die Umsatzsteuer-Identifikationsnummer des Käufers (BT-48) enthalten."
    ),
    "BR-IC-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „Innergemeinschaftliche Lieferung“ (K), "
        "muss sie die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) oder die "
        "Umsatzsteuer-Identifikationsnummer des Steuervertreters des Verkäufers (BT-63) sowie "
        "die Umsatzsteuer-Identifikationsnummer des Käufers (BT-48) enthalten."
    ),
    "BR-IC-05": (
        "In einer Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie des Artikels "
        "(BT-151) „Innergemeinschaftliche Lieferung“ (K) muss der Umsatzsteuersatz des Artikels "
        "(BT-152) 0 (null) sein."
    ),
    "BR-IC-06": (
        "In einem Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) „Innergemeinschaftliche Lieferung“ (K) muss der Umsatzsteuersatz "
        "des Abschlags (BT-96) 0 (null) sein."
    ),
    "BR-IC-07": (
        "In einem Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) „Innergemeinschaftliche Lieferung“ (K) muss der Umsatzsteuersatz "
        "des Zuschlags (BT-103) 0 (null) sein."
    ),
    "BR-IC-08": (
        "In einer Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Innergemeinschaftliche Lieferung“ (K) muss der Steuerbasisbetrag der "
        "Kategorie (BT-116) gleich der Summe der Nettobeträge der Rechnungspositionen (BT-131) "
        "abzüglich der Summe der Abschläge auf Dokumentenebene (BT-92) zuzüglich der Summe der "
        "Zuschläge auf Dokumentenebene (BT-99) sein, deren Code der Umsatzsteuerkategorie "
        "(BT-151, BT-95, BT-102) „Innergemeinschaftliche Lieferung“ (K) ist."
    ),
    "BR-IC-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „Innergemeinschaftliche Lieferung“ (K) "
        "muss 0 (null) sein."
    ),
    "BR-IC-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Innergemeinschaftliche Lieferung“ (K) muss als Code für den Grund der "
        "Steuerbefreiung (BT-121) einen Code mit der Bedeutung „Intra-community supply“ oder als "
        "Text zum Grund der Steuerbefreiung (BT-120) „Intra-community supply“ bzw. den "
        "entsprechenden Standardtext in einer anderen Sprache (etwa „Innergemeinschaftliche "
        "Lieferung“) enthalten."
    ),
    "BR-IC-11": (
        "Enthält eine Rechnung eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „Innergemeinschaftliche Lieferung“ (K), muss das "
        "tatsächliche Lieferdatum (BT-72) oder der Rechnungszeitraum (BG-14) angegeben sein."
    ),
    "BR-IC-12": (
        "Enthält eine Rechnung eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „Innergemeinschaftliche Lieferung“ (K), muss der "
        "Ländercode der Lieferanschrift (BT-80) angegeben sein."
    ),
    # --- Umsatzsteuerkategorie „Nicht steuerbar“ (O)
    "BR-O-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „Nicht steuerbar“ (O), muss sie "
        "genau eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Nicht steuerbar“ (O) enthalten."
    ),
    "BR-O-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25) mit dem Code der "
        "Umsatzsteuerkategorie des Artikels (BT-151) „Nicht steuerbar“ (O), darf sie weder die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) noch die des Steuervertreters "
        "des Verkäufers (BT-63) noch die des Käufers (BT-48) enthalten."
    ),
    "BR-O-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „Nicht steuerbar“ (O), darf sie weder die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) noch die des Steuervertreters "
        "des Verkäufers (BT-63) noch die des Käufers (BT-48) enthalten."
    ),
    "BR-O-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „Nicht steuerbar“ (O), darf sie weder die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) noch die des Steuervertreters "
        "des Verkäufers (BT-63) noch die des Käufers (BT-48) enthalten."
    ),
    "BR-O-05": (
        "Eine Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie (BT-151) „Nicht "
        "steuerbar“ (O) darf keinen Umsatzsteuersatz des Artikels (BT-152) enthalten."
    ),
    "BR-O-06": (
        "Ein Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie (BT-95) "
        "„Nicht steuerbar“ (O) darf keinen Umsatzsteuersatz des Abschlags (BT-96) enthalten."
    ),
    "BR-O-07": (
        "Ein Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "(BT-102) „Nicht steuerbar“ (O) darf keinen Umsatzsteuersatz des Zuschlags (BT-103) "
        "enthalten."
    ),
    "BR-O-08": (
        "In einer Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Nicht steuerbar“ (O) muss der Steuerbasisbetrag der Kategorie (BT-116) gleich "
        "der Summe der Nettobeträge der Rechnungspositionen (BT-131) abzüglich der Summe der "
        "Abschläge auf Dokumentenebene (BT-92) zuzüglich der Summe der Zuschläge auf "
        "Dokumentenebene (BT-99) sein, deren Code der Umsatzsteuerkategorie (BT-151, BT-95, "
        "BT-102) „Nicht steuerbar“ (O) ist."
    ),
    "BR-O-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „Nicht steuerbar“ (O) muss 0 (null) "
        "sein."
    ),
    "BR-O-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Nicht steuerbar“ (O) muss als Code für den Grund der Steuerbefreiung (BT-121) "
        "einen Code mit der Bedeutung „Not subject to VAT“ oder als Text zum Grund der "
        "Steuerbefreiung (BT-120) „Not subject to VAT“ bzw. den entsprechenden Standardtext in "
        "einer anderen Sprache (etwa „Nicht steuerbarer Umsatz“) enthalten."
    ),
    "BR-O-11": (
        "Enthält eine Rechnung eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „Nicht steuerbar“ (O), darf sie keine weiteren "
        "Umsatzsteueraufschlüsselungen (BG-23) enthalten."
    ),
    "BR-O-12": (
        "Enthält eine Rechnung eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „Nicht steuerbar“ (O), darf sie keine Rechnungsposition "
        "(BG-25) enthalten, deren Code der Umsatzsteuerkategorie des Artikels (BT-151) nicht "
        "„Nicht steuerbar“ ist."
    ),
    "BR-O-13": (
        "Enthält eine Rechnung eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „Nicht steuerbar“ (O), darf sie keine Abschläge auf "
        "Dokumentenebene (BG-20) enthalten, deren Code der Umsatzsteuerkategorie des Abschlags "
        "(BT-95) nicht „Nicht steuerbar“ ist."
    ),
    "BR-O-14": (
        "Enthält eine Rechnung eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „Nicht steuerbar“ (O), darf sie keine Zuschläge auf "
        "Dokumentenebene (BG-21) enthalten, deren Code der Umsatzsteuerkategorie des Zuschlags "
        "(BT-102) nicht „Nicht steuerbar“ ist."
    ),
    # --- Umsatzsteuerkategorie „Normalsatz“ (S)
    "BR-S-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „Normalsatz“ (S), muss die "
        "Umsatzsteueraufschlüsselung (BG-23) mindestens einen Code der Umsatzsteuerkategorie "
        "(BT-118) „Normalsatz“ (S) enthalten."
    ),
    "BR-S-02": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25) mit dem Code der "
        "Umsatzsteuerkategorie des Artikels (BT-151) „Normalsatz“ (S), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-S-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „Normalsatz“ (S), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-S-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „Normalsatz“ (S), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-S-05": (
        "In einer Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie des Artikels "
        "(BT-151) „Normalsatz“ (S) muss der Umsatzsteuersatz des Artikels (BT-152) größer als 0 "
        "(null) sein."
    ),
    "BR-S-06": (
        "In einem Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) „Normalsatz“ (S) muss der Umsatzsteuersatz des Abschlags (BT-96) "
        "größer als 0 (null) sein."
    ),
    "BR-S-07": (
        "In einem Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) „Normalsatz“ (S) muss der Umsatzsteuersatz des Zuschlags "
        "(BT-103) größer als 0 (null) sein."
    ),
    "BR-S-08": (
        "Für jeden Umsatzsteuersatz der Kategorie (BT-119) mit dem Code der "
        "Umsatzsteuerkategorie (BT-118) „Normalsatz“ (S) muss der Steuerbasisbetrag der "
        "Kategorie (BT-116) in der Umsatzsteueraufschlüsselung (BG-23) gleich der Summe der "
        "Nettobeträge der Rechnungspositionen (BT-131) zuzüglich der Summe der Zuschläge auf "
        "Dokumentenebene (BT-99) abzüglich der Summe der Abschläge auf Dokumentenebene (BT-92) "
        "sein, deren Code der Umsatzsteuerkategorie (BT-151, BT-102, BT-95) „Normalsatz“ (S) ist "
        "und deren Umsatzsteuersatz (BT-152, BT-103, BT-96) dem Umsatzsteuersatz der Kategorie "
        "(BT-119) entspricht."
    ),
    "BR-S-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „Normalsatz“ (S) muss gleich dem "
        "Steuerbasisbetrag der Kategorie (BT-116) multipliziert mit dem Umsatzsteuersatz der "
        "Kategorie (BT-119) sein."
    ),
    "BR-S-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Normalsatz“ (S) darf weder einen Code für den Grund der Steuerbefreiung "
        "(BT-121) noch einen Text zum Grund der Steuerbefreiung (BT-120) enthalten."
    ),
    # --- Umsatzsteuerkategorie „Nullsatz“ (Z)
    "BR-Z-01": (
        "Enthält eine Rechnung eine Rechnungsposition (BG-25), einen Abschlag auf "
        "Dokumentenebene (BG-20) oder einen Zuschlag auf Dokumentenebene (BG-21) mit dem Code "
        "der Umsatzsteuerkategorie (BT-151, BT-95 oder BT-102) „Nullsatz“ (Z), muss die "
        "Umsatzsteueraufschlüsselung (BG-23) genau einen Code der Umsatzsteuerkategorie (BT-118) "
        "„Nullsatz“ (Z) enthalten."
    ),
    "BR-Z-02": (
        "Enthält eine Rechnung eine Rechnungsposition mit dem Code der Umsatzsteuerkategorie des "
        "Artikels (BT-151) „Nullsatz“ (Z), muss sie die Umsatzsteuer-Identifikationsnummer des "
        "Verkäufers (BT-31), die Steuernummer des Verkäufers (BT-32) und/oder die "
        "Umsatzsteuer-Identifikationsnummer des Steuervertreters des Verkäufers (BT-63) "
        "enthalten."
    ),
    "BR-Z-03": (
        "Enthält eine Rechnung einen Abschlag auf Dokumentenebene (BG-20) mit dem Code der "
        "Umsatzsteuerkategorie des Abschlags (BT-95) „Nullsatz“ (Z), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-Z-04": (
        "Enthält eine Rechnung einen Zuschlag auf Dokumentenebene mit dem Code der "
        "Umsatzsteuerkategorie des Zuschlags (BT-102) „Nullsatz“ (Z), muss sie die "
        "Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31), die Steuernummer des "
        "Verkäufers (BT-32) und/oder die Umsatzsteuer-Identifikationsnummer des Steuervertreters "
        "des Verkäufers (BT-63) enthalten."
    ),
    "BR-Z-05": (
        "In einer Rechnungsposition (BG-25) mit dem Code der Umsatzsteuerkategorie des Artikels "
        "(BT-151) „Nullsatz“ (Z) muss der Umsatzsteuersatz des Artikels (BT-152) 0 (null) sein."
    ),
    "BR-Z-06": (
        "In einem Abschlag auf Dokumentenebene (BG-20) mit dem Code der Umsatzsteuerkategorie "
        "des Abschlags (BT-95) „Nullsatz“ (Z) muss der Umsatzsteuersatz des Abschlags (BT-96) 0 "
        "(null) sein."
    ),
    "BR-Z-07": (
        "In einem Zuschlag auf Dokumentenebene (BG-21) mit dem Code der Umsatzsteuerkategorie "
        "des Zuschlags (BT-102) „Nullsatz“ (Z) muss der Umsatzsteuersatz des Zuschlags (BT-103) "
        "0 (null) sein."
    ),
    "BR-Z-08": (
        "In einer Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Nullsatz“ (Z) muss der Steuerbasisbetrag der Kategorie (BT-116) gleich der "
        "Summe der Nettobeträge der Rechnungspositionen (BT-131) abzüglich der Summe der "
        "Abschläge auf Dokumentenebene (BT-92) zuzüglich der Summe der Zuschläge auf "
        "Dokumentenebene (BT-99) sein, deren Code der Umsatzsteuerkategorie (BT-151, BT-95, "
        "BT-102) „Nullsatz“ (Z) ist."
    ),
    "BR-Z-09": (
        "Der Steuerbetrag der Kategorie (BT-117) in einer Umsatzsteueraufschlüsselung (BG-23) "
        "mit dem Code der Umsatzsteuerkategorie (BT-118) „Nullsatz“ (Z) muss 0 (null) sein."
    ),
    "BR-Z-10": (
        "Eine Umsatzsteueraufschlüsselung (BG-23) mit dem Code der Umsatzsteuerkategorie "
        "(BT-118) „Nullsatz“ (Z) darf weder einen Code für den Grund der Steuerbefreiung "
        "(BT-121) noch einen Text zum Grund der Steuerbefreiung (BT-120) enthalten."
    ),
    # --- CII: Datentypen und nicht zugelassene Elemente und Attribute (CII-DT)
    "CII-DT-001": "Das Attribut schemeName darf hier nicht angegeben werden.",
    "CII-DT-002": "Das Attribut schemeAgencyName darf hier nicht angegeben werden.",
    "CII-DT-003": "Das Attribut schemeDataURI darf hier nicht angegeben werden.",
    "CII-DT-004": "Das Attribut schemeURI darf hier nicht angegeben werden.",
    "CII-DT-005": "Das Attribut schemeID darf hier nicht angegeben werden.",
    "CII-DT-006": "Das Attribut schemeAgencyID darf hier nicht angegeben werden.",
    "CII-DT-007": "Das Attribut schemeVersionID darf hier nicht angegeben werden.",
    "CII-DT-008": "Das Attribut name darf an einem TypeCode nicht angegeben werden.",
    "CII-DT-009": "Das Attribut listURI darf an einem TypeCode nicht angegeben werden.",
    "CII-DT-010": (
        "Das Attribut listID darf am Code für den Rechnungstyp (TypeCode) nicht angegeben werden."
    ),
    "CII-DT-011": (
        "Das Attribut listAgencyID darf am Code für den Rechnungstyp (TypeCode) nicht angegeben "
        "werden."
    ),
    "CII-DT-012": (
        "Das Attribut listVersionID darf am Code für den Rechnungstyp (TypeCode) nicht angegeben "
        "werden."
    ),
    "CII-DT-013": (
        "Das Attribut languageID darf am Wurzelelement CrossIndustryInvoice nicht angegeben werden."
    ),
    "CII-DT-014": (
        "Das Attribut languageLocaleID darf am Wurzelelement CrossIndustryInvoice nicht "
        "angegeben werden."
    ),
    "CII-DT-015": "Das Element URIID darf in dieser Dokumentreferenz nicht verwendet werden.",
    "CII-DT-016": "Das Element StatusCode darf in dieser Dokumentreferenz nicht verwendet werden.",
    "CII-DT-017": (
        "Das Element CopyIndicator darf in dieser Dokumentreferenz nicht verwendet werden."
    ),
    "CII-DT-018": "Das Element TypeCode darf in dieser Dokumentreferenz nicht verwendet werden.",
    "CII-DT-019": "Das Element GlobalID darf in dieser Dokumentreferenz nicht verwendet werden.",
    "CII-DT-020": "Das Element RevisionID darf in dieser Dokumentreferenz nicht verwendet werden.",
    "CII-DT-021": "Das Element Name darf in dieser Dokumentreferenz nicht verwendet werden.",
    "CII-DT-022": (
        "Das Element AttachmentBinaryObject darf in dieser Dokumentreferenz nicht verwendet werden."
    ),
    "CII-DT-023": "Das Element Information darf in dieser Dokumentreferenz nicht verwendet werden.",
    "CII-DT-024": (
        "Das Element ReferenceTypeCode darf in dieser Dokumentreferenz nicht verwendet werden."
    ),
    "CII-DT-025": "Das Element SectionName darf in dieser Dokumentreferenz nicht verwendet werden.",
    "CII-DT-026": (
        "Das Element PreviousRevisionID darf in dieser Dokumentreferenz nicht verwendet werden."
    ),
    "CII-DT-027": (
        "Das Element FormattedIssueDateTime darf in dieser Dokumentreferenz nicht verwendet werden."
    ),
    "CII-DT-028": (
        "Das Element EffectiveSpecifiedPeriod darf in dieser Dokumentreferenz nicht verwendet "
        "werden."
    ),
    "CII-DT-029": (
        "Das Element IssuerTradeParty darf in dieser Dokumentreferenz nicht verwendet werden."
    ),
    "CII-DT-030": (
        "Das Element AttachedSpecifiedBinaryFile darf in dieser Dokumentreferenz nicht verwendet "
        "werden."
    ),
    "CII-DT-031": (
        "Das Attribut currencyID darf an diesem Betrag nicht angegeben werden (nur am "
        "Steuerbetrag TaxTotalAmount)."
    ),
    "CII-DT-032": (
        "Das Attribut currencyCodeListVersionID darf an einem Betrag nicht angegeben werden."
    ),
    "CII-DT-033": "Das Attribut unitCode darf an dieser Menge nicht angegeben werden.",
    "CII-DT-034": "Das Attribut unitCodeListID darf an einer Menge nicht angegeben werden.",
    "CII-DT-035": "Das Attribut unitCodeListAgencyID darf an einer Menge nicht angegeben werden.",
    "CII-DT-036": "Das Attribut unitCodeListAgencyName darf an einer Menge nicht angegeben werden.",
    "CII-DT-037": "Der Code der Steuerart (TypeCode) einer Steuerangabe muss „VAT“ lauten.",
    "CII-DT-068": (
        "Für das Anfangsdatum des Rechnungszeitraums (BillingSpecifiedPeriod) darf DateTime "
        "nicht verwendet werden, nur DateTimeString."
    ),
    "CII-DT-069": (
        "Das Element DurationMeasure darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht "
        "verwendet werden."
    ),
    "CII-DT-070": (
        "Das Element InclusiveIndicator darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht "
        "verwendet werden."
    ),
    "CII-DT-071": (
        "Das Element Description darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht "
        "verwendet werden."
    ),
    "CII-DT-072": (
        "Für das Enddatum des Rechnungszeitraums (BillingSpecifiedPeriod) darf DateTime nicht "
        "verwendet werden, nur DateTimeString."
    ),
    "CII-DT-073": (
        "Das Element CompleteDateTime darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht "
        "verwendet werden."
    ),
    "CII-DT-074": (
        "Das Element OpenIndicator darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht "
        "verwendet werden."
    ),
    "CII-DT-075": (
        "Das Element SeasonCode darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht "
        "verwendet werden."
    ),
    "CII-DT-076": (
        "Das Element ID darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht verwendet werden."
    ),
    "CII-DT-077": (
        "Das Element Name darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht verwendet "
        "werden."
    ),
    "CII-DT-078": (
        "Das Element SequenceNumeric darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht "
        "verwendet werden."
    ),
    "CII-DT-079": (
        "Das Element StartDateFlexibilityCode darf im Rechnungszeitraum (BillingSpecifiedPeriod) "
        "nicht verwendet werden."
    ),
    "CII-DT-080": (
        "Das Element ContinuousIndicator darf im Rechnungszeitraum (BillingSpecifiedPeriod) "
        "nicht verwendet werden."
    ),
    "CII-DT-081": (
        "Das Element PurposeCode darf im Rechnungszeitraum (BillingSpecifiedPeriod) nicht "
        "verwendet werden."
    ),
    "CII-DT-082": (
        "Das Element ID darf in einer Anschrift (PostalTradeAddress) nicht verwendet werden."
    ),
    "CII-DT-083": (
        "Das Element PostOfficeBox (Postfach) darf in einer Anschrift (PostalTradeAddress) nicht "
        "verwendet werden."
    ),
    "CII-DT-084": (
        "Das Element BuildingName (Gebäudename) darf in einer Anschrift (PostalTradeAddress) "
        "nicht verwendet werden."
    ),
    "CII-DT-086": (
        "Das Element LineFour darf in einer Anschrift (PostalTradeAddress) nicht verwendet werden."
    ),
    "CII-DT-087": (
        "Das Element LineFive darf in einer Anschrift (PostalTradeAddress) nicht verwendet werden."
    ),
    "CII-DT-088": (
        "Das Element StreetName darf in einer Anschrift (PostalTradeAddress) nicht verwendet "
        "werden; Straße und Hausnummer gehören in LineOne."
    ),
    "CII-DT-089": (
        "Das Element CitySubDivisionName (Ortsteil) darf in einer Anschrift (PostalTradeAddress) "
        "nicht verwendet werden."
    ),
    "CII-DT-090": (
        "Das Element CountryName darf in einer Anschrift (PostalTradeAddress) nicht verwendet "
        "werden; das Land steht in CountryID."
    ),
    "CII-DT-091": (
        "Das Element CountrySubDivisionID darf in einer Anschrift (PostalTradeAddress) nicht "
        "verwendet werden."
    ),
    "CII-DT-092": (
        "Das Element AttentionOf (zu Händen) darf in einer Anschrift (PostalTradeAddress) nicht "
        "verwendet werden."
    ),
    "CII-DT-093": (
        "Das Element CareOf (c/o) darf in einer Anschrift (PostalTradeAddress) nicht verwendet "
        "werden."
    ),
    "CII-DT-094": (
        "Das Element BuildingNumber (Hausnummer) darf in einer Anschrift (PostalTradeAddress) "
        "nicht verwendet werden; Straße und Hausnummer gehören in LineOne."
    ),
    "CII-DT-095": (
        "Das Element DepartmentName (Abteilung) darf in einer Anschrift (PostalTradeAddress) "
        "nicht verwendet werden."
    ),
    "CII-DT-096": (
        "Das Element AdditionalStreetName darf in einer Anschrift (PostalTradeAddress) nicht "
        "verwendet werden."
    ),
    "CII-DT-097": (
        "Ein Datum mit dem Formatattribut 102 muss die Form JJJJMMTT haben (zum Beispiel 20261120)."
    ),
    "CII-DT-101": "Das Attribut schemeName darf hier nicht angegeben werden.",
    "CII-DT-102": "Das Attribut schemeAgencyName darf hier nicht angegeben werden.",
    "CII-DT-103": "Das Attribut schemeDataURI darf hier nicht angegeben werden.",
    "CII-DT-104": "Das Attribut schemeURI darf hier nicht angegeben werden.",
    # --- CII: Syntaxregeln (CII-SR), soweit sie Fehler sind
    "CII-SR-009": (
        "GuidelineSpecifiedDocumentContextParameter (mit der Spezifikationskennung) muss genau "
        "einmal vorhanden sein."
    ),
    "CII-SR-010": (
        "Die ID in GuidelineSpecifiedDocumentContextParameter (die Spezifikationskennung) muss "
        "genau einmal vorhanden sein."
    ),
    "CII-SR-014": (
        "TypeCode (Code für den Rechnungstyp) muss in ExchangedDocument genau einmal vorhanden "
        "sein."
    ),
    "CII-SR-046": (
        "Ist GlobalID (Standardkennung des Artikels) angegeben, muss auch das Attribut schemeID "
        "angegeben sein."
    ),
    "CII-SR-069": (
        "Description (Name der Artikeleigenschaft) muss je Artikeleigenschaft genau einmal "
        "vorhanden sein."
    ),
    "CII-SR-072": (
        "Value (Wert der Artikeleigenschaft) muss je Artikeleigenschaft genau einmal vorhanden "
        "sein."
    ),
    "CII-SR-090": (
        "Das Herkunftsland eines Artikels (OriginTradeCountry) muss genau eine ID enthalten."
    ),
    "CII-SR-439": (
        "Der Nettopreis des Artikels (NetPriceProductTradePrice) muss genau einen ChargeAmount "
        "enthalten."
    ),
    "CII-SR-440": (
        "Ein Rabatt auf den Bruttopreis (AppliedTradeAllowanceCharge) darf höchstens einen "
        "ActualAmount enthalten."
    ),
    "CII-SR-441": (
        "Der Nettopreis des Artikels (NetPriceProductTradePrice) darf höchstens einen "
        "ChargeAmount enthalten."
    ),
    "CII-SR-455": (
        "Beim Verkäufer (SellerTradeParty) darf höchstens ein Kontakt (DefinedTradeContact) "
        "angegeben werden."
    ),
    "CII-SR-456": (
        "Beim Käufer (BuyerTradeParty) darf höchstens ein Kontakt (DefinedTradeContact) "
        "angegeben werden."
    ),
    "CII-SR-459": (
        "Beim Verkäufer (SellerTradeParty) darf höchstens eine elektronische Adresse "
        "(URIUniversalCommunication) angegeben werden."
    ),
    "CII-SR-460": (
        "Beim Käufer (BuyerTradeParty) darf höchstens eine elektronische Adresse "
        "(URIUniversalCommunication) angegeben werden."
    ),
    "CII-SR-461": "Das Datum der Steuerfälligkeit (TaxPointDate) darf nur einmal angegeben werden.",
    "CII-SR-462": (
        "Es darf nur ein Code für das Datum der Steuerfälligkeit (DueDateTypeCode) verwendet "
        "werden; mehrfache Angaben müssen gleich sein."
    ),
    "CII-SR-463": (
        "Jeder Ab- oder Zuschlag (SpecifiedTradeAllowanceCharge, BG-20/BG-21) muss einen "
        "ChargeIndicator (Kennzeichen Abschlag oder Zuschlag) enthalten."
    ),
    "CII-SR-467": (
        "Alle Codes für die Zahlungsart (BT-81) müssen in allen "
        "SpecifiedTradeSettlementPaymentMeans denselben Wert haben."
    ),
    "CII-SR-468": (
        "Alle Texte zur Zahlungsart (BT-82) müssen in allen SpecifiedTradeSettlementPaymentMeans "
        "denselben Wert haben."
    ),
    "CII-SR-469": "Der Verwendungszweck (BT-83) darf im Dokument höchstens einmal vorkommen.",
    "CII-SR-470": (
        "Als Kennung des Zahlungskontos (BT-84) ist entweder die IBAN (IBANID) oder eine "
        "proprietäre Kontokennung (ProprietaryID) anzugeben."
    ),
    "CII-SR-471": (
        "Jeder Ab- oder Zuschlag (SpecifiedTradeAllowanceCharge, BG-20/BG-21) muss einen Code "
        "der Umsatzsteuerkategorie (BT-95) enthalten; geprüft wird dabei, dass er höchstens "
        "einen Prozentsatz (RateApplicablePercent) enthält."
    ),
    "CII-SR-472": (
        "Jeder Ab- oder Zuschlag (SpecifiedTradeAllowanceCharge, BG-20/BG-21) soll einen "
        "Umsatzsteuersatz (BT-96) enthalten; geprüft wird dabei, dass er höchstens eine "
        "Steuerangabe (CategoryTradeTax) enthält."
    ),
    "CII-SR-473": (
        "Ein Ab- oder Zuschlag (SpecifiedTradeAllowanceCharge) darf höchstens einen Betrag "
        "(ActualAmount) enthalten."
    ),
    "CII-SR-477": (
        "LineTotalAmount (Summe der Nettobeträge aller Rechnungspositionen) darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-478": (
        "ChargeTotalAmount (Summe der Zuschläge auf Dokumentenebene) darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-479": (
        "AllowanceTotalAmount (Summe der Abschläge auf Dokumentenebene) darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-480": (
        "TaxBasisTotalAmount (Gesamtbetrag ohne Umsatzsteuer) darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-481": (
        "RoundingAmount (Rundungsbetrag) darf in SpecifiedTradeSettlementHeaderMonetarySummation "
        "(Gesamtbeträge der Rechnung) höchstens einmal vorkommen."
    ),
    "CII-SR-482": (
        "GrandTotalAmount (Gesamtbetrag einschließlich Umsatzsteuer) darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-483": (
        "InformationAmount darf in SpecifiedTradeSettlementHeaderMonetarySummation "
        "(Gesamtbeträge der Rechnung) höchstens einmal vorkommen."
    ),
    "CII-SR-484": (
        "TotalPrepaidAmount (Vorauszahlungsbetrag) darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-485": (
        "TotalDiscountAmount darf in SpecifiedTradeSettlementHeaderMonetarySummation "
        "(Gesamtbeträge der Rechnung) höchstens einmal vorkommen."
    ),
    "CII-SR-486": (
        "TotalAllowanceChargeAmount darf in SpecifiedTradeSettlementHeaderMonetarySummation "
        "(Gesamtbeträge der Rechnung) höchstens einmal vorkommen."
    ),
    "CII-SR-487": (
        "DuePayableAmount (fälliger Zahlungsbetrag) darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-488": (
        "RetailValueExcludingTaxInformationAmount darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-489": (
        "TotalDepositFeeInformationAmount darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-490": (
        "ProductValueExcludingTobaccoTaxInformationAmount darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-491": (
        "TotalRetailValueInformationAmount darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    "CII-SR-492": (
        "GrossLineTotalAmount darf in SpecifiedTradeSettlementHeaderMonetarySummation "
        "(Gesamtbeträge der Rechnung) höchstens einmal vorkommen."
    ),
    "CII-SR-493": (
        "NetLineTotalAmount darf in SpecifiedTradeSettlementHeaderMonetarySummation "
        "(Gesamtbeträge der Rechnung) höchstens einmal vorkommen."
    ),
    "CII-SR-494": (
        "NetIncludingTaxesLineTotalAmount darf in "
        "SpecifiedTradeSettlementHeaderMonetarySummation (Gesamtbeträge der Rechnung) höchstens "
        "einmal vorkommen."
    ),
    # --- UBL: Einschränkungen, Datentypen und Syntaxregeln (UBL-CR, UBL-DT, UBL-SR)
    "UBL-CR-666": (
        "Eine UBL-Rechnung darf keine zusätzliche Dokumentreferenz (AdditionalDocumentReference) "
        "enthalten, die zugleich eine Kennung des in Rechnung gestellten Objekts (Dokumenttyp "
        "130) und einen Anhang angibt."
    ),
    "UBL-CR-673": (
        "Eine UBL-Rechnung darf keine zusätzliche Dokumentreferenz (AdditionalDocumentReference) "
        "enthalten, die zugleich eine Kennung des in Rechnung gestellten Objekts (Dokumenttyp "
        "130) und eine Dokumentbeschreibung angibt."
    ),
    "UBL-DT-01": "Beträge dürfen höchstens zwei Nachkommastellen haben.",
    "UBL-DT-06": (
        "Binärobjekte (eingebettete Anhänge) müssen das Attribut mimeCode (MIME-Code) enthalten."
    ),
    "UBL-DT-07": (
        "Binärobjekte (eingebettete Anhänge) müssen das Attribut filename (Dateiname) enthalten."
    ),
    "UBL-SR-01": "Die Vertragsnummer darf höchstens einmal angegeben werden.",
    "UBL-SR-02": (
        "Die Kennung der Empfangsbestätigung (Wareneingangsmeldung) darf höchstens einmal "
        "angegeben werden."
    ),
    "UBL-SR-03": "Die Kennung der Versandanzeige darf höchstens einmal angegeben werden.",
    "UBL-SR-04": (
        "Die Kennung des in Rechnung gestellten Objekts darf höchstens einmal angegeben werden."
    ),
    "UBL-SR-05": "Die Zahlungsbedingungen dürfen höchstens einmal angegeben werden.",
    "UBL-SR-06": (
        "Der Verweis auf eine vorausgegangene Rechnung darf je BillingReference höchstens einmal "
        "angegeben werden."
    ),
    "UBL-SR-07": (
        "Wird auf eine vorausgegangene Rechnung verwiesen, muss deren Rechnungsnummer angegeben "
        "sein."
    ),
    "UBL-SR-08": "Der Rechnungszeitraum darf höchstens einmal angegeben werden.",
    "UBL-SR-09": "Der Name des Verkäufers darf höchstens einmal angegeben werden.",
    "UBL-SR-10": "Der Handelsname des Verkäufers darf höchstens einmal angegeben werden.",
    "UBL-SR-11": (
        "Die Kennung der rechtlichen Registrierung des Verkäufers darf höchstens einmal "
        "angegeben werden."
    ),
    "UBL-SR-12": (
        "Die Umsatzsteuer-Identifikationsnummer des Verkäufers darf höchstens einmal angegeben "
        "werden."
    ),
    "UBL-SR-13": "Die Steuernummer des Verkäufers darf höchstens einmal angegeben werden.",
    "UBL-SR-14": (
        "Die weiteren rechtlichen Informationen zum Verkäufer dürfen höchstens einmal angegeben "
        "werden."
    ),
    "UBL-SR-15": "Der Name des Käufers darf höchstens einmal angegeben werden.",
    "UBL-SR-16": "Die Kennung des Käufers darf höchstens einmal angegeben werden.",
    "UBL-SR-17": (
        "Die Kennung der rechtlichen Registrierung des Käufers darf höchstens einmal angegeben "
        "werden."
    ),
    "UBL-SR-18": (
        "Die Umsatzsteuer-Identifikationsnummer des Käufers darf höchstens einmal angegeben werden."
    ),
    "UBL-SR-19": (
        "Ist der Zahlungsempfänger nicht der Verkäufer, darf der Name des Zahlungsempfängers "
        "höchstens einmal angegeben werden."
    ),
    "UBL-SR-20": (
        "Ist der Zahlungsempfänger nicht der Verkäufer, darf die Kennung des Zahlungsempfängers "
        "höchstens einmal angegeben werden."
    ),
    "UBL-SR-21": (
        "Ist der Zahlungsempfänger nicht der Verkäufer, darf die Kennung der rechtlichen "
        "Registrierung des Zahlungsempfängers höchstens einmal angegeben werden."
    ),
    "UBL-SR-22": (
        "Hat der Verkäufer einen Steuervertreter, darf dessen Name höchstens einmal angegeben "
        "werden."
    ),
    "UBL-SR-23": (
        "Hat der Verkäufer einen Steuervertreter, darf dessen Umsatzsteuer-Identifikationsnummer "
        "höchstens einmal angegeben werden."
    ),
    "UBL-SR-24": "Die Lieferinformationen dürfen höchstens einmal angegeben werden.",
    "UBL-SR-25": "Der Name des Empfängers der Lieferung darf höchstens einmal angegeben werden.",
    "UBL-SR-26": (
        "Der Verwendungszweck darf je Zahlungsanweisung höchstens einmal angegeben werden."
    ),
    "UBL-SR-27": (
        "Der Text zur Zahlungsart darf je Zahlungsanweisung höchstens einmal angegeben werden."
    ),
    "UBL-SR-28": "Die Mandatsreferenz darf höchstens einmal angegeben werden.",
    "UBL-SR-29": "Die Gläubiger-Identifikationsnummer darf höchstens einmal angegeben werden.",
    "UBL-SR-30": (
        "Der Grund des Abschlags auf Dokumentenebene darf je Abschlag höchstens einmal angegeben "
        "werden."
    ),
    "UBL-SR-31": (
        "Der Grund des Zuschlags auf Dokumentenebene darf je Zuschlag höchstens einmal angegeben "
        "werden."
    ),
    "UBL-SR-32": (
        "Der Text zum Grund der Steuerbefreiung darf je Umsatzsteueraufschlüsselung höchstens "
        "einmal angegeben werden."
    ),
    "UBL-SR-33": (
        "Die Beschreibung einer rechnungsbegründenden Unterlage darf höchstens einmal angegeben "
        "werden."
    ),
    "UBL-SR-34": "Die Bemerkung zur Rechnungsposition darf höchstens einmal angegeben werden.",
    "UBL-SR-35": (
        "Die Nummer der referenzierten Bestellposition darf höchstens einmal angegeben werden."
    ),
    "UBL-SR-36": "Der Rechnungszeitraum der Position darf höchstens einmal angegeben werden.",
    "UBL-SR-37": "Der Rabatt auf den Artikelpreis darf höchstens einmal angegeben werden.",
    "UBL-SR-39": "Die Projektreferenz darf höchstens einmal angegeben werden.",
    "UBL-SR-40": "Der Handelsname des Käufers darf höchstens einmal angegeben werden.",
    "UBL-SR-42": (
        "Beim Verkäufer (AccountingSupplierParty) darf PartyTaxScheme höchstens zweimal vorkommen."
    ),
    "UBL-SR-43": (
        "Eine Schemakennung (schemeID) an einer zusätzlichen Dokumentreferenz ist nur für die "
        "Kennung des in Rechnung gestellten Objekts zulässig (Dokumenttyp-Code 130 oder 50)."
    ),
    "UBL-SR-44": (
        "Eine Rechnung darf nur einen einzigen Verwendungszweck (PaymentID) haben; derselbe "
        "Verwendungszweck darf aber in mehreren Zahlungsanweisungen stehen."
    ),
    "UBL-SR-45": "Das Fälligkeitsdatum darf höchstens einmal angegeben werden.",
    "UBL-SR-46": "Der Text zur Zahlungsart darf höchstens einmal angegeben werden.",
    "UBL-SR-47": "Werden mehrere Codes für die Zahlungsart angegeben, müssen sie gleich sein.",
    "UBL-SR-48": (
        "Jede Rechnungsposition muss genau eine Umsatzsteuerkategorie (ClassifiedTaxCategory) "
        "haben."
    ),
    "UBL-SR-49": "Das Datum der Steuerfälligkeit darf höchstens einmal angegeben werden.",
    "UBL-SR-50": "Die Artikelbeschreibung darf höchstens einmal angegeben werden.",
    "UBL-SR-51": "Eine Anschrift darf nur eine dritte Adresszeile haben.",
    "UBL-SR-52": (
        "Die Dokumentreferenz darf je Rechnungsposition höchstens einmal angegeben werden."
    ),
    "UBL-SR-53": (
        "Wird PartyTaxScheme/TaxScheme/ID angegeben, muss auch CompanyID "
        "(Umsatzsteuer-Identifikationsnummer) angegeben werden."
    ),
    "UBL-SR-54": "Eine Rechnung darf höchstens eine Zahlungskarte (BG-18) enthalten.",
    "UBL-SR-55": "Eine Rechnung darf höchstens ein Lastschriftmandat (BG-19) enthalten.",
    "UBL-SR-56": (
        "Eine Rechnung darf höchstens eine Kennung der Ausschreibung oder des Loses (BT-17) "
        "enthalten."
    ),
}


def german(code: str) -> str | None:
    """Our German text for the CEN rule ``code`` (e.g. "BR-CO-15"), or None if we have none."""
    return GERMAN.get(code)
