"""Reads about good practices.

The public reads (:func:`practice_search`, :func:`published_practice`,
:func:`linked_services`) see published practices only: anyone may call them. The
staff's reads of their own authority's drafts go through the access layer
(``core.access.scoped``) in the views; :func:`proposable_answers` gets recipients the
view already scoped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Count, QuerySet

from verbund.authorities.folding import fold
from verbund.catalogue.models import Service, ServiceStatus
from verbund.catalogue.selectors import published_service, published_services
from verbund.networks.groups.models import ProjectGroup
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.selectors import networks_of_authority
from verbund.practices.answers import answer_text, text_questions
from verbund.practices.index import practice_index
from verbund.practices.models import GoodPractice, PracticeStatus
from verbund.surveys.models import Recipient

T = TypeVar("T")
MAX_WORDS = 8
MAX_ID = 2**63 - 1  # the largest id a database integer holds
_WORD = re.compile(r"\w+")


def search_words(q: str) -> list[str]:
    """The folded words of a query (at most ``MAX_WORDS``, each once): "Ärztehaus
    Soest" → ``["arztehaus", "soest"]``."""
    return list(dict.fromkeys(_WORD.findall(fold(q))))[:MAX_WORDS]


@dataclass(frozen=True)
class PracticePage:
    count: int
    practices: list[GoodPractice]


def published_practices() -> QuerySet[GoodPractice]:
    """Every published practice, newest first (public data)."""
    return GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED).order_by(
        "-published_at", "-id"
    )


def practice_search(
    *,
    q: str = "",
    field_of_action: str | None = None,
    land: str | None = None,
    kind: str | None = None,
    service: Service | None = None,
    limit: int = 20,
    offset: int = 0,
) -> PracticePage:
    """Published practices whose title, summary, problem, solution or results contain
    every word of ``q`` (case, accents and umlauts ignored: "arztehaus", "Ärztehaus"
    and "aerztehaus" meet), filtered by field of action, Land (the first two digits
    of the authority's Regionalschlüssel), kind of authority and linked service;
    newest first. From the worker's index (``practices.index``): one read of the change
    counters, no other query while nothing changed."""
    found = practice_index().search(
        search_words(q),
        field_of_action=field_of_action or None,
        land=land or None,
        kind=kind or None,
        service_id=service.pk if service is not None else None,
    )
    return PracticePage(len(found), [e.practice for e in found[offset : offset + limit]])


def remembered(key: Hashable, build: Callable[[], T]) -> T:
    """An answer built from the current search (an API page, a rendered list), kept with
    the worker's index until anything it shows changes. ``key`` must name everything
    the answer depends on (language, address, query)."""
    return practice_index().remember(key, build)


def published_practice(pk: int) -> GoodPractice | None:
    """One published practice with everything its page shows, or None."""
    if not 0 < pk <= MAX_ID:
        return None
    return (
        published_practices()
        .filter(pk=pk)
        .select_related(
            "authority",
            "service",
            "project_group__network",
            "roadmap_item__network",
            "source_recipient__survey",
        )
        .first()
    )


def service_for_filter(key: str) -> Service | None:
    """A published catalogue service by its key (LeiKa key or local key): a service
    that practices link is found in the index, any other in the catalogue."""
    for service in linked_services():
        if key in (service.key, service.slug):
            return service
    return published_service(key)


def linked_services() -> list[Service]:
    """The published services that published practices link, by title: the choices of
    the search's service filter (from the index)."""
    linked = {
        e.practice.service_id: e.practice.service
        for e in practice_index().entries
        if e.practice.service is not None and e.practice.service.status == ServiceStatus.PUBLISHED
    }
    return sorted(linked.values(), key=lambda service: (service.title, service.pk))


# --- for the staff's form -------------------------------------------------------------------


def service_choices() -> list[Service]:
    """What a practice may link: every published catalogue service, by title."""
    return list(published_services())


def group_choices(authority_id: int) -> list[ProjectGroup]:
    """Project groups of the networks ``authority_id`` is an active member of today."""
    return list(
        ProjectGroup.objects.filter(network__in=networks_of_authority(authority_id))
        .select_related("network")
        .order_by("network__name", "name")
    )


def roadmap_choices(authority_id: int) -> list[RoadmapItem]:
    """Roadmap items of the networks ``authority_id`` is an active member of today."""
    return list(
        RoadmapItem.objects.filter(network__in=networks_of_authority(authority_id))
        .select_related("network")
        .order_by("network__name", "title")
    )


def status_counts(practices: QuerySet[GoodPractice]) -> dict[str, int]:
    """``{status: count}`` of ``practices`` (already scoped by the caller)."""
    rows = practices.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


# --- proposals from survey answers -----------------------------------------------------------


@dataclass(frozen=True)
class ProposableAnswer:
    recipient: Recipient
    question_key: str
    question_text: str
    answer: str


def proposable_answers(recipients: QuerySet[Recipient]) -> list[ProposableAnswer]:
    """The submitted answers to text questions among ``recipients`` (scoped by the
    caller) that have not proposed a practice yet, newest survey first."""
    submitted = list(
        recipients.filter(submitted_at__isnull=False)
        .select_related("survey")
        .order_by("-submitted_at", "-id")
    )
    proposed = set(
        GoodPractice.objects.filter(source_recipient__in=[r.pk for r in submitted]).values_list(
            "source_recipient_id", "source_question"
        )
    )
    return [
        ProposableAnswer(recipient, question.key, question.text, answer)
        for recipient in submitted
        for question in text_questions(recipient.survey.definition or {})
        if (recipient.pk, question.key) not in proposed
        and (answer := answer_text(recipient.answers or {}, question.key))
    ]


__all__ = [
    "PracticePage",
    "ProposableAnswer",
    "group_choices",
    "linked_services",
    "practice_search",
    "proposable_answers",
    "published_practice",
    "published_practices",
    "remembered",
    "roadmap_choices",
    "search_words",
    "service_choices",
    "service_for_filter",
    "status_counts",
]
