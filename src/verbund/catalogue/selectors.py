"""Reads of the catalogue: finding services, who uses them, reuse figures, routes.

The routing index and its value types are published here too (``routing_index``,
``AuthorityRef``, ``ServiceRef``, ``Resolution``) for the API and the portal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from verbund.authorities.models import Authority
from verbund.authorities.selectors import authority_by_key
from verbund.catalogue.hooks import online_application
from verbund.catalogue.index import (
    AuthorityRef,
    Resolution,
    RoutingIndex,
    ServiceRef,
    routing_index,
)
from verbund.catalogue.models import Adoption, Office, Service, ServiceStatus
from verbund.networks.hooks import ServiceSummary
from verbund.networks.models import Network
from verbund.networks.selectors import active_member_ids, active_members_by_network


def running_on(on: dt.date) -> Q:
    """Adoptions running on the day (started, not ended)."""
    return Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))


@dataclass(frozen=True)
class ServicePage:
    count: int
    services: list[ServiceRef]


def service_search(
    *,
    q: str = "",
    themenfeld: str | None = None,
    level: str | None = None,
    online: bool | None = None,
    network: Network | None = None,
    limit: int = 20,
    offset: int = 0,
) -> ServicePage:
    """Published services, ranked by the text search when ``q`` is given, else by title."""
    index = routing_index()
    if q.strip():
        candidates = [index.services[hit.service_id] for hit in index.search.search(q)]
    else:
        candidates = sorted(index.services.values(), key=lambda s: s.title)
    if themenfeld:
        candidates = [s for s in candidates if s.themenfeld == themenfeld]
    if level:
        candidates = [s for s in candidates if s.level == level]
    if online is not None:
        online_ids = {
            sid
            for sid, by_authority in index.adoptions.items()
            if any(a.online for a in by_authority.values())
        }
        candidates = [s for s in candidates if (s.id in online_ids) is online]
    if network is not None:
        member_ids = active_member_ids(network)
        candidates = [
            s
            for s in candidates
            if s.builder_id in member_ids or member_ids & index.adoptions.get(s.id, {}).keys()
        ]
    return ServicePage(len(candidates), candidates[offset : offset + limit])


def published_service(key: str) -> Service | None:
    """A published service by LeiKa key or local key."""
    lookup = Q(leika_key=key) if key.isdigit() else Q(slug=key)
    return (
        Service.objects.filter(lookup, status=ServiceStatus.PUBLISHED)
        .select_related("builder")
        .first()
    )


def running_adoptions(service: Service) -> QuerySet[Adoption]:
    return (
        Adoption.objects.filter(running_on(timezone.localdate()), service=service)
        .select_related("authority", "office", "processing_authority")
        .order_by("started_on", "authority__name")
    )


def adoption_on(*, service_id: int, authority_id: int, on: dt.date) -> Adoption | None:
    """The authority's adoption of the service running on the day, with its office
    (where the authority serves the public for it); ``None`` when there is none."""
    return (
        Adoption.objects.filter(running_on(on), service_id=service_id, authority_id=authority_id)
        .select_related("office")
        .order_by("-started_on")
        .first()
    )


def past_adoptions(service: Service) -> QuerySet[Adoption]:
    return (
        Adoption.objects.filter(service=service, ended_on__lt=timezone.localdate())
        .select_related("authority")
        .order_by("-ended_on")
    )


@dataclass(frozen=True)
class NetworkUse:
    network: Network
    members: int
    users: int


def service_use_by_network(service: Service) -> list[NetworkUse]:
    """For each network the builder or an adopter belongs to: "used by N of M members"."""
    today = timezone.localdate()
    adopters = set(
        Adoption.objects.filter(running_on(today), service=service).values_list(
            "authority_id", flat=True
        )
    )
    involved = adopters | {service.builder_id}
    members = {
        nid: ids for nid, ids in active_members_by_network(on=today).items() if ids & involved
    }
    return [
        NetworkUse(network, len(members[network.pk]), len(members[network.pk] & adopters))
        for network in Network.objects.filter(pk__in=members).order_by("name")
    ]


def offices_of(authority: Authority) -> QuerySet[Office]:
    return Office.objects.filter(authority=authority).order_by("name")


def office_emails(authority_ids: Collection[int]) -> dict[int, str]:
    """The e-mail address of each authority's first office (by name) that has one."""
    found: dict[int, str] = {}
    rows = (
        Office.objects.filter(authority_id__in=list(authority_ids))
        .exclude(email="")
        .order_by("authority_id", "name")
        .values_list("authority_id", "email")
    )
    for authority_id, email in rows:
        found.setdefault(authority_id, email)
    return found


@dataclass(frozen=True)
class OfferFigures:
    """What an authority offers on a day: its running adoptions of published services,
    how many of them can be applied for online, and their OZG maturity (0–7)."""

    services: int
    online: int
    maturity_sum: int

    @property
    def maturity_mean(self) -> float | None:
        return self.maturity_sum / self.services if self.services else None


def offer_figures(authority_ids: Collection[int], *, on: dt.date) -> dict[int, OfferFigures]:
    """:class:`OfferFigures` for every id given (zeros where nothing runs), one query."""
    found = {pk: OfferFigures(0, 0, 0) for pk in authority_ids}
    rows = (
        Adoption.objects.filter(
            running_on(on),
            authority_id__in=list(authority_ids),
            service__status=ServiceStatus.PUBLISHED,
        )
        .values("authority_id")
        .annotate(
            services=Count("id"),
            online=Count("id", filter=Q(online=True)),
            maturity_sum=Sum("service__maturity"),
        )
    )
    for row in rows:
        found[row["authority_id"]] = OfferFigures(
            row["services"], row["online"], int(row["maturity_sum"] or 0)
        )
    return found


def adoptions_of(authority: Authority) -> QuerySet[Adoption]:
    return (
        Adoption.objects.filter(authority=authority)
        .select_related("service", "office", "processing_authority")
        .order_by("service__title", "-started_on")
    )


def services_built_by(authority_ids: Sequence[int] | set[int]) -> QuerySet[Service]:
    return Service.objects.filter(builder_id__in=authority_ids).select_related("builder")


@dataclass(frozen=True)
class RouteAnswer:
    service: ServiceRef
    area: str
    total: int
    resolutions: list[Resolution]


def routes(
    service: ServiceRef,
    area_key: str,
    *,
    offset: int = 0,
    limit: int = 100,
    index: RoutingIndex | None = None,
) -> RouteAnswer | None:
    """Routes of ``service`` for an area: a Gemeinde's 12-digit ARS or 8-digit AGS, or
    the key of a larger area (one route per responsible authority inside it).
    ``None`` when no current authority has that key."""
    index = index or routing_index()
    place = index.place(area_key) if len(area_key) in (8, 12) else None
    if place is not None:
        return RouteAnswer(service, place.ars, 1, [index.resolve(service, place)][offset:][:limit])
    authority = authority_by_key(area_key)
    if authority is None or authority.dissolved_on is not None:
        return None
    resolutions = index.resolve_area(service, authority.ars)
    return RouteAnswer(
        service, authority.ars, len(resolutions), resolutions[offset : offset + limit]
    )


def authority_ref(authority_id: int) -> AuthorityRef | None:
    return routing_index().authorities.get(authority_id)


def reachable(address: str) -> bool:
    """Whether a URL or e-mail address can lead anywhere: not when its host is under the
    top-level domain ``.invalid``, which RFC 2606 reserves for names that never resolve
    (the demo's made-up addresses use it). Such a link is never offered to citizens."""
    is_url = "://" in address
    host = (urlsplit(address).hostname or "") if is_url else address.rpartition("@")[2]
    labels = host.lower().rstrip(".").rsplit(".", 1)
    return labels[-1] != "invalid"


def local_fees(service_id: int, place_id: int) -> dict[str, Decimal]:
    """The amounts the responsible member set for ``service_id`` at the Gemeinde
    ``place_id`` (its running adoption's fees, by label); empty where none applies."""
    index = routing_index()
    service = index.services.get(service_id)
    place = index.authorities.get(place_id)
    if service is None or place is None:
        return {}
    adoption = index.resolve(service, place).adoption
    return {} if adoption is None else {label: Decimal(amount) for label, amount in adoption.fees}


def apply_url(resolution: Resolution, with_forms: set[int] | None = None) -> str:
    """Where "Online beantragen" leads for this resolution: the platform's own
    application when the service has a published form, else the shared online
    service; empty where the responsible authority does not offer it online, or
    where its online service is no reachable address."""
    if resolution.adoption is None or not resolution.adoption.online:
        return ""
    provider = online_application()
    if provider is not None:
        if with_forms is None:
            with_forms = provider.available([resolution.service.id])
        if resolution.service.id in with_forms:
            return provider.start_url(
                service_key=resolution.service.key, place_ars=resolution.place.ars
            )
    return resolution.online_url if reachable(resolution.online_url) else ""


@dataclass(frozen=True)
class PlaceOffer:
    """A published service as offered for one place."""

    service: ServiceRef
    resolution: Resolution
    apply_url: str


def place_services(place: AuthorityRef) -> list[PlaceOffer]:
    """The published services whose responsible authority offers them for ``place``."""
    index = routing_index()
    resolutions = [index.resolve(service, place) for service in index.services.values()]
    offered = [r for r in resolutions if r.adoption is not None]
    provider = online_application()
    with_forms = provider.available([r.service.id for r in offered]) if provider else set()
    return [PlaceOffer(r.service, r, apply_url(r, with_forms)) for r in offered]


def published_services() -> QuerySet[Service]:
    """Every published service of the catalogue, by title (public data)."""
    return Service.objects.filter(status=ServiceStatus.PUBLISHED).order_by("title")


def _summary(service: Service) -> ServiceSummary:
    return ServiceSummary(
        pk=service.pk,
        key=service.key,
        title=service.title,
        leika_key=service.leika_key,
        builder_id=service.builder_id,
        builder_name=service.builder.name,
        published=service.status == ServiceStatus.PUBLISHED,
    )


class CatalogueDirectory:
    """The networks' ``SERVICE_DIRECTORY``: the catalogue's services as the networks see
    them (agreements, the roadmap, development costs)."""

    def published(self, *, builder_id: int | None = None) -> list[ServiceSummary]:
        services = published_services().select_related("builder")
        if builder_id is not None:
            services = services.filter(builder_id=builder_id)
        return [_summary(s) for s in services]

    def services(self, ids: Collection[int]) -> dict[int, ServiceSummary]:
        found = Service.objects.filter(pk__in=list(ids)).select_related("builder")
        return {s.pk: _summary(s) for s in found}

    def adopters(
        self, service_ids: Collection[int], authority_ids: Collection[int], on: dt.date
    ) -> dict[int, set[int]]:
        adopters: dict[int, set[int]] = {pk: set() for pk in service_ids}
        for service_id, authority_id in Adoption.objects.filter(
            running_on(on), service_id__in=list(service_ids), authority_id__in=list(authority_ids)
        ).values_list("service_id", "authority_id"):
            adopters[service_id].add(authority_id)
        return adopters
