"""Path converters of the portal: the three legal page kinds and an authority key."""

from __future__ import annotations

from django.urls import register_converter

from verbund.portal.models import LegalPageKind


class LegalPageKindConverter:
    """``impressum``, ``datenschutz`` or ``barrierefreiheit``; anything else is a 404."""

    regex = "|".join(LegalPageKind.values)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


class RegionalKeyConverter:
    """A significant Regionalschlüssel: 2 to 12 digits."""

    regex = r"[0-9]{2,12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(LegalPageKindConverter, "legal_kind")
register_converter(RegionalKeyConverter, "ars")
