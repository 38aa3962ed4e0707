"""Form definitions of services: the editable draft and the published versions.

A service's builder edits one draft definition (:class:`ServiceForm`) and
publishes it as a numbered :class:`FormVersion`. Published versions never
change: drafts and submissions point at the exact version they were made with,
and every adopter's citizens apply with the newest one. See ``docs/forms.md``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceForm(models.Model):
    """The builder's working copy of a service's form definition."""

    service = models.OneToOneField(
        "catalogue.Service",
        on_delete=models.CASCADE,
        related_name="form",
        verbose_name=_("Leistung"),
    )
    # The builder of the service: the authority whose admins edit the form.
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Behörde"),
    )
    draft = models.JSONField(_("Entwurf"), default=dict)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Formular")
        verbose_name_plural = _("Formulare")

    def __str__(self) -> str:
        return str(self.service)


class FormVersion(models.Model):
    """A published, immutable version of a service's form definition."""

    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="form_versions",
        verbose_name=_("Leistung"),
    )
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Behörde"),
    )
    number = models.PositiveIntegerField(_("Version"))
    definition = models.JSONField(_("Definition"))
    # SHA-256 of the canonical JSON of the definition: what was published, provably.
    digest = models.CharField(_("Prüfsumme"), max_length=64)
    published_at = models.DateTimeField(_("veröffentlicht am"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Formularversion")
        verbose_name_plural = _("Formularversionen")
        ordering = ("service", "-number")
        constraints = [
            models.UniqueConstraint(fields=("service", "number"), name="form_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.service} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValueError("A published form version is immutable.")
        super().save(*args, **kwargs)
