"""Demo services of the Bürgerbüro, the Standesamt and the Ordnungsamt.

Every LeiKa key and OZG ID comes from the team's sourced list
(``shared/research/leika-services.md``). Fees for the Personalausweis, the
Reisepass and the Führungszeugnis are set by federal law (PAuswGebV, PassV,
JVKostG) and are the same everywhere; so is the 6-euro fee for a passport photo
taken at the office, in force since May 2025. The 25 euros for registering a
large dog is the NRW fee (AVerwGebO NRW, Köln in the research file). Standesamt
fees in NRW fall under the Land's fee schedule, but the amounts differ between
sources; they and every fee a Gemeinde sets itself (Gewerbe, Fundbüro,
Veranstaltung, Sondernutzung) are illustrations for the demo. Offices reuse the
seats of ``original``; this module adds Kerpen's Bürgerbüro and Standesamt and the
Standesämter of Merzenich, Inden and Niederzier.
"""

from __future__ import annotations

from verbund.demo.catalogue.original import (
    _A,
    _BUERGERBUERO,
    _HOURS_BUERGERBUERO,
    _HOURS_BY_APPOINTMENT,
    _ORDNUNGSAMT,
    _PORTAL,
    _STANDESAMT,
    GERBRUNN,
    HOECHBERG,
    RIMPAR,
    ROTTENDORF,
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
    LINNICH,
    MERZENICH,
    NIEDERZIER,
)

OFFICES: tuple[DemoOffice, ...] = (
    _office(KERPEN, _BUERGERBUERO, "buergerbuero", "100", _HOURS_BUERGERBUERO),
    *(
        _office(gemeinde, _STANDESAMT, "standesamt", "120", _HOURS_BY_APPOINTMENT)
        for gemeinde in (KERPEN, MERZENICH, INDEN, NIEDERZIER)
    ),
)

# Federal fees (PAuswGebV, PassV), the same in every Gemeinde.
_FEE_FOTO = ("digitales Passbild, im Bürgerbüro aufgenommen", "6.00")
_FEE_AUSWEIS = (
    ("Personalausweis ab 24 Jahren", "46.00"),
    ("Personalausweis unter 24 Jahren", "27.60"),
    ("vorläufiger Personalausweis", "10.00"),
    _FEE_FOTO,
)
_FEE_PASS = (
    ("Reisepass ab 24 Jahren", "70.00"),
    ("Reisepass unter 24 Jahren", "37.50"),
    ("Zuschlag für das Expressverfahren", "32.00"),
    ("vorläufiger Reisepass", "26.00"),
    _FEE_FOTO,
)
# Federal fee (JVKostG); the Gemeinde collects it for the Bundesamt für Justiz.
_FEE_FUEHRUNGSZEUGNIS = (("Führungszeugnis (Gebühr nach JVKostG)", "13.00"),)
# NRW Standesamt fees (AVerwGebO NRW); sources differ, the amounts are illustrations.
_FEE_EHE = (
    ("Prüfung der Ehevoraussetzungen, nur deutsches Recht", "60.00"),
    ("Prüfung der Ehevoraussetzungen mit ausländischem Recht", "120.00"),
    ("Trauung außerhalb der Dienstzeiten", "100.00"),
)
# As for the Geburtsurkunde (PVOG Köln): first copy 10 €, each further one half.
_FEE_STERBE = (
    ("Sterbeurkunde, erste Ausfertigung", "10.00"),
    ("jede weitere Ausfertigung im selben Auftrag", "5.00"),
)
# NRW Gemeinden set their own fee; the amounts are illustrations.
_FEE_UMMELDUNG = (("Gewerbeummeldung", "20.00"),)
_FEE_ABMELDUNG = (("Gewerbeabmeldung", "15.00"),)
_FEE_FUND = (("Herausgabe einer Fundsache", "10.00"),)
_FEE_VERANSTALTUNG = (
    ("Erlaubnis für eine Veranstaltung im Freien", "50.00"),
    ("Gestattung für den Ausschank alkoholischer Getränke, je Tag", "40.00"),
)
_FEE_SONDERNUTZUNG = (
    ("Verwaltungsgebühr für die Erlaubnis", "30.00"),
    ("Container oder Gerüst, je Stellplatz und angefangene Woche", "15.00"),
    ("Tische und Stühle vor Gaststätten, je Quadratmeter und Saison", "20.00"),
)
# NRW fee for the notice of a large dog (AVerwGebO NRW; Köln in the research file).
_FEE_HUND = (("Anzeige eines großen Hundes (§ 11 LHundG NRW)", "25.00"),)

SERVICES: tuple[DemoService, ...] = (
    DemoService(
        slug="personalausweis",
        leika_key="99008001012000",
        ozg_id=10119,
        title="Personalausweis beantragen",
        summary=(
            "Sie brauchen einen neuen Personalausweis? Dann beantragen Sie ihn persönlich im "
            "Bürgerbüro Ihres Wohnorts. Dort werden Ihr Passbild und Ihre Fingerabdrücke "
            "aufgenommen; den fertigen Ausweis holen Sie nach einigen Wochen ab."
        ),
        sections=_sections(
            """
            volltext: Mit dem Personalausweis weisen Sie nach, wer Sie sind. In Deutschland muss
              jede Person ab 16 Jahren einen gültigen Personalausweis oder Reisepass besitzen. Mit
              der Online-Ausweisfunktion können Sie sich auch im Internet bei Behörden und
              Unternehmen ausweisen. Innerhalb der EU und in einigen weiteren Ländern können Sie
              mit dem Personalausweis reisen.
            voraussetzungen:
            - Sie sind Deutsche oder Deutscher und mit Ihrer Hauptwohnung in der Gemeinde
              gemeldet.
            - Sie kommen persönlich ins Bürgerbüro; den Antrag kann niemand für Sie stellen.
            - Für Kinder unter 16 Jahren stellen die sorgeberechtigten Eltern den Antrag, und das
              Kind kommt mit.
            unterlagen:
            - Ihr bisheriger Personalausweis oder Reisepass, auch wenn er abgelaufen ist
            - ein aktuelles biometrisches Passbild in digitaler Form: Sie lassen es im Bürgerbüro
              aufnehmen oder von einem zertifizierten Fotostudio elektronisch übermitteln
            - beim ersten Ausweis oder wenn Sie kein Ausweisdokument mehr haben: Ihre
              Geburtsurkunde, bei Verheirateten auch die Eheurkunde
            - für Kinder unter 16 Jahren: die Zustimmung aller Sorgeberechtigten und deren
              Ausweise
            kosten: Der Personalausweis kostet 46 Euro, wenn Sie 24 Jahre oder älter sind, und
              27,60 Euro, wenn Sie jünger als 24 Jahre sind. Ein vorläufiger Personalausweis
              kostet 10 Euro. Lassen Sie Ihr Passbild im Bürgerbüro aufnehmen, kommen 6 Euro
              dazu. Diese Gebühren sind bundesweit gleich.
            verfahrensablauf: Vereinbaren Sie einen Termin im Bürgerbüro. Dort werden Ihre
              Unterlagen geprüft, Ihr Passbild aufgenommen oder vom Fotostudio abgerufen und die
              Abdrücke Ihrer beiden Zeigefinger gescannt. Die Bundesdruckerei stellt den Ausweis
              her; den PIN-Brief für die Online-Ausweisfunktion erhalten Sie per Post. Ist der
              Ausweis fertig, holen Sie ihn im Bürgerbüro ab und geben dabei den alten Ausweis
              ab.
            bearbeitungsdauer: In der Regel zwei bis vier Wochen. Einen vorläufigen
              Personalausweis erhalten Sie sofort.
            fristen: Ab Ihrem 16. Geburtstag müssen Sie einen gültigen Personalausweis oder
              Reisepass haben. Der Personalausweis gilt zehn Jahre, für Personen unter 24 Jahren
              sechs Jahre. Beantragen Sie den neuen Ausweis einige Wochen, bevor der alte
              abläuft.
            rechtsgrundlagen:
            - § 1 Personalausweisgesetz (PAuswG): Ausweispflicht
            - § 5 PAuswG: Inhalt des Ausweises, Lichtbild und Fingerabdrücke
            - § 6 PAuswG: Gültigkeitsdauer
            - § 9 PAuswG: Ausstellung des Ausweises
            - Personalausweisverordnung (PAuswV) und Personalausweisgebührenverordnung
              (PAuswGebV)
            hinweise: Haben Sie Ihren Ausweis verloren oder wurde er gestohlen, melden Sie das
              sofort dem Bürgerbüro oder der Polizei. Die Online-Ausweisfunktion sperren Sie
              rund um die Uhr über den Sperr-Notruf 116 116. Bei Kindern unter sechs Jahren
              werden keine Fingerabdrücke aufgenommen. Den fertigen Ausweis kann auch eine andere
              Person mit Ihrer schriftlichen Vollmacht abholen. Ein vorläufiger Personalausweis
              gilt höchstens drei Monate.
            """
        ),
        processing_days=21,
        synonyms=_synonyms(
            "Perso; Ausweis; Perso beantragen; Personalausweis verlängern; neuer Ausweis; "
            "Ausweis abgelaufen; vorläufiger Personalausweis; Kinderausweis; Online-Ausweis; "
            "Ausweis verloren"
        ),
        themenfeld="querschnitt",
        level="gemeinde",
        maturity=1,
        online_url="",
        builder=HOECHBERG,
        adoptions=(
            _A(HOECHBERG, _BUERGERBUERO, _FEE_AUSWEIS, False, "2023-09-01"),
            _A(VEITSHOECHHEIM, _BUERGERBUERO, _FEE_AUSWEIS, False, "2023-11-01"),
            _A(GERBRUNN, _BUERGERBUERO, _FEE_AUSWEIS, False, "2024-02-01"),
            _A(RIMPAR, _BUERGERBUERO, _FEE_AUSWEIS, False, "2024-05-01"),
            _A(ROTTENDORF, _BUERGERBUERO, _FEE_AUSWEIS, False, "2024-05-01"),
            _A(JUELICH, _BUERGERBUERO, _FEE_AUSWEIS, False, "2024-10-01"),
            _A(KERPEN, _BUERGERBUERO, _FEE_AUSWEIS, False, "2025-03-01"),
            _A(MERZENICH, _BUERGERBUERO, _FEE_AUSWEIS, False, "2025-06-01"),
        ),
    ),
    DemoService(
        slug="reisepass",
        leika_key="99085001012000",
        ozg_id=10177,
        title="Reisepass beantragen",
        summary=(
            "Sie reisen in ein Land, für das der Personalausweis nicht reicht? Dann brauchen "
            "Sie einen Reisepass. Sie beantragen ihn persönlich im Bürgerbüro; wenn es eilt, "
            "gibt es den Pass im Expressverfahren."
        ),
        sections=_sections(
            """
            volltext: Mit dem Reisepass können Sie in alle Länder der Welt reisen. Für viele
              Länder außerhalb Europas, zum Beispiel die USA, brauchen Sie ihn zwingend. In
              Deutschland gilt der Reisepass wie der Personalausweis als Ausweis. Kinderreisepässe
              werden seit 2024 nicht mehr ausgestellt; auch Kinder bekommen einen Reisepass oder
              einen Personalausweis.
            voraussetzungen:
            - Sie sind Deutsche oder Deutscher und mit Ihrer Hauptwohnung in der Gemeinde
              gemeldet.
            - Sie kommen persönlich ins Bürgerbüro; den Antrag kann niemand für Sie stellen.
            - Für Kinder und Jugendliche unter 18 Jahren stimmen alle Sorgeberechtigten dem Antrag
              zu.
            unterlagen:
            - Ihr bisheriger Reisepass, falls vorhanden, und Ihr Personalausweis
            - ein aktuelles biometrisches Passbild in digitaler Form: Sie lassen es im Bürgerbüro
              aufnehmen oder von einem zertifizierten Fotostudio elektronisch übermitteln
            - beim ersten Ausweisdokument: Ihre Geburtsurkunde, bei Verheirateten auch die
              Eheurkunde
            - für Minderjährige: die Zustimmung aller Sorgeberechtigten und deren Ausweise
            kosten: Der Reisepass kostet 70 Euro, wenn Sie 24 Jahre oder älter sind, und 37,50
              Euro, wenn Sie jünger als 24 Jahre sind. Im Expressverfahren kommen 32 Euro dazu.
              Ein vorläufiger Reisepass kostet 26 Euro. Lassen Sie Ihr Passbild im Bürgerbüro
              aufnehmen, kommen 6 Euro dazu. Diese Gebühren sind bundesweit gleich.
            verfahrensablauf: Vereinbaren Sie einen Termin im Bürgerbüro. Dort werden Ihre
              Unterlagen geprüft, Ihr Passbild aufgenommen oder vom Fotostudio abgerufen und die
              Abdrücke Ihrer beiden Zeigefinger gescannt. Die Bundesdruckerei stellt den Pass her.
              Ist er fertig, holen Sie ihn im Bürgerbüro ab; Ihren alten Pass erhalten Sie auf
              Wunsch entwertet zurück.
            bearbeitungsdauer: In der Regel drei bis sechs Wochen. Im Expressverfahren ist der Pass
              meist nach etwa drei Werktagen da. Einen vorläufigen Reisepass erhalten Sie sofort.
            fristen: Der Reisepass gilt zehn Jahre, für Personen unter 24 Jahren sechs Jahre.
              Viele Länder verlangen, dass der Pass bei der Einreise noch mehrere Monate gültig
              ist. Prüfen Sie das vor der Reise und beantragen Sie den neuen Pass rechtzeitig.
            rechtsgrundlagen:
            - § 1 Passgesetz (PassG): Passpflicht
            - § 5 PassG: Gültigkeitsdauer
            - § 6 PassG: Ausstellung des Passes
            - Passverordnung (PassV): Gebühren
            hinweise: Ein vorläufiger Reisepass wird nicht von allen Ländern anerkannt. Fragen Sie
              vorher bei der Botschaft Ihres Reiselands nach. Wer viel reist, kann gegen Aufpreis
              einen Pass mit 48 statt 32 Seiten beantragen. Einen verlorenen oder gestohlenen Pass
              melden Sie sofort dem Bürgerbüro oder der Polizei.
            """
        ),
        processing_days=28,
        synonyms=_synonyms(
            "Pass; Reisepass verlängern; Pass beantragen; Expresspass; Express-Reisepass; "
            "vorläufiger Reisepass; Kinderreisepass; Pass abgelaufen; Reisedokument"
        ),
        themenfeld="querschnitt",
        level="gemeinde",
        maturity=1,
        online_url="",
        builder=VEITSHOECHHEIM,
        adoptions=(
            _A(VEITSHOECHHEIM, _BUERGERBUERO, _FEE_PASS, False, "2023-09-01"),
            _A(HOECHBERG, _BUERGERBUERO, _FEE_PASS, False, "2023-11-01"),
            _A(GERBRUNN, _BUERGERBUERO, _FEE_PASS, False, "2024-02-01"),
            _A(RIMPAR, _BUERGERBUERO, _FEE_PASS, False, "2024-05-01"),
            _A(ROTTENDORF, _BUERGERBUERO, _FEE_PASS, False, "2024-07-01"),
            _A(JUELICH, _BUERGERBUERO, _FEE_PASS, False, "2024-10-01"),
            _A(INDEN, _BUERGERBUERO, _FEE_PASS, False, "2025-04-01"),
        ),
    ),
    DemoService(
        slug="wohnsitz-abmelden",
        leika_key="99115005070000",
        ozg_id=None,
        title="Wohnsitz abmelden",
        summary=(
            "Sie ziehen ins Ausland oder geben eine Nebenwohnung auf? Dann melden Sie sich bei "
            "der Gemeinde ab. Ziehen Sie innerhalb Deutschlands um, müssen Sie sich nicht "
            "abmelden: Die Anmeldung am neuen Wohnort reicht."
        ),
        sections=_sections(
            """
            volltext: Eine Abmeldung brauchen Sie nur, wenn Sie aus einer Wohnung ausziehen und
              keine neue Wohnung in Deutschland beziehen, vor allem also beim Umzug ins Ausland.
              Auch eine Nebenwohnung, die Sie aufgeben, melden Sie ab. Ziehen Sie innerhalb
              Deutschlands um, meldet die neue Gemeinde Sie bei der alten ab. Die Abmeldung ist
              kostenlos, und Sie erhalten eine Abmeldebestätigung.
            voraussetzungen:
            - Sie ziehen aus einer Wohnung in der Gemeinde aus und beziehen keine neue Wohnung in
              Deutschland, oder Sie geben eine Nebenwohnung auf.
            - Für eine andere Person brauchen Sie deren schriftliche Vollmacht.
            unterlagen:
            - Personalausweis oder Reisepass aller Personen, die sich abmelden
            - das Datum des Auszugs
            - Ihre neue Anschrift im Ausland, falls Sie sie schon kennen
            - bei Vertretung: schriftliche Vollmacht und Ausweis der bevollmächtigten Person
            - für den Online-Antrag: Personalausweis mit Online-Ausweisfunktion
            kosten: Die Abmeldung ist kostenlos.
            verfahrensablauf: Sie melden sich online, schriftlich oder im Bürgerbüro ab. Online
              weisen Sie sich mit der Online-Ausweisfunktion aus und erhalten die
              Abmeldebestätigung elektronisch. Im Bürgerbüro bekommen Sie die Bestätigung sofort
              ausgedruckt.
            bearbeitungsdauer: Im Bürgerbüro sofort, online meist innerhalb weniger Tage.
            fristen: Melden Sie sich innerhalb von zwei Wochen nach dem Auszug ab. Frühestens ist
              die Abmeldung eine Woche vor dem Auszug möglich. Wer die Frist versäumt, muss mit
              einem Bußgeld rechnen.
            rechtsgrundlagen:
            - § 17 Abs. 2 Bundesmeldegesetz (BMG): Abmeldung
            - § 21 Abs. 4 BMG: Aufgabe einer Nebenwohnung
            - § 24 BMG: Meldebestätigung
            hinweise: Eine Nebenwohnung können Sie bei der Gemeinde der Nebenwohnung oder bei der
              Gemeinde Ihrer Hauptwohnung abmelden. Heben Sie die Abmeldebestätigung auf; zum
              Beispiel Krankenkasse, Beitragsservice für den Rundfunkbeitrag oder Bank verlangen
              sie oft. Deutsche im Ausland können an Bundestags- und Europawahlen teilnehmen, wenn
              sie vor jeder Wahl beantragen, ins Wählerverzeichnis eingetragen zu werden.
            """
        ),
        processing_days=1,
        synonyms=_synonyms(
            "Abmeldung; Abmelden; Ins Ausland ziehen; Auswandern; Wegzug; Abmeldebestätigung; "
            "Nebenwohnung abmelden; Zweitwohnsitz abmelden; Wohnung abmelden"
        ),
        themenfeld="querschnitt",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "wohnsitz-abmelden",
        builder=GERBRUNN,
        adoptions=(
            _A(GERBRUNN, _BUERGERBUERO, (), True, "2024-03-01"),
            _A(HOECHBERG, _BUERGERBUERO, (), True, "2024-06-01"),
            _A(VEITSHOECHHEIM, _BUERGERBUERO, (), True, "2024-06-01"),
            _A(RIMPAR, _BUERGERBUERO, (), True, "2024-09-01"),
            _A(ROTTENDORF, _BUERGERBUERO, (), False, "2024-11-01"),
            _A(MERZENICH, _BUERGERBUERO, (), True, "2025-02-01"),
            _A(NIEDERZIER, _BUERGERBUERO, (), True, "2025-05-01"),
            _A(KERPEN, _BUERGERBUERO, (), True, "2025-09-01"),
        ),
    ),
    DemoService(
        slug="eheschliessung-anmelden",
        leika_key="99059001104000",
        ozg_id=10026,
        title="Eheschließung anmelden",
        summary=(
            "Sie möchten heiraten? Dann melden Sie die Eheschließung beim Standesamt Ihres "
            "Wohnorts an. Das Standesamt prüft Ihre Unterlagen; danach können Sie innerhalb "
            "von sechs Monaten heiraten."
        ),
        sections=_sections(
            """
            volltext: Vor der Trauung prüft das Standesamt, ob Sie beide heiraten dürfen. Zuständig
              ist das Standesamt der Gemeinde, in der eine oder einer von Ihnen wohnt. Heiraten
              können Sie danach bei jedem Standesamt in Deutschland. Den Trauungstermin können Sie
              oft schon bei der Anmeldung vereinbaren.
            voraussetzungen:
            - Sie sind beide volljährig.
            - Keine oder keiner von Ihnen ist mit einer anderen Person verheiratet oder lebt mit
              ihr in einer eingetragenen Lebenspartnerschaft.
            - Sie sind nicht in gerader Linie miteinander verwandt und keine Geschwister.
            - Eine oder einer von Ihnen wohnt in der Gemeinde.
            unterlagen:
            - Personalausweis oder Reisepass von Ihnen beiden
            - eine aktuelle beglaubigte Abschrift aus dem Geburtenregister, erhältlich beim
              Standesamt Ihres Geburtsorts
            - wer nicht in der Gemeinde wohnt: eine aktuelle Aufenthaltsbescheinigung seiner
              Wohnsitzgemeinde
            - wer schon verheiratet war: ein Nachweis, dass die letzte Ehe aufgelöst ist, zum
              Beispiel eine Eheurkunde mit Scheidungsvermerk
            - wenn Sie gemeinsame Kinder haben: deren Geburtsurkunden
            - bei ausländischer Staatsangehörigkeit oder Geburt im Ausland: weitere Urkunden; das
              Standesamt sagt Ihnen, welche
            kosten: Für die Prüfung der Ehevoraussetzungen erhebt das Standesamt eine Gebühr nach
              der Allgemeinen Verwaltungsgebührenordnung NRW. Sie ist höher, wenn ausländisches
              Recht zu beachten ist. Urkunden, Namenserklärungen und Trauungen außerhalb der
              Dienstzeiten kosten zusätzlich. Den Betrag Ihres Standesamts sehen Sie unten.
            verfahrensablauf: Vereinbaren Sie einen Termin beim Standesamt und kommen Sie möglichst
              zu zweit. Kann eine oder einer von Ihnen nicht kommen, reicht deren schriftliche
              Erklärung auf einem Vordruck des Standesamts. Das Standesamt prüft die Unterlagen
              und teilt Ihnen mit, wenn der Eheschließung nichts entgegensteht. Bei der Trauung
              erklären Sie vor der Standesbeamtin oder dem Standesbeamten, dass Sie die Ehe
              miteinander eingehen wollen.
            bearbeitungsdauer: Sind Sie beide Deutsche und liegen alle Unterlagen vor, dauert die
              Prüfung meist nur wenige Tage. Mit ausländischen Urkunden kann sie mehrere Wochen
              oder Monate dauern.
            fristen: Nach der Mitteilung des Standesamts müssen Sie innerhalb von sechs Monaten
              heiraten; sonst müssen Sie die Eheschließung neu anmelden. Melden Sie sich deshalb
              frühestens sechs Monate vor Ihrem Wunschtermin an.
            rechtsgrundlagen:
            - §§ 1303 bis 1312 Bürgerliches Gesetzbuch (BGB): Voraussetzungen und Form der
              Eheschließung
            - §§ 11 bis 15 Personenstandsgesetz (PStG): Anmeldung, Prüfung und Beurkundung der
              Eheschließung
            - Allgemeine Verwaltungsgebührenordnung NRW
            hinweise: Ihren künftigen Ehenamen können Sie bei der Anmeldung oder bei der Trauung
              bestimmen. Trauzeugen sind nicht vorgeschrieben; Sie können bis zu zwei mitbringen.
              Möchten Sie im Ausland heiraten, brauchen Sie oft ein Ehefähigkeitszeugnis; auch das
              stellt das Standesamt aus.
            """
        ),
        processing_days=14,
        synonyms=_synonyms(
            "Heiraten; Hochzeit; Aufgebot; Trauung; Standesamtliche Trauung; Heiratstermin; "
            "Ehe schließen; Heirat anmelden; Trautermin"
        ),
        themenfeld="familie-kind",
        level="gemeinde",
        maturity=1,
        online_url="",
        builder=JUELICH,
        adoptions=(
            _A(JUELICH, _STANDESAMT, _FEE_EHE, False, "2024-05-01"),
            _A(LINNICH, _STANDESAMT, _FEE_EHE, False, "2024-09-01"),
            _A(MERZENICH, _STANDESAMT, _FEE_EHE, False, "2025-01-01"),
            _A(
                KERPEN,
                _STANDESAMT,
                (
                    ("Prüfung der Ehevoraussetzungen, nur deutsches Recht", "66.00"),
                    ("Prüfung der Ehevoraussetzungen mit ausländischem Recht", "130.00"),
                    ("Trauung außerhalb der Dienstzeiten", "120.00"),
                ),
                False,
                "2025-04-01",
            ),
            _A(INDEN, _STANDESAMT, _FEE_EHE, False, "2025-10-01"),
        ),
    ),
    DemoService(
        slug="sterbeurkunde",
        leika_key="99101004012000",
        ozg_id=10237,
        title="Sterbeurkunde beantragen",
        summary=(
            "Nach einem Todesfall brauchen Angehörige Sterbeurkunden, zum Beispiel für die "
            "Rentenversicherung, die Bank oder das Nachlassgericht. Sie bekommen sie beim "
            "Standesamt des Ortes, an dem die Person gestorben ist."
        ),
        sections=_sections(
            """
            volltext: Die Sterbeurkunde ist ein Auszug aus dem Sterberegister. Sie nennt unter
              anderem Namen, Geburtstag und Geburtsort, den letzten Wohnsitz, den Familienstand
              sowie Ort und Zeitpunkt des Todes. Außer der Sterbeurkunde gibt es den beglaubigten
              Registerausdruck und die mehrsprachige Sterbeurkunde für Stellen im Ausland.
            voraussetzungen:
            - Der Sterbefall ist beim Standesamt dieser Gemeinde beurkundet.
            - Sie sind Ehegattin oder Ehegatte, Lebenspartnerin oder Lebenspartner, Vorfahre oder
              Abkömmling der verstorbenen Person.
            - Andere Personen, zum Beispiel Geschwister, müssen ihr Interesse an der Urkunde
              glaubhaft machen, etwa als Erbin oder Erbe.
            unterlagen:
            - Personalausweis oder Reisepass
            - Name, Geburtsdatum, Sterbedatum und Sterbeort der verstorbenen Person
            - bei Vertretung: schriftliche Vollmacht
            - wenn Sie nicht zum engen Familienkreis gehören: ein Nachweis Ihres Interesses, zum
              Beispiel ein Schreiben des Nachlassgerichts
            kosten: Die erste Sterbeurkunde kostet 10 Euro, jede weitere Ausfertigung im selben
              Auftrag 5 Euro. Urkunden für die Rentenversicherung und die anderen gesetzlichen
              Sozialversicherungen sind gebührenfrei. Den Betrag Ihres Standesamts sehen Sie
              unten.
            verfahrensablauf: Sie beantragen die Urkunde online, schriftlich oder im Standesamt.
              Online weisen Sie sich mit der Online-Ausweisfunktion aus und bezahlen direkt. Im
              Standesamt erhalten Sie die Urkunde sofort, sonst kommt sie per Post.
            bearbeitungsdauer: Vor Ort meist sofort, per Post in der Regel innerhalb einer Woche.
            fristen: Keine.
            rechtsgrundlagen:
            - §§ 55 und 60 Personenstandsgesetz (PStG): Personenstandsurkunden und Sterbeurkunde
            - § 62 PStG: wer eine Urkunde erhalten darf
            - Allgemeine Verwaltungsgebührenordnung NRW
            hinweise: Direkt nach dem Todesfall stellt das Standesamt meist schon einige
              Sterbeurkunden aus, oft über das Bestattungsunternehmen. Überlegen Sie, wie viele Sie
              brauchen: Versicherungen, Banken, Vermieter und andere Vertragspartner verlangen oft
              eine eigene Urkunde. Einträge im Sterberegister, die älter als 30 Jahre sind, gibt das
              Standesamt an das zuständige Archiv ab.
            """
        ),
        processing_days=5,
        synonyms=_synonyms(
            "Todesurkunde; Sterbenachweis; Urkunde Todesfall; Sterbeurkunde anfordern; "
            "Auszug Sterberegister; Internationale Sterbeurkunde; Sterbeurkunde Rente"
        ),
        themenfeld="familie-kind",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "sterbeurkunde",
        builder=LINNICH,
        adoptions=(
            _A(LINNICH, _STANDESAMT, _FEE_STERBE, True, "2024-04-01"),
            _A(JUELICH, _STANDESAMT, _FEE_STERBE, True, "2024-08-01"),
            _A(NIEDERZIER, _STANDESAMT, _FEE_STERBE, True, "2025-01-01"),
            _A(INDEN, _STANDESAMT, _FEE_STERBE, True, "2025-03-01"),
            _A(MERZENICH, _STANDESAMT, _FEE_STERBE, False, "2025-06-01"),
            _A(KERPEN, _STANDESAMT, _FEE_STERBE, True, "2025-09-01"),
        ),
    ),
    DemoService(
        slug="sterbefall-anzeigen",
        leika_key="99101011000000",
        ozg_id=None,
        title="Sterbefall anzeigen",
        summary=(
            "Ist ein Mensch gestorben, muss der Tod dem Standesamt des Sterbeorts gemeldet "
            "werden, spätestens am dritten Werktag nach dem Tod. Meist übernimmt das "
            "Bestattungsunternehmen die Anzeige für die Angehörigen."
        ),
        sections=_sections(
            """
            volltext: Das Standesamt trägt den Tod in das Sterberegister ein und stellt danach die
              Sterbeurkunden aus. Die Urkunden brauchen Sie zum Beispiel für Rente, Versicherungen,
              Banken und den Nachlass. Zuständig ist das Standesamt des Ortes, an dem die Person
              gestorben ist, nicht das ihres Wohnorts. Stirbt jemand in einem Krankenhaus oder
              Pflegeheim, zeigt die Einrichtung den Tod schriftlich an.
            voraussetzungen:
            - Die Person ist in der Gemeinde gestorben.
            - Zur Anzeige verpflichtet ist zuerst, wer mit der verstorbenen Person zusammengelebt
              hat, dann die Person, in deren Wohnung sie gestorben ist, und danach jede Person, die
              beim Tod dabei war oder aus eigenem Wissen davon weiß.
            - Ist die Person in einem Krankenhaus, einem Heim oder einer ähnlichen Einrichtung
              gestorben, ist die Einrichtung zur Anzeige verpflichtet.
            - Sie können ein Bestattungsunternehmen mit der Anzeige beauftragen.
            unterlagen:
            - die Todesbescheinigung der Ärztin oder des Arztes, die oder der die Leichenschau
              vorgenommen hat
            - Personalausweis oder Reisepass der verstorbenen Person
            - bei ledigen Personen: Geburtsurkunde oder beglaubigte Abschrift aus dem
              Geburtenregister
            - bei verheirateten Personen: Eheurkunde oder beglaubigter Ausdruck aus dem Eheregister
            - bei verwitweten Personen: Eheurkunde und Sterbeurkunde der Ehegattin oder des
              Ehegatten
            - bei geschiedenen Personen: Eheurkunde und Scheidungsbeschluss mit
              Rechtskraftvermerk
            - Personalausweis oder Reisepass der Person, die den Tod anzeigt
            kosten: Die Anzeige und die Beurkundung des Sterbefalls sind kostenlos. Für die
              Sterbeurkunden zahlen Sie Gebühren: Die erste kostet 10 Euro, jede weitere im selben
              Auftrag 5 Euro. Urkunden für die Rentenversicherung und die anderen gesetzlichen
              Sozialversicherungen sind gebührenfrei. Was das Bestattungsunternehmen berechnet,
              vereinbaren Sie mit ihm.
            verfahrensablauf: Meist geben Sie die Unterlagen dem Bestattungsunternehmen, das den Tod
              beim Standesamt anzeigt. Zeigen Sie den Tod selbst an, kommen Sie mit den Unterlagen
              ins Standesamt; die Anzeige ist mündlich oder schriftlich möglich. Das Standesamt
              trägt den Sterbefall in das Sterberegister ein und stellt die Sterbeurkunden aus. Es
              gibt den Sterbefall an andere Stellen weiter, etwa an die Meldebehörde und an das
              Zentrale Testamentsregister.
            bearbeitungsdauer: Liegen alle Unterlagen vor, beurkundet das Standesamt den Sterbefall
              meist innerhalb von ein bis zwei Werktagen.
            fristen: Der Tod muss dem Standesamt spätestens am dritten Werktag nach dem Todestag
              angezeigt werden. Fehlen noch Urkunden, zeigen Sie den Tod trotzdem fristgerecht an
              und reichen die Unterlagen nach.
            rechtsgrundlagen:
            - § 28 Personenstandsgesetz (PStG): Anzeige und Frist
            - § 29 PStG: Anzeige durch Personen
            - § 30 PStG: Anzeige durch Einrichtungen und Behörden
            - § 31 PStG: Eintragung in das Sterberegister
            - Bestattungsgesetz NRW (BestG NRW): Leichenschau und Todesbescheinigung
            hinweise: Ist die Todesursache ungeklärt, ermitteln Polizei und Staatsanwaltschaft; das
              Standesamt trägt den Tod dann nach deren schriftlicher Anzeige ein. Bei der
              Meldebehörde müssen Sie die verstorbene Person nicht abmelden, weil das Standesamt
              den Tod weitergibt.
            """
        ),
        processing_days=2,
        synonyms=_synonyms(
            "Todesfall melden; Sterbefall melden; Tod anzeigen; Todesfall; Totenschein; "
            "Todesbescheinigung; Angehöriger gestorben; Beurkundung Sterbefall; Bestattung"
        ),
        themenfeld="familie-kind",
        level="gemeinde",
        maturity=1,
        online_url="",
        builder=INDEN,
        adoptions=(
            _A(INDEN, _STANDESAMT, _FEE_STERBE, False, "2024-06-01"),
            _A(JUELICH, _STANDESAMT, _FEE_STERBE, False, "2024-11-01"),
            _A(KERPEN, _STANDESAMT, _FEE_STERBE, False, "2025-02-01"),
            _A(MERZENICH, _STANDESAMT, _FEE_STERBE, False, "2025-06-01"),
        ),
    ),
    DemoService(
        slug="fuehrungszeugnis",
        leika_key="99049001001000",
        ozg_id=None,
        title="Führungszeugnis beantragen",
        summary=(
            "Ein Führungszeugnis zeigt, ob Sie vorbestraft sind. Arbeitgeber, Vereine oder "
            "Behörden verlangen es oft. Sie beantragen es im Bürgerbüro oder online beim "
            "Bundesamt für Justiz; es kostet 13 Euro."
        ),
        sections=_sections(
            """
            volltext: Das Führungszeugnis ist ein Auszug aus dem Bundeszentralregister. Es wird vom
              Bundesamt für Justiz in Bonn ausgestellt; das Bürgerbüro nimmt Ihren Antrag entgegen
              und leitet ihn weiter. Das Führungszeugnis für private Zwecke wird Ihnen nach Hause
              geschickt, das Führungszeugnis zur Vorlage bei einer Behörde geht direkt an die
              Behörde. Wer beruflich oder ehrenamtlich mit Kindern und Jugendlichen arbeitet,
              braucht meist ein erweitertes Führungszeugnis.
            voraussetzungen:
            - Sie sind mindestens 14 Jahre alt.
            - Sie sind in der Gemeinde gemeldet.
            - Für ein erweitertes Führungszeugnis bestätigt Ihnen die Stelle, die es verlangt,
              schriftlich, dass Sie es brauchen.
            unterlagen:
            - Personalausweis oder Reisepass
            - für ein Führungszeugnis zur Vorlage bei einer Behörde: Name und Anschrift der Behörde
              und, falls vorhanden, das Aktenzeichen
            - für ein erweitertes Führungszeugnis: die schriftliche Aufforderung der Stelle, die es
              verlangt
            - für die Gebührenbefreiung bei einem Ehrenamt: eine Bestätigung der Einrichtung, für
              die Sie tätig sind
            kosten: Ein Führungszeugnis kostet 13 Euro, auch das erweiterte. Die Gebühr ist
              bundesweit gleich und wird bei der Antragstellung fällig. Brauchen Sie das
              Führungszeugnis für ein Ehrenamt in einer gemeinnützigen Einrichtung oder bei einer
              Behörde, ist es kostenlos. Bei geringem Einkommen kann das Bundesamt für Justiz die
              Gebühr auf Antrag ermäßigen oder erlassen.
            verfahrensablauf: Sie kommen mit Ihrem Ausweis ins Bürgerbüro, sagen, welche Art von
              Führungszeugnis Sie brauchen, und bezahlen die Gebühr. Das Bürgerbüro schickt den
              Antrag elektronisch an das Bundesamt für Justiz. Das Führungszeugnis kommt per Post,
              je nach Art zu Ihnen nach Hause oder direkt zur Behörde. Mit der
              Online-Ausweisfunktion können Sie es auch selbst online beim Bundesamt für Justiz
              beantragen.
            bearbeitungsdauer: In der Regel ein bis zwei Wochen.
            fristen: Es gibt keine Antragsfrist. Viele Arbeitgeber und Behörden verlangen ein
              Führungszeugnis, das nicht älter als drei Monate ist.
            rechtsgrundlagen:
            - § 30 Bundeszentralregistergesetz (BZRG): Führungszeugnis
            - § 30a BZRG: erweitertes Führungszeugnis
            - Justizverwaltungskostengesetz (JVKostG): Gebühr
            hinweise: Ein Führungszeugnis zur Vorlage bei einer Behörde können Sie vorher beim
              Amtsgericht einsehen, wenn Sie das beim Antrag angeben. Jugendliche von 14 bis 17
              Jahren können den Antrag selbst stellen oder von ihren Eltern stellen lassen. Eine
              erste Verurteilung zu einer Geldstrafe von höchstens 90 Tagessätzen steht in der
              Regel nicht im Führungszeugnis, wenn sonst nichts eingetragen ist.
            """
        ),
        processing_days=14,
        synonyms=_synonyms(
            "Polizeiliches Führungszeugnis; Erweitertes Führungszeugnis; "
            "Behördenführungszeugnis; Vorstrafen; Leumundszeugnis; Führungszeugnis Ehrenamt; "
            "Führungszeugnis Arbeitgeber; Strafregisterauszug"
        ),
        themenfeld="recht-ordnung",
        level="gemeinde",
        maturity=1,
        online_url="",
        builder=RIMPAR,
        adoptions=(
            _A(RIMPAR, _BUERGERBUERO, _FEE_FUEHRUNGSZEUGNIS, False, "2023-10-01"),
            _A(HOECHBERG, _BUERGERBUERO, _FEE_FUEHRUNGSZEUGNIS, False, "2024-01-15"),
            _A(VEITSHOECHHEIM, _BUERGERBUERO, _FEE_FUEHRUNGSZEUGNIS, False, "2024-01-15"),
            _A(GERBRUNN, _BUERGERBUERO, _FEE_FUEHRUNGSZEUGNIS, False, "2024-04-01"),
            _A(ROTTENDORF, _BUERGERBUERO, _FEE_FUEHRUNGSZEUGNIS, False, "2024-06-01"),
            _A(LINNICH, _BUERGERBUERO, _FEE_FUEHRUNGSZEUGNIS, False, "2024-09-01"),
            _A(NIEDERZIER, _BUERGERBUERO, _FEE_FUEHRUNGSZEUGNIS, False, "2025-01-01"),
            _A(KERPEN, _BUERGERBUERO, _FEE_FUEHRUNGSZEUGNIS, False, "2025-03-01"),
        ),
    ),
    DemoService(
        slug="gewerbe-ummelden",
        leika_key="99050012071000",
        ozg_id=None,
        title="Gewerbe ändern oder verlegen (Gewerbeummeldung)",
        summary=(
            "Ihr Betrieb zieht innerhalb der Gemeinde um, oder Sie bieten etwas Neues an? "
            "Dann melden Sie Ihr Gewerbe beim Ordnungsamt um. Das geht auch online."
        ),
        sections=_sections(
            """
            volltext: Ändert sich bei einem angemeldeten Gewerbe etwas Wesentliches, zeigen Sie das
              der Gemeinde an. Das gilt, wenn der Betrieb innerhalb der Gemeinde umzieht, wenn Sie
              die Tätigkeit wechseln und wenn Sie Waren oder Leistungen hinzunehmen, die für Ihr
              Gewerbe nicht üblich sind. Die Gemeinde gibt die Änderung an andere Stellen weiter,
              etwa an das Finanzamt und die Kammern.
            voraussetzungen:
            - Ihr Gewerbe ist in der Gemeinde angemeldet.
            - Der Betrieb bleibt in der Gemeinde. Verlegen Sie ihn in eine andere Gemeinde, melden
              Sie ihn hier ab und dort neu an.
            - Für eine neue erlaubnispflichtige Tätigkeit brauchen Sie zusätzlich die Erlaubnis.
            unterlagen:
            - Personalausweis oder Reisepass (bei einer Staatsangehörigkeit außerhalb der EU, des
              EWR und der Schweiz auch der Aufenthaltstitel, der die selbstständige Tätigkeit
              erlaubt)
            - die Empfangsbescheinigung Ihrer bisherigen Gewerbeanmeldung, wenn vorhanden
            - bei Gesellschaften: Handelsregisterauszug; bei Vertretung eine Vollmacht
            - falls nötig: Erlaubnis oder Handwerkskarte für die neue Tätigkeit
            kosten: Die Gebühr legt in NRW jede Gemeinde im Rahmen des Gebührenrechts selbst fest.
              Den Betrag Ihrer Gemeinde sehen Sie unten.
            verfahrensablauf: Sie füllen die Gewerbeummeldung online aus oder geben sie im
              Ordnungsamt ab und erhalten eine Empfangsbescheinigung. Online melden
              Einzelunternehmerinnen und Einzelunternehmer selbst um; Gesellschaften und
              Bevollmächtigte kommen ins Ordnungsamt.
            bearbeitungsdauer: Vor Ort meist sofort, online in wenigen Tagen.
            fristen: Zeigen Sie die Änderung gleichzeitig mit ihrem Beginn an. Wer die Ummeldung
              vergisst, riskiert ein Bußgeld.
            rechtsgrundlagen:
            - § 14 Gewerbeordnung (GewO): Anzeigepflicht, auch bei Verlegung und Änderung des
              Betriebs
            - § 15 GewO: Empfangsbescheinigung
            - Gewerbeanzeigeverordnung (GewAnzV): Vordrucke
            - Gebührenrecht des Landes NRW und Gebührensatzung der Gemeinde
            hinweise: Ziehen Sie mit dem Betrieb in eine andere Gemeinde, melden Sie das Gewerbe
              bei der bisherigen Gemeinde ab und bei der neuen an. Ändert sich nur Ihr Name oder
              Ihre private Anschrift, fragen Sie im Ordnungsamt, ob eine Ummeldung nötig ist.
            """
        ),
        processing_days=3,
        synonyms=_synonyms(
            "Gewerbe ummelden; Gewerbeummeldung; Betrieb verlegen; Betriebsverlegung; "
            "Firmensitz ändern; Geschäftsadresse ändern; Gewerbe erweitern; Tätigkeit ändern"
        ),
        themenfeld="unternehmen",
        level="gemeinde",
        maturity=4,
        online_url=_PORTAL + "gewerbe-ummelden",
        builder=MERZENICH,
        adoptions=(
            _A(MERZENICH, _ORDNUNGSAMT, _FEE_UMMELDUNG, True, "2024-06-01"),
            _A(JUELICH, _ORDNUNGSAMT, _FEE_UMMELDUNG, True, "2024-09-01"),
            _A(KERPEN, _ORDNUNGSAMT, (("Gewerbeummeldung", "25.00"),), True, "2024-10-01"),
            _A(LINNICH, _ORDNUNGSAMT, _FEE_UMMELDUNG, True, "2025-01-01"),
            _A(INDEN, _ORDNUNGSAMT, _FEE_UMMELDUNG, True, "2025-01-01"),
            _A(NIEDERZIER, _ORDNUNGSAMT, _FEE_UMMELDUNG, False, "2025-04-01"),
        ),
    ),
    DemoService(
        slug="gewerbe-abmelden",
        leika_key="99050012070000",
        ozg_id=None,
        title="Gewerbe abmelden",
        summary=(
            "Sie geben Ihr Gewerbe auf oder ziehen mit dem Betrieb in eine andere Gemeinde? "
            "Dann melden Sie das Gewerbe beim Ordnungsamt ab. Das geht auch online."
        ),
        sections=_sections(
            """
            volltext: Wer ein Gewerbe aufgibt, zeigt das der Gemeinde an, in der der Betrieb liegt.
              Das gilt auch, wenn Sie eine Zweigstelle schließen oder mit dem Betrieb in eine andere
              Gemeinde ziehen. Die Gemeinde gibt die Abmeldung an andere Stellen weiter, etwa an
              das Finanzamt, die Kammern und die Berufsgenossenschaft.
            voraussetzungen:
            - Ihr Gewerbe ist in der Gemeinde angemeldet.
            - Sie geben den Betrieb, eine Zweigstelle oder den Standort in der Gemeinde auf.
            unterlagen:
            - Personalausweis oder Reisepass
            - die Empfangsbescheinigung Ihrer Gewerbeanmeldung, wenn vorhanden
            - bei Gesellschaften: Handelsregisterauszug; bei Vertretung eine Vollmacht
            kosten: Die Gebühr legt in NRW jede Gemeinde im Rahmen des Gebührenrechts selbst fest.
              Den Betrag Ihrer Gemeinde sehen Sie unten.
            verfahrensablauf: Sie füllen die Gewerbeabmeldung online aus oder geben sie im
              Ordnungsamt ab und erhalten eine Empfangsbescheinigung. Online melden
              Einzelunternehmerinnen und Einzelunternehmer selbst ab; Gesellschaften und
              Bevollmächtigte kommen ins Ordnungsamt.
            bearbeitungsdauer: Vor Ort meist sofort, online in wenigen Tagen.
            fristen: Melden Sie das Gewerbe gleichzeitig mit der Aufgabe ab. Wer die Abmeldung
              vergisst, riskiert ein Bußgeld.
            rechtsgrundlagen:
            - § 14 Gewerbeordnung (GewO): Anzeige der Betriebsaufgabe
            - § 15 GewO: Empfangsbescheinigung
            - Gewerbeanzeigeverordnung (GewAnzV): Vordrucke
            - Gebührenrecht des Landes NRW und Gebührensatzung der Gemeinde
            hinweise: Die Abmeldung beim Ordnungsamt ersetzt nicht die Löschung im
              Handelsregister; diese beantragen Sie über eine Notarin oder einen Notar. Das
              Finanzamt kann noch Steuererklärungen für die Zeit bis zur Aufgabe verlangen. Haben
              Sie Beschäftigte, melden Sie diese bei der Sozialversicherung ab.
            """
        ),
        processing_days=3,
        synonyms=_synonyms(
            "Gewerbeabmeldung; Gewerbe aufgeben; Betriebsaufgabe; Firma abmelden; "
            "Firma schließen; Geschäftsaufgabe; Selbstständigkeit beenden; "
            "Nebengewerbe abmelden; Kleingewerbe abmelden"
        ),
        themenfeld="unternehmen",
        level="gemeinde",
        maturity=4,
        online_url=_PORTAL + "gewerbe-abmelden",
        builder=MERZENICH,
        adoptions=(
            _A(MERZENICH, _ORDNUNGSAMT, _FEE_ABMELDUNG, True, "2024-06-01"),
            _A(JUELICH, _ORDNUNGSAMT, _FEE_ABMELDUNG, True, "2024-09-01"),
            _A(KERPEN, _ORDNUNGSAMT, (("Gewerbeabmeldung", "20.00"),), True, "2024-10-01"),
            _A(LINNICH, _ORDNUNGSAMT, (("Gewerbeabmeldung", "12.00"),), True, "2025-01-01"),
            _A(INDEN, _ORDNUNGSAMT, _FEE_ABMELDUNG, True, "2025-01-01"),
            _A(NIEDERZIER, _ORDNUNGSAMT, _FEE_ABMELDUNG, False, "2025-04-01"),
        ),
    ),
    DemoService(
        slug="fundsachen",
        leika_key="99089017152000",
        ozg_id=10244,
        title="Fundsache abholen (Fundbüro)",
        summary=(
            "Sie haben etwas verloren? Fragen Sie beim Fundbüro im Bürgerbüro Ihrer Gemeinde "
            "nach, ob es abgegeben wurde. Gehört die Sache Ihnen, holen Sie sie dort ab."
        ),
        sections=_sections(
            """
            volltext: Das Fundbüro der Gemeinde nimmt gefundene Sachen an und bewahrt sie für die
              Eigentümerin oder den Eigentümer auf. Das sind zum Beispiel Schlüssel, Geldbörsen,
              Handys, Taschen, Fahrräder oder Schmuck. Gefundene Ausweise und Pässe schickt das
              Fundbüro meist an die Behörde, die sie ausgestellt hat. Was in Bus, Bahn oder einem
              Amtsgebäude gefunden wird, verwahrt in der Regel das Verkehrsunternehmen oder die
              Behörde selbst.
            voraussetzungen:
            - Sie haben die Sache in der Gemeinde verloren.
            - Sie können nachweisen oder genau beschreiben, dass die Sache Ihnen gehört.
            unterlagen:
            - Personalausweis oder Reisepass
            - eine genaue Beschreibung der Sache: Farbe, Marke, Inhalt, besondere Merkmale sowie
              Ort und Tag des Verlusts
            - soweit vorhanden: Nachweise wie Kaufbeleg, Fahrradpass, Ersatzschlüssel oder die
              Gerätenummer (IMEI) Ihres Handys
            - wenn eine andere Person die Sache abholt: Ihre schriftliche Vollmacht
            kosten: Für die Herausgabe erhebt die Gemeinde eine Gebühr nach ihrer
              Gebührensatzung; dazu können Kosten für die Aufbewahrung kommen. Die Finderin oder
              der Finder kann außerdem Finderlohn verlangen: 5 Prozent vom Wert bis 500 Euro und 3
              Prozent vom Wert darüber, bei Tieren 3 Prozent. Den Betrag Ihrer Gemeinde sehen Sie
              unten.
            verfahrensablauf: Sie melden den Verlust online, telefonisch oder im Bürgerbüro. Das
              Fundbüro vergleicht Ihre Angaben mit den abgegebenen Sachen und meldet sich bei
              Ihnen, wenn etwas passt. Sie holen die Sache im Bürgerbüro ab; dort wird geprüft, ob
              sie Ihnen gehört, und Sie bezahlen die Gebühr und gegebenenfalls den Finderlohn.
            bearbeitungsdauer: Liegt Ihre Sache im Fundbüro, erhalten Sie sie sofort bei der
              Abholung.
            fristen: Das Fundbüro bewahrt Fundsachen mindestens sechs Monate auf. Meldet sich in
              dieser Zeit niemand, kann die Finderin oder der Finder die Sache bekommen, oder die
              Gemeinde versteigert oder verwertet sie. Fragen Sie deshalb möglichst bald nach.
            rechtsgrundlagen:
            - §§ 965 bis 967 Bürgerliches Gesetzbuch (BGB): Pflichten beim Fund
            - § 971 BGB: Finderlohn
            - § 973 BGB: Eigentumserwerb nach sechs Monaten
            - § 978 BGB: Fund in Behörden und öffentlichen Verkehrsmitteln
            - Gebührensatzung der Gemeinde
            hinweise: Haben Sie selbst etwas gefunden, geben Sie es im Bürgerbüro ab; Sachen mit
              einem Wert bis 10 Euro müssen Sie nicht anzeigen. Ist Ihr Handy weg, lassen Sie die
              SIM-Karte sperren. Bankkarten und die Online-Ausweisfunktion sperren Sie über den
              Sperr-Notruf 116 116.
            """
        ),
        processing_days=None,
        synonyms=_synonyms(
            "Fundbüro; Fundsachen; Etwas verloren; Verlust melden; Schlüssel verloren; "
            "Geldbörse verloren; Handy verloren; Fundsache abgeben; Fahrrad gefunden; Verloren"
        ),
        themenfeld="recht-ordnung",
        level="gemeinde",
        maturity=2,
        online_url=_PORTAL + "fundsachen",
        builder=ROTTENDORF,
        adoptions=(
            _A(ROTTENDORF, _BUERGERBUERO, _FEE_FUND, True, "2024-02-01"),
            _A(HOECHBERG, _BUERGERBUERO, _FEE_FUND, True, "2024-05-01"),
            _A(
                VEITSHOECHHEIM,
                _BUERGERBUERO,
                (("Herausgabe einer Fundsache", "8.00"),),
                True,
                "2024-07-01",
            ),
            _A(JUELICH, _BUERGERBUERO, _FEE_FUND, True, "2025-01-01"),
            _A(LINNICH, _BUERGERBUERO, _FEE_FUND, False, "2025-04-01"),
            _A(INDEN, _BUERGERBUERO, _FEE_FUND, True, "2025-07-01"),
        ),
    ),
    DemoService(
        slug="veranstaltung-anmelden",
        leika_key="99089001005000",
        ozg_id=10349,
        title="Veranstaltung anmelden (Straßenfest, öffentliche Feier)",
        summary=(
            "Sie planen ein Straßenfest, ein Vereinsfest im Freien oder eine andere öffentliche "
            "Veranstaltung? Dann melden Sie sie rechtzeitig beim Ordnungsamt an. Das Ordnungsamt "
            "sagt Ihnen, welche Erlaubnisse Sie brauchen, und kann Auflagen machen."
        ),
        sections=_sections(
            """
            volltext: Öffentliche Veranstaltungen, zu denen alle kommen können, melden Sie beim
              Ordnungsamt an. Das Ordnungsamt prüft Sicherheit, Lärmschutz und Verkehr und sagt
              Ihnen, welche Erlaubnisse Sie brauchen, zum Beispiel für die Nutzung einer Straße,
              für den Ausschank von Alkohol oder für Musik nach 22 Uhr. Private Feiern in Ihrer
              Wohnung oder Ihrem Garten müssen Sie nicht anmelden. Demonstrationen und andere
              Versammlungen melden Sie bei der Polizei an.
            voraussetzungen:
            - Die Veranstaltung findet in der Gemeinde statt und ist öffentlich.
            - Eine volljährige Person ist als Veranstalterin oder Veranstalter verantwortlich.
            - Findet die Veranstaltung auf einer privaten Fläche statt, hat die Eigentümerin oder
              der Eigentümer zugestimmt.
            unterlagen:
            - Antrag mit Art, Ort, Datum, Uhrzeit und erwarteter Zahl der Besucherinnen und
              Besucher
            - ein Lageplan mit Ständen, Bühnen, Zelten, Rettungswegen und Toiletten
            - Name und Telefonnummer der verantwortlichen Person während der Veranstaltung
            - wenn Sie Alkohol ausschenken: Angaben zu Ausschankstellen und Zeiten
            - bei größeren Veranstaltungen: Sicherheitskonzept und Nachweis einer
              Veranstalterhaftpflichtversicherung
            kosten: Die Gebühren richten sich nach dem Aufwand und nach dem Gebührenrecht Ihrer
              Gemeinde. Für einzelne Erlaubnisse, etwa die Gestattung für den Ausschank oder die
              Nutzung einer Straße, fallen eigene Gebühren an. Für gemeinnützige Vereine kann die
              Gebühr ermäßigt werden oder entfallen. Den Betrag Ihrer Gemeinde sehen Sie unten.
            verfahrensablauf: Sie stellen den Antrag online oder schriftlich beim Ordnungsamt. Das
              Ordnungsamt beteiligt andere Stellen wie Polizei, Feuerwehr und
              Straßenverkehrsbehörde. Danach erhalten Sie einen Bescheid mit den Erlaubnissen und
              Auflagen, zum Beispiel zu Lautstärke, Absperrungen oder Ordnungsdienst.
            bearbeitungsdauer: In der Regel zwei bis vier Wochen, bei großen Veranstaltungen
              länger.
            fristen: Melden Sie die Veranstaltung mindestens vier Wochen vorher an. Erwarten Sie
              mehr als 1.000 Besucherinnen und Besucher oder muss eine Straße gesperrt werden,
              stellen Sie den Antrag mindestens drei Monate vorher. Sehr kurzfristige Anträge kann
              das Ordnungsamt oft nicht mehr bearbeiten.
            rechtsgrundlagen:
            - § 14 Ordnungsbehördengesetz NRW (OBG): Gefahrenabwehr
            - § 18 Straßen- und Wegegesetz NRW (StrWG NRW): Sondernutzung öffentlicher Straßen
            - § 29 Abs. 2 Straßenverkehrs-Ordnung (StVO): Veranstaltungen auf Straßen
            - § 12 Gaststättengesetz (GastG): Gestattung aus besonderem Anlass
            - Landes-Immissionsschutzgesetz NRW (LImSchG): Schutz der Nachtruhe
            hinweise: Für Speisen und alkoholfreie Getränke brauchen Sie keine Gestattung; beim
              Verkauf von Lebensmitteln gelten aber die Hygieneregeln. Spielen Sie Musik öffentlich
              ab, melden Sie die Veranstaltung auch bei der GEMA an. Für Festzelte, Bühnen und
              Fahrgeschäfte gelten eigene Bauvorschriften; das Ordnungsamt berät Sie dazu.
            """
        ),
        processing_days=21,
        synonyms=_synonyms(
            "Straßenfest; Veranstaltungserlaubnis; Fest anmelden; Vereinsfest; Stadtfest; "
            "Sommerfest; Flohmarkt; Open Air; Ausschankgenehmigung; Feier im Freien"
        ),
        themenfeld="engagement-hobby",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "veranstaltung-anmelden",
        builder=KERPEN,
        adoptions=(
            _A(
                KERPEN,
                _ORDNUNGSAMT,
                (
                    ("Erlaubnis für eine Veranstaltung im Freien", "60.00"),
                    ("Gestattung für den Ausschank alkoholischer Getränke, je Tag", "45.00"),
                ),
                True,
                "2024-04-01",
            ),
            _A(JUELICH, _ORDNUNGSAMT, _FEE_VERANSTALTUNG, True, "2024-08-01"),
            _A(MERZENICH, _ORDNUNGSAMT, _FEE_VERANSTALTUNG, True, "2025-03-01"),
            _A(NIEDERZIER, _ORDNUNGSAMT, _FEE_VERANSTALTUNG, False, "2025-05-01"),
        ),
    ),
    DemoService(
        slug="hundehaltung-lhundg",
        leika_key="99110009104000",
        ozg_id=None,
        title="Landeshundegesetz NRW: Große oder gefährliche Hunde anmelden",
        summary=(
            "Sie halten in Nordrhein-Westfalen einen Hund, der ausgewachsen mindestens 40 cm "
            "groß oder 20 kg schwer ist? Dann melden Sie ihn beim Ordnungsamt an und weisen "
            "nach, dass Sie ihn sicher halten können. Für gefährliche Hunde brauchen Sie vorher "
            "eine Erlaubnis."
        ),
        sections=_sections(
            """
            volltext: Das Landeshundegesetz NRW stellt besondere Regeln für große und gefährliche
              Hunde auf. Als großer Hund gilt ein Hund, der ausgewachsen eine Schulterhöhe
              (Widerristhöhe) von mindestens 40 cm oder ein Gewicht von mindestens 20 kg erreicht;
              das gilt auch für junge Hunde, die diese Maße erst noch erreichen. Die Anmeldung beim
              Ordnungsamt ist ein eigenes Verfahren und ersetzt nicht die Anmeldung zur
              Hundesteuer beim Steueramt. Für gefährliche Hunde, zum Beispiel Pitbull-Terrier oder
              American Staffordshire Terrier, und für Hunde bestimmter weiterer Rassen, etwa
              Rottweiler, brauchen Sie eine Erlaubnis.
            voraussetzungen:
            - Sie halten den Hund in der Gemeinde.
            - Sie haben die nötige Sachkunde, zum Beispiel nachgewiesen durch die
              Sachkundebescheinigung einer von der Tierärztekammer benannten Tierärztin oder
              eines Tierarztes.
            - Sie sind zuverlässig, sind also zum Beispiel nicht wegen bestimmter Straftaten
              verurteilt.
            - Der Hund ist mit einem Mikrochip gekennzeichnet.
            - Für den Hund besteht eine Haftpflichtversicherung mit mindestens 500.000 Euro für
              Personenschäden und 250.000 Euro für sonstige Schäden.
            unterlagen:
            - Personalausweis oder Reisepass
            - Angaben zum Hund: Rasse oder Kreuzung, Geschlecht, Alter, Fellfarbe, Größe und
              Gewicht
            - Nachweis der Mikrochip-Nummer, zum Beispiel der Heimtierausweis
            - Sachkundebescheinigung; wer die Jägerprüfung bestanden hat, legt stattdessen den
              Nachweis darüber vor
            - Nachweis der Haftpflichtversicherung
            - eine schriftliche Erklärung zur Zuverlässigkeit; im Einzelfall kann das Ordnungsamt
              ein Führungszeugnis verlangen
            - für gefährliche Hunde und Hunde bestimmter Rassen zusätzlich: ein Führungszeugnis
              zur Vorlage bei einer Behörde und die weiteren Nachweise, die das Ordnungsamt Ihnen
              nennt
            kosten: Für die Anzeige eines großen Hundes zahlen Sie nach der Allgemeinen
              Verwaltungsgebührenordnung NRW 25 Euro. Die Erlaubnis für einen gefährlichen Hund
              oder einen Hund bestimmter Rassen kostet mehr; die Gebühr richtet sich nach dem
              Aufwand und steht im Bescheid. Sachkundeprüfung, Mikrochip und Versicherung bezahlen
              Sie zusätzlich bei den jeweiligen Anbietern. Die Hundesteuer ist davon unabhängig.
            verfahrensablauf: Sie melden den Hund online oder im Ordnungsamt an und reichen die
              Nachweise ein. Das Ordnungsamt prüft, ob die Anzeige genügt oder ob Sie für Ihren
              Hund eine Erlaubnis brauchen. Fehlt ein Nachweis, setzt es Ihnen eine Frist zum
              Nachreichen. Für einen gefährlichen Hund erhalten Sie einen Erlaubnisbescheid, oft
              mit Auflagen.
            bearbeitungsdauer: Eine vollständige Anzeige bearbeitet das Ordnungsamt meist innerhalb
              von zwei Wochen. Eine Erlaubnis kann länger dauern.
            fristen: Zeigen Sie die Haltung eines großen Hundes an, sobald Sie ihn aufnehmen oder
              mit ihm in die Gemeinde ziehen. Einen gefährlichen Hund oder einen Hund bestimmter
              Rassen dürfen Sie erst halten, wenn Sie die Erlaubnis haben. Wer die Anzeige
              versäumt, handelt ordnungswidrig.
            rechtsgrundlagen:
            - § 11 Landeshundegesetz NRW (LHundG NRW): große Hunde
            - §§ 3 und 4 LHundG NRW: gefährliche Hunde und Erlaubnis
            - § 10 LHundG NRW: Hunde bestimmter Rassen
            - Allgemeine Verwaltungsgebührenordnung NRW (AVerwGebO NRW)
            hinweise: Große Hunde müssen innerhalb bebauter Ortsteile auf öffentlichen Straßen,
              Wegen und Plätzen an der Leine geführt werden. Gefährliche Hunde müssen außerhalb
              des eigenen Grundstücks zusätzlich einen Maulkorb tragen. Geben Sie den Hund ab oder
              stirbt er, melden Sie das dem Ordnungsamt. Zur Hundesteuer melden Sie den Hund
              getrennt beim Steueramt an.
            """
        ),
        processing_days=14,
        synonyms=_synonyms(
            "20/40-Hund; Großer Hund; Listenhund; Kampfhund; Gefährlicher Hund; "
            "Landeshundegesetz; Sachkundenachweis Hund; Hundeführerschein; "
            "Hund Ordnungsamt; Rottweiler anmelden"
        ),
        themenfeld="recht-ordnung",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "hundehaltung-lhundg",
        builder=NIEDERZIER,
        adoptions=(
            _A(NIEDERZIER, _ORDNUNGSAMT, _FEE_HUND, True, "2024-07-01"),
            _A(MERZENICH, _ORDNUNGSAMT, _FEE_HUND, True, "2024-10-01"),
            _A(INDEN, _ORDNUNGSAMT, _FEE_HUND, True, "2025-01-01"),
            _A(JUELICH, _ORDNUNGSAMT, _FEE_HUND, False, "2025-03-01"),
            _A(LINNICH, _ORDNUNGSAMT, _FEE_HUND, True, "2025-06-01"),
            _A(KERPEN, _ORDNUNGSAMT, _FEE_HUND, True, "2026-01-01"),
        ),
    ),
    DemoService(
        slug="sondernutzung-strasse",
        leika_key="99108012005000",
        ozg_id=10348,
        title="Sondernutzung öffentlicher Straßen beantragen",
        summary=(
            "Sie möchten einen Container, ein Gerüst oder Tische und Stühle auf den Gehweg oder "
            "die Straße stellen? Dafür brauchen Sie eine Sondernutzungserlaubnis der Gemeinde. "
            "Stellen Sie den Antrag rechtzeitig vorher."
        ),
        sections=_sections(
            """
            volltext: Straßen, Wege und Plätze sind für den Verkehr da. Wer sie darüber hinaus
              nutzt, braucht eine Sondernutzungserlaubnis. Das gilt zum Beispiel für
              Bauschuttcontainer, Baugerüste, Baustelleneinrichtungen, Werbeaufsteller,
              Verkaufsstände und Tische und Stühle vor einem Café. Die Gemeinde erteilt die
              Erlaubnis für ihre eigenen Straßen und für Ortsdurchfahrten; für andere Straßen
              außerhalb der Orte ist die jeweilige Straßenbaubehörde zuständig.
            voraussetzungen:
            - Die Fläche ist eine öffentliche Straße, ein öffentlicher Weg oder Platz in der
              Gemeinde.
            - Zu Fuß Gehende, auch mit Rollstuhl oder Kinderwagen, kommen weiter sicher vorbei.
              Wie breit der Durchgang bleiben muss, legt die Gemeinde fest.
            - Die Verkehrssicherheit ist gewahrt, zum Beispiel durch Absicherung und Beleuchtung
              eines Containers.
            unterlagen:
            - Antrag mit Art, Ort, Größe und Dauer der Nutzung
            - ein Lageplan oder eine Skizze mit Maßen
            - bei Außengastronomie: Angaben zu Tischen, Stühlen und Schirmen
            - bei Containern und Gerüsten: Name der ausführenden Firma
            - wenn die Fahrbahn betroffen ist: ein Plan der Absperrung und der Verkehrszeichen
            kosten: Sie zahlen eine Verwaltungsgebühr für die Erlaubnis und eine
              Sondernutzungsgebühr für die Nutzung. Wie hoch die Sondernutzungsgebühr ist, regelt
              die Sondernutzungssatzung der Gemeinde; sie hängt von Fläche, Dauer und Lage ab. Den
              Betrag Ihrer Gemeinde sehen Sie unten.
            verfahrensablauf: Sie stellen den Antrag online oder beim Ordnungsamt. Das Ordnungsamt
              prüft ihn, beteiligt wenn nötig Straßenverkehrsbehörde und Polizei und erteilt die
              Erlaubnis befristet oder auf Widerruf, oft mit Auflagen. Nach dem Ende der Nutzung
              bringen Sie die Fläche wieder in den ursprünglichen Zustand.
            bearbeitungsdauer: In der Regel ein bis zwei Wochen, wenn die Unterlagen vollständig
              sind.
            fristen: Stellen Sie den Antrag mindestens zwei Wochen vor Beginn der Nutzung. Für
              Außengastronomie gilt die Erlaubnis meist für eine Saison oder ein Jahr; beantragen
              Sie die Verlängerung rechtzeitig.
            rechtsgrundlagen:
            - § 18 Straßen- und Wegegesetz NRW (StrWG NRW): Sondernutzungen
            - § 19a StrWG NRW: Sondernutzungsgebühren
            - § 8 Bundesfernstraßengesetz (FStrG): Sondernutzung an Bundesstraßen
            - § 45 Straßenverkehrs-Ordnung (StVO): Verkehrszeichen und Absperrungen
            - Sondernutzungssatzung der Gemeinde
            hinweise: Für ein Halteverbot beim Umzug, etwa für den Umzugswagen, brauchen Sie eine
              verkehrsrechtliche Anordnung der Straßenverkehrsbehörde; das Ordnungsamt sagt Ihnen,
              wer zuständig ist. Die Halteverbotsschilder müssen einige Tage vorher stehen, in der
              Regel mindestens drei Tage. Wer eine Straße ohne Erlaubnis nutzt, handelt
              ordnungswidrig.
            """
        ),
        processing_days=10,
        synonyms=_synonyms(
            "Sondernutzungserlaubnis; Container Straße; Gerüst Gehweg; Baugerüst; "
            "Außengastronomie; Tische vor dem Café; Halteverbot; Umzugshalteverbot; Umzugswagen; "
            "Gehweg nutzen; Werbeaufsteller"
        ),
        themenfeld="mobilitaet-reisen",
        level="gemeinde",
        maturity=3,
        online_url=_PORTAL + "sondernutzung-strasse",
        builder=LINNICH,
        adoptions=(
            _A(LINNICH, _ORDNUNGSAMT, _FEE_SONDERNUTZUNG, True, "2024-05-01"),
            _A(MERZENICH, _ORDNUNGSAMT, _FEE_SONDERNUTZUNG, True, "2024-11-01"),
            _A(
                KERPEN,
                _ORDNUNGSAMT,
                (
                    ("Verwaltungsgebühr für die Erlaubnis", "35.00"),
                    ("Container oder Gerüst, je Stellplatz und angefangene Woche", "20.00"),
                    ("Tische und Stühle vor Gaststätten, je Quadratmeter und Saison", "25.00"),
                ),
                True,
                "2025-02-01",
            ),
            _A(JUELICH, _ORDNUNGSAMT, _FEE_SONDERNUTZUNG, True, "2025-05-01"),
            _A(NIEDERZIER, _ORDNUNGSAMT, _FEE_SONDERNUTZUNG, False, "2026-03-01"),
        ),
    ),
)

EXCEPTIONS: tuple[DemoException, ...] = ()
