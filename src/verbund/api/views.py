"""Public API views. Thin: validate the query, ask a selector, shape the answer."""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import urlencode

from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from verbund.api.pagination import DEFAULT_PAGE_SIZE, page_links
from verbund.api.serializers import (
    PlaceDetailSerializer,
    PlacePageSerializer,
    PlaceQuerySerializer,
    place_json,
)
from verbund.authorities.cache import places_cache, places_cache_seconds
from verbund.authorities.selectors import authority_by_key, parent_chain, place_search

_KEY = re.compile(r"^\d{2,12}$")


class PlaceList(APIView):
    """Authorities by name prefix, postcode or Regionalschlüssel, best matches first."""

    authentication_classes: list[type] = []

    @extend_schema(
        operation_id="places_list",
        parameters=[PlaceQuerySerializer],
        responses=PlacePageSerializer,
        summary="Find authorities (Gebietskörperschaften)",
        tags=["places"],
    )
    def get(self, request: Request) -> Response:
        # The answer depends on the query, the language (labels) and the host
        # (absolute links); only successful answers are kept. The key is a digest:
        # a query may be longer than, or contain characters that, a cache key allows.
        key = hashlib.sha256(
            "|".join(
                (
                    get_language() or "",
                    request.get_host(),
                    urlencode(sorted(request.query_params.lists()), doseq=True),
                )
            ).encode()
        ).hexdigest()
        seconds = places_cache_seconds()
        body = places_cache().get(key) if seconds else None
        if body is None:
            body = self._answer(request)
            if seconds:
                places_cache().set(key, body, seconds)
        response = Response(body)
        patch_cache_control(response, public=True, max_age=60)
        return response

    def _answer(self, request: Request) -> dict[str, Any]:
        params = PlaceQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        number = data.get("page", 1)
        size = data.get("page_size", DEFAULT_PAGE_SIZE)
        page = place_search(
            q=data.get("q"),
            kind=data.get("kind"),
            ars=data.get("ars"),
            postcode=data.get("postcode"),
            include_dissolved=data["dissolved"],
            limit=size,
            offset=(number - 1) * size,
        )
        if number > 1 and not page.places:
            raise NotFound(_("Diese Seite gibt es nicht."))
        return {
            "count": page.count,
            **page_links(request, number, size, page.count),
            "results": [place_json(place) for place in page.places],
        }


class PlaceDetail(APIView):
    authentication_classes: list[type] = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "ars",
                str,
                OpenApiParameter.PATH,
                description="Significant key (2–12 digits) or the 12-digit ARS padded with zeros.",
            )
        ],
        responses=PlaceDetailSerializer,
        summary="One authority with its parent chain",
        tags=["places"],
    )
    def get(self, request: Request, ars: str) -> Response:
        if not _KEY.match(ars):
            raise ValidationError({"ars": [_("Geben Sie 2 bis 12 Ziffern ein.")]})
        place = authority_by_key(ars)
        if place is None:
            raise NotFound(_("Keine Gebietskörperschaft hat diesen Regionalschlüssel."))
        serializer = PlaceDetailSerializer(place, context={"parents": parent_chain(place)})
        return Response(serializer.data)
