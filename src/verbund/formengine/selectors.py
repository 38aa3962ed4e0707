"""Reads on form definitions."""

from __future__ import annotations

from collections.abc import Iterable

from verbund.formengine.engine import Form, compile_form
from verbund.formengine.models import FormVersion, ServiceForm


def current_version(service_id: int) -> FormVersion | None:
    """The newest published version: what every adopter's citizens apply with."""
    return FormVersion.objects.filter(service_id=service_id).order_by("-number").first()


def versions(service_id: int) -> list[FormVersion]:
    return list(
        FormVersion.objects.filter(service_id=service_id)
        .select_related("published_by")
        .order_by("-number")
    )


def services_with_forms(service_ids: Iterable[int]) -> set[int]:
    """Which of these services can be applied for here (have a published form)."""
    return set(
        FormVersion.objects.filter(service_id__in=list(service_ids))
        .values_list("service_id", flat=True)
        .distinct()
    )


def service_form(service_id: int) -> ServiceForm | None:
    return ServiceForm.objects.filter(service_id=service_id).first()


def form_of(version: FormVersion) -> Form:
    """The compiled form of a published version (cached by its content)."""
    return compile_form(version.definition)
