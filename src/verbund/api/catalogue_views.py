"""Catalogue API views: services and routes. Thin: validate, ask a selector, shape."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from verbund.api.catalogue_serializers import (
    LEIKA_PATTERN,
    SLUG_PATTERN,
    RouteQuerySerializer,
    RouteResultSerializer,
    ServiceDetailSerializer,
    ServicePageSerializer,
    ServiceQuerySerializer,
    authority_json,
    route_json,
    service_detail_json,
    service_summary_json,
)
from verbund.api.pagination import DEFAULT_PAGE_SIZE, page_links
from verbund.catalogue.selectors import (
    published_service,
    routes,
    routing_index,
    running_adoptions,
    service_search,
)
from verbund.networks.selectors import network_by_slug


class ServiceList(APIView):
    """Published services of the shared catalogue, searchable as citizens type."""

    authentication_classes: list[type] = []

    @extend_schema(
        operation_id="services_list",
        parameters=[ServiceQuerySerializer],
        responses=ServicePageSerializer,
        summary="Find services (Leistungen)",
        tags=["services"],
    )
    def get(self, request: Request) -> Response:
        params = ServiceQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        network = None
        if data.get("network"):
            network = network_by_slug(data["network"])
            if network is None:
                raise ValidationError({"network": [_("Diesen Verbund gibt es nicht.")]})
        number = data.get("page", 1)
        size = data.get("page_size", DEFAULT_PAGE_SIZE)
        page = service_search(
            q=data.get("q", ""),
            themenfeld=data.get("themenfeld"),
            level=data.get("level"),
            online=data.get("online"),
            network=network,
            limit=size,
            offset=(number - 1) * size,
        )
        if number > 1 and not page.services:
            raise NotFound(_("Diese Seite gibt es nicht."))
        authorities = routing_index().authorities
        response = Response(
            {
                "count": page.count,
                **page_links(request, number, size, page.count),
                "results": [
                    service_summary_json(s, authorities.get(s.builder_id)) for s in page.services
                ],
            }
        )
        patch_cache_control(response, public=True, max_age=60)
        return response


class ServiceDetail(APIView):
    authentication_classes: list[type] = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "key",
                str,
                OpenApiParameter.PATH,
                description="LeiKa key (14 digits, starting with 99) or the local key.",
            )
        ],
        responses=ServiceDetailSerializer,
        summary="One service with its description and who uses it",
        tags=["services"],
    )
    def get(self, request: Request, key: str) -> Response:
        if key.isdigit():
            if not re.match(LEIKA_PATTERN, key):
                raise ValidationError(
                    {"leika_key": [_("Ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99.")]}
                )
        elif not re.match(SLUG_PATTERN, key) or len(key) > 60:
            raise ValidationError(
                {"key": [_("Geben Sie einen LeiKa-Schlüssel oder einen lokalen Schlüssel an.")]}
            )
        service = published_service(key)
        if service is None:
            raise NotFound(_("Keine veröffentlichte Leistung hat diesen Schlüssel."))
        index = routing_index()
        adoptions = [
            {
                "authority": authority_json(index.authorities[a.authority_id])
                if a.authority_id in index.authorities
                else {
                    "ars": a.authority.ars,
                    "ars12": a.authority.ars12,
                    "name": a.authority.name,
                    "kind": a.authority.kind,
                    "onPlatform": True,
                },
                "since": a.started_on.isoformat(),
                "online": a.online,
            }
            for a in running_adoptions(service)
        ]
        body = service_detail_json(service, index.authorities.get(service.builder_id), adoptions)
        return Response(body)


def _legal_urls(request: Request, ars: str) -> dict[str, str]:
    return {
        kind: request.build_absolute_uri(
            reverse("portal:member_legal", kwargs={"ars": ars, "kind": kind})
        )
        for kind in ("impressum", "datenschutz", "barrierefreiheit")
    }


class RouteList(APIView):
    """Who handles a service for a place: FIT-Connect routing plus responsibility."""

    authentication_classes: list[type] = []

    @extend_schema(
        parameters=[RouteQuerySerializer],
        responses=RouteResultSerializer,
        summary="Routes of a service for an area (FIT-Connect Routing API shape)",
        tags=["routes"],
    )
    def get(self, request: Request) -> Response:
        params = RouteQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        index = routing_index()
        key = data.get("leikaKey") or data["service"]
        service = index.service(key)
        if service is None:
            raise NotFound(_("Keine veröffentlichte Leistung hat diesen Schlüssel."))
        area = data.get("ars") or data["ags"]
        answer = routes(service, area, offset=data["offset"], limit=data["limit"], index=index)
        if answer is None:
            raise NotFound(_("Kein Ort und kein Gebiet hat diesen Schlüssel."))
        body: dict[str, Any] = {
            "count": len(answer.resolutions),
            "offset": data["offset"],
            "totalCount": answer.total,
            "routes": [
                route_json(
                    r,
                    _legal_urls(request, r.responsible.ars) if r.responsible.on_platform else None,
                )
                for r in answer.resolutions
            ],
        }
        response = Response(body)
        patch_cache_control(response, public=True, max_age=60)
        return response
