"""Forms of the strategy pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from verbund.core.forms import DATE_HINT, set_choices
from verbund.surveys.strategy.models import FieldOfAction, MeasureStatus


class StrategyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel der Strategie"), max_length=200)
    summary = forms.CharField(
        label=gettext_lazy("Kurzfassung"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    adopted_on = forms.DateField(
        label=gettext_lazy("beschlossen am"), help_text=DATE_HINT, required=False
    )


class GoalForm(forms.Form):
    field = forms.ChoiceField(
        label=gettext_lazy("Handlungsfeld"),
        choices=FieldOfAction.choices,
        widget=forms.RadioSelect,
    )
    goal = forms.CharField(
        label=gettext_lazy("Ziel"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeasureForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Maßnahme"), max_length=200)
    status = forms.ChoiceField(
        label=gettext_lazy("Stand"),
        choices=MeasureStatus.choices,
        initial=MeasureStatus.PLANNED,
        widget=forms.RadioSelect,
    )
    due_on = forms.DateField(label=gettext_lazy("bis"), help_text=DATE_HINT, required=False)
    project_group = forms.TypedChoiceField(
        label=gettext_lazy("in der Projektgruppe"), coerce=int, required=False, empty_value=None
    )
    roadmap_item = forms.TypedChoiceField(
        label=gettext_lazy("als Vorhaben der Entwicklungsplanung"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(
        self,
        *args: Any,
        groups: list[tuple[int, str]],
        items: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["project_group"], [("", "–"), *groups])
        set_choices(self.fields["roadmap_item"], [("", "–"), *items])
