"""The citizen assistant's own rows.

The assistant answers from the published catalogue; what it keeps itself is
small: search terms a network's coordinators add to a service (``Synonym``),
the anonymised questions it could not answer (``OpenQuestion``), daily counts
of its outcomes (``DailyCount``), and the cached vectors of catalogue passages
(``PassageVector``, derived data that can be rebuilt at any time).

Nothing here holds a citizen's identity: no account, address, IP or session.
The text of an open question is anonymised before it is stored
(``assistant.text.anonymise``); answered questions are only counted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("beantwortet")
    CLARIFY = "clarify", _("Rückfrage")
    ABSTAINED = "abstained", _("keine Antwort")
    REFUSED = "refused", _("nicht verarbeitet")


class Synonym(models.Model):
    """A search term that leads the assistant (and the catalogue search) to a service.

    Owned by the network whose coordinators added it; it helps every citizen, so
    the assistant reads the terms of all networks."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="assistant_synonyms"
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.CASCADE,
        related_name="assistant_synonyms",
        verbose_name=_("Leistung"),
    )
    term = models.CharField(_("Suchbegriff"), max_length=80)
    folded = models.CharField(max_length=80, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Suchbegriff")
        verbose_name_plural = _("Suchbegriffe")
        ordering = ["service__title", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "service", "folded"], name="one_assistant_synonym_per_network"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.service}"


class OpenQuestion(models.Model):
    """A question the assistant could not answer, anonymised and counted.

    ``network`` is a network of the place the citizen chose (of the Gemeinde or
    its Kreis; a place in several networks gives one row per network); questions
    asked without a place, or for a place outside every network, have none and
    are shown to the coordinators of every network. Equal texts are counted in
    one row."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assistant_open_questions",
    )
    digest = models.CharField(max_length=64)
    text = models.CharField(_("Frage (anonymisiert)"), max_length=300)
    outcome = models.CharField(_("Ergebnis"), max_length=10, choices=Outcome.choices)
    nearest = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nächste Leistung"),
    )
    count = models.PositiveIntegerField(_("Anzahl"), default=1)
    first_asked = models.DateField(_("zuerst gefragt"))
    last_asked = models.DateField(_("zuletzt gefragt"))
    dismissed = models.BooleanField(_("erledigt"), default=False)

    class Meta:
        verbose_name = _("unbeantwortete Frage")
        verbose_name_plural = _("unbeantwortete Fragen")
        ordering = ["-last_asked", "-count"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "digest"],
                condition=models.Q(network__isnull=False),
                name="one_open_question_per_network",
            ),
            models.UniqueConstraint(
                fields=["digest"],
                condition=models.Q(network__isnull=True),
                name="one_open_question_without_network",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class DailyCount(models.Model):
    """How many questions the assistant answered, clarified, declined on a day."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assistant_counts",
    )
    day = models.DateField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "day", "outcome"],
                condition=models.Q(network__isnull=False),
                name="one_assistant_count_per_network_day",
            ),
            models.UniqueConstraint(
                fields=["day", "outcome"],
                condition=models.Q(network__isnull=True),
                name="one_assistant_count_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.outcome}: {self.count}"


class PassageVector(models.Model):
    """The embedding of one catalogue passage, keyed by the text's digest and the model.

    Derived data: a changed text gets a new digest, and rows nobody needs are
    pruned when the index is rebuilt."""

    digest = models.CharField(max_length=64)
    model = models.CharField(max_length=40)
    vector = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["digest", "model"], name="one_vector_per_passage")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.digest[:12]}"
