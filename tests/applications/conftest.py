"""A small world for the application journey: Kreis Düren offers a Kreis-level
service with a published form; a citizen of Merzenich applies."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import (
    AdoptionFactory,
    FormVersionFactory,
    MembershipFactory,
    OfficeFactory,
    ServiceFactory,
)
from verbund.authorities.models import Authority
from verbund.catalogue.models import Level, Service
from verbund.formengine.models import FormVersion

MERZENICH, DUEREN = "053580040040", "05358"

FALSE_ERSTAUSGABE = {"properties": {"erstausgabe": {"const": False}}, "required": ["erstausgabe"]}
TRUE_ERSTAUSGABE = {"properties": {"erstausgabe": {"const": True}}, "required": ["erstausgabe"]}

DEFINITION: dict[str, Any] = {
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "erstausgabe": {"type": "boolean", "title": "Ist es das erste Kennzeichen?"},
            "nummer": {
                "type": "string",
                "title": "Nummer des Kennzeichens",
                "pattern": "^[A-Z]{1,3} [0-9]{1,5}$",
                "x-error": "Die Nummer sieht aus wie „DN 1234“.",
            },
            "name": {"type": "string", "title": "Ihr Name", "maxLength": 100},
            "anschrift": {"type": "object", "x-kind": "address", "title": "Ihre Anschrift"},
            "nachweis": {
                "type": "array",
                "x-kind": "file",
                "title": "Nachweis der Versicherung",
                "x-accept": ["application/pdf", "image/png"],
                "maxItems": 2,
            },
            "email": {"type": "string", "format": "email", "title": "Ihre E-Mail-Adresse"},
        },
        "required": ["erstausgabe", "nummer", "name", "anschrift", "nachweis", "email"],
    },
    "steps": [
        {"key": "erstausgabe", "title": "Ist es das erste Kennzeichen?", "fields": ["erstausgabe"]},
        {"key": "nummer", "title": "Nummer", "fields": ["nummer"], "when": FALSE_ERSTAUSGABE},
        {"key": "person", "title": "Angaben zu Ihnen", "fields": ["name", "anschrift"]},
        {"key": "nachweis", "title": "Nachweis der Versicherung", "fields": ["nachweis"]},
        {"key": "kontakt", "title": "Ihre E-Mail-Adresse", "fields": ["email"]},
    ],
    "fees": [
        {"label": "Erstausgabe", "amount": "25.00", "when": TRUE_ERSTAUSGABE},
        {"label": "Plakette", "amount": "10.00"},
    ],
    "contact": {"email": "email", "name": "name"},
}

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name: str = "Versicherung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class World:
    merzenich: Authority
    dueren: Authority
    service: Service
    version: FormVersion

    @property
    def start_url(self) -> str:
        return f"/antrag/neu/{self.service.key}/?ort={MERZENICH}"


@pytest.fixture
def world(demo_register: None) -> World:
    merzenich = Authority.objects.get(ars=MERZENICH)
    dueren = Authority.objects.get(ars=DUEREN)
    for authority in (merzenich, dueren):
        MembershipFactory(authority=authority, joined_on=dt.date(2024, 1, 1))
    service = ServiceFactory(
        builder=dueren, level=Level.KREIS, title="Reitkennzeichen beantragen", processing_days=10
    )
    office = OfficeFactory(authority=dueren, name="Untere Naturschutzbehörde")
    AdoptionFactory(
        service=service,
        authority=dueren,
        office=office,
        fees=[
            {"label": "Erstausgabe", "amount": "25.00"},
            {"label": "Plakette", "amount": "12.00"},
        ],
        online=True,
        started_on=dt.date(2025, 1, 1),
    )
    version = FormVersionFactory(service=service, number=1, definition=DEFINITION)
    return World(merzenich, dueren, service, version)
