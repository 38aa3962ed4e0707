"""The demo's citizen assistant: search terms the DLZ's coordination added, and a few
questions citizens of its members asked that the catalogue could not answer (asked
through the assistant itself, so they arrive anonymised and counted)."""

from __future__ import annotations

from verbund.assistant.models import OpenQuestion, Synonym
from verbund.assistant.services import assistant_ask, synonym_add
from verbund.catalogue.models import Service
from verbund.networks.models import Network

# (service slug, term): words the DLZ's citizens used that the catalogue lacked.
TERMS = (
    ("wohnsitz-abmelden", "Zweitwohnung aufgeben"),
    ("sondernutzung-strasse", "Umzugswagen parken"),
    ("maengel-melden", "Wilder Müll"),
)

# (question, place): asked in the DLZ's places; none of them is a service of the catalogue.
QUESTIONS = (
    ("Wie lautet das WLAN-Passwort in der Stadtbücherei?", "Jülich"),
    ("Wann fährt der nächste Bus nach Düren?", "Merzenich"),
    ("Wann fährt der nächste Bus nach Düren?", "Merzenich"),
    ("Wer gewinnt die Bürgermeisterwahl?", ""),
    ("Ich heiße Anna Beispiel, wann kommt mein Rentenbescheid?", "Inden"),
)


def load_assistant(networks: dict[str, Network]) -> None:
    dlz = networks["dlz"]
    if Synonym.objects.filter(network=dlz).exists() or OpenQuestion.objects.exists():
        return
    services = {s.slug: s for s in Service.objects.filter(slug__in=[t[0] for t in TERMS])}
    for slug, term in TERMS:
        if slug in services:
            synonym_add(actor=None, network=dlz, service=services[slug], term=term)
    for question, place in QUESTIONS:
        assistant_ask(question=question, place=place)
