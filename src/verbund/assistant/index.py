"""The assistant's in-memory index, one per worker process.

It is rebuilt when the catalogue's routing index is (any change to a published
service bumps that one's token) or when a search term was added or removed
(the ``assistant`` generation). Passage vectors are kept in ``PassageVector``
so that a new process or a rebuild after a small change embeds only the
passages whose text changed; the first build of the demo catalogue embeds
about 120 passages (a few seconds), ``verbund assistant-reindex`` does it ahead.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from django.db import transaction

from verbund.assistant import embeddings
from verbund.assistant.engine import AssistantIndex, ServiceText, build, passages
from verbund.assistant.models import PassageVector, Synonym
from verbund.catalogue.index import routing_index
from verbund.catalogue.models import Service, ServiceStatus
from verbund.core.generations import generation_current

ASSISTANT_GENERATION = "assistant"

_lock = threading.Lock()
_current: AssistantIndex | None = None


def _service_texts() -> list[ServiceText]:
    extra: dict[int, list[str]] = defaultdict(list)
    for service_id, term in Synonym.objects.order_by("term").values_list("service_id", "term"):
        extra[service_id].append(term)
    rows = Service.objects.filter(status=ServiceStatus.PUBLISHED).order_by("pk")
    return [
        ServiceText(
            id=s.pk,
            slug=s.slug,
            title=s.title,
            summary=s.summary,
            volltext=s.volltext,
            synonyms=tuple(dict.fromkeys([*s.synonyms, *extra.get(s.pk, [])])),
            voraussetzungen=s.voraussetzungen,
            unterlagen=s.unterlagen,
            hinweise=s.hinweise,
        )
        for s in rows
    ]


def _build(token: tuple[object, int]) -> AssistantIndex:
    services = _service_texts()
    digests = [embeddings.text_digest(t) for s in services for t in passages(s)]
    stored = dict(
        PassageVector.objects.filter(model=embeddings.MODEL_NAME, digest__in=digests).values_list(
            "digest", "vector"
        )
    )
    index = build(token, services, {k: bytes(v) for k, v in stored.items()})
    if index.computed:
        with transaction.atomic():
            PassageVector.objects.bulk_create(
                [
                    PassageVector(digest=key, model=embeddings.MODEL_NAME, vector=v.tobytes())
                    for key, v in index.computed.items()
                ],
                ignore_conflicts=True,
            )
        index.computed = {}
    return index


def assistant_index() -> AssistantIndex:
    """The current index, rebuilt first when the catalogue or the search terms changed."""
    global _current
    token = (routing_index().token, generation_current(ASSISTANT_GENERATION))
    current = _current
    if current is not None and current.token == token:
        return current
    with _lock:
        if _current is None or _current.token != token:
            _current = _build(token)
        return _current


def assistant_index_reset() -> None:
    """Forget the index (tests that roll the database back)."""
    global _current
    _current = None


def passage_vectors_prune() -> int:
    """Delete stored vectors no current passage uses; returns how many."""
    keep = {embeddings.text_digest(t) for s in _service_texts() for t in passages(s)}
    stale = [
        pk
        for pk, digest, model in PassageVector.objects.values_list("pk", "digest", "model")
        if model != embeddings.MODEL_NAME or digest not in keep
    ]
    PassageVector.objects.filter(pk__in=stale).delete()
    return len(stale)
