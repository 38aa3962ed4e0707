"""Serializers of the public API: query parameters in, places out."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from verbund.api.pagination import MAX_PAGE, MAX_PAGE_SIZE
from verbund.authorities.models import Authority, AuthorityKind
from verbund.authorities.selectors import Place


class PlaceQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """The query parameters of ``GET /api/v1/places``; every error names its field."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        trim_whitespace=True,
        help_text=_(
            "Anfang eines Namens (Groß-/Kleinschreibung, Akzente und Umlaute egal) "
            "oder Ziffern: Anfang einer Postleitzahl oder eines Regionalschlüssels."
        ),
    )
    kind = serializers.ChoiceField(
        required=False, choices=AuthorityKind.choices, help_text=_("Art der Gebietskörperschaft.")
    )
    ars = serializers.RegexField(
        r"^\d{1,12}$",
        required=False,
        help_text=_("Anfang des Regionalschlüssels (1 bis 12 Ziffern)."),
        error_messages={"invalid": _("Geben Sie 1 bis 12 Ziffern ein.")},
    )
    postcode = serializers.RegexField(
        r"^\d{1,5}$",
        required=False,
        help_text=_("Anfang der Postleitzahl (1 bis 5 Ziffern)."),
        error_messages={"invalid": _("Geben Sie 1 bis 5 Ziffern ein.")},
    )
    dissolved = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Auch Gebietskörperschaften zeigen, die ein neueres Verzeichnis nicht mehr führt."
        ),
    )
    page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE, help_text=_("Seite, ab 1.")
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=_("Treffer je Seite (1–100)."),
    )


class ParentSerializer(serializers.Serializer[Authority]):
    ars = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=AuthorityKind.choices, read_only=True)


class PlaceSerializer(serializers.Serializer[Authority]):
    """One authority (the detail answer; search hits have the same shape, see ``place_json``)."""

    ars = serializers.CharField(read_only=True, help_text=_("Regionalschlüssel, 2 bis 12 Ziffern."))
    ars12 = serializers.CharField(
        read_only=True, help_text=_("Der Schlüssel, mit Nullen auf 12 Stellen aufgefüllt.")
    )
    ags = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=AuthorityKind.choices, read_only=True)
    kind_label = serializers.CharField(read_only=True)
    textkennzeichen = serializers.CharField(read_only=True)
    seat = serializers.CharField(read_only=True)
    parent = ParentSerializer(read_only=True, allow_null=True)
    population = serializers.IntegerField(read_only=True, allow_null=True)
    area_ha = serializers.IntegerField(read_only=True, allow_null=True)
    postcode = serializers.CharField(read_only=True)
    postcode_unique = serializers.BooleanField(read_only=True)
    gebietsstand = serializers.DateField(read_only=True)
    dissolved_on = serializers.DateField(read_only=True, allow_null=True)


class PlacePageSerializer(serializers.Serializer[dict[str, Any]]):
    """The shape of a page of places (documentation; ``place_json`` writes it)."""

    count = serializers.IntegerField(help_text=_("Zahl aller Treffer."))
    next = serializers.URLField(allow_null=True, help_text=_("Die nächste Seite."))
    previous = serializers.URLField(allow_null=True, help_text=_("Die vorige Seite."))
    results = PlaceSerializer(many=True)


def place_json(place: Place) -> dict[str, Any]:
    """A search hit as :class:`PlaceSerializer` describes it, without DRF's per-field
    machinery (the place picker asks on every keystroke)."""
    return {
        "ars": place.ars,
        "ars12": place.ars12,
        "ags": place.ags,
        "name": place.name,
        "kind": place.kind,
        "kind_label": place.kind_label,
        "textkennzeichen": place.textkennzeichen,
        "seat": place.seat,
        "parent": None
        if place.parent is None
        else {"ars": place.parent.ars, "name": place.parent.name, "kind": place.parent.kind},
        "population": place.population,
        "area_ha": place.area_ha,
        "postcode": place.postcode,
        "postcode_unique": place.postcode_unique,
        "gebietsstand": place.gebietsstand.isoformat(),
        "dissolved_on": None if place.dissolved_on is None else place.dissolved_on.isoformat(),
    }


class PlaceDetailSerializer(PlaceSerializer):
    parents = serializers.SerializerMethodField(
        help_text=_(
            "Die übergeordneten Gebietskörperschaften vom Land bis zur direkt übergeordneten."
        )
    )

    def get_parents(self, obj: Authority) -> list[dict[str, Any]]:
        chain = self.context.get("parents", [])
        return ParentSerializer(chain, many=True).data  # type: ignore[return-value]
