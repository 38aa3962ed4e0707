"""Good-practice API views: the search and one practice. Anonymous and read-only; they
see published practices only (``practices.selectors``). Thin: validate, ask a
selector, shape.

A search's answer is kept with the worker's search index (``practices.selectors.
remembered``) under the request's language, address and query: asked again before
anything changed, it costs one read of the change counters."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from verbund.api.pagination import DEFAULT_PAGE_SIZE, page_links
from verbund.api.practice_serializers import (
    Addresses,
    PracticeDetailSerializer,
    PracticePageSerializer,
    PracticeQuerySerializer,
    practice_detail_json,
    practice_summary_json,
)
from verbund.practices.models import FieldOfAction
from verbund.practices.selectors import (
    practice_search,
    published_practice,
    remembered,
    service_for_filter,
)

_NUMBER = re.compile(r"^[0-9]{1,18}$")


def _addresses(request: Request) -> Addresses:
    return Addresses(
        api=request.build_absolute_uri(reverse("api:good-practices")),
        page=request.build_absolute_uri(reverse("practices:practices")),
        services=request.build_absolute_uri(reverse("api:services")),
        field_labels={value: str(label) for value, label in FieldOfAction.choices},
    )


class PracticeList(APIView):
    """Published good practices of authorities, newest first, searchable and filtered."""

    authentication_classes: list[type] = []

    @extend_schema(
        operation_id="good_practices_list",
        parameters=[PracticeQuerySerializer],
        responses=PracticePageSerializer,
        summary="Find good practices (gute Beispiele) of authorities",
        description=(
            "Published practices only, newest first. `q`: every word must occur in the "
            "title, summary, problem, solution or results (case, accents and umlauts do not "
            "matter). Filters: `field` (field of action), `land` (two digits of the "
            "Regionalschlüssel), `kind` (kind of the publishing authority), `service` (key "
            "of a published catalogue service). A bad value answers 400 naming the "
            "parameter; a page past the end 404."
        ),
        tags=["good-practices"],
    )
    def get(self, request: Request) -> Response:
        key = (
            "api",
            get_language(),
            request.build_absolute_uri("/"),
            tuple(sorted((name, tuple(values)) for name, values in request.query_params.lists())),
        )
        # Only answers are kept: a refusal (400, 404) is raised before.
        body = remembered(key, lambda: self._answer(request))
        response = Response(body)
        patch_cache_control(response, public=True, max_age=60)
        return response

    def _answer(self, request: Request) -> dict[str, Any]:
        params = PracticeQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        service = None
        if data.get("service"):
            service = service_for_filter(data["service"])
            if service is None:
                raise ValidationError(
                    {"service": [_("Keine veröffentlichte Leistung hat diesen Schlüssel.")]}
                )
        number = data.get("page", 1)
        size = data.get("page_size", DEFAULT_PAGE_SIZE)
        page = practice_search(
            q=data.get("q", ""),
            field_of_action=data.get("field"),
            land=data.get("land"),
            kind=data.get("kind"),
            service=service,
            limit=size,
            offset=(number - 1) * size,
        )
        if number > 1 and not page.practices:
            raise NotFound(_("Diese Seite gibt es nicht."))
        at = _addresses(request)
        return {
            "count": page.count,
            **page_links(request, number, size, page.count),
            "results": [practice_summary_json(p, at) for p in page.practices],
        }


class PracticeDetail(APIView):
    """One published good practice in full."""

    authentication_classes: list[type] = []

    @extend_schema(
        operation_id="good_practices_retrieve",
        parameters=[
            OpenApiParameter(
                "id", int, OpenApiParameter.PATH, description="The practice's number (`id`)."
            )
        ],
        responses=PracticeDetailSerializer,
        summary="One good practice with problem, solution, results, cost and contact",
        tags=["good-practices"],
    )
    def get(self, request: Request, pk: str) -> Response:
        practice = published_practice(int(pk)) if _NUMBER.match(pk) else None
        if practice is None:
            raise NotFound(_("Kein veröffentlichtes gutes Beispiel hat diese Nummer."))
        response = Response(practice_detail_json(practice, _addresses(request)))
        patch_cache_control(response, public=True, max_age=60)
        return response
