"""Forms of the cost allocation's pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.networks.forms import DATE_HINT


def _weight(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        initial=0,
        localize=True,
    )


class BudgetItemForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Bezeichnung"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Zu verteilender Betrag (netto, €)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        localize=True,
    )
    period_start = forms.DateField(
        label=gettext_lazy("Fallzahlen gezählt vom"), help_text=DATE_HINT
    )
    period_end = forms.DateField(label=gettext_lazy("bis einschließlich"), help_text=DATE_HINT)
    population_on = forms.DateField(
        label=gettext_lazy("Stichtag der Einwohnerzahl"), help_text=DATE_HINT
    )
    weight_equal = _weight(gettext_lazy("Sockel: gleiche Teile (%)"))
    weight_population = _weight(gettext_lazy("nach Einwohnerzahl (%)"))
    weight_cases = _weight(gettext_lazy("nach Fallzahl (%)"))
    weight_usage = _weight(gettext_lazy("nach Nutzung (%)"))
    vat = forms.BooleanField(
        label=gettext_lazy("zuzüglich 19 % Umsatzsteuer (§ 2b UStG)"), required=False
    )


class UsageForm(forms.Form):
    authority = forms.TypedChoiceField(label=gettext_lazy("Mitglied"), coerce=int)
    usage = forms.DecimalField(
        label=gettext_lazy("Nutzung"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        localize=True,
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Bitte wählen")), *members]
