"""Good practices (gute Beispiele): what one authority did about a problem, so that
others can learn from it (docs/practices.md).

The publishing authority is the tenant. A practice is a draft until its authority
publishes it; then anyone may read it, without an account, on the public pages and
through the API, until the authority withdraws it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The fields of action are the strategies' (surveys.strategy): one list, one set of codes.
from verbund.surveys.strategy.models import FieldOfAction

__all__ = ["LAENDER", "CostPeriod", "FieldOfAction", "GoodPractice", "PracticeStatus"]


class CostPeriod(models.TextChoices):
    ONCE = "once", _("einmalig")
    MONTHLY = "monthly", _("monatlich")
    YEARLY = "yearly", _("jährlich")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


# The 16 Länder by the first two digits of the Regionalschlüssel. They are fixed by the
# Basic Law, so the search form lists them without asking the register.
LAENDER: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


class GoodPractice(models.Model):
    """One authority's practice: the problem, its solution, the results, what it cost
    and whom to ask; optionally the catalogue service, project group or roadmap item
    it belongs to, and the survey answer it was proposed from."""

    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="good_practices",
        verbose_name=_("Behörde"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurz gefasst"), blank=True)
    problem = models.TextField(_("Ausgangslage"), blank=True)
    solution = models.TextField(_("Lösung"), blank=True)
    results = models.TextField(_("Ergebnisse"), blank=True)
    cost_text = models.TextField(_("Kosten"), blank=True)
    cost_amount = models.DecimalField(
        _("Betrag in Euro"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cost_period = models.CharField(
        _("Zeitraum der Kosten"), max_length=10, choices=CostPeriod.choices, blank=True
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail-Adresse der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=40, blank=True)
    field_of_action = models.CharField(
        _("Handlungsfeld"),
        max_length=20,
        choices=FieldOfAction.choices,
        default=FieldOfAction.OTHER,
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
        verbose_name=_("Leistung im Katalog"),
    )
    project_group = models.ForeignKey(
        "networks.ProjectGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
        verbose_name=_("Projektgruppe"),
    )
    roadmap_item = models.ForeignKey(
        "networks.RoadmapItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
        verbose_name=_("Vorhaben der Entwicklungsplanung"),
    )
    source_recipient = models.ForeignKey(
        "surveys.Recipient",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
        verbose_name=_("vorgeschlagen aus der Umfrageantwort"),
    )
    source_question = models.CharField(_("Frage der Umfrage"), max_length=40, blank=True)
    status = models.CharField(
        _("Stand"), max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    # Title, summary, problem, solution and results folded (authorities.folding.fold):
    # the search compares folded words with it, so case and umlauts do not matter.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Gutes Beispiel")
        verbose_name_plural = _("Gute Beispiele")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="practice_public_order"),
            models.Index(fields=["authority", "status"], name="practice_authority_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost_amount__isnull=True) | models.Q(cost_amount__gte=0),
                name="practice_cost_not_negative",
            ),
            models.UniqueConstraint(
                fields=["source_recipient", "source_question"],
                condition=models.Q(source_recipient__isnull=False),
                name="one_practice_per_survey_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def land(self) -> str:
        """The Land's two digits of the publishing authority's Regionalschlüssel."""
        return self.authority.ars[:2]
