"""Content that each member authority publishes on the portal."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LegalPageKind(models.TextChoices):
    IMPRINT = "impressum", _("Impressum")
    PRIVACY = "datenschutz", _("Datenschutzerklärung")
    ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")


class ConformityStatus(models.TextChoices):
    FULL = "full", _("vollständig vereinbar")
    PARTIAL = "partial", _("teilweise vereinbar")
    NONE = "none", _("nicht vereinbar")


class LegalPage(models.Model):
    """Imprint, privacy notice or accessibility statement of one authority.

    Tenant-owned: the authority is the tenant. The accessibility statement
    carries the fields that BITV 2.0 § 7 requires besides its free text.
    """

    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="legal_pages"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=LegalPageKind.choices)
    body = models.TextField(_("Text"))
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    conformity = models.CharField(
        _("Stand der Vereinbarkeit"), max_length=10, choices=ConformityStatus.choices, blank=True
    )
    reviewed_on = models.DateField(pgettext_lazy("date a text was last reviewed", "Stand"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Rechtliche Seite")
        verbose_name_plural = _("Rechtliche Seiten")
        constraints = [
            models.UniqueConstraint(fields=["authority", "kind"], name="unique_legal_page")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.authority}"
