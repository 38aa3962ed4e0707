"""Staff forms of cases. They parse input; ``case_set_status`` decides and writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.cases.models import CaseStatus

NOTE_MAX_LENGTH = 2000


class CaseStatusForm(forms.Form):
    """Set a case's next status, with an optional note for the applicant.

    Only the statuses that may follow the current one are offered, but every
    known status is accepted here: whether the move is allowed is decided by
    ``case_set_status`` on the locked row (the case may have moved on since the
    page was shown), and its refusal is what the clerk reads.
    """

    status = forms.ChoiceField(
        label=_("Neuer Status"), choices=CaseStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Hinweis für die Antragstellerin oder den Antragsteller"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Erscheint auf der Statusseite des Antrags."),
    )

    def __init__(self, *args: Any, allowed: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer(allowed)

    def offer(self, allowed: Iterable[str]) -> None:
        """Offer these statuses (in the order of ``CaseStatus``); the field still
        validates against all of them (see the class docstring)."""
        offered = set(allowed)
        widget = self.fields["status"].widget
        assert isinstance(widget, forms.RadioSelect)
        widget.choices = [(value, label) for value, label in CaseStatus.choices if value in offered]
        self.has_choices = bool(widget.choices)
