"""Serializers of the catalogue API: query parameters in, services and routes out.

The answers are written by plain functions (``service_json``, ``route_json``);
the serializer classes describe the same shapes for the OpenAPI document.
``/routes`` follows the FIT-Connect Routing API (``count``, ``offset``,
``totalCount``, ``routes[]`` with camelCase fields) and adds ``responsible`` and
``processing``.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from verbund.api.pagination import MAX_PAGE_SIZE
from verbund.catalogue.models import SECTIONS, Level, Service, Themenfeld
from verbund.catalogue.selectors import AuthorityRef, Resolution, ServiceRef

LEIKA_PATTERN = r"^99\d{12}$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ROUTES = 500


class ServiceQuerySerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=_("Suchbegriffe, wie Bürgerinnen und Bürger sie eingeben."),
    )
    themenfeld = serializers.ChoiceField(required=False, choices=Themenfeld.choices)
    level = serializers.ChoiceField(required=False, choices=Level.choices)
    online = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Nur Leistungen, die mindestens ein Mitglied online anbietet (oder keine)."),
    )
    network = serializers.SlugField(
        required=False, help_text=_("Kurzname eines Verbunds: Leistungen seiner Mitglieder.")
    )
    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)


class RouteQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """Exactly one service (``leikaKey`` or ``service``) and one area (``ars`` or ``ags``)."""

    leikaKey = serializers.RegexField(
        LEIKA_PATTERN,
        required=False,
        help_text=_("LeiKa-Schlüssel der Leistung: 14 Ziffern, beginnt mit 99."),
        error_messages={"invalid": _("Ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99.")},
    )
    service = serializers.RegexField(
        SLUG_PATTERN,
        required=False,
        max_length=60,
        help_text=_("Lokaler Schlüssel einer Leistung ohne LeiKa-Schlüssel."),
        error_messages={
            "invalid": _("Ein lokaler Schlüssel besteht aus a–z, 0–9 und Bindestrich.")
        },
    )
    ars = serializers.RegexField(
        r"^(\d{2}|\d{3}|\d{5}|\d{9}|\d{12})$",
        required=False,
        help_text=_("Regionalschlüssel des Gebiets: 2, 3, 5, 9 oder 12 Ziffern."),
        error_messages={"invalid": _("Ein Regionalschlüssel hat 2, 3, 5, 9 oder 12 Ziffern.")},
    )
    ags = serializers.RegexField(
        r"^(\d{2}|\d{3}|\d{5}|\d{8})$",
        required=False,
        help_text=_("Amtlicher Gemeindeschlüssel: 2, 3, 5 oder 8 Ziffern."),
        error_messages={"invalid": _("Ein Gemeindeschlüssel hat 2, 3, 5 oder 8 Ziffern.")},
    )
    offset = serializers.IntegerField(required=False, min_value=0, default=0)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ROUTES, default=100)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("leikaKey" in attrs) == ("service" in attrs):
            raise serializers.ValidationError(
                {"leikaKey": [_("Geben Sie genau eines an: leikaKey oder service.")]}
            )
        if ("ars" in attrs) == ("ags" in attrs):
            raise serializers.ValidationError(
                {"ars": [_("Geben Sie genau ein Gebiet an: ars oder ags.")]}
            )
        return attrs


class AuthorityRefSerializer(serializers.Serializer[AuthorityRef]):
    ars = serializers.CharField(help_text=_("Regionalschlüssel, 2 bis 12 Ziffern."))
    ars12 = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    onPlatform = serializers.BooleanField(
        help_text=_("Ob die Behörde Mitglied eines Verbunds auf dieser Plattform ist.")
    )


def authority_json(ref: AuthorityRef) -> dict[str, Any]:
    return {
        "ars": ref.ars,
        "ars12": ref.ars12,
        "name": ref.name,
        "kind": ref.kind,
        "onPlatform": ref.on_platform,
    }


class ServiceSummarySerializer(serializers.Serializer[ServiceRef]):
    key = serializers.CharField(help_text=_("LeiKa-Schlüssel, sonst lokaler Schlüssel."))
    leika_key = serializers.CharField(allow_null=True)
    slug = serializers.CharField()
    title = serializers.CharField()
    themenfeld = serializers.ChoiceField(choices=Themenfeld.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    maturity = serializers.IntegerField(min_value=0, max_value=7)
    information_only = serializers.BooleanField()
    builder = AuthorityRefSerializer()


class ServicePageSerializer(serializers.Serializer[dict[str, Any]]):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ServiceSummarySerializer(many=True)


def service_summary_json(service: ServiceRef, builder: AuthorityRef | None) -> dict[str, Any]:
    return {
        "key": service.key,
        "leika_key": service.leika_key,
        "slug": service.slug,
        "title": service.title,
        "themenfeld": service.themenfeld,
        "level": service.level,
        "maturity": service.maturity,
        "information_only": not service.online_url,
        "builder": None if builder is None else authority_json(builder),
    }


class SectionSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    heading = serializers.CharField()
    text = serializers.CharField()


class AdoptionSummarySerializer(serializers.Serializer[Any]):
    authority = AuthorityRefSerializer()
    since = serializers.DateField()
    online = serializers.BooleanField()


class ServiceDetailSerializer(ServiceSummarySerializer):
    ozg_id = serializers.IntegerField(allow_null=True)
    urn = serializers.CharField(allow_null=True, help_text="urn:de:fim:leika:leistung:<key>")
    summary = serializers.CharField()
    sections = SectionSerializer(many=True)
    synonyms = serializers.ListField(child=serializers.CharField())
    processing_days = serializers.IntegerField(allow_null=True)
    online_url = serializers.CharField()
    published_at = serializers.DateTimeField()
    adoptions = AdoptionSummarySerializer(many=True)


def service_detail_json(
    service: Service, builder: AuthorityRef | None, adoptions: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "key": service.key,
        "leika_key": service.leika_key,
        "slug": service.slug,
        "title": service.title,
        "themenfeld": service.themenfeld,
        "level": service.level,
        "maturity": service.maturity,
        "information_only": service.is_information_only,
        "builder": None if builder is None else authority_json(builder),
        "ozg_id": service.ozg_id,
        "urn": f"urn:de:fim:leika:leistung:{service.leika_key}" if service.leika_key else None,
        "summary": service.summary,
        "sections": [
            {"field": name, "heading": str(heading), "text": getattr(service, name)}
            for name, heading in SECTIONS
            if getattr(service, name)
        ],
        "synonyms": list(service.synonyms),
        "processing_days": service.processing_days,
        "online_url": service.online_url,
        "published_at": service.published_at.isoformat() if service.published_at else None,
        "adoptions": adoptions,
    }


# -- routes (FIT-Connect shape) ------------------------------------------------------

_HOUSE_NUMBER = re.compile(
    r"^(?P<street>.*?)\s+(?P<number>\d+\s*[a-zA-Z]?(?:\s*[-–]\s*\d+\s*[a-zA-Z]?)?)$"
)


def split_street(line: str) -> tuple[str, str]:
    """ "Rathausplatz 1a" → ("Rathausplatz", "1a")."""
    match = _HOUSE_NUMBER.match(line.strip())
    if match is None:
        return line.strip(), ""
    return match["street"], match["number"]


class AddressSerializer(serializers.Serializer[Any]):
    street = serializers.CharField()
    houseNumber = serializers.CharField()
    zip = serializers.CharField()
    city = serializers.CharField()


class ContactSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    tel = serializers.CharField()
    email = serializers.CharField()


class DescriptionSerializer(serializers.Serializer[Any]):
    description = serializers.DictField(child=serializers.CharField())


class DurationSerializer(serializers.Serializer[Any]):
    maxDuration = serializers.IntegerField()
    unit = serializers.CharField()


class FeeSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]  # the answer's field name
    amount = serializers.CharField(help_text=_("Euro mit zwei Nachkommastellen, z. B. 16.80."))


class RouteSerializer(serializers.Serializer[Resolution]):
    destinationId = serializers.CharField(
        allow_null=True,
        help_text=_("FIT-Connect-Zustellpunkt, sobald einer hinterlegt ist; sonst null."),
    )
    destinationSignature = serializers.CharField(allow_null=True)
    destinationName = serializers.CharField()
    destinationShortName = serializers.CharField()
    address = AddressSerializer(allow_null=True)
    contactPersons = ContactSerializer(many=True)
    requiredDocuments = DescriptionSerializer(allow_null=True)
    legalBasis = DescriptionSerializer(allow_null=True)
    deadline = DescriptionSerializer(allow_null=True)
    processingDuration = DurationSerializer(allow_null=True)
    privacyPolicyUrl = serializers.URLField(allow_null=True)
    imprintUrl = serializers.URLField(allow_null=True)
    accessibilityUrl = serializers.URLField(allow_null=True)
    onlineServiceUrl = serializers.URLField(
        allow_null=True, help_text=_("Wo der Antrag für diesen Ort online gestellt wird.")
    )
    fees = FeeSerializer(many=True)
    openingHours = serializers.CharField()
    buildingAccessibility = serializers.CharField()
    place = AuthorityRefSerializer(help_text=_("Die Gemeinde, für die diese Route gilt."))
    responsible = AuthorityRefSerializer(help_text=_("Die zuständige Behörde."))
    processing = AuthorityRefSerializer(
        help_text=_(
            "Die Behörde, die die Fälle bearbeitet (bei einer Vereinbarung ein anderes Mitglied)."
        )
    )
    byException = serializers.BooleanField(
        help_text=_("Zuständig nach einer Ausnahme statt nach der Ebene der Leistung.")
    )
    origin = serializers.CharField()


class RouteResultSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    offset = serializers.IntegerField()
    totalCount = serializers.IntegerField()
    routes = RouteSerializer(many=True)


def _described(text: str) -> dict[str, dict[str, str]] | None:
    return {"description": {"de": text}} if text else None


def route_json(resolution: Resolution, legal_urls: dict[str, str] | None) -> dict[str, Any]:
    """One route. ``legal_urls`` are the responsible member's legal pages (``None`` when
    it is not on the platform)."""
    service = resolution.service
    adoption = resolution.adoption
    office = adoption.office if adoption is not None else None
    responsible = resolution.responsible
    if office is not None:
        street, number = split_street(office.street)
        address = {
            "street": street,
            "houseNumber": number,
            "zip": office.postcode,
            "city": office.city,
        }
        contacts = [{"name": office.name, "tel": office.phone, "email": office.email}]
        name = f"{responsible.name} – {office.name}"
        short = office.name
    else:
        address, contacts, name, short = None, [], responsible.name, responsible.name
    legal = legal_urls or {}
    return {
        "destinationId": None,
        "destinationSignature": None,
        "destinationName": name,
        "destinationShortName": short,
        "address": address,
        "contactPersons": contacts,
        "requiredDocuments": _described(service.unterlagen),
        "legalBasis": _described(service.rechtsgrundlagen),
        "deadline": _described(service.fristen),
        "processingDuration": None
        if service.processing_days is None
        else {"maxDuration": service.processing_days, "unit": "workday"},
        "privacyPolicyUrl": legal.get("datenschutz"),
        "imprintUrl": legal.get("impressum"),
        "accessibilityUrl": legal.get("barrierefreiheit"),
        "onlineServiceUrl": resolution.online_url or None,
        "fees": []
        if adoption is None
        else [{"label": label, "amount": amount} for label, amount in adoption.fees],
        "openingHours": office.opening_hours if office else "",
        "buildingAccessibility": office.accessibility if office else "",
        "place": authority_json(resolution.place),
        "responsible": authority_json(responsible),
        "processing": authority_json(resolution.processing),
        "byException": resolution.by_exception,
        "origin": "Verbund",
    }
