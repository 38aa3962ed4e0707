"""What citizens ask for at a Kreishaus or Straßenverkehrsamt, and what their Gemeinde
does for house, street and school.

Every LeiKa key and OZG ID comes from the team's sourced list
(``shared/research/leika-services.md``); Abfallbehälter and Mängelmelder have no key
there and carry ``leika_key=None``. Authorities and postcodes come from the demo
register excerpt (``authorities/fixtures/gv100ad_demo.txt``): the DLZ Gemeinden lie in
the Kreis Düren, except Kerpen, which lies in the Rhein-Erft-Kreis (05362, not a
member), so Kerpen takes part in Kreis-level services only where it is responsible
itself (an exception below). Responsibilities in NRW follow the sources read for this
module: § 2 AG-KJHG NRW (towns with their own Jugendamt), the NRW Verordnung über
Zuständigkeiten im Bereich Straßenverkehr und Güterbeförderung and § 6a Abs. 5a StVG
(Straßenverkehrsbehörde and Bewohnerparken fees), the NRW Wohngeld decree of 2005
(Wohngeld is applied for at the Stadt or Gemeinde that is the Wohngeldbehörde), and
the Kreis Düren's own page (its Kreisjugendamt pays Elterngeld for the whole Kreis).
Federal fees: GebOSt (as given for München in the research file) and § 3 of the
Erste Verordnung zur Durchführung des NamÄndG. Every other amount is set by a Land,
a Kreis or a Gemeinde and is an illustration for the demo. Streets, phone numbers and
e-mail addresses are made up, as in ``original``.
"""

from __future__ import annotations

from verbund.demo.catalogue.original import (
    _A,
    _ABFALL,
    _FAHRERLAUBNIS,
    _HOURS_BAYERN,
    _HOURS_BY_APPOINTMENT,
    _HOURS_KREIS,
    _HOURS_RATHAUS,
    _HOURS_VERKEHR,
    _ORDNUNGSAMT,
    _PORTAL,
    _STEUERAMT,
    _ZULASSUNG,
    _ZULASSUNG_BY,
    GERBRUNN,
    HOECHBERG,
    HSK,
    LK_WUERZBURG,
    MK,
    OLPE,
    RIMPAR,
    ROTTENDORF,
    SIWI,
    SOEST,
    VEITSHOECHHEIM,
    DemoException,
    DemoOffice,
    DemoService,
    _office,
    _sections,
    _synonyms,
)
from verbund.demo.data import (
    INDEN,
    JUELICH,
    KERPEN,
    KREIS_DUEREN,
    LINNICH,
    MERZENICH,
    NIEDERZIER,
)

# Offices of a Kreis (and of a town that does the Kreis's task itself).
_FAHRERLAUBNIS_BY = "Landratsamt – Fahrerlaubnisbehörde"
_WOHNGELD = "Wohngeldstelle"
_WOHNGELD_BY = "Landratsamt – Wohngeldstelle"
_KITA = "Jugendamt – Kindertagesbetreuung"
_ELTERNGELD = "Jugendamt – Elterngeldstelle"
_NAMENSAENDERUNG = "Ordnungsamt – Namensänderungen"
_NAMENSAENDERUNG_BY = "Landratsamt – Namensänderungen"
_JAGD = "Untere Jagdbehörde"
_JAGD_BY = "Landratsamt – Untere Jagdbehörde"
_VERKEHRSBEHOERDE = "Straßenverkehrsbehörde"
# Offices of a Gemeinde.
_UMWELTAMT = "Umweltamt"
_BAUAMT = "Bauamt"
_KAEMMEREI = "Kämmerei"
_BAUHOF = "Bauhof"
_SCHULVERWALTUNG = "Schulverwaltungsamt"

OFFICES: tuple[DemoOffice, ...] = (
    # Kreise: Fahrerlaubnisbehörde where original.py has none yet
    *(
        _office(kreis, _FAHRERLAUBNIS, "fuehrerschein", "320", _HOURS_VERKEHR)
        for kreis in (KREIS_DUEREN, HSK)
    ),
    _office(LK_WUERZBURG, _FAHRERLAUBNIS_BY, "fuehrerschein", "320", _HOURS_VERKEHR),
    # Wohngeld: Kreise, and Kerpen and Jülich as their own Wohngeldbehörde
    *(
        _office(authority, _WOHNGELD, "wohngeld", "530", _HOURS_KREIS)
        for authority in (KREIS_DUEREN, SOEST, HSK, MK)
    ),
    *(_office(stadt, _WOHNGELD, "wohngeld", "530", _HOURS_RATHAUS) for stadt in (KERPEN, JUELICH)),
    _office(LK_WUERZBURG, _WOHNGELD_BY, "wohngeld", "530", _HOURS_BAYERN),
    # Jugendamt: Kreise, and Kerpen with its own Jugendamt
    *(
        _office(authority, _KITA, "kita", "540", _HOURS_KREIS)
        for authority in (KREIS_DUEREN, OLPE, SIWI, MK)
    ),
    _office(KERPEN, _KITA, "kita", "540", _HOURS_RATHAUS),
    *(
        _office(kreis, _ELTERNGELD, "elterngeld", "550", _HOURS_KREIS)
        for kreis in (KREIS_DUEREN, SOEST, OLPE, SIWI, MK)
    ),
    *(
        _office(kreis, _NAMENSAENDERUNG, "namensaenderung", "220", _HOURS_BY_APPOINTMENT)
        for kreis in (KREIS_DUEREN, SOEST, OLPE, HSK)
    ),
    _office(LK_WUERZBURG, _NAMENSAENDERUNG_BY, "namensaenderung", "220", _HOURS_BY_APPOINTMENT),
    *(
        _office(kreis, _JAGD, "jagd", "420", _HOURS_BY_APPOINTMENT)
        for kreis in (KREIS_DUEREN, SOEST, OLPE, HSK, SIWI, MK)
    ),
    _office(LK_WUERZBURG, _JAGD_BY, "jagd", "420", _HOURS_BY_APPOINTMENT),
    # Straßenverkehrsbehörde: Kreise, and Kerpen and Jülich for their own area
    *(
        _office(kreis, _VERKEHRSBEHOERDE, "verkehr", "330", _HOURS_KREIS)
        for kreis in (KREIS_DUEREN, SOEST, MK)
    ),
    *(
        _office(stadt, _VERKEHRSBEHOERDE, "verkehr", "330", _HOURS_RATHAUS)
        for stadt in (KERPEN, JUELICH)
    ),
    # Gemeinden of the DLZ
    *(
        _office(stadt, _UMWELTAMT, "umweltamt", "410", _HOURS_RATHAUS)
        for stadt in (KERPEN, JUELICH)
    ),
    *(
        _office(gemeinde, _STEUERAMT, "steueramt", "300", _HOURS_RATHAUS)
        for gemeinde in (KERPEN, LINNICH)
    ),
    *(
        _office(gemeinde, _ABFALL, "abfallberatung", "400", _HOURS_RATHAUS)
        for gemeinde in (JUELICH, NIEDERZIER)
    ),
    *(
        _office(gemeinde, _BAUHOF, "bauhof", "450", _HOURS_RATHAUS)
        for gemeinde in (MERZENICH, INDEN, NIEDERZIER)
    ),
    *(
        _office(gemeinde, _SCHULVERWALTUNG, "schulverwaltung", "160", _HOURS_RATHAUS)
        for gemeinde in (MERZENICH, KERPEN, JUELICH, LINNICH, INDEN, NIEDERZIER)
    ),
    # Gemeinden of the Landkreis Würzburg
    *(
        _office(gemeinde, _BAUAMT, "bauamt", "600", _HOURS_BAYERN)
        for gemeinde in (HOECHBERG, VEITSHOECHHEIM, GERBRUNN)
    ),
    *(
        _office(gemeinde, _KAEMMEREI, "kaemmerei", "300", _HOURS_BAYERN)
        for gemeinde in (VEITSHOECHHEIM, RIMPAR, ROTTENDORF)
    ),
    *(
        _office(gemeinde, _BAUHOF, "bauhof", "450", _HOURS_BAYERN)
        for gemeinde in (HOECHBERG, VEITSHOECHHEIM, GERBRUNN, RIMPAR, ROTTENDORF)
    ),
)

# Federal fee base (GebOSt) as given for München in the research file: counter from 30 €.
_FEE_ZULASSUNG = (
    ("Zulassung am Schalter, ab (Gebühr nach GebOSt)", "30.00"),
    ("Wunschkennzeichen (zusätzlich)", "12.80"),
)
# Federal fee frame: § 3 Abs. 1 Erste Verordnung zur Durchführung des NamÄndG.
_FEE_NAME = (
    ("Änderung des Familiennamens, Gebühr nach Aufwand: mindestens", "2.50"),
    ("Änderung des Familiennamens, Gebühr nach Aufwand: höchstens", "1022.00"),
)
# NRW: AVerwGebO NRW, Tarifstelle 8.3.2.1, as published in an older version; the Kreis
# adds the Jagdabgabe. Illustrations for the demo.
_FEE_JAGD_NRW = (
    ("Jahresjagdschein für ein Jagdjahr (ohne Jagdabgabe)", "35.00"),
    ("Jahresjagdschein für drei Jagdjahre (ohne Jagdabgabe)", "65.00"),
)
# Bayern: the amounts München gives in the research file, with the Jagdabgabe.
_FEE_JAGD_BY = (
    ("Jahresjagdschein für ein Jagdjahr, mit Jagdabgabe", "60.00"),
    ("Jahresjagdschein für drei Jagdjahre, mit Jagdabgabe", "150.00"),
)
# NRW authorities set their own Bewohnerparken fee (§ 6a Abs. 5a StVG); illustrations.
_FEE_PARKEN_KREIS = (("Bewohnerparkausweis für zwölf Monate", "60.00"),)
# Baumschutzsatzung, Abfallgebührensatzung: set by each Gemeinde; illustrations.
_FEE_BAUM = (("Baumfällgenehmigung, je Baum", "50.00"),)
_FEE_TONNE = (("Lieferung oder Tausch einer Tonne", "15.00"),)

SERVICES: tuple[DemoService, ...] = (
    DemoService(
        slug="fahrzeug-zulassen",
        leika_key="99036008007002",
        ozg_id=10439,
        title="Fahrzeug zulassen",
        summary=(
            "Sie haben ein neues oder gebrauchtes Auto gekauft? Bevor Sie damit fahren, "
            "lassen Sie es bei der Zulassungsstelle zu. Dort bekommen Sie Ihr Kennzeichen und "
            "die Zulassungsbescheinigung."
        ),
        sections=_sections(
            """
            volltext: Auf öffentlichen Straßen darf nur ein zugelassenes Fahrzeug fahren. Bei der
              Zulassung teilt die Zulassungsstelle Ihnen ein Kennzeichen zu, versieht die
              Kennzeichenschilder mit Stempelplaketten und stellt die Zulassungsbescheinigung Teil
              I aus. Das gilt für Neuwagen, für gebrauchte Fahrzeuge, die Sie auf sich umschreiben
              lassen, und für Fahrzeuge, die vorher abgemeldet waren.
            voraussetzungen:
            - Sie wohnen im Kreis, oder Ihr Unternehmen hat hier seinen Sitz.
            - Für das Fahrzeug besteht eine Kfz-Haftpflichtversicherung.
            - Ein gebrauchtes Fahrzeug hat eine gültige Hauptuntersuchung (HU).
            - Sie erteilen dem Zoll ein SEPA-Lastschriftmandat für die Kfz-Steuer.
            unterlagen:
            - eVB-Nummer (die elektronische Versicherungsbestätigung, die Ihnen Ihre
              Versicherung nennt)
            - Zulassungsbescheinigung Teil II (Fahrzeugbrief)
            - bei einem Neufahrzeug: Übereinstimmungsbescheinigung (CoC-Papier des Herstellers)
            - bei einem gebrauchten Fahrzeug: Zulassungsbescheinigung Teil I (Fahrzeugschein)
            - bei einem gebrauchten Fahrzeug: Nachweis über die letzte Hauptuntersuchung
            - SEPA-Lastschriftmandat für die Kfz-Steuer (mit Ihrer IBAN)
            kosten: Die Gebühren richten sich nach der bundesweit geltenden Gebührenordnung für
              Maßnahmen im Straßenverkehr (GebOSt). Eine Zulassung am Schalter kostet ab 30 Euro;
              ein Wunschkennzeichen kostet 12,80 Euro zusätzlich. Die Kennzeichenschilder bezahlen
              Sie gesondert beim Schilderhersteller. Die Beträge Ihrer Zulassungsstelle sehen Sie
              unten.
            verfahrensablauf: Online weisen Sie sich mit der Online-Ausweisfunktion Ihres
              Personalausweises aus und geben die Sicherheitscodes aus den Fahrzeugpapieren ein;
              die Papiere und Plaketten kommen per Post, bis dahin gilt ein vorläufiger Nachweis,
              den Sie ausdrucken und mitführen. Vor Ort zeigen Sie Ihren Personalausweis oder
              Reisepass; wenn Sie jemand anderen schicken, braucht diese Person eine Vollmacht und
              Ihren Ausweis. Die Zulassungsstelle teilt das Kennzeichen zu, Sie lassen die Schilder
              prägen, und die Zulassungsstelle bringt die Plaketten an.
            bearbeitungsdauer: Vor Ort in der Regel sofort. Online meist innerhalb weniger Tage;
              die Unterlagen kommen danach per Post.
            fristen: Für ein neues Fahrzeug gibt es keine Frist; Sie dürfen es erst nach der
              Zulassung fahren. Haben Sie ein noch zugelassenes Fahrzeug gekauft, lassen Sie es
              unverzüglich auf sich umschreiben.
            rechtsgrundlagen:
            - Fahrzeug-Zulassungsverordnung (FZV)
            - Pflichtversicherungsgesetz (PflVG): Kfz-Haftpflichtversicherung
            - § 13 Kraftfahrzeugsteuergesetz (KraftStG): Zulassung nur mit SEPA-Lastschriftmandat
            - Gebührenordnung für Maßnahmen im Straßenverkehr (GebOSt)
            hinweise: Ein Wunschkennzeichen können Sie vorab online reservieren. Die Kfz-Steuer
              setzt das Hauptzollamt fest; den Steuerbescheid erhalten Sie per Post. Für Fahrten
              ohne Zulassung, etwa zur Hauptuntersuchung, gibt es Kurzzeitkennzeichen.
            """
        ),
        processing_days=1,
        synonyms=_synonyms(
            "Auto anmelden; Kfz anmelden; Auto zulassen; Neuzulassung; Auto ummelden; "
            "Gebrauchtwagen anmelden; Kennzeichen beantragen; Wunschkennzeichen; "
            "Motorrad anmelden; Zulassungsstelle"
        ),
        themenfeld="mobilitaet-reisen",
        level="kreis",
        maturity=4,
        online_url=_PORTAL + "fahrzeug-zulassen",
        builder=SOEST,
        adoptions=(
            _A(SOEST, _ZULASSUNG, _FEE_ZULASSUNG, True, "2024-02-01"),
            _A(MK, _ZULASSUNG, _FEE_ZULASSUNG, True, "2024-04-15"),
            _A(HSK, _ZULASSUNG, _FEE_ZULASSUNG, True, "2024-06-01"),
            _A(OLPE, _ZULASSUNG, _FEE_ZULASSUNG, True, "2024-09-01"),
            _A(SIWI, _ZULASSUNG, _FEE_ZULASSUNG, False, "2025-01-15"),
            _A(KREIS_DUEREN, _ZULASSUNG, _FEE_ZULASSUNG, True, "2024-11-01"),
            _A(LK_WUERZBURG, _ZULASSUNG_BY, _FEE_ZULASSUNG, True, "2025-03-01"),
        ),
    ),
    DemoService(
        slug="fuehrerschein-ersatz",
        leika_key="99023001036000",
        ozg_id=10169,
        title="Ersatzführerschein beantragen (Verlust oder Diebstahl)",
        summary=(
            "Sie haben Ihren Führerschein verloren, oder er wurde gestohlen? Dann beantragen "
            "Sie bei der Fahrerlaubnisbehörde einen Ersatzführerschein. Ihre Fahrerlaubnis "
            "behalten Sie; neu ausgestellt wird nur das Dokument."
        ),
        sections=_sections(
            """
            volltext: Wenn der Führerschein verloren geht, bleibt die Fahrerlaubnis bestehen. Der
              Führerschein ist nur der Nachweis dafür. Die Fahrerlaubnisbehörde lässt einen neuen
              Kartenführerschein herstellen; der alte wird ungültig. Bis der neue da ist, können Sie
              einen befristeten vorläufigen Nachweis der Fahrerlaubnis bekommen.
            voraussetzungen:
            - Sie wohnen im Kreis.
            - Ihr Führerschein ist verloren gegangen, gestohlen worden oder so beschädigt, dass er
              nicht mehr lesbar ist.
            unterlagen:
            - ein aktuelles biometrisches Passbild
            - bei Diebstahl: Bescheinigung der Polizei über Ihre Anzeige
            - bei Verlust: Versicherung an Eides statt über den Verlust (Sie geben sie bei der
              Fahrerlaubnisbehörde ab)
            - hat eine andere Behörde Ihren Führerschein ausgestellt: Karteikartenabschrift, falls
              die Behörde sie nicht selbst anfordert
            kosten: Die Gebühr richtet sich nach der bundesweit geltenden Gebührenordnung für
              Maßnahmen im Straßenverkehr (GebOSt). Dazu kommen Gebühren für die Versicherung an
              Eides statt und, wenn Sie ihn brauchen, für den vorläufigen Nachweis. Die
              Fahrerlaubnisbehörde nennt Ihnen den Betrag beim Antrag.
            verfahrensablauf: Sie stellen den Antrag online oder bei der Fahrerlaubnisbehörde; vor
              Ort zeigen Sie Ihren Personalausweis oder Reisepass. Die Behörde prüft Ihre
              Fahrerlaubnis im Register und bestellt den neuen Führerschein bei der
              Bundesdruckerei. Sie holen ihn mit Ihrem Ausweis ab.
            bearbeitungsdauer: In der Regel drei bis sechs Wochen. Den vorläufigen Nachweis
              erhalten Sie vor Ort meist sofort.
            fristen: Zeigen Sie den Verlust unverzüglich an und beantragen Sie den Ersatz. Wer ohne
              Führerschein oder vorläufigen Nachweis fährt, handelt ordnungswidrig, auch wenn die
              Fahrerlaubnis weiter gilt.
            rechtsgrundlagen:
            - § 25 Abs. 4 Fahrerlaubnis-Verordnung (FeV): Ersatzführerschein und Versicherung an
              Eides statt
            - § 4 Abs. 2 FeV: Pflicht, den Führerschein mitzuführen
            - Gebührenordnung für Maßnahmen im Straßenverkehr (GebOSt)
            hinweise: Finden Sie den alten Führerschein später wieder, geben Sie ihn bei der
              Fahrerlaubnisbehörde ab, denn er ist ungültig. Wurde Ihnen der Führerschein im
              Ausland gestohlen, zeigen Sie den Diebstahl bei der Polizei vor Ort an und bringen
              Sie die Bescheinigung mit.
            """
        ),
        processing_days=30,
        synonyms=_synonyms(
            "Führerschein verloren; Führerschein gestohlen; Ersatzführerschein; "
            "Führerschein weg; neuer Führerschein; Führerschein beschädigt; "
            "Duplikat Führerschein; Lappen verloren"
        ),
        themenfeld="mobilitaet-reisen",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "fuehrerschein-ersatz",
        builder=MK,
        adoptions=(
            _A(MK, _FAHRERLAUBNIS, (), True, "2024-05-01"),
            _A(SOEST, _FAHRERLAUBNIS, (), True, "2024-08-01"),
            _A(OLPE, _FAHRERLAUBNIS, (), True, "2024-10-15"),
            _A(HSK, _FAHRERLAUBNIS, (), False, "2025-02-01"),
            _A(KREIS_DUEREN, _FAHRERLAUBNIS, (), True, "2025-04-01"),
            _A(LK_WUERZBURG, _FAHRERLAUBNIS_BY, (), True, "2025-07-01"),
        ),
    ),
    DemoService(
        slug="wohngeld",
        leika_key="99107023037000",
        ozg_id=None,
        title="Wohngeld beantragen (Mietzuschuss und Lastenzuschuss)",
        summary=(
            "Ihr Einkommen reicht kaum für die Miete oder für die Kosten Ihres eigenen Hauses? "
            "Dann können Sie Wohngeld bekommen: als Mietzuschuss oder als Lastenzuschuss. Der "
            "Antrag ist kostenlos."
        ),
        sections=_sections(
            """
            volltext: Wohngeld ist ein Zuschuss zu den Wohnkosten für Haushalte mit geringem
              Einkommen. Wer zur Miete wohnt, erhält einen Mietzuschuss; wer in der eigenen Wohnung
              oder im eigenen Haus wohnt, einen Lastenzuschuss. Die Höhe hängt von der Zahl der
              Haushaltsmitglieder, vom Gesamteinkommen und von der Miete oder Belastung ab. Das
              Wohngeld muss nicht zurückgezahlt werden.
            voraussetzungen:
            - Sie wohnen selbst in der Wohnung, für die Sie Wohngeld beantragen.
            - Ihr Einkommen liegt unter den Grenzen des Wohngeldgesetzes; sie hängen von der
              Größe Ihres Haushalts ab.
            - Sie erhalten keine Sozialleistung, in der die Wohnkosten schon enthalten sind, etwa
              Bürgergeld oder Grundsicherung.
            - Sie haben kein erhebliches Vermögen.
            unterlagen:
            - Antragsformular für den Mietzuschuss oder den Lastenzuschuss
            - für den Mietzuschuss: Mietvertrag und Mietbescheinigung Ihrer Vermieterin oder Ihres
              Vermieters
            - für den Lastenzuschuss: Nachweise über Zinsen und Tilgung Ihrer Kredite und der
              Grundsteuerbescheid
            - Einkommensnachweise aller Haushaltsmitglieder (zum Beispiel Lohnabrechnungen,
              Rentenbescheid, Bescheid über Arbeitslosengeld)
            kosten: Der Antrag ist kostenlos.
            verfahrensablauf: Sie stellen den Antrag online oder schriftlich bei der
              Wohngeldstelle. Die Wohngeldstelle prüft Ihre Angaben und fordert fehlende Nachweise
              an. Sie erhalten einen Bescheid; das Wohngeld wird monatlich im Voraus auf Ihr Konto
              überwiesen.
            bearbeitungsdauer: Meist sechs bis zwölf Wochen, wenn die Unterlagen vollständig sind.
              Wenn sehr viele Anträge eingehen, kann es länger dauern.
            fristen: Wohngeld gibt es ab dem Monat, in dem Ihr Antrag eingeht, nicht rückwirkend.
              Stellen Sie den Antrag deshalb sofort, auch wenn noch Nachweise fehlen. Wohngeld wird
              meist für zwölf Monate bewilligt; stellen Sie den Weiterleistungsantrag etwa zwei
              Monate vor dem Ende. Ändert sich Ihre Lage erheblich, etwa weil Ihr Einkommen um mehr
              als 15 Prozent steigt oder jemand auszieht, melden Sie das sofort.
            rechtsgrundlagen:
            - Wohngeldgesetz (WoGG)
            - Wohngeldverordnung (WoGV)
            - § 25 WoGG: Bewilligungszeitraum und Beginn
            - § 27 WoGG: Änderungen während des Bewilligungszeitraums
            hinweise: Ob Sie Anspruch haben, können Sie vorher mit einem Wohngeldrechner
              abschätzen. In Nordrhein-Westfalen bearbeiten viele Städte den Antrag selbst, zum
              Beispiel Kerpen und Jülich. Welche Wohngeldstelle für Ihren Wohnort zuständig ist,
              sehen Sie unten.
            """
        ),
        processing_days=60,
        synonyms=_synonyms(
            "Mietzuschuss; Lastenzuschuss; Zuschuss Miete; Wohngeld Plus; Miete zu hoch; "
            "Wohngeldantrag; Wohngeldrechner; Hilfe bei der Miete"
        ),
        themenfeld="bauen-wohnen",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "wohngeld",
        builder=KREIS_DUEREN,
        adoptions=(
            _A(KREIS_DUEREN, _WOHNGELD, (), True, "2024-09-01"),
            _A(SOEST, _WOHNGELD, (), True, "2025-01-01"),
            _A(HSK, _WOHNGELD, (), True, "2025-03-01"),
            _A(MK, _WOHNGELD, (), False, "2025-05-01"),
            _A(LK_WUERZBURG, _WOHNGELD_BY, (), True, "2025-06-01"),
            _A(KERPEN, _WOHNGELD, (), True, "2025-02-01"),
            _A(JUELICH, _WOHNGELD, (), True, "2024-11-01"),
        ),
    ),
    DemoService(
        slug="kita-platz",
        leika_key="99041004034000",
        ozg_id=10019,
        title="Kita-Platz anmelden (Kindertagesbetreuung)",
        summary=(
            "Sie suchen für Ihr Kind einen Platz in einer Kita oder bei einer "
            "Tagesmutter? Ab dem ersten Geburtstag hat Ihr Kind einen Anspruch darauf. Melden "
            "Sie den Bedarf spätestens sechs Monate vorher beim Jugendamt an."
        ),
        sections=_sections(
            """
            volltext: Jedes Kind hat ab dem ersten Geburtstag einen Rechtsanspruch auf einen Platz
              in einer Kindertageseinrichtung (Kita) oder in der Kindertagespflege, ab drei Jahren
              bis zur Einschulung auf einen Platz in einer Kita. Das Jugendamt vermittelt die
              Plätze zusammen mit den Kitas und den Tagespflegepersonen. In einem Online-Portal,
              etwa dem Kita-Navigator, sehen Sie die Angebote in Ihrer Nähe und merken Ihr Kind
              vor.
            voraussetzungen:
            - Ihr Kind wohnt im Bezirk des Jugendamts.
            - Ihr Kind ist zu Beginn der Betreuung mindestens ein Jahr alt. Für ein jüngeres Kind
              gibt es einen Platz, wenn Sie arbeiten, eine Ausbildung machen oder Arbeit suchen.
            - Ihr Kind ist gegen Masern geimpft oder immun.
            unterlagen:
            - Bedarfsanzeige mit gewünschtem Beginn, Betreuungsumfang (Stunden pro Woche) und
              Betreuungsart
            - Nachweis über den Masernschutz (Impfpass oder ärztliche Bescheinigung)
            - auf Anforderung: Einkommensnachweise für die Berechnung des Elternbeitrags
            kosten: Die Anmeldung ist kostenlos. Für die Betreuung zahlen Sie einen Elternbeitrag,
              den das Jugendamt nach dem Einkommen staffelt. In Nordrhein-Westfalen sind die
              letzten beiden Kita-Jahre vor der Einschulung beitragsfrei. Das Mittagessen bezahlen
              Sie meist gesondert.
            verfahrensablauf: Sie merken Ihr Kind online vor oder melden den Bedarf schriftlich
              beim Jugendamt an; nennen Sie dabei mehrere Wunsch-Kitas. Das Jugendamt bestätigt die
              Anmeldung und informiert Sie über den Elternbeitrag. Die Kitas vergeben ihre Plätze
              meist im Frühjahr für das Kita-Jahr ab 1. August. Mit der Kita oder der
              Tagespflegeperson schließen Sie dann den Betreuungsvertrag.
            bearbeitungsdauer: Die Bestätigung Ihrer Anmeldung erhalten Sie innerhalb eines Monats.
              Einen Platz erhalten Sie spätestens sechs Wochen, in der Regel acht Wochen vor dem
              gewünschten Beginn.
            fristen: Melden Sie den Bedarf spätestens sechs Monate vor dem gewünschten Beginn an.
              Für einen Platz ab 1. August sollten Sie sich schon im Herbst davor vormerken.
            rechtsgrundlagen:
            - § 24 Achtes Buch Sozialgesetzbuch (SGB VIII): Anspruch auf Förderung in Kita und
              Kindertagespflege
            - § 90 SGB VIII: Elternbeiträge
            - Kinderbildungsgesetz NRW (KiBiz): Anmeldung, Elternbeiträge und Beitragsfreiheit
            - § 20 Abs. 8 Infektionsschutzgesetz (IfSG): Masernschutz
            hinweise: Kann das Jugendamt keinen Platz in Ihrer Wunsch-Kita anbieten, schlägt es
              Ihnen eine andere Kita oder eine Tagespflegeperson vor. Städte mit eigenem Jugendamt,
              zum Beispiel Kerpen, vergeben ihre Plätze selbst.
            """
        ),
        processing_days=30,
        synonyms=_synonyms(
            "Kita Anmeldung; Kindergartenplatz; Kindergarten anmelden; Krippenplatz; "
            "U3-Betreuung; Tagesmutter; Kindertagespflege; Kita-Navigator; Betreuungsplatz"
        ),
        themenfeld="familie-kind",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "kita-platz",
        builder=OLPE,
        adoptions=(
            _A(OLPE, _KITA, (), True, "2024-03-01"),
            _A(SIWI, _KITA, (), True, "2024-09-01"),
            _A(MK, _KITA, (), True, "2025-01-15"),
            _A(KREIS_DUEREN, _KITA, (), True, "2025-05-01"),
            _A(KERPEN, _KITA, (), True, "2025-08-01"),
        ),
    ),
    DemoService(
        slug="elterngeld",
        leika_key="99041006017000",
        ozg_id=10000,
        title="Elterngeld beantragen",
        summary=(
            "Sie betreuen Ihr Baby nach der Geburt selbst und arbeiten weniger oder gar nicht? "
            "Dann ersetzt Elterngeld einen Teil Ihres Einkommens. Stellen Sie den Antrag in den "
            "ersten drei Lebensmonaten Ihres Kindes."
        ),
        sections=_sections(
            """
            volltext: Elterngeld ersetzt einen Teil des Einkommens, das nach der Geburt wegfällt: in
              der Regel 65 bis 67 Prozent des Nettoeinkommens vor der Geburt, mindestens 300 und
              höchstens 1.800 Euro im Monat (Basiselterngeld). ElterngeldPlus ist halb so hoch und
              wird doppelt so lange gezahlt; es lohnt sich, wenn Sie in Teilzeit arbeiten. Ein
              Elternteil allein kann höchstens zwölf Monate Basiselterngeld bekommen, beide
              zusammen bis zu 14 Monate.
            voraussetzungen:
            - Sie wohnen in Deutschland und leben mit Ihrem Kind in einem Haushalt.
            - Sie betreuen und erziehen Ihr Kind selbst.
            - Sie arbeiten im Durchschnitt nicht mehr als 32 Stunden in der Woche.
            - Ihr zu versteuerndes Einkommen lag im Kalenderjahr vor der Geburt nicht über 175.000
              Euro (für Kinder, die ab 1. April 2025 geboren sind; bei Paaren zusammen).
            unterlagen:
            - Antrag auf Elterngeld (bei gemeinsamer Sorge von beiden Elternteilen unterschrieben)
            - Geburtsbescheinigung für Elterngeld (vom Standesamt, kostenlos)
            - Einkommensnachweise für die zwölf Monate vor der Geburt, bei Müttern vor dem
              Mutterschutz (Lohn- oder Gehaltsabrechnungen; bei Selbstständigen der letzte
              Steuerbescheid)
            - Bescheinigung der Krankenkasse über das Mutterschaftsgeld und des Arbeitgebers über
              den Zuschuss
            - wenn Sie während des Elterngelds in Teilzeit arbeiten: Arbeitszeitbestätigung des
              Arbeitgebers
            kosten: Der Antrag ist kostenlos.
            verfahrensablauf: Sie stellen den Antrag nach der Geburt online oder schriftlich bei
              der Elterngeldstelle. Jeder Elternteil beantragt sein Elterngeld selbst; Sie können
              die Anträge aber gemeinsam einreichen. Im Antrag legen Sie fest, in welchen
              Lebensmonaten Sie Basiselterngeld oder ElterngeldPlus bekommen möchten. Sie erhalten
              einen Bescheid, und das Geld wird monatlich überwiesen.
            bearbeitungsdauer: In der Regel vier bis acht Wochen, wenn alle Unterlagen vorliegen.
            fristen: Elterngeld wird rückwirkend nur für die letzten drei Lebensmonate vor dem
              Lebensmonat gezahlt, in dem Ihr Antrag eingeht. Stellen Sie den Antrag deshalb
              spätestens im dritten Lebensmonat Ihres Kindes.
            rechtsgrundlagen:
            - Bundeselterngeld- und Elternzeitgesetz (BEEG)
            - § 2 BEEG: Höhe des Elterngelds
            - § 3 BEEG: Anrechnung anderer Einnahmen, etwa des Mutterschaftsgelds
            - § 7 BEEG: Antrag und rückwirkende Zahlung
            hinweise: Mutterschaftsgeld und der Zuschuss des Arbeitgebers werden auf das
              Elterngeld angerechnet. Elternzeit beantragen Sie nicht bei der Elterngeldstelle,
              sondern bei Ihrem Arbeitgeber.
            """
        ),
        processing_days=42,
        synonyms=_synonyms(
            "Elterngeld Antrag; ElterngeldPlus; Basiselterngeld; Partnermonate; "
            "Geld nach der Geburt; Elternzeit Geld; Babygeld; ElterngeldDigital"
        ),
        themenfeld="familie-kind",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "elterngeld",
        builder=SIWI,
        adoptions=(
            _A(SIWI, _ELTERNGELD, (), True, "2023-09-01"),
            _A(SOEST, _ELTERNGELD, (), True, "2024-01-15"),
            _A(OLPE, _ELTERNGELD, (), True, "2024-04-01"),
            _A(MK, _ELTERNGELD, (), True, "2024-07-01"),
            _A(KREIS_DUEREN, _ELTERNGELD, (), True, "2024-10-01"),
        ),
    ),
    DemoService(
        slug="namensaenderung",
        leika_key="99083001011001",
        ozg_id=10029,
        title="Familiennamen ändern (öffentlich-rechtliche Namensänderung)",
        summary=(
            "Ihr Familienname macht Ihnen im Alltag große Schwierigkeiten? Dann können Sie "
            "beantragen, ihn zu ändern. Das geht nur, wenn es dafür einen wichtigen Grund gibt."
        ),
        sections=_sections(
            """
            volltext: Außerhalb des Familienrechts, also ohne Heirat, Scheidung oder Geburt, lässt
              sich ein Familienname nur aus einem wichtigen Grund ändern. Ein wichtiger Grund kann
              ein Name sein, der anstößig oder lächerlich klingt, ein sehr häufiger Name, der
              ständig zu Verwechslungen führt, oder ein Name, der sehr schwer zu schreiben oder
              auszusprechen ist. Die Behörde wägt Ihr Interesse gegen das öffentliche Interesse ab,
              dass Namen beständig bleiben.
            voraussetzungen:
            - Sie sind Deutsche oder Deutscher, oder Sie sind staatenlos oder als Flüchtling
              anerkannt und wohnen in Deutschland.
            - Es gibt einen wichtigen Grund für die Änderung.
            - Der Name lässt sich nicht einfacher durch eine Erklärung beim Standesamt ändern.
            unterlagen:
            - schriftlicher Antrag mit einer Begründung
            - beglaubigter Auszug aus dem Geburtenregister
            - bei Verheirateten: beglaubigter Auszug aus dem Eheregister
            - Nachweise für den wichtigen Grund (zum Beispiel ärztliche oder psychologische
              Stellungnahmen)
            - für ein minderjähriges Kind: Zustimmung aller Sorgeberechtigten
            kosten: Die Gebühr richtet sich nach dem Aufwand. Für die Änderung eines
              Familiennamens beträgt sie zwischen 2,50 und 1.022 Euro. Wird der Antrag abgelehnt
              oder nehmen Sie ihn zurück, zahlen Sie ein Zehntel bis die Hälfte der Gebühr. Neue
              Ausweise und Urkunden kosten zusätzlich.
            verfahrensablauf: Lassen Sie sich vor dem Antrag beraten; diese Leistung können Sie
              nicht online beantragen. Die Behörde prüft Ihren Antrag, holt Auskünfte anderer
              Stellen ein und hört, wenn nötig, Beteiligte an. Sie erhalten einen Bescheid und eine
              Urkunde über den neuen Namen; das Standesamt trägt die Änderung in die Register ein.
            bearbeitungsdauer: In der Regel drei bis sechs Monate.
            fristen: Es gibt keine Antragsfrist. Nach der Änderung beantragen Sie neue Ausweise.
            rechtsgrundlagen:
            - §§ 1 und 3 Gesetz über die Änderung von Familiennamen und Vornamen (NamÄndG)
            - Allgemeine Verwaltungsvorschrift zum NamÄndG (NamÄndVwV)
            - § 3 Erste Verordnung zur Durchführung des NamÄndG: Gebühren
            hinweise: Seit dem 1. Mai 2025 lassen sich viele Namenswünsche einfacher durch eine
              Erklärung beim Standesamt erfüllen, zum Beispiel ein Doppelname in der Ehe oder ein
              neuer Name für ein Kind nach der Scheidung der Eltern. Fragen Sie dort zuerst. Für
              den Vornamen gibt es ein eigenes Verfahren; Vornamen und Geschlechtseintrag nach dem
              Selbstbestimmungsgesetz ändern Sie beim Standesamt.
            """
        ),
        processing_days=120,
        synonyms=_synonyms(
            "Nachnamen ändern; Name ändern; Namensänderung beantragen; Familienname ändern; "
            "neuer Nachname; Namenswechsel; Nachname peinlich; behördliche Namensänderung"
        ),
        themenfeld="recht-ordnung",
        level="kreis",
        maturity=1,
        online_url="",
        builder=LK_WUERZBURG,
        adoptions=(
            _A(LK_WUERZBURG, _NAMENSAENDERUNG_BY, _FEE_NAME, False, "2024-02-01"),
            _A(KREIS_DUEREN, _NAMENSAENDERUNG, _FEE_NAME, False, "2024-12-01"),
            _A(HSK, _NAMENSAENDERUNG, _FEE_NAME, False, "2025-01-15"),
            _A(OLPE, _NAMENSAENDERUNG, _FEE_NAME, False, "2025-04-01"),
            _A(SOEST, _NAMENSAENDERUNG, _FEE_NAME, False, "2025-07-01"),
        ),
    ),
    DemoService(
        slug="jagdschein",
        leika_key="99067004001000",
        ozg_id=10149,
        title="Jagdschein beantragen oder verlängern",
        summary=(
            "Sie haben die Jägerprüfung bestanden und möchten jagen? Dafür brauchen Sie einen "
            "Jagdschein von der unteren Jagdbehörde. Er gilt für ein bis drei Jagdjahre und "
            "wird dann verlängert."
        ),
        sections=_sections(
            """
            volltext: Wer jagen will, braucht einen auf seinen Namen ausgestellten Jagdschein und
              muss ihn bei der Jagd mitführen. Der Jahresjagdschein gilt für ein bis drei
              Jagdjahre; ein Jagdjahr läuft vom 1. April bis zum 31. März. Für Gäste gibt es den
              Tagesjagdschein für 14 aufeinanderfolgende Tage. Jagen dürfen Sie nur, wo Sie dazu
              berechtigt sind, etwa in Ihrem Pachtrevier oder mit einer Jagderlaubnis.
            voraussetzungen:
            - Sie wohnen im Kreis.
            - Sie haben die Jägerprüfung bestanden.
            - Sie haben für die ganze Geltungsdauer eine Jagdhaftpflichtversicherung über
              mindestens 500.000 Euro für Personenschäden und 50.000 Euro für Sachschäden.
            - Sie sind zuverlässig und persönlich geeignet; die Behörde prüft das bei jeder
              Erteilung und Verlängerung.
            - Sie sind mindestens 18 Jahre alt; ab 16 Jahren gibt es den Jugendjagdschein.
            unterlagen:
            - Nachweis der Jagdhaftpflichtversicherung
            - bei der ersten Erteilung: Zeugnis über die bestandene Jägerprüfung
            - bei der ersten Erteilung: ein aktuelles Passbild
            - bei einer Verlängerung: Ihr bisheriger Jagdschein
            kosten: Die Gebühr hängt davon ab, für wie viele Jagdjahre der Jagdschein gelten soll.
              Zusätzlich erhebt die Behörde für jedes Jagdjahr die Jagdabgabe des Landes. Die
              Beträge Ihrer Jagdbehörde sehen Sie unten.
            verfahrensablauf: Diese Leistung können Sie noch nicht online beantragen. Sie reichen
              den Antrag schriftlich ein oder kommen zur unteren Jagdbehörde; vor Ort zeigen Sie
              Ihren Personalausweis oder Reisepass. Die Behörde fragt für die Prüfung Ihrer
              Zuverlässigkeit bei anderen Stellen nach, etwa beim Bundeszentralregister. Danach
              stellt sie den Jagdschein aus oder verlängert den bisherigen.
            bearbeitungsdauer: In der Regel zwei bis vier Wochen, weil die Behörde die Auskünfte
              anderer Stellen abwartet.
            fristen: Der Jahresjagdschein endet am 31. März des letzten Jagdjahres. Beantragen Sie
              die Verlängerung rechtzeitig vorher, am besten im Januar. Ohne gültigen Jagdschein
              dürfen Sie nicht jagen.
            rechtsgrundlagen:
            - §§ 15 bis 18 Bundesjagdgesetz (BJagdG): Jagdschein, Versagung und Einziehung
            - § 17 Abs. 1 Nr. 4 BJagdG: Mindestdeckung der Jagdhaftpflichtversicherung
            - Landesjagdgesetz (in NRW: LJG-NRW): Jagdabgabe
            - Gebührenrecht des Landes (in NRW: Allgemeine Verwaltungsgebührenordnung,
              Tarifstelle 8.3)
            hinweise: Zur Jägerprüfung melden Sie sich gesondert bei der unteren Jagdbehörde an.
              Für den Erwerb und Besitz von Waffen gilt zusätzlich das Waffenrecht; zuständig ist
              die Waffenbehörde. Einen verlorenen Jagdschein melden Sie sofort der Jagdbehörde.
            """
        ),
        processing_days=21,
        synonyms=_synonyms(
            "Jagdschein verlängern; Jahresjagdschein; Jagdschein beantragen; Jäger werden; "
            "Jagen; grünes Abitur; Jugendjagdschein; Tagesjagdschein"
        ),
        themenfeld="engagement-hobby",
        level="kreis",
        maturity=1,
        online_url="",
        builder=HSK,
        adoptions=(
            _A(HSK, _JAGD, _FEE_JAGD_NRW, False, "2023-06-01"),
            _A(SOEST, _JAGD, _FEE_JAGD_NRW, False, "2023-10-01"),
            _A(OLPE, _JAGD, _FEE_JAGD_NRW, False, "2024-01-15"),
            _A(MK, _JAGD, _FEE_JAGD_NRW, False, "2024-03-01"),
            _A(SIWI, _JAGD, _FEE_JAGD_NRW, False, "2024-06-01"),
            _A(KREIS_DUEREN, _JAGD, _FEE_JAGD_NRW, False, "2025-02-01"),
            _A(LK_WUERZBURG, _JAGD_BY, _FEE_JAGD_BY, False, "2025-04-01"),
        ),
    ),
    DemoService(
        slug="bewohnerparkausweis",
        leika_key="99108001001000",
        ozg_id=None,
        title="Bewohnerparkausweis beantragen",
        summary=(
            "Sie wohnen in einem Viertel, in dem nur Bewohnerinnen und Bewohner mit Ausweis "
            "parken dürfen? Dann beantragen Sie einen Bewohnerparkausweis für Ihr Auto. Er gilt "
            "nur in Ihrer Bewohnerparkzone."
        ),
        sections=_sections(
            """
            volltext: In Vierteln mit wenig Parkraum richtet die Straßenverkehrsbehörde
              Bewohnerparkzonen ein. Mit dem Ausweis dürfen Sie auf den gekennzeichneten Flächen
              Ihrer Zone parken, ohne einen Parkschein zu lösen oder eine Höchstparkdauer
              einzuhalten. Einen Anspruch auf einen freien Parkplatz gibt der Ausweis nicht.
            voraussetzungen:
            - Sie sind in der Bewohnerparkzone mit Hauptwohnsitz gemeldet.
            - Das Fahrzeug ist auf Sie zugelassen, oder Sie nutzen es dauerhaft, zum Beispiel als
              Firmen- oder Leasingwagen.
            - Sie erhalten in der Regel einen Ausweis für ein Fahrzeug.
            unterlagen:
            - Zulassungsbescheinigung Teil I des Fahrzeugs (Fahrzeugschein)
            - bei einem Firmen- oder Leasingwagen: Bestätigung des Arbeitgebers oder der
              Leasingfirma, dass Sie das Fahrzeug dauerhaft privat nutzen
            - bei einem Fahrzeug einer anderen Person: schriftliche Erklärung der Halterin oder des
              Halters
            kosten: In Nordrhein-Westfalen legt jede Straßenverkehrsbehörde die Gebühr in ihrer
              eigenen Gebührenordnung fest; sie darf dabei auch den Wert des Parkraums
              berücksichtigen. Den Betrag Ihrer Behörde sehen Sie unten.
            verfahrensablauf: Sie stellen den Antrag online oder bei der Straßenverkehrsbehörde und
              geben Ihr Kennzeichen und Ihre Anschrift an. Die Behörde prüft Ihre Meldeadresse und
              schickt Ihnen den Ausweis per Post. Legen Sie ihn gut lesbar hinter die
              Windschutzscheibe.
            bearbeitungsdauer: In der Regel innerhalb einer Woche.
            fristen: Der Ausweis gilt befristet, meist für ein oder zwei Jahre. Beantragen Sie die
              Verlängerung vor dem Ablauf. Ziehen Sie um oder bekommen Sie ein neues Kennzeichen,
              beantragen Sie einen neuen Ausweis.
            rechtsgrundlagen:
            - § 45 Abs. 1b Satz 1 Nr. 2a Straßenverkehrs-Ordnung (StVO): Parkmöglichkeiten für
              Bewohner
            - § 6a Abs. 5a Straßenverkehrsgesetz (StVG): Gebühren für Bewohnerparkausweise
            - NRW-Verordnung über Zuständigkeiten im Bereich Straßenverkehr und
              Güterbeförderung und die Gebührenordnung der zuständigen Behörde
            hinweise: In Nordrhein-Westfalen stellt die Straßenverkehrsbehörde des Kreises den
              Ausweis aus. Große und mittlere kreisangehörige Städte wie Kerpen und Jülich sind für
              ihr Stadtgebiet selbst zuständig. Parkerleichterungen für Menschen mit Behinderung
              sind ein eigenes Verfahren.
            """
        ),
        processing_days=7,
        synonyms=_synonyms(
            "Anwohnerparkausweis; Anwohnerparken; Parkausweis Anwohner; Bewohnerparken; "
            "Parkplakette Anwohner; Anwohnerparkplatz; Parkausweis beantragen"
        ),
        themenfeld="mobilitaet-reisen",
        level="kreis",
        maturity=3,
        online_url=_PORTAL + "bewohnerparkausweis",
        builder=JUELICH,
        adoptions=(
            _A(
                JUELICH,
                _VERKEHRSBEHOERDE,
                (("Bewohnerparkausweis für zwölf Monate", "80.00"),),
                True,
                "2024-10-01",
            ),
            _A(
                KERPEN,
                _VERKEHRSBEHOERDE,
                (
                    ("Bewohnerparkausweis für zwölf Monate", "120.00"),
                    ("Ersatzausweis nach Verlust", "20.00"),
                ),
                True,
                "2025-03-01",
            ),
            _A(KREIS_DUEREN, _VERKEHRSBEHOERDE, _FEE_PARKEN_KREIS, True, "2025-01-15"),
            _A(SOEST, _VERKEHRSBEHOERDE, _FEE_PARKEN_KREIS, True, "2025-06-01"),
            _A(MK, _VERKEHRSBEHOERDE, _FEE_PARKEN_KREIS, False, "2025-09-01"),
        ),
    ),
    DemoService(
        slug="baumfaellgenehmigung",
        leika_key="99093003001000",
        ozg_id=10112,
        title="Baum fällen: Genehmigung beantragen",
        summary=(
            "Sie möchten einen großen Baum auf Ihrem Grundstück fällen? Wenn Ihre Gemeinde eine "
            "Baumschutzsatzung hat, brauchen Sie dafür oft eine Genehmigung. Vom 1. März bis "
            "30. September gelten zum Schutz der Vögel strenge Regeln."
        ),
        sections=_sections(
            """
            volltext: Viele Gemeinden schützen große Bäume mit einer Baumschutzsatzung. Geschützt
              sind meist Bäume ab einem in der Satzung festgelegten Stammumfang, gemessen in einem
              Meter Höhe. Wer einen geschützten Baum fällen oder stark zurückschneiden will,
              braucht eine Genehmigung der Gemeinde. Oft verlangt die Gemeinde dafür eine
              Ersatzpflanzung.
            voraussetzungen:
            - Der Baum steht in der Gemeinde und ist durch die Baumschutzsatzung geschützt.
            - Sie sind Eigentümerin oder Eigentümer des Grundstücks oder haben deren Zustimmung.
            - Es gibt einen Grund für die Fällung, zum Beispiel: Der Baum ist krank oder nicht mehr
              standsicher, er gefährdet Menschen oder Gebäude, oder er verhindert ein genehmigtes
              Bauvorhaben.
            unterlagen:
            - Lageplan oder Skizze mit dem Standort des Baums
            - Fotos des Baums
            - Angaben zu Baumart und Stammumfang
            - wenn Sie nicht Eigentümerin oder Eigentümer sind: Zustimmung der Eigentümerin oder
              des Eigentümers
            - falls vorhanden: Gutachten zur Standsicherheit
            kosten: Die Gebühr legt die Gemeinde fest; den Betrag sehen Sie unten. Für eine
              Ersatzpflanzung oder eine Ausgleichszahlung kommen weitere Kosten hinzu.
            verfahrensablauf: Sie stellen den Antrag online oder schriftlich. Die Gemeinde prüft
              ihn, oft mit einem Termin vor Ort, und schickt Ihnen einen Bescheid, meist mit
              Auflagen wie einer Ersatzpflanzung. Fällen Sie den Baum erst, wenn die Genehmigung
              vorliegt.
            bearbeitungsdauer: Meist zwei bis vier Wochen; mit einem Termin vor Ort kann es länger
              dauern.
            fristen: Stellen Sie den Antrag einige Wochen vor der geplanten Fällung, am besten im
              Sommer für eine Fällung ab Oktober. Vom 1. März bis zum 30. September dürfen Bäume
              außerhalb des Waldes nicht gefällt werden; für Bäume in Gärten gilt dieses Verbot
              nicht, aber auch dort dürfen Sie keine bewohnten Nester oder Quartiere geschützter
              Tiere zerstören.
            rechtsgrundlagen:
            - § 29 Bundesnaturschutzgesetz (BNatSchG): geschützte Landschaftsbestandteile
            - § 39 Abs. 5 Satz 1 Nr. 2 BNatSchG: Fäll- und Schnittverbot vom 1. März bis 30.
              September
            - § 44 BNatSchG: besonderer Artenschutz
            - Baumschutzsatzung der Gemeinde (in Bayern: Baumschutzverordnung)
            hinweise: Hat Ihre Gemeinde keine Baumschutzsatzung, brauchen Sie keine Genehmigung der
              Gemeinde; den Artenschutz müssen Sie trotzdem beachten. Droht ein Baum umzustürzen,
              dürfen Sie die Gefahr sofort beseitigen lassen; melden Sie das der Gemeinde
              unverzüglich mit Fotos. Für Bäume im Wald gilt das Forstrecht.
            """
        ),
        processing_days=21,
        synonyms=_synonyms(
            "Baum fällen; Baumfällung; Fällgenehmigung; Baumschutzsatzung; Baum entfernen; "
            "Baum absägen; Baum im Garten fällen; Vogelschutzzeit"
        ),
        themenfeld="umwelt",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "baumfaellgenehmigung",
        builder=KERPEN,
        adoptions=(
            _A(
                KERPEN, _UMWELTAMT, (("Baumfällgenehmigung, je Baum", "60.00"),), True, "2024-04-01"
            ),
            _A(JUELICH, _UMWELTAMT, _FEE_BAUM, True, "2024-08-01"),
            _A(MERZENICH, _ORDNUNGSAMT, _FEE_BAUM, True, "2024-10-01"),
            _A(NIEDERZIER, _ORDNUNGSAMT, _FEE_BAUM, False, "2025-03-01"),
            _A(HOECHBERG, _BAUAMT, (("Baumfällgenehmigung", "40.00"),), True, "2025-02-01"),
            _A(VEITSHOECHHEIM, _BAUAMT, (("Baumfällgenehmigung", "40.00"),), True, "2025-05-01"),
            _A(GERBRUNN, _BAUAMT, (("Baumfällgenehmigung", "35.00"),), False, "2025-09-01"),
        ),
    ),
    DemoService(
        slug="grundsteuer",
        leika_key="99102012002000",
        ozg_id=10117,
        title="Grundsteuer: Bescheid, Hebesatz und Fälligkeit",
        summary=(
            "Sie besitzen ein Grundstück, ein Haus oder eine Wohnung? Dann zahlen Sie Grundsteuer "
            "an Ihre Gemeinde. Hier lesen Sie, wie sie berechnet wird und wann Sie zahlen "
            "müssen."
        ),
        sections=_sections(
            """
            volltext: Die Grundsteuer zahlt, wem am 1. Januar eines Jahres ein Grundstück gehört.
              Sie entsteht in zwei Schritten: Das Finanzamt stellt den Grundsteuerwert und daraus
              den Grundsteuermessbetrag fest; die Gemeinde multipliziert den Messbetrag mit ihrem
              Hebesatz und schickt Ihnen den Grundsteuerbescheid. Seit dem 1. Januar 2025 gilt die
              reformierte Grundsteuer mit neuen Werten. Bei vermieteten Wohnungen wird sie meist
              über die Nebenkosten auf die Mieterinnen und Mieter umgelegt.
            voraussetzungen:
            - Ihnen gehört am 1. Januar ein Grundstück, ein Haus oder eine Wohnung in der Gemeinde,
              oder Sie haben ein Erbbaurecht daran.
            - Das Finanzamt hat Ihnen einen Grundsteuermessbescheid geschickt.
            unterlagen:
            - Einen Antrag brauchen Sie nicht; die Gemeinde schickt den Bescheid von sich aus.
            - wenn die Gemeinde die Steuer abbuchen soll: SEPA-Lastschriftmandat
            kosten: Der Bescheid ist gebührenfrei. Die Steuer ist der Messbetrag mal Hebesatz: Bei
              einem Messbetrag von 100 Euro und einem Hebesatz von 500 Prozent zahlen Sie 500 Euro
              im Jahr. Den Hebesatz beschließt der Gemeinderat.
            verfahrensablauf: Diese Leistung ist eine Information; einen Antrag stellen Sie nicht.
              Die Gemeinde schickt Ihnen den Grundsteuerbescheid; er gilt weiter, bis sich
              Messbetrag oder Hebesatz ändern. Sie zahlen per Überweisung oder lassen die Steuer
              abbuchen. Gegen den Bescheid können Sie sich innerhalb eines Monats wehren; wie, steht
              in der Rechtsbehelfsbelehrung.
            bearbeitungsdauer: Entfällt; die Gemeinde schickt den Bescheid von sich aus.
            fristen: Die Grundsteuer ist zu je einem Viertel am 15. Februar, 15. Mai, 15. August und
              15. November fällig. Beträgt sie nicht mehr als 15 Euro im Jahr, zahlen Sie alles am
              15. August; nicht mehr als 30 Euro, je die Hälfte am 15. Februar und am 15. August.
              Auf Antrag zahlen Sie den Jahresbetrag am 1. Juli; den Antrag stellen Sie bis zum 30.
              September des Vorjahres.
            rechtsgrundlagen:
            - Grundsteuergesetz (GrStG), besonders § 25 (Hebesatz) und § 28 (Fälligkeit)
            - Bewertungsgesetz (BewG): Grundsteuerwert, in Nordrhein-Westfalen
            - in Bayern: Bayerisches Grundsteuergesetz (BayGrStG)
            - Haushaltssatzung oder Hebesatzsatzung der Gemeinde
            hinweise: Fragen zum Grundsteuerwert und zum Messbetrag beantwortet das Finanzamt,
              nicht die Gemeinde; die Gemeinde ist an den Messbescheid gebunden. In
              Nordrhein-Westfalen darf jede Gemeinde seit 2025 für Wohngrundstücke und für
              Geschäftsgrundstücke verschiedene Hebesätze festlegen. Verkaufen Sie Ihr Grundstück,
              zahlen Sie die Grundsteuer noch bis zum Ende des Kalenderjahres.
            """
        ),
        processing_days=None,
        synonyms=_synonyms(
            "Grundsteuerbescheid; Grundsteuer zahlen; Hebesatz; Grundsteuerreform; "
            "Grundbesitzabgaben; Grundsteuer Fälligkeit; Steuer Haus; Grundsteuer B"
        ),
        themenfeld="steuern-zoll",
        level="gemeinde",
        maturity=1,
        online_url="",
        builder=MERZENICH,
        adoptions=(
            _A(MERZENICH, _STEUERAMT, (), False, "2024-03-01"),
            _A(JUELICH, _STEUERAMT, (), False, "2024-05-01"),
            _A(INDEN, _STEUERAMT, (), False, "2024-05-01"),
            _A(NIEDERZIER, _STEUERAMT, (), False, "2024-07-01"),
            _A(KERPEN, _STEUERAMT, (), False, "2025-01-15"),
            _A(LINNICH, _STEUERAMT, (), False, "2025-01-15"),
            _A(VEITSHOECHHEIM, _KAEMMEREI, (), False, "2025-02-01"),
            _A(RIMPAR, _KAEMMEREI, (), False, "2025-04-01"),
            _A(ROTTENDORF, _KAEMMEREI, (), False, "2025-04-01"),
        ),
    ),
    DemoService(
        slug="abfallbehaelter",
        leika_key=None,
        ozg_id=10110,
        title="Mülltonne bestellen, ändern oder abmelden",
        summary=(
            "Sie brauchen eine neue Mülltonne, eine größere oder kleinere Tonne, oder Sie möchten "
            "eine abmelden? Das erledigen Sie bei der Abfallberatung Ihrer Gemeinde. Nach Art "
            "und Größe der Tonnen richtet sich meist Ihre Abfallgebühr."
        ),
        sections=_sections(
            """
            volltext: Jedes bewohnte Grundstück muss an die Müllabfuhr der Gemeinde angeschlossen
              sein. Es gibt die Restmülltonne, die Biotonne und die Papiertonne in verschiedenen
              Größen. Sie können Tonnen neu bestellen, gegen eine größere oder kleinere tauschen
              oder abmelden, etwa wenn eine Biotonne wegfällt, weil Sie selbst kompostieren. Die
              Gelbe Tonne oder den Gelben Sack stellt ein Entsorger im Auftrag der dualen Systeme;
              das gehört nicht zu dieser Leistung.
            voraussetzungen:
            - Sie sind Eigentümerin oder Eigentümer des Grundstücks oder von ihnen bevollmächtigt,
              zum Beispiel als Hausverwaltung. Wer zur Miete wohnt, wendet sich an die Vermieterin
              oder den Vermieter.
            - Die Restmülltonne ist groß genug für die Zahl der Bewohnerinnen und Bewohner; das
              Mindestvolumen steht in der Abfallsatzung.
            - Eine Biotonne können Sie nur abmelden, wenn Sie alle Bioabfälle selbst auf dem
              Grundstück kompostieren.
            unterlagen:
            - Anschrift des Grundstücks und Name der Eigentümerin oder des Eigentümers
            - Art, Größe und Anzahl der gewünschten Tonnen
            - bei einem Eigentümerwechsel: Kaufvertrag oder Grundbuchauszug
            - bei der Abmeldung der Biotonne: Erklärung zur Eigenkompostierung
            kosten: Für die Lieferung oder den Tausch einer Tonne verlangen manche Gemeinden eine
              Gebühr; den Betrag sehen Sie unten. Die jährliche Abfallgebühr richtet sich nach Art
              und Größe Ihrer Tonnen und steht in der Abfallgebührensatzung.
            verfahrensablauf: Sie stellen den Antrag online oder schriftlich bei der
              Abfallberatung. Die Gemeinde beauftragt die Müllabfuhr, die Tonne zu liefern, zu
              tauschen oder abzuholen. Ändert sich Ihre Abfallgebühr, erhalten Sie einen neuen
              Gebührenbescheid.
            bearbeitungsdauer: Die Tonne wird meist innerhalb von zwei Wochen geliefert oder
              getauscht.
            fristen: Eine Änderung gilt meist ab dem nächsten Monat. Einen Eigentümerwechsel zeigen
              Sie innerhalb der Frist an, die Ihre Abfallsatzung nennt, oft innerhalb eines Monats.
            rechtsgrundlagen:
            - § 17 Kreislaufwirtschaftsgesetz (KrWG): Überlassungspflicht für Abfälle aus
              Haushalten
            - § 20 KrWG: Pflichten der öffentlich-rechtlichen Entsorgungsträger
            - Landeskreislaufwirtschaftsgesetz NRW (LKrWG)
            - Abfallsatzung und Abfallgebührensatzung der Gemeinde
            hinweise: Eine beschädigte Tonne tauscht die Gemeinde meist kostenlos aus. Ist Ihre
              Tonne gestohlen worden, melden Sie das der Abfallberatung. Den Abholkalender finden
              Sie in der Abfall-App oder auf der Internetseite Ihrer Gemeinde.
            """
        ),
        processing_days=14,
        synonyms=_synonyms(
            "Mülltonne bestellen; Mülltonne abmelden; Restmülltonne; Biotonne; Papiertonne; "
            "Tonne tauschen; größere Mülltonne; Mülltonne kaputt; Abfallbehälter"
        ),
        themenfeld="umwelt",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "abfallbehaelter",
        builder=LINNICH,
        adoptions=(
            _A(LINNICH, _ABFALL, _FEE_TONNE, True, "2024-05-01"),
            _A(MERZENICH, _ABFALL, (), True, "2024-08-01"),
            _A(INDEN, _ABFALL, _FEE_TONNE, True, "2024-11-01"),
            _A(NIEDERZIER, _ABFALL, (), True, "2025-02-01"),
            _A(
                JUELICH,
                _ABFALL,
                (("Lieferung oder Tausch einer Tonne", "20.00"),),
                True,
                "2025-06-01",
            ),
        ),
    ),
    DemoService(
        slug="maengel-melden",
        leika_key=None,
        ozg_id=10136,
        title="Mängel melden: Schlagloch, Straßenlaterne, wilder Müll",
        summary=(
            "Ihnen ist ein Schlagloch, eine kaputte Straßenlaterne oder illegal abgeladener Müll "
            "aufgefallen? Melden Sie es Ihrer Gemeinde, am einfachsten online mit einem Foto. "
            "Das ist kostenlos."
        ),
        sections=_sections(
            """
            volltext: Mit einer Mängelmeldung weisen Sie die Gemeinde auf Schäden und
              Verschmutzungen im öffentlichen Raum hin. Das sind zum Beispiel Schlaglöcher, defekte
              Straßenlaternen, umgefahrene Schilder, verstopfte Gullys, beschädigte Spielgeräte oder
              wild abgeladener Müll. Die Meldung geht an die zuständige Stelle, etwa an den Bauhof
              oder das Ordnungsamt.
            voraussetzungen:
            - Der Mangel liegt auf einer öffentlichen Fläche in der Gemeinde, etwa auf einer
              Straße, einem Weg, einem Platz, in einer Grünanlage oder auf einem Spielplatz.
            - Für Autobahnen, Bundes- und Landesstraßen und für private Grundstücke ist die
              Gemeinde nicht zuständig; sie leitet Ihre Meldung aber möglichst weiter.
            unterlagen:
            - Ort des Mangels (Adresse oder Punkt auf der Karte)
            - eine kurze Beschreibung
            - wenn möglich: ein Foto
            kosten: Die Meldung ist kostenlos.
            verfahrensablauf: Sie markieren den Ort online auf der Karte, wählen eine Kategorie,
              beschreiben den Mangel und laden, wenn Sie möchten, ein Foto hoch. Sie erhalten eine
              Bestätigung. Der Bauhof oder das Ordnungsamt prüft die Meldung und beseitigt den
              Mangel. Wenn Sie eine E-Mail-Adresse angeben, erfahren Sie, wann er behoben ist.
            bearbeitungsdauer: Die Gemeinde sieht sich Meldungen meist innerhalb weniger Werktage
              an. Wie schnell ein Schaden behoben wird, hängt davon ab, wie dringend er ist.
            fristen: Es gibt keine Frist. Bei akuter Gefahr, etwa einem offenen Schacht oder einem
              umgestürzten Baum auf der Fahrbahn, rufen Sie sofort die Polizei unter 110 oder die
              Feuerwehr unter 112.
            rechtsgrundlagen:
            - Straßen- und Wegegesetz des Landes (in NRW: StrWG NRW; in Bayern: BayStrWG):
              Straßenbaulast der Gemeinde
            - § 28 Kreislaufwirtschaftsgesetz (KrWG): Abfälle dürfen nur in zugelassenen Anlagen
              beseitigt werden
            hinweise: Sie können auch ohne Namen melden; dann erhalten Sie aber keine Rückmeldung.
              Wer Müll illegal ablädt, begeht eine Ordnungswidrigkeit; sprechen Sie Verursacher
              nicht selbst an, sondern melden Sie, was Sie gesehen haben. Eine ausgefallene Ampel
              melden Sie der Polizei.
            """
        ),
        processing_days=5,
        synonyms=_synonyms(
            "Mängelmelder; Schlagloch melden; Straßenlaterne kaputt; wilder Müll; "
            "Müll abgeladen; Schaden melden; Straßenschaden; Laterne defekt; Gully verstopft"
        ),
        themenfeld="querschnitt",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "maengel-melden",
        builder=HOECHBERG,
        adoptions=(
            _A(HOECHBERG, _BAUHOF, (), True, "2023-09-01"),
            _A(GERBRUNN, _BAUHOF, (), True, "2023-11-15"),
            _A(RIMPAR, _BAUHOF, (), True, "2024-03-01"),
            _A(ROTTENDORF, _BAUHOF, (), True, "2024-03-01"),
            _A(VEITSHOECHHEIM, _BAUHOF, (), True, "2024-06-01"),
            _A(MERZENICH, _BAUHOF, (), True, "2024-09-01"),
            _A(INDEN, _BAUHOF, (), True, "2025-01-15"),
            _A(NIEDERZIER, _BAUHOF, (), True, "2025-01-15"),
            _A(KERPEN, _ORDNUNGSAMT, (), True, "2025-04-01"),
            _A(JUELICH, _ORDNUNGSAMT, (), True, "2025-06-01"),
        ),
    ),
    DemoService(
        slug="schulanmeldung-grundschule",
        leika_key="99088003034001",
        ozg_id=10041,
        title="Kind an der Grundschule anmelden",
        summary=(
            "Wird Ihr Kind bis zum 30. September sechs Jahre alt, kommt es am 1. August dieses "
            "Jahres in die Schule. Sie melden es schon im Herbst davor an einer Grundschule an. "
            "Ihre Gemeinde schreibt Ihnen dazu rechtzeitig."
        ),
        sections=_sections(
            """
            volltext: In Nordrhein-Westfalen werden alle Kinder schulpflichtig, die bis zum Beginn
              des 30. September sechs Jahre alt werden; ihre Schulpflicht beginnt am 1. August
              desselben Jahres. Die Gemeinde ist Trägerin der Grundschulen. Sie schreibt die Eltern
              an und nennt die Grundschulen und den Zeitraum für die Anmeldung. Sie können Ihr Kind
              an einer Grundschule Ihrer Wahl anmelden; über die Aufnahme entscheidet die
              Schulleitung.
            voraussetzungen:
            - Ihr Kind wohnt in der Gemeinde und wird bis zum 30. September des Einschulungsjahres
              sechs Jahre alt.
            - Ein jüngeres Kind können Sie auf Antrag vorzeitig einschulen lassen, wenn es
              schulfähig ist.
            - Sie sind für Ihr Kind sorgeberechtigt.
            unterlagen:
            - Anmeldeschreiben der Gemeinde oder Anmeldebogen der Schule
            - Geburtsurkunde des Kindes
            - Nachweis über den Masernschutz (Impfpass oder ärztliche Bescheinigung)
            - wenn Sie allein sorgeberechtigt sind: Nachweis darüber
            kosten: Die Anmeldung ist kostenlos.
            verfahrensablauf: Diese Leistung können Sie nicht online erledigen. Im Herbst schreibt
              die Gemeinde Ihnen. Sie melden Ihr Kind im Anmeldezeitraum persönlich an der
              Grundschule an, am besten mit Ihrem Kind; zeigen Sie dort Ihren Personalausweis. Das
              Gesundheitsamt des Kreises lädt Ihr Kind zur Schuleingangsuntersuchung ein. Nach dem
              Anmeldeverfahren erhalten Sie von der Schule die Zusage.
            bearbeitungsdauer: Die Zusage erhalten Sie nach dem Ende des Anmeldeverfahrens, meist
              im Winter oder Frühjahr vor dem Schulbeginn.
            fristen: Die Anmeldung muss bis zum 15. November des Vorjahres abgeschlossen sein; den
              genauen Zeitraum nennt Ihnen die Gemeinde. Aus erheblichen gesundheitlichen Gründen
              kann ein Kind für ein Jahr zurückgestellt werden; darüber entscheidet die
              Schulleitung.
            rechtsgrundlagen:
            - § 35 Schulgesetz NRW (SchulG): Beginn der Schulpflicht
            - § 46 SchulG: Aufnahme in die Schule
            - § 54 SchulG: Schulgesundheit und Schuleingangsuntersuchung
            - § 1 Ausbildungsordnung Grundschule (AO-GS): Anmeldung und Aufnahme
            hinweise: Jedes Kind hat im Rahmen der Plätze Anspruch auf die nächstgelegene
              Grundschule seiner Gemeinde. Den Offenen Ganztag melden Sie gesondert an; für Kinder,
              die ab dem Schuljahr 2026/27 eingeschult werden, gibt es einen Rechtsanspruch auf
              Ganztagsbetreuung.
            """
        ),
        processing_days=None,
        synonyms=_synonyms(
            "Einschulung; Schulanmeldung; Grundschule anmelden; Schulanfang; i-Dötzchen; "
            "Schulpflicht; Erstklässler; Anmeldung erste Klasse"
        ),
        themenfeld="bildung",
        level="gemeinde",
        maturity=1,
        online_url="",
        builder=NIEDERZIER,
        adoptions=(
            _A(NIEDERZIER, _SCHULVERWALTUNG, (), False, "2024-06-01"),
            _A(MERZENICH, _SCHULVERWALTUNG, (), False, "2024-08-01"),
            _A(INDEN, _SCHULVERWALTUNG, (), False, "2024-08-01"),
            _A(LINNICH, _SCHULVERWALTUNG, (), False, "2025-01-15"),
            _A(JUELICH, _SCHULVERWALTUNG, (), False, "2025-05-01"),
            _A(KERPEN, _SCHULVERWALTUNG, (), False, "2025-08-01"),
        ),
    ),
)

_WOHNGELD_NOTE = (
    "%s kreisangehörige Stadt, eigene Wohngeldbehörde (Bewilligungsbehörde nach § 3 der "
    "NRW-Verordnung über Zuständigkeiten auf dem Gebiet der sozialen Wohnraumförderung und "
    "anderer Maßnahmen des Wohnungswesens)"
)
_JUGENDAMT_NOTE = (
    "Große kreisangehörige Stadt mit eigenem Jugendamt, örtlicher Träger der öffentlichen "
    "Jugendhilfe (§ 2 AG-KJHG NRW)"
)
_VERKEHR_NOTE = (
    "%s kreisangehörige Stadt, Straßenverkehrsbehörde für ihr Gebiet (NRW-Verordnung über "
    "Zuständigkeiten im Bereich Straßenverkehr und Güterbeförderung; Gebühren nach § 6a "
    "Abs. 5a StVG)"
)

EXCEPTIONS: tuple[DemoException, ...] = (
    DemoException("wohngeld", KERPEN, KERPEN, _WOHNGELD_NOTE % "Große"),
    DemoException("wohngeld", JUELICH, JUELICH, _WOHNGELD_NOTE % "Mittlere"),
    DemoException("kita-platz", KERPEN, KERPEN, _JUGENDAMT_NOTE),
    DemoException("bewohnerparkausweis", KERPEN, KERPEN, _VERKEHR_NOTE % "Große"),
    DemoException("bewohnerparkausweis", JUELICH, JUELICH, _VERKEHR_NOTE % "Mittlere"),
)
