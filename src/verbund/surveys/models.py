"""Surveys of authorities: the survey with its definition (``engine.py``), and one
recipient per authority addressed, who answers through a personal link without an
account (docs/surveys.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.surveys.engine import empty_definition

__all__ = ["Recipient", "Survey", "SurveyStatus"]


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("in Vorbereitung")
    OPEN = "open", _("läuft")
    CLOSED = "closed", _("abgeschlossen")


class Survey(models.Model):
    """A survey of a network, built by its coordinators. While in preparation the
    whole definition may change; once launched only its wording (``revision`` counts
    those fixes), and from its deadline on nobody can answer any more."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("Titel"), max_length=200)
    intro = models.TextField(_("Einleitung"), blank=True)
    definition = models.JSONField(default=empty_definition)
    status = models.CharField(
        _("Stand"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    closes_on = models.DateField(_("Antworten bis einschließlich"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")
        ordering = ["network", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "title"], name="one_survey_title_per_network"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def accepts_answers(self, now: dt.datetime | None = None) -> bool:
        """Launched, not closed, and its deadline (the whole day, local time) not past."""
        if self.status != SurveyStatus.OPEN:
            return False
        if self.closes_on is None:
            return True
        return timezone.localdate(now or timezone.now()) <= self.closes_on


class Recipient(models.Model):
    """One authority asked by a survey: its contact address, the salt of its personal
    link (``core.tokens``; a new salt voids the old link), its answers while it drafts
    them and once it has submitted (then they are final)."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="recipients")
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="survey_recipients",
        verbose_name=_("Behörde"),
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    salt = models.CharField(max_length=32)
    answers = models.JSONField(default=dict)
    respondent = models.CharField(_("ausgefüllt von"), max_length=200, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Empfänger einer Umfrage")
        verbose_name_plural = _("Empfänger von Umfragen")
        ordering = ["survey", "authority__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "authority"], name="one_recipient_per_authority_and_survey"
            )
        ]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.survey} – {self.authority_id}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def state(self) -> str:
        if self.submitted_at is not None:
            return "submitted"
        return "started" if self.saved_at is not None else "invited"

    @property
    def answer_count(self) -> int:
        answers: dict[str, Any] = self.answers or {}
        return len(answers)


# The sub-domain's models belong to this app (label "surveys"); code imports them from
# ``verbund.surveys.strategy.models``.
from verbund.surveys.strategy import models as _strategy  # noqa: E402,F401
