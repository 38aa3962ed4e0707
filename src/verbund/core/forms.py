"""Input of the pages core renders for every app (the audit log's filters), and small
helpers every app's forms use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import action_choices

DATE_HINT = _("Datum im Format TT.MM.JJJJ")


def set_choices(field: forms.Field, choices: Sequence[tuple[Any, Any]]) -> None:
    """Give a choice field its choices, known only when the form is built."""
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(choices)


class AuditFilterForm(forms.Form):
    """The audit log's filters, from the query string: what happened (one action),
    who (an actor as recorded), and a period of days. Invalid input is reported and
    the log is shown unfiltered."""

    action = forms.ChoiceField(label=_("Was"), required=False)
    actor = forms.ChoiceField(label=_("Wer"), required=False)
    since = forms.DateField(
        label=_("Von"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, actors: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        assert isinstance(action, forms.ChoiceField)
        action.choices = [("", _("Alle Aktionen")), *action_choices()]
        actor = self.fields["actor"]
        assert isinstance(actor, forms.ChoiceField)
        actor.choices = [("", _("Alle")), *actors]

    # Days outside these bounds cannot be turned into moments on every database.
    FIRST_DAY = dt.date(1900, 1, 1)
    LAST_DAY = dt.date(2999, 12, 31)

    def _day(self, name: str) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get(name)
        if day is not None and not self.FIRST_DAY <= day <= self.LAST_DAY:
            raise forms.ValidationError(
                _("Bitte geben Sie ein Datum zwischen dem %(first)s und dem %(last)s an."),
                code="out_of_range",
                params={
                    "first": formats.date_format(self.FIRST_DAY, "SHORT_DATE_FORMAT"),
                    "last": formats.date_format(self.LAST_DAY, "SHORT_DATE_FORMAT"),
                },
            )
        return day

    def clean_since(self) -> dt.date | None:
        return self._day("since")

    def clean_until(self) -> dt.date | None:
        return self._day("until")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("Das Ende des Zeitraums liegt vor seinem Anfang."))
        return data
