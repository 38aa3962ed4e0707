"""The assistant's writes, and the one entry point that answers a question.

``assistant_ask`` is used by the portal form, the chat and ``POST
/api/v1/assistant`` alike. It reads the question, finds the place, retrieves,
decides, builds the cards and counts the outcome. It stores a question's text
only when there was no answer, and then only anonymised; it never logs it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.assistant import rephrase
from verbund.assistant import text as texts
from verbund.assistant.cards import Card, OfficeCard, Source, card_for
from verbund.assistant.engine import Decision, Mode, Retrieval
from verbund.assistant.index import ASSISTANT_GENERATION, assistant_index
from verbund.assistant.models import DailyCount, OpenQuestion, Outcome, Synonym
from verbund.authorities.folding import fold
from verbund.authorities.selectors import place_search
from verbund.catalogue.index import AuthorityRef, routing_index
from verbund.catalogue.models import Office, Service, ServiceStatus
from verbund.core.audit import audit_record
from verbund.core.generations import generation_bump
from verbund.networks.models import Network
from verbund.networks.selectors import networks_of_authority

BEHOERDENNUMMER = "115"
_ARS12 = re.compile(r"^\d{12}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    ars: str
    name: str
    parent: str


@dataclass(frozen=True, slots=True)
class Choice:
    slug: str
    title: str
    summary: str


@dataclass(frozen=True, slots=True)
class Handoff:
    """Where a citizen gets help when the assistant has no answer."""

    offices: tuple[OfficeCard, ...]
    phone: str = BEHOERDENNUMMER


@dataclass(frozen=True)
class Reply:
    outcome: Outcome
    reading: texts.Reading
    message: str
    question: str  # the cleaned question, to show it back (never stored as such)
    cards: tuple[Card, ...] = ()
    choices: tuple[Choice, ...] = ()
    place: AuthorityRef | None = None
    place_choices: tuple[PlaceChoice, ...] = ()
    place_message: str = ""
    handoff: Handoff | None = None
    note: str = ""
    retrieval: Retrieval | None = field(default=None, compare=False)


def _place(place_text: str, ars: str) -> tuple[AuthorityRef | None, tuple[PlaceChoice, ...], str]:
    """The Gemeinde the citizen named: by key, or by name or postcode (several → choose)."""
    index = routing_index()
    if ars:
        found = index.place(ars) if _ARS12.match(ars) else None
        if found is None:
            return None, (), _("Diesen Ort kennen wir nicht. Bitte geben Sie ihn noch einmal ein.")
        return found, (), ""
    place_text = texts.clean(place_text)[:100]
    if not place_text:
        return None, (), ""
    result = place_search(q=place_text, kind="gemeinde", limit=20)
    places = [p for p in result.places if index.place(p.ars) is not None]
    if len(places) == 1:
        return index.place(places[0].ars), (), ""
    if not places:
        return (
            None,
            (),
            _(
                "Zu „%(place)s“ haben wir keine Gemeinde gefunden. Prüfen Sie die Schreibweise "
                "oder geben Sie die Postleitzahl ein."
            )
            % {"place": place_text},
        )
    choices = tuple(
        PlaceChoice(p.ars, p.official_name, p.parent.official_name if p.parent else "")
        for p in places
    )
    return None, choices, _("Mehrere Orte passen. Bitte wählen Sie Ihren Wohnort.")


def _network_ids(place: AuthorityRef | None) -> list[int | None]:
    """The networks whose coordinators see this place's questions: those of the
    Gemeinde and of its Kreis; ``[None]`` without a place or outside every network."""
    if place is None:
        return [None]
    index = routing_index()
    kreis = index.kreise.get(place.ars[:5])
    found: list[int | None] = []
    for authority_id in (place.id, kreis.id if kreis else None):
        if authority_id is not None:
            for network_id in networks_of_authority(authority_id).values_list("pk", flat=True):
                if network_id not in found:
                    found.append(int(network_id))
    return found or [None]


def _handoff(place: AuthorityRef | None) -> Handoff:
    offices: list[OfficeCard] = []
    if place is not None:
        index = routing_index()
        kreis = index.kreise.get(place.ars[:5])
        ids = [place.id] + ([kreis.id] if kreis and kreis.id != place.id else [])
        rows = Office.objects.filter(authority_id__in=ids).select_related("authority")
        by_authority: dict[int, Office] = {}
        for office in sorted(rows, key=lambda o: ("rger" not in o.name, o.name)):
            by_authority.setdefault(office.authority_id, office)
        for authority_id in ids:
            found = by_authority.get(authority_id)
            if found is None:
                continue
            office = found
            offices.append(
                OfficeCard(
                    authority=office.authority.official_name,
                    name=office.name,
                    street=office.street,
                    postcode=office.postcode,
                    city=office.city,
                    phone=office.phone,
                    email=office.email,
                    opening_hours=tuple(
                        line for line in office.opening_hours.splitlines() if line.strip()
                    ),
                    source=Source(office.authority.official_name, ""),
                )
            )
    return Handoff(tuple(offices))


def _of_network(network_id: int | None) -> dict[str, Any]:
    """The lookup for rows of ``network_id``, or of no network."""
    return {"network_id": network_id} if network_id is not None else {"network__isnull": True}


def _count(network_id: int | None, outcome: Outcome) -> None:
    day = timezone.localdate()
    rows = DailyCount.objects.filter(**_of_network(network_id), day=day, outcome=outcome)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(network_id=network_id, day=day, outcome=outcome, count=1)
    except IntegrityError:
        rows.update(count=F("count") + 1)


def _keep_open(
    network_id: int | None, question: str, outcome: Outcome, nearest_id: int | None
) -> None:
    """Count a question without an answer, anonymised, under its digest."""
    kept = texts.anonymise(question)
    key = texts.digest(kept)
    day = timezone.localdate()
    rows = OpenQuestion.objects.filter(**_of_network(network_id), digest=key)
    if rows.update(count=F("count") + 1, last_asked=day, dismissed=False):
        return
    try:
        with transaction.atomic():
            OpenQuestion.objects.create(
                network_id=network_id,
                digest=key,
                text=kept,
                outcome=outcome,
                nearest_id=nearest_id,
                first_asked=day,
                last_asked=day,
            )
    except IntegrityError:
        rows.update(count=F("count") + 1, last_asked=day, dismissed=False)


def _record(
    network_ids: list[int | None],
    outcome: Outcome,
    question: str = "",
    nearest_id: int | None = None,
) -> None:
    """Count the outcome for each network of the place (and keep an unanswered
    question for each, so every network's coordinators see their places' questions)."""
    for network_id in network_ids:
        _count(network_id, outcome)
        if question:
            _keep_open(network_id, question, outcome, nearest_id)


def _published(slug: str) -> Service | None:
    if not _SLUG.match(slug or ""):
        return None
    return Service.objects.filter(slug=slug, status=ServiceStatus.PUBLISHED).first()


def _cards(services: list[Service], place: AuthorityRef | None) -> tuple[Card, ...]:
    index = routing_index()
    cards = []
    for service in services:
        ref = index.service(service.key)
        resolution = index.resolve(ref, place) if ref is not None and place is not None else None
        card = card_for(service, resolution)
        if rephrase.enabled():
            card = dataclasses.replace(card, summary_plain=rephrase.rephrase(card.summary))
        cards.append(card)
    return tuple(cards)


def assistant_ask(
    *,
    question: str,
    place: str = "",
    ars: str = "",
    service: str = "",
    mode: Mode = Mode.HYBRID,
    record: bool = True,
) -> Reply:
    """Answer ``question`` for the place named by ``place`` (name or postcode) or
    ``ars``. ``service`` is a slug the citizen chose after a clarifying question."""
    cleaned = texts.clean(question)
    reading = texts.read(cleaned)
    where, place_choices, place_message = _place(place, ars)
    network_ids = _network_ids(where) if record else []
    common: dict[str, Any] = {
        "question": cleaned if reading is not texts.Reading.TOO_LONG else cleaned[:2000],
        "place": where,
        "place_choices": place_choices,
        "place_message": place_message,
    }

    chosen = _published(service) if service else None
    if chosen is not None:
        if record:
            _record(network_ids, Outcome.ANSWERED)
        return Reply(
            Outcome.ANSWERED,
            reading,
            _("Das sagt der Leistungskatalog dazu:"),
            cards=_cards([chosen], where),
            **common,
        )

    if reading in (texts.Reading.EMPTY, texts.Reading.TOO_LONG, texts.Reading.NO_WORDS):
        if record:
            _record(network_ids, Outcome.REFUSED)
        message = {
            texts.Reading.EMPTY: _(
                "Bitte schreiben Sie Ihre Frage in das Feld, zum Beispiel: "
                "„Wie melde ich mein Auto ab?“"
            ),
            texts.Reading.TOO_LONG: _(
                "Ihre Frage ist länger als %(limit)d Zeichen. Bitte fassen Sie sie kürzer; "
                "was Sie geschrieben haben, steht noch im Feld."
            )
            % {"limit": texts.MAX_QUESTION},
            texts.Reading.NO_WORDS: _(
                "In Ihrer Eingabe habe ich keine Wörter erkannt. Bitte stellen Sie Ihre Frage "
                "in ganzen Wörtern."
            ),
        }[reading]
        return Reply(Outcome.REFUSED, reading, message, **common)

    retrieval = assistant_index().ask(cleaned, mode=mode, reading=reading)
    nearest = retrieval.ranking[0].service_id if retrieval.ranking else None
    if retrieval.decision is Decision.ABSTAIN:
        foreign = reading is texts.Reading.NOT_GERMAN
        outcome = Outcome.REFUSED if foreign else Outcome.ABSTAINED
        if record:
            _record(network_ids, outcome, cleaned, nearest)
        message = (
            _(
                "Ich verstehe Fragen auf Deutsch. Bitte stellen Sie Ihre Frage auf Deutsch, "
                "oder rufen Sie die Behördennummer 115 an. (Please ask in German, or call "
                "the public service number 115.)"
            )
            if foreign
            else _(
                "Dazu kann ich nichts sagen. Im Leistungskatalog habe ich nichts gefunden, "
                "das sicher zu Ihrer Frage passt. Hier bekommen Sie Hilfe:"
            )
        )
        return Reply(
            outcome, reading, message, handoff=_handoff(where), retrieval=retrieval, **common
        )

    by_id = Service.objects.in_bulk([c.service_id for c in retrieval.chosen])
    services = [by_id[c.service_id] for c in retrieval.chosen if c.service_id in by_id]
    note = (
        _("Ich antworte auf Deutsch. (The assistant answers in German.)")
        if reading is texts.Reading.NOT_GERMAN
        else ""
    )
    if retrieval.decision is Decision.CLARIFY:
        if record:
            _record(network_ids, Outcome.CLARIFY)
        return Reply(
            Outcome.CLARIFY,
            reading,
            _("Ihre Frage passt zu mehreren Leistungen. Welche meinen Sie?"),
            choices=tuple(Choice(s.slug, s.title, s.summary) for s in services),
            note=note,
            retrieval=retrieval,
            **common,
        )
    if record:
        _record(network_ids, Outcome.ANSWERED)
    return Reply(
        Outcome.ANSWERED,
        reading,
        _("Das sagt der Leistungskatalog dazu:"),
        cards=_cards(services, where),
        note=note,
        retrieval=retrieval,
        **common,
    )


# -- Coordinators' writes ------------------------------------------------------------

MAX_TERM = 80


def synonym_add(*, actor: Any, network: Network, service: Service, term: str) -> Synonym:
    """Add a search term to ``service`` for the assistant, owned by ``network``."""
    term = texts.clean(term)
    if not term or len(term) > MAX_TERM:
        raise ValidationError(
            {"term": _("Ein Suchbegriff hat 1 bis %(max)d Zeichen.") % {"max": MAX_TERM}}
        )
    if not service.is_published:
        raise ValidationError({"service": _("Die Leistung ist nicht veröffentlicht.")})
    folded = fold(term)
    if Synonym.objects.filter(network=network, service=service, folded=folded).exists():
        raise ValidationError(
            {"term": _("„%(term)s“ ist für diese Leistung schon eingetragen.") % {"term": term}}
        )
    with transaction.atomic():
        synonym = Synonym.objects.create(
            network=network, service=service, term=term, folded=folded, added_by=actor
        )
        generation_bump(ASSISTANT_GENERATION)
        audit_record(
            actor=actor,
            action="assistant.synonym_added",
            obj=synonym,
            network=network,
            changes={"term": term, "service": service.title},
        )
    return synonym


def synonym_remove(*, actor: Any, synonym: Synonym) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="assistant.synonym_removed",
            obj=synonym,
            network=synonym.network_id,
            changes={"term": synonym.term, "service": synonym.service.title},
        )
        synonym.delete()
        generation_bump(ASSISTANT_GENERATION)


def open_question_dismiss(*, actor: Any, question: OpenQuestion, network: Network) -> None:
    """Mark an open question as dealt with (a synonym was added, or it is out of scope).
    It comes back when it is asked again."""
    with transaction.atomic():
        OpenQuestion.objects.filter(pk=question.pk).update(dismissed=True)
        audit_record(
            actor=actor,
            action="assistant.question_dismissed",
            obj=question,
            network=network,
            changes={},
        )
