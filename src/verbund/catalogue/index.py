"""The in-memory routing index: who is responsible for which service where.

Resolving (service, place) is asked for on every portal page and every
``/api/v1/routes`` call, and a benchmark resolves every Gemeinde of Germany
against every service. The answer depends on a few thousand rows (Gemeinden,
Kreise, members, adoptions, exceptions), so each worker process keeps them in
plain dictionaries and resolves with dictionary lookups only.

The index knows when it is stale without a cache server: every write that can
change an answer is audited, so the audit chain's sequence number changes with
it. One indexed read of that number per request (and the current date, for
memberships and adoptions that start or end) decides whether to rebuild. Writes
in this process that bypass the audit (test factories) reach the index through
model signals.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from verbund.authorities.models import Authority, AuthorityKind, official_name
from verbund.catalogue.models import (
    Adoption,
    Level,
    Office,
    ResponsibilityException,
    Service,
    ServiceStatus,
)
from verbund.catalogue.search import SearchIndex
from verbund.core.generations import REGISTER_GENERATION, generation_bump
from verbund.core.models import Generation
from verbund.networks.models import Agreement, Membership
from verbund.networks.selectors import active_member_ids, agreement_rows_in_force


@dataclass(frozen=True, slots=True)
class AuthorityRef:
    id: int
    ars: str
    name: str
    kind: str
    textkennzeichen: str
    postcode: str
    on_platform: bool

    @property
    def ars12(self) -> str:
        return self.ars.ljust(12, "0")

    @property
    def official_name(self) -> str:
        """The name that says what the authority is ("Kreis Olpe", "Stadt Köln"), as
        ``Authority.official_name``."""
        return official_name(self.name, self.kind, self.textkennzeichen)


@dataclass(frozen=True, slots=True)
class OfficeRef:
    id: int
    name: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    opening_hours: str
    accessibility: str


@dataclass(frozen=True, slots=True)
class AdoptionRef:
    id: int
    authority_id: int
    office: OfficeRef
    fees: tuple[tuple[str, str], ...]
    online: bool
    online_url: str
    processing_id: int | None
    started_on: dt.date


@dataclass(frozen=True, slots=True)
class ServiceRef:
    id: int
    slug: str
    leika_key: str | None
    title: str
    level: str
    themenfeld: str
    maturity: int
    online_url: str
    builder_id: int
    unterlagen: str
    rechtsgrundlagen: str
    fristen: str
    processing_days: int | None

    @property
    def key(self) -> str:
        return self.leika_key or self.slug


@dataclass(frozen=True, slots=True)
class AgreementRef:
    """A binding agreement in force: ``processing_id`` handles the service for a party."""

    id: int
    title: str
    kind: str  # networks.models.AgreementKind
    processing_id: int
    delegating: bool  # the task itself passed (else: processed in the party's name)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Who handles ``service`` for the Gemeinde ``place``.

    Under a delegating agreement the task has passed: ``responsible`` is the processing
    member and ``delegated_by`` the member that gave it. Under a mandating agreement
    (or an adoption processed by another member) the responsible member stays and
    ``processing`` works in its name."""

    service: ServiceRef
    place: AuthorityRef
    responsible: AuthorityRef
    adoption: AdoptionRef | None
    processing: AuthorityRef
    by_exception: bool
    agreement: AgreementRef | None = None
    delegated_by: AuthorityRef | None = None

    @property
    def online_url(self) -> str:
        """Where to apply online for this place, or ``""``."""
        if self.adoption is None or not self.adoption.online:
            return ""
        return self.adoption.online_url or self.service.online_url


@dataclass
class RoutingIndex:
    token: tuple[int, int, dt.date, int]
    gemeinden: dict[str, AuthorityRef] = field(default_factory=dict)
    gemeinde_keys: list[str] = field(default_factory=list)
    by_ags: dict[str, str] = field(default_factory=dict)
    kreise: dict[str, AuthorityRef] = field(default_factory=dict)
    authorities: dict[int, AuthorityRef] = field(default_factory=dict)
    # (service id, party id) -> the agreement in force that has another member process it
    agreements: dict[tuple[int, int], AgreementRef] = field(default_factory=dict)
    services: dict[int, ServiceRef] = field(default_factory=dict)
    service_by_key: dict[str, int] = field(default_factory=dict)
    exceptions: dict[int, dict[str, int]] = field(default_factory=dict)
    adoptions: dict[int, dict[int, AdoptionRef]] = field(default_factory=dict)
    search: SearchIndex = field(default_factory=SearchIndex)

    # -- lookups ---------------------------------------------------------

    def service(self, key: str) -> ServiceRef | None:
        """A published service by LeiKa key or local key."""
        service_id = self.service_by_key.get(key)
        return None if service_id is None else self.services[service_id]

    def place(self, key: str) -> AuthorityRef | None:
        """A current Gemeinde by 12-digit ARS or 8-digit AGS."""
        if len(key) == 8:
            ars = self.by_ags.get(key)
            return None if ars is None else self.gemeinden.get(ars)
        return self.gemeinden.get(key)

    def places_in(self, prefix: str) -> list[AuthorityRef]:
        """The current Gemeinden whose ARS starts with ``prefix``, in key order."""
        start = bisect.bisect_left(self.gemeinde_keys, prefix)
        found = []
        for ars in self.gemeinde_keys[start:]:
            if not ars.startswith(prefix):
                break
            found.append(self.gemeinden[ars])
        return found

    # -- resolution --------------------------------------------------------

    def default_responsible(self, level: str, place: AuthorityRef) -> AuthorityRef:
        kreis = self.kreise[place.ars[:5]]
        if level == Level.KREIS or kreis.kind == AuthorityKind.KREISFREIE_STADT:
            return kreis
        return place

    def resolve(self, service: ServiceRef, place: AuthorityRef) -> Resolution:
        responsible = None
        exceptions = self.exceptions.get(service.id)
        if exceptions:
            ars = place.ars
            for prefix in (ars, ars[:9], ars[:5]):
                responsible_id = exceptions.get(prefix)
                if responsible_id is not None:
                    responsible = self.authorities[responsible_id]
                    break
        by_exception = responsible is not None
        if responsible is None:
            responsible = self.default_responsible(service.level, place)
        adoption = self.adoptions.get(service.id, {}).get(responsible.id)
        agreement = self.agreements.get((service.id, responsible.id))
        if agreement is not None:
            processing = self.authorities[agreement.processing_id]
            if agreement.delegating:
                # The task and its local settings (office, fee statute) are the
                # processing member's now, where it has adopted the service.
                delegated_by = responsible
                adoption = self.adoptions.get(service.id, {}).get(processing.id) or adoption
                return Resolution(
                    service, place, processing, adoption, processing, by_exception,
                    agreement, delegated_by,
                )  # fmt: skip
            return Resolution(
                service, place, responsible, adoption, processing, by_exception, agreement
            )
        processing = responsible
        if adoption is not None and adoption.processing_id is not None:
            processing = self.authorities[adoption.processing_id]
        return Resolution(service, place, responsible, adoption, processing, by_exception)

    def resolve_area(self, service: ServiceRef, area: str) -> list[Resolution]:
        """One resolution per distinct responsible authority among the places of an area
        (a Land, Regierungsbezirk, Kreis, Gemeindeverband or Gemeinde key)."""
        seen: dict[int, Resolution] = {}
        for place in self.places_in(area):
            resolution = self.resolve(service, place)
            seen.setdefault(resolution.responsible.id, resolution)
        return list(seen.values())


def agreements_in_force(
    today: dt.date,
) -> list[tuple[AgreementRef, frozenset[int], frozenset[int]]]:
    """The agreements in force on ``today`` with their parties and services."""
    return [
        (
            AgreementRef(pk, title, kind, processing_id, kind == "delegating"),
            parties,
            services,
        )
        for pk, title, kind, processing_id, parties, services in agreement_rows_in_force(today)
    ]


def _office_ref(office: Office) -> OfficeRef:
    return OfficeRef(
        office.pk,
        office.name,
        office.street,
        office.postcode,
        office.city,
        office.phone,
        office.email,
        office.opening_hours,
        office.accessibility,
    )


def _build(token: tuple[int, int, dt.date, int]) -> RoutingIndex:
    today = token[2]
    index = RoutingIndex(token=token)
    members = active_member_ids(on=today)
    rows = Authority.objects.filter(
        dissolved_on__isnull=True,
        kind__in=(AuthorityKind.GEMEINDE, AuthorityKind.KREIS, AuthorityKind.KREISFREIE_STADT),
    ).values_list("pk", "ars", "ags", "name", "kind", "textkennzeichen", "postcode")
    for pk, ars, ags, name, kind, textkennzeichen, postcode in rows.iterator(chunk_size=4000):
        ref = AuthorityRef(pk, ars, name, kind, textkennzeichen, postcode, pk in members)
        index.authorities[pk] = ref
        if kind == AuthorityKind.GEMEINDE:
            index.gemeinden[ars] = ref
            if ags:
                index.by_ags[ags] = ars
        else:
            index.kreise[ars] = ref
    # A Gemeinde without its Kreis in the register (an excerpt) cannot be resolved.
    index.gemeinden = {ars: g for ars, g in index.gemeinden.items() if ars[:5] in index.kreise}
    index.gemeinde_keys = sorted(index.gemeinden)

    services = Service.objects.filter(status=ServiceStatus.PUBLISHED)
    for s in services:
        service_ref = ServiceRef(
            s.pk,
            s.slug,
            s.leika_key,
            s.title,
            s.level,
            s.themenfeld,
            s.maturity,
            s.online_url,
            s.builder_id,
            s.unterlagen,
            s.rechtsgrundlagen,
            s.fristen,
            s.processing_days,
        )
        index.services[s.pk] = service_ref
        index.service_by_key[s.slug] = s.pk
        if s.leika_key:
            index.service_by_key[s.leika_key] = s.pk
        index.search.add(s)
    index.search.freeze()

    extra_ids: set[int] = set()
    for service_id, area, responsible_id in ResponsibilityException.objects.filter(
        service_id__in=index.services
    ).values_list("service_id", "area__ars", "responsible_id"):
        index.exceptions.setdefault(service_id, {})[area] = responsible_id
        extra_ids.add(responsible_id)

    adoptions: dict[int, dict[int, AdoptionRef]] = defaultdict(dict)
    running = (
        Adoption.objects.filter(service_id__in=index.services, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("office")
    )
    for a in running:
        adoptions[a.service_id][a.authority_id] = AdoptionRef(
            a.pk,
            a.authority_id,
            _office_ref(a.office),
            tuple((item["label"], item["amount"]) for item in a.fees),
            a.online,
            a.online_url,
            a.processing_authority_id,
            a.started_on,
        )
        if a.processing_authority_id is not None:
            extra_ids.add(a.processing_authority_id)
    index.adoptions = dict(adoptions)

    for agreement, party_ids, service_ids in agreements_in_force(today):
        extra_ids.add(agreement.processing_id)
        for service_id in service_ids:
            if service_id not in index.services:
                continue
            for party_id in party_ids:
                if party_id != agreement.processing_id:
                    index.agreements[(service_id, party_id)] = agreement

    missing = extra_ids - index.authorities.keys()
    for pk, ars, name, kind, textkennzeichen, postcode in Authority.objects.filter(
        pk__in=missing
    ).values_list("pk", "ars", "name", "kind", "textkennzeichen", "postcode"):
        index.authorities[pk] = AuthorityRef(
            pk, ars, name, kind, textkennzeichen, postcode, pk in members
        )
    return index


_lock = threading.Lock()
_current: RoutingIndex | None = None
_local_generation = 0
ROUTING_GENERATION = "routing"


def _mark_changed(**kwargs: Any) -> None:
    global _local_generation
    _local_generation += 1
    # Other workers learn of the change through the shared counter.
    generation_bump(ROUTING_GENERATION)


def connect_signals() -> None:
    models = (Authority, Membership, Service, Adoption, Office, ResponsibilityException, Agreement)
    for model in models:
        label = model._meta.label_lower
        post_save.connect(_mark_changed, sender=model, dispatch_uid=f"routing_index_save_{label}")
        post_delete.connect(
            _mark_changed, sender=model, dispatch_uid=f"routing_index_delete_{label}"
        )
    for through in (Agreement.parties.through, Agreement.services.through):
        m2m_changed.connect(
            _mark_changed, sender=through, dispatch_uid=f"routing_index_m2m_{through._meta.label}"
        )


def _token() -> tuple[int, int, dt.date, int]:
    generations = dict(
        Generation.objects.filter(key__in=(ROUTING_GENERATION, REGISTER_GENERATION)).values_list(
            "key", "value"
        )
    )
    return (
        generations.get(ROUTING_GENERATION, 0),
        generations.get(REGISTER_GENERATION, 0),
        timezone.localdate(),
        _local_generation,
    )


def routing_index() -> RoutingIndex:
    """The current index, rebuilt first when anything it holds has changed."""
    global _current
    token = _token()
    current = _current
    if current is not None and current.token == token:
        return current
    with _lock:
        if _current is None or _current.token != token:
            _current = _build(token)
        return _current


def routing_index_reset() -> None:
    """Forget the index (tests that roll the database back)."""
    global _current
    _current = None
