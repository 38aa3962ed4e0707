"""Public API views. Thin: validate the query, ask a selector, serialize."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from verbund.api.serializers import PlaceDetailSerializer, PlaceQuerySerializer, PlaceSerializer
from verbund.authorities.models import Authority
from verbund.authorities.selectors import authority_by_key, parent_chain, place_search

_KEY = re.compile(r"^\d{2,12}$")


@extend_schema(
    parameters=[PlaceQuerySerializer],
    summary="Find authorities (Gebietskörperschaften)",
    tags=["places"],
)
class PlaceList(ListAPIView[Authority]):
    """Authorities by name prefix, postcode or Regionalschlüssel, best matches first."""

    serializer_class = PlaceSerializer
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[Authority]:
        params = PlaceQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return place_search(
            q=data.get("q"),
            kind=data.get("kind"),
            ars=data.get("ars"),
            postcode=data.get("postcode"),
            include_dissolved=data["dissolved"],
        )


@extend_schema(
    parameters=[
        OpenApiParameter(
            "ars",
            str,
            OpenApiParameter.PATH,
            description="Significant key (2–12 digits) or the 12-digit ARS padded with zeros.",
        )
    ],
    summary="One authority with its parent chain",
    tags=["places"],
)
class PlaceDetail(RetrieveAPIView[Authority]):
    serializer_class = PlaceDetailSerializer
    authentication_classes: list[type] = []

    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        key = str(self.kwargs["ars"])
        if not _KEY.match(key):
            raise ValidationError({"ars": [_("Geben Sie 2 bis 12 Ziffern ein.")]})
        place = authority_by_key(key)
        if place is None:
            raise NotFound(_("Keine Gebietskörperschaft hat diesen Regionalschlüssel."))
        context = {**self.get_serializer_context(), "parents": parent_chain(place)}
        return Response(self.get_serializer(place, context=context).data)
