"""The shared service catalogue: services (Leistungen), their adoption by members,
the offices that serve citizens, and exceptions to the default responsibility.

A service is built once by one member (its *builder*) and published for all.
Each responsible authority that offers it adopts it and sets only what is
local: its office, its fees and whether the service is online there. An
adoption that ends keeps its row; adopting again creates a new one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.identifiers import LEIKA_KEY

SERVICE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def validate_service_slug(value: str) -> None:
    if not SERVICE_SLUG.match(value or ""):
        raise ValidationError(
            _("Die Kennung besteht aus Kleinbuchstaben a–z, Ziffern und einzelnen Bindestrichen."),
            code="slug",
        )


def validate_leika_key(value: str) -> None:
    if not LEIKA_KEY.match(value or ""):
        raise ValidationError(
            _("Ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99."), code="leika_key"
        )


class Themenfeld(models.TextChoices):
    """The 14 Themenfelder of the OZG-Umsetzungskatalog."""

    ARBEIT = "arbeit-ruhestand", _("Arbeit & Ruhestand")
    BAUEN = "bauen-wohnen", _("Bauen & Wohnen")
    BILDUNG = "bildung", _("Bildung")
    EINWANDERUNG = "ein-auswanderung", _("Ein- & Auswanderung")
    ENGAGEMENT = "engagement-hobby", _("Engagement & Hobby")
    FAMILIE = "familie-kind", _("Familie & Kind")
    FORSCHUNG = "forschung-foerderung", _("Forschung & Förderung")
    GESUNDHEIT = "gesundheit", _("Gesundheit")
    MOBILITAET = "mobilitaet-reisen", _("Mobilität & Reisen")
    QUERSCHNITT = "querschnitt", _("Querschnitt")
    RECHT = "recht-ordnung", _("Recht & Ordnung")
    STEUERN = "steuern-zoll", _("Steuern & Zoll")
    UMWELT = "umwelt", _("Umwelt")
    UNTERNEHMEN = "unternehmen", _("Unternehmensführung & -entwicklung")


class Level(models.TextChoices):
    """Which kind of authority is responsible by default."""

    GEMEINDE = "gemeinde", _("Gemeinde")
    KREIS = "kreis", _("Kreis oder kreisfreie Stadt")


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("Veröffentlicht")
    WITHDRAWN = "withdrawn", _("Zurückgezogen")


# OZG maturity model 2.0 (July 2025): 0–3 front end, 4–6 process and data, 7 end to end.
MATURITY_MAX = 7

# The sections of a FIM Leistungsbeschreibung, in reading order:
# (field name, German heading).
SECTIONS: tuple[tuple[str, Any], ...] = (
    ("volltext", _("Volltext")),
    ("voraussetzungen", _("Voraussetzungen")),
    ("unterlagen", _("Erforderliche Unterlagen")),
    ("kosten", _("Kosten")),
    ("verfahrensablauf", _("Verfahrensablauf")),
    ("bearbeitungsdauer", _("Bearbeitungsdauer")),
    ("fristen", _("Fristen")),
    ("rechtsgrundlagen", _("Rechtsgrundlagen")),
    ("hinweise", _("Hinweise")),
)
SECTION_FIELDS = tuple(name for name, _heading in SECTIONS)


class Service(models.Model):
    slug = models.SlugField(
        _("Kennung"),
        max_length=60,
        unique=True,
        validators=[validate_service_slug],
        help_text=_(
            "Lokaler Schlüssel in der Adresse, z. B. reitkennzeichen-nrw; "
            "für Leistungen ohne LeiKa-Schlüssel der Schlüssel der Leistung."
        ),
    )
    leika_key = models.CharField(
        _("LeiKa-Schlüssel"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_leika_key],
    )
    ozg_id = models.PositiveIntegerField(_("OZG-Leistung (ID)"), null=True, blank=True)
    title = models.CharField(_("Bezeichnung"), max_length=200)
    summary = models.TextField(_("Kurz erklärt"), help_text=_("In einfacher Sprache."))
    volltext = models.TextField(_("Volltext"), blank=True)
    voraussetzungen = models.TextField(_("Voraussetzungen"), blank=True)
    unterlagen = models.TextField(_("Erforderliche Unterlagen"), blank=True)
    kosten = models.TextField(_("Kosten"), blank=True)
    verfahrensablauf = models.TextField(_("Verfahrensablauf"), blank=True)
    bearbeitungsdauer = models.TextField(_("Bearbeitungsdauer"), blank=True)
    fristen = models.TextField(_("Fristen"), blank=True)
    rechtsgrundlagen = models.TextField(_("Rechtsgrundlagen"), blank=True)
    hinweise = models.TextField(_("Hinweise"), blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("Bearbeitungsdauer in Arbeitstagen"),
        null=True,
        blank=True,
        help_text=_("Richtwert für Fristen im Posteingang."),
    )
    synonyms = models.JSONField(
        _("Synonyme"), default=list, blank=True, help_text=_("Suchbegriffe der Bürgerinnen.")
    )
    themenfeld = models.CharField(_("Themenfeld"), max_length=30, choices=Themenfeld.choices)
    level = models.CharField(_("Zuständigkeitsebene"), max_length=10, choices=Level.choices)
    maturity = models.PositiveSmallIntegerField(
        _("OZG-Reifegrad"), default=0, validators=[MaxValueValidator(MATURITY_MAX)]
    )
    online_url = models.URLField(
        _("Online-Dienst"),
        blank=True,
        help_text=_("Adresse des gemeinsamen Online-Dienstes; leer bei reiner Information."),
    )
    builder = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="built_services",
        verbose_name=_("Entwickelt von"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.DRAFT
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Leistung")
        verbose_name_plural = _("Leistungen")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(maturity__lte=MATURITY_MAX), name="service_maturity_0_to_7"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def key(self) -> str:
        """The catalogue key: the LeiKa key where there is one, else the local key."""
        return self.leika_key or self.slug

    @property
    def is_published(self) -> bool:
        return self.status == ServiceStatus.PUBLISHED

    @property
    def is_information_only(self) -> bool:
        return not self.online_url

    def sections(self) -> list[tuple[str, Any, str]]:
        """``(field, heading, text)`` of every section that has text."""
        return [
            (name, heading, getattr(self, name))
            for name, heading in SECTIONS
            if getattr(self, name)
        ]


class Office(models.Model):
    """An Organisationseinheit of an authority where citizens are served."""

    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="offices"
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postcode = models.CharField(_("PLZ"), max_length=5)
    city = models.CharField(_("Ort"), max_length=100)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True)
    accessibility = models.TextField(
        _("Barrierefreiheit des Gebäudes"),
        blank=True,
        help_text=_("Zugang, Aufzug, Parkplätze, Induktionsschleife …"),
    )

    class Meta:
        verbose_name = _("Organisationseinheit")
        verbose_name_plural = _("Organisationseinheiten")
        ordering = ["authority", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="unique_office_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class Adoption(models.Model):
    """A member offers a published service for its area (Einer für Alle).

    ``processing_authority`` is set where another member processes the cases on
    this authority's behalf (a cooperation agreement); empty means the
    authority processes them itself.
    """

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="adoptions")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="adoptions"
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("Stelle")
    )
    fees = models.JSONField(
        _("Gebühren"),
        default=list,
        blank=True,
        help_text=_("Liste von {label, amount} mit dem Betrag in Euro als Text, z. B. 16.80."),
    )
    online = models.BooleanField(_("online beantragbar"), default=False)
    online_url = models.URLField(
        _("eigener Online-Dienst"),
        blank=True,
        help_text=_("Nur wenn vor Ort ein anderer Online-Dienst als der gemeinsame genutzt wird."),
    )
    processing_authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="processing_adoptions",
        verbose_name=_("bearbeitet durch"),
    )
    started_on = models.DateField(_("genutzt seit"))
    ended_on = models.DateField(_("genutzt bis"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Nachnutzung")
        verbose_name_plural = _("Nachnutzungen")
        ordering = ["service", "authority__name", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "authority"],
                condition=models.Q(ended_on__isnull=True),
                name="one_running_adoption_per_service_and_authority",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="adoption_ended_after_started",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.authority}"

    @property
    def is_running(self) -> bool:
        return self.ended_on is None

    def fee_items(self) -> list[tuple[str, Decimal]]:
        return [(item["label"], Decimal(item["amount"])) for item in self.fees]


class ResponsibilityException(models.Model):
    """For places inside ``area``, ``responsible`` handles ``service`` instead of the
    authority the service's level names (a large kreisangehörige town that is its own
    Bauaufsicht)."""

    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="responsibility_exceptions"
    )
    area = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Gebiet"),
    )
    responsible = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="responsibility_exceptions",
        verbose_name=_("zuständig"),
    )
    note = models.CharField(_("Grundlage"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("abweichende Zuständigkeit")
        verbose_name_plural = _("abweichende Zuständigkeiten")
        constraints = [
            models.UniqueConstraint(fields=["service", "area"], name="one_exception_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.area} → {self.responsible}"
