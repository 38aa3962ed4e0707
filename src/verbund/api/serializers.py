"""Serializers of the public API: query parameters in, places out."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from verbund.authorities.models import Authority, AuthorityKind


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
    page = serializers.IntegerField(required=False, min_value=1, help_text=_("Seite, ab 1."))
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=100, help_text=_("Treffer je Seite (1–100).")
    )


class ParentSerializer(serializers.ModelSerializer[Authority]):
    class Meta:
        model = Authority
        fields = ["ars", "name", "kind"]


class PlaceSerializer(serializers.ModelSerializer[Authority]):
    ars12 = serializers.CharField(
        read_only=True, help_text=_("Der Schlüssel, mit Nullen auf 12 Stellen aufgefüllt.")
    )
    kind_label = serializers.CharField(read_only=True)
    parent = ParentSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Authority
        fields = [
            "ars",
            "ars12",
            "ags",
            "name",
            "kind",
            "kind_label",
            "textkennzeichen",
            "seat",
            "parent",
            "population",
            "area_ha",
            "postcode",
            "postcode_unique",
            "gebietsstand",
            "dissolved_on",
        ]
        read_only_fields = fields


class PlaceDetailSerializer(PlaceSerializer):
    parents = serializers.SerializerMethodField(
        help_text=_(
            "Die übergeordneten Gebietskörperschaften vom Land bis zur direkt übergeordneten."
        )
    )

    class Meta(PlaceSerializer.Meta):
        fields = [*PlaceSerializer.Meta.fields, "parents"]
        read_only_fields = fields

    def get_parents(self, obj: Authority) -> list[dict[str, Any]]:
        chain = self.context.get("parents", [])
        return ParentSerializer(chain, many=True).data  # type: ignore[return-value]
