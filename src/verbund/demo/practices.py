"""The demo's good practices: a dozen published practices of Kreise and Gemeinden of the
demo networks, across the fields of action, some linked to a catalogue service or a
project group of the Kreisverbund Würzburg; and one draft proposed from an answer to
the Landkreistag's survey, for its authority's staff to complete.

Loaded idempotently through the services (``load_practices``): a practice whose title
its authority already has is left as it is; a link whose service or group is not in
the database (yet) is left out. The practices are made up for the demo: every one says
so, and their contact addresses end in ``.invalid``, so no page links them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from verbund.authorities.models import Authority
from verbund.catalogue.models import Service, ServiceStatus
from verbund.networks.groups.models import ProjectGroup
from verbund.practices.models import FieldOfAction, GoodPractice
from verbund.practices.services import (
    PracticeContent,
    practice_create,
    practice_propose_from_answer,
    practice_publish,
)
from verbund.surveys.models import Recipient

SOEST, OLPE, HSK = "05974", "05966", "05958"
LK_WUERZBURG, KREIS_DUEREN, MERZENICH = "09679", "05358", "053580040040"
WUERZBURG_NETWORK, LANDKREISTAG_NETWORK = "wuerzburg", "landkreistag"
DEMO_NOTE = "\n\n(Demo-Inhalt: ein erdachtes Beispiel, vor dem Echtbetrieb entfernen.)"
SURVEY_QUESTION = "beispiel"  # "Welches Vorhaben könnten andere Landkreise von Ihnen übernehmen?"


@dataclass(frozen=True)
class DemoPractice:
    authority: str
    title: str
    field: str
    summary: str
    problem: str
    solution: str
    results: str
    cost_text: str = ""
    cost_amount: str = ""
    cost_period: str = ""
    contact: str = "Team Digitalisierung"
    phone: str = ""
    service: str = ""  # slug of a catalogue service
    group: str = ""  # name of a project group of the Kreisverbund Würzburg


PRACTICES: tuple[DemoPractice, ...] = (
    DemoPractice(
        authority=SOEST,
        title="Ärztehaus in kommunaler Trägerschaft",
        field=FieldOfAction.MEDICAL_CARE,
        summary="Der Kreis betreibt ein medizinisches Versorgungszentrum mit angestellten "
        "Hausärztinnen und Hausärzten und hält so die Versorgung in zwei Ämtern.",
        problem="In zwei ländlichen Gemeinden gingen innerhalb von drei Jahren vier "
        "Hausärzte in den Ruhestand, ohne dass sich Nachfolger fanden.",
        solution="Der Kreis gründete eine gemeinnützige GmbH als Träger eines MVZ. Junge "
        "Ärztinnen arbeiten angestellt, in Teilzeit und ohne das Risiko einer eigenen Praxis. "
        "Eine Gemeinde stellte ein leerstehendes Gebäude.",
        results="Vier Hausarztsitze sind wieder besetzt; zwei Ärztinnen aus der "
        "Weiterbildung sind geblieben. Die Wartezeit auf einen Termin sank auf eine Woche.",
        cost_text="Umbau des Gebäudes mit Mitteln des Landesprogramms; der laufende "
        "Betrieb trägt sich aus den Erlösen.",
        cost_amount="480000",
        cost_period="once",
        contact="Gesundheitsplanung des Kreises",
        phone="02921 30-0",
    ),
    DemoPractice(
        authority=SOEST,
        title="Pflegewohngeld vollständig online",
        field=FieldOfAction.E_GOVERNMENT,
        summary="Anträge auf Pflegewohngeld kommen online mit allen Nachweisen; "
        "Einrichtungen reichen Sammelanträge digital ein.",
        problem="Papieranträge waren in drei von vier Fällen unvollständig; Rückfragen "
        "verzögerten die Bescheide um Wochen.",
        solution="Ein Online-Antrag mit Plausibilitätsprüfung und Upload der Nachweise, "
        "einmal entwickelt und von den Nachbarkreisen nachgenutzt.",
        results="Neun von zehn Anträgen sind beim ersten Eingang vollständig; die "
        "Bearbeitungszeit halbierte sich.",
        cost_text="Entwicklung geteilt unter den nachnutzenden Kreisen.",
        cost_amount="36000",
        cost_period="once",
        service="pflegewohngeld-nrw",
    ),
    DemoPractice(
        authority=OLPE,
        title="Rufbus, der auch telefonisch bestellt wird",
        field=FieldOfAction.MOBILITY,
        summary="Ein Rufbus fährt Dörfer ohne Linienverkehr an und wird per App oder "
        "Telefon bestellt.",
        problem="Viele Dörfer hatten nur den Schulbus; ältere Menschen ohne Auto kamen "
        "nicht zum Arzt oder zum Einkaufen.",
        solution="Der Kreis beauftragte einen On-Demand-Verkehr im Tarif des Verbunds. "
        "Wer kein Smartphone hat, ruft in der Zentrale an; die Fahrt kostet so viel wie "
        "ein Busticket.",
        results="Über 3.000 Fahrten im Monat, ein Drittel davon telefonisch bestellt.",
        cost_text="Zuschuss des Kreises zum Betrieb, Förderung des Landes für die Einführung.",
        cost_amount="420000",
        cost_period="yearly",
        contact="Fachdienst Mobilität",
    ),
    DemoPractice(
        authority=OLPE,
        title="Führerscheinumtausch ohne Termin",
        field=FieldOfAction.E_GOVERNMENT,
        summary="Der Pflichtumtausch alter Führerscheine läuft online; das Amt sieht "
        "die Antragstellenden nur noch zur Abholung.",
        problem="Der gesetzliche Umtausch brachte lange Wartezeiten auf Termine.",
        solution="Online-Antrag mit Lichtbild-Upload, Bezahlung online, Abholung mit "
        "Benachrichtigung per E-Mail.",
        results="Termine im Straßenverkehrsamt gingen um 40 Prozent zurück.",
        service="fuehrerschein-umtausch",
    ),
    DemoPractice(
        authority=HSK,
        title="Schul-WLAN und Geräteverwaltung aus einer Hand",
        field=FieldOfAction.EDUCATION,
        summary="Alle Schulen in Trägerschaft des Kreises haben WLAN und zentral "
        "verwaltete Tablets, betreut von einem gemeinsamen Support.",
        problem="Jede Schule organisierte ihre Technik selbst; Lehrkräfte verbrachten "
        "Stunden mit der Wartung.",
        solution="Ein Medienentwicklungsplan für alle Schulen, ein Rahmenvertrag für "
        "Geräte und ein Support-Team des Kreises mit festen Ansprechpersonen.",
        results="Störungen werden im Mittel am nächsten Schultag behoben; die Schulen "
        "sparen Lehrerstunden.",
        cost_text="Aus dem DigitalPakt Schule und dem Kreishaushalt.",
        cost_amount="1200000",
        cost_period="once",
        contact="Schulverwaltungsamt",
    ),
    DemoPractice(
        authority=HSK,
        title="Dorfladen mit digitaler Bestellung und Abholstation",
        field=FieldOfAction.LOCAL_SUPPLY,
        summary="Ein Genossenschaftsladen verkauft regionale Waren; bestellt wird auch "
        "online, abgeholt rund um die Uhr an einer Station.",
        problem="Der letzte Lebensmittelladen im Ort hatte geschlossen.",
        solution="Bürgerinnen und Bürger gründeten eine Genossenschaft; der Kreis "
        "beriet und vermittelte Fördermittel, die Gemeinde stellte das Gebäude.",
        results="Der Laden trägt sich seit dem zweiten Jahr; die Abholstation nutzen "
        "vor allem Berufspendler.",
        cost_text="Förderung aus dem Programm für Dorfentwicklung.",
        contact="Wirtschaftsförderung des Kreises",
    ),
    DemoPractice(
        authority=LK_WUERZBURG,
        title="Digitaler Bauantrag gemeinsam mit den Gemeinden",
        field=FieldOfAction.E_GOVERNMENT,
        summary="Bauanträge gehen digital über XBau beim Landratsamt ein; die "
        "Gemeinden geben ihr Einvernehmen im selben Verfahren.",
        problem="Bauanträge liefen in mehrfacher Papierausfertigung zwischen Gemeinde "
        "und Landratsamt hin und her.",
        solution="Eine Projektgruppe des Kreisverbunds führte den digitalen Bauantrag "
        "ein: ein Portal, eine Akte, Beteiligung der Gemeinden digital.",
        results="Die Postlaufzeiten entfallen; Nachforderungen gehen am selben Tag hinaus.",
        group="Digitaler Bauantrag",
        service="baugenehmigung",
    ),
    DemoPractice(
        authority=LK_WUERZBURG,
        title="Ein Geoportal für den ganzen Landkreis",
        field=FieldOfAction.INNOVATION,
        summary="Bebauungspläne, Kanal- und Baumkataster aller Gemeinden in einem "
        "gemeinsamen Geoportal.",
        problem="Jede Gemeinde pflegte Pläne in eigenen Formaten; Auskünfte dauerten Tage.",
        solution="Der Landkreis betreibt das Geoportal, die Gemeinden pflegen ihre "
        "Daten selbst, nach gemeinsamen Standards.",
        results="Bürgerinnen, Planungsbüros und Verwaltung sehen dieselben Daten; "
        "einfache Auskünfte entfallen.",
        cost_amount="18000",
        cost_period="yearly",
        cost_text="Betrieb durch den Landkreis, umgelegt nach Einwohnern.",
        group="Geodaten und GIS",
    ),
    DemoPractice(
        authority=KREIS_DUEREN,
        title="Digitalsprechstunde für kleine Betriebe",
        field=FieldOfAction.ECONOMY,
        summary="Die Wirtschaftsförderung berät Handwerk und Mittelstand zur "
        "Digitalisierung, vor Ort und per Video.",
        problem="Kleine Betriebe kannten die Förderprogramme für Digitalisierung nicht "
        "oder scheuten den Aufwand.",
        solution="Eine feste Sprechstunde mit dem Kompetenzzentrum Mittelstand 4.0, "
        "Betriebsbesuche und Hilfe beim Förderantrag.",
        results="120 Betriebe beraten, 45 Förderanträge gestellt.",
        cost_amount="60000",
        cost_period="yearly",
        cost_text="Eine Stelle in der Wirtschaftsförderung.",
        contact="Wirtschaftsförderung",
    ),
    DemoPractice(
        authority=KREIS_DUEREN,
        title="Medienentwicklungsplan für alle Kreisschulen",
        field=FieldOfAction.EDUCATION,
        summary="Ein gemeinsamer Plan legt Ausstattung, Fortbildung und Support der "
        "Schulen für fünf Jahre fest.",
        problem="Ausstattung und Fortbildung passten nicht zusammen.",
        solution="Schulen, Schulträger und Medienzentrum planten gemeinsam; der Plan "
        "wird jährlich fortgeschrieben.",
        results="Alle Schulen haben dieselbe Grundausstattung; Fortbildungen sind ausgebucht.",
    ),
    DemoPractice(
        authority=MERZENICH,
        title="Gewerbeanmeldung online für sechs Kommunen",
        field=FieldOfAction.E_GOVERNMENT,
        summary="Merzenich entwickelte die Online-Gewerbeanmeldung; das "
        "Dienstleistungszentrum bearbeitet sie für sechs Kommunen.",
        problem="Jede Kommune bearbeitete wenige Anzeigen im Monat, jede mit eigenem Verfahren.",
        solution="Ein gemeinsames Online-Verfahren und eine Zweckvereinbarung: "
        "Merzenich bearbeitet im Auftrag der anderen.",
        results="Bearbeitung in zwei Tagen statt zwei Wochen; die anderen Kommunen "
        "sparen die Fachsoftware.",
        cost_text="Fallpauschale je Gewerbeanzeige.",
        service="gewerbeanmeldung",
        contact="Bürgerbüro",
    ),
    DemoPractice(
        authority=MERZENICH,
        title="Ratsarbeit ohne Papier",
        field=FieldOfAction.OTHER,
        summary="Rat und Ausschüsse arbeiten mit Tablets und einem Ratsinformationssystem.",
        problem="Sitzungsunterlagen wurden kopiert und verteilt, mehrere tausend Seiten im Jahr.",
        solution="Ein Ratsinformationssystem mit App, Schulungen für alle Ratsmitglieder.",
        results="Kein Papierversand mehr; Unterlagen sind eine Woche früher da.",
        cost_amount="9500",
        cost_period="yearly",
    ),
)


def _service(slug: str) -> Service | None:
    if not slug:
        return None
    return Service.objects.filter(slug=slug, status=ServiceStatus.PUBLISHED).first()


def _group(name: str) -> ProjectGroup | None:
    if not name:
        return None
    return ProjectGroup.objects.filter(network__slug=WUERZBURG_NETWORK, name=name).first()


def _content(spec: DemoPractice, authority: Authority) -> PracticeContent:
    return PracticeContent(
        title=spec.title,
        summary=spec.summary,
        problem=spec.problem,
        solution=spec.solution + DEMO_NOTE,
        results=spec.results,
        cost_text=spec.cost_text,
        cost_amount=Decimal(spec.cost_amount) if spec.cost_amount else None,
        cost_period=spec.cost_period,
        contact_name=spec.contact,
        contact_email=f"gute-beispiele@{authority.ars}.demo.verbund.invalid",
        contact_phone=spec.phone,
        field_of_action=spec.field,
        service=_service(spec.service),
        project_group=_group(spec.group),
    )


def load_practices() -> None:
    """The demo practices, published, and one draft proposed from a survey answer."""
    keys = {spec.authority for spec in PRACTICES}
    authorities = {a.ars: a for a in Authority.objects.filter(ars__in=keys)}
    missing = sorted(keys - authorities.keys())
    if missing:
        raise ValueError(f"Demo practices name unknown authorities: {', '.join(missing)}")
    for spec in PRACTICES:
        authority = authorities[spec.authority]
        if GoodPractice.objects.filter(authority=authority, title=spec.title).exists():
            continue
        practice = practice_create(
            actor=None, authority=authority, content=_content(spec, authority)
        )
        practice_publish(actor=None, practice=practice)
    _propose_from_survey(keys)


def _propose_from_survey(keys: set[str]) -> None:
    """A demo Landkreis's answer "what could others take over from you" becomes a draft
    (the first by key among the demo's authorities, else among all that answered)."""
    answered = Recipient.objects.filter(
        survey__network__slug=LANDKREISTAG_NETWORK,
        submitted_at__isnull=False,
        answers__has_key=SURVEY_QUESTION,
    ).order_by("authority__ars", "pk")
    recipient = answered.filter(authority__ars__in=keys).first() or answered.first()
    if recipient is None:
        return
    if GoodPractice.objects.filter(
        source_recipient=recipient, source_question=SURVEY_QUESTION
    ).exists():
        return
    practice_propose_from_answer(actor=None, recipient=recipient, text_question_key=SURVEY_QUESTION)
