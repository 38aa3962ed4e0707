"""Serializers of the good-practice API: query parameters in, practices out.

The answers are written by plain functions (``practice_summary_json``,
``practice_detail_json``); the serializer classes describe the same shapes for the
OpenAPI document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from verbund.api.pagination import MAX_PAGE, MAX_PAGE_SIZE
from verbund.authorities.models import AuthorityKind
from verbund.practices.models import LAENDER, CostPeriod, FieldOfAction, GoodPractice

SERVICE_KEY_PATTERN = r"^(?:99\d{12}|[a-z0-9]+(?:-[a-z0-9]+)*)$"


def _allowed(values: Any) -> str:
    return ", ".join(str(value) for value in values)


class PracticeQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """The query parameters of ``GET /api/v1/good-practices``; every error names its
    field in German."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=_(
            "Suchbegriffe: Jedes Wort muss in Titel, Kurzfassung, Ausgangslage, Lösung "
            "oder Ergebnissen vorkommen (Groß-/Kleinschreibung und Umlaute egal)."
        ),
        error_messages={"max_length": _("Höchstens 200 Zeichen.")},
    )
    field = serializers.ChoiceField(
        required=False,
        choices=FieldOfAction.choices,
        help_text=_("Handlungsfeld."),
        error_messages={
            "invalid_choice": format_lazy(
                _("Unbekanntes Handlungsfeld „{{input}}“. Erlaubt: {allowed}."),
                allowed=_allowed(FieldOfAction.values),
            )
        },
    )
    land = serializers.ChoiceField(
        required=False,
        choices=list(LAENDER.items()),
        help_text=_("Land: die ersten zwei Ziffern des Regionalschlüssels (01 bis 16)."),
        error_messages={
            "invalid_choice": _(
                "Unbekanntes Land „{input}“. Geben Sie die zwei Ziffern des Landes an, 01 bis 16."
            )
        },
    )
    kind = serializers.ChoiceField(
        required=False,
        choices=AuthorityKind.choices,
        help_text=_("Art der veröffentlichenden Behörde."),
        error_messages={
            "invalid_choice": format_lazy(
                _("Unbekannte Art der Behörde „{{input}}“. Erlaubt: {allowed}."),
                allowed=_allowed(AuthorityKind.values),
            )
        },
    )
    service = serializers.RegexField(
        SERVICE_KEY_PATTERN,
        required=False,
        max_length=60,
        help_text=_(
            "Schlüssel einer Leistung im Katalog (LeiKa-Schlüssel oder lokaler Schlüssel)."
        ),
        error_messages={
            "invalid": _(
                "Ein Leistungsschlüssel ist ein LeiKa-Schlüssel (14 Ziffern, beginnt mit 99) "
                "oder ein lokaler Schlüssel aus a–z, 0–9 und Bindestrich."
            ),
            "max_length": _("Ein Leistungsschlüssel hat höchstens 60 Zeichen."),
        },
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


class PracticeAuthoritySerializer(serializers.Serializer[Any]):
    ars = serializers.CharField(help_text=_("Regionalschlüssel, 2 bis 12 Ziffern."))
    ars12 = serializers.CharField()
    name = serializers.CharField()
    official_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=AuthorityKind.choices)
    land = serializers.CharField(help_text=_("Die ersten zwei Ziffern des Regionalschlüssels."))
    land_name = serializers.CharField()


class PracticeServiceSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text=_("LeiKa-Schlüssel, sonst lokaler Schlüssel."))
    title = serializers.CharField()
    url = serializers.URLField(help_text=_("Die API-Adresse der Leistung."))


class PracticeSummarySerializer(serializers.Serializer[GoodPractice]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    field = serializers.ChoiceField(choices=FieldOfAction.choices)
    field_label = serializers.CharField()
    authority = PracticeAuthoritySerializer()
    service = PracticeServiceSerializer(allow_null=True)
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    url = serializers.URLField(help_text=_("Die API-Adresse dieses Beispiels."))
    page_url = serializers.URLField(help_text=_("Die öffentliche Seite dieses Beispiels."))


class PracticePageSerializer(serializers.Serializer[dict[str, Any]]):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PracticeSummarySerializer(many=True)


class PracticeCostSerializer(serializers.Serializer[Any]):
    text = serializers.CharField()
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        help_text=_("Betrag in Euro, als Zeichenkette mit Punkt („12500.00“)."),
    )
    period = serializers.ChoiceField(
        choices=CostPeriod.choices, allow_null=True, help_text=_("Zeitraum des Betrags.")
    )


class PracticeContactSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()


class PracticeNetworkPartSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    network = serializers.CharField(help_text=_("Name des Verbunds."))


class PracticeDetailSerializer(PracticeSummarySerializer):
    problem = serializers.CharField()
    solution = serializers.CharField()
    results = serializers.CharField()
    cost = PracticeCostSerializer()
    contact = PracticeContactSerializer()
    project_group = PracticeNetworkPartSerializer(allow_null=True)
    roadmap_item = PracticeNetworkPartSerializer(allow_null=True)
    proposed_in_survey = serializers.CharField(
        allow_null=True,
        help_text=_("Titel der Umfrage, in deren Antwort das Beispiel vorgeschlagen wurde."),
    )


def _authority_json(practice: GoodPractice) -> dict[str, Any]:
    authority = practice.authority
    return {
        "ars": authority.ars,
        "ars12": authority.ars12,
        "name": authority.name,
        "official_name": authority.official_name,
        "kind": authority.kind,
        "land": authority.ars[:2],
        "land_name": LAENDER.get(authority.ars[:2], ""),
    }


@dataclass(frozen=True)
class Addresses:
    """What every answer of one request shares: the absolute addresses the practices'
    own are built on (the API list, the public list, the services of the API) and the
    labels of the fields of action in the request's language."""

    api: str  # + "/<id>"
    page: str  # + "<id>/"
    services: str  # + "/<key>"
    field_labels: dict[str, str]


def practice_summary_json(practice: GoodPractice, at: Addresses) -> dict[str, Any]:
    service = practice.service
    return {
        "id": practice.pk,
        "title": practice.title,
        "summary": practice.summary,
        "field": practice.field_of_action,
        "field_label": at.field_labels.get(practice.field_of_action, practice.field_of_action),
        "authority": _authority_json(practice),
        "service": {
            "key": service.key,
            "title": service.title,
            "url": f"{at.services}/{service.key}",
        }
        if service is not None and service.is_published
        else None,
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
        "updated_at": practice.updated_at.isoformat(),
        "url": f"{at.api}/{practice.pk}",
        "page_url": f"{at.page}{practice.pk}/",
    }


def practice_detail_json(practice: GoodPractice, at: Addresses) -> dict[str, Any]:
    group, item, source = practice.project_group, practice.roadmap_item, practice.source_recipient
    return {
        **practice_summary_json(practice, at),
        "problem": practice.problem,
        "solution": practice.solution,
        "results": practice.results,
        "cost": {
            "text": practice.cost_text,
            "amount": None if practice.cost_amount is None else f"{practice.cost_amount:.2f}",
            "period": practice.cost_period or None,
        },
        "contact": {
            "name": practice.contact_name,
            "email": practice.contact_email,
            "phone": practice.contact_phone,
        },
        "project_group": None
        if group is None
        else {"name": group.name, "network": group.network.name},
        "roadmap_item": None
        if item is None
        else {"name": item.title, "network": item.network.name},
        "proposed_in_survey": None if source is None else source.survey.title,
    }
