"""Forms of the cost allocation's pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.networks.costs.models import ParticipantRule
from verbund.networks.forms import DATE_HINT
from verbund.networks.models import ParticipationLevel

Choices = list[tuple[int, str]]


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
        label=gettext_lazy("zuzüglich 19 % Umsatzsteuer (§ 2b UStG)"),
        required=False,
        help_text=gettext_lazy(
            "Gilt nur, solange es keine freigegebene Tätigkeitsanalyse der Kostenerstattung "
            "dieses Verbunds für das Jahr gibt; sonst entscheidet deren Ergebnis."
        ),
    )
    # The rule and one select per parameter: without JavaScript every select is shown,
    # and the services use only the chosen rule's parameter.
    participant_rule = forms.ChoiceField(
        label=gettext_lazy("Wer teilt den Posten?"),
        choices=ParticipantRule.choices,
        initial=ParticipantRule.ALL,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Maßgeblich ist der letzte Tag des Zeitraums: die Mitglieder an diesem Tag, "
            "ihre Stufe, die Vereinbarung und die Nutzung an diesem Tag."
        ),
    )
    participant_area = forms.TypedChoiceField(
        label=gettext_lazy("Kooperationsfeld"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Nur für „Mitglieder ab einer Stufe in einem Kooperationsfeld“."),
    )
    participant_min_level = forms.TypedChoiceField(
        label=gettext_lazy("Mindeststufe im Kooperationsfeld"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Nur für „Mitglieder ab einer Stufe in einem Kooperationsfeld“."),
    )
    participant_agreement = forms.TypedChoiceField(
        label=gettext_lazy("Vereinbarung"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Nur für „Beteiligte einer Vereinbarung“."),
    )
    participant_service = forms.TypedChoiceField(
        label=gettext_lazy("Leistung des Katalogs"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Nur für „Nutzer einer Leistung des Katalogs“."),
    )

    def __init__(
        self,
        *args: Any,
        areas: Choices,
        agreements: Choices,
        services: Choices,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        empty = ("", _("Bitte wählen"))
        levels = [
            (level.value, f"{level.value} – {level.label}")
            for level in ParticipationLevel
            if level.value >= 1
        ]
        for name, choices in (
            ("participant_area", areas),
            ("participant_min_level", levels),
            ("participant_agreement", agreements),
            ("participant_service", services),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [empty, *choices]

    def service_values(self) -> dict[str, Any]:
        """The cleaned values as the keyword arguments of ``budget_item_create``."""
        values = dict(self.cleaned_data)
        for name in ("participant_area", "participant_agreement", "participant_service"):
            values[f"{name}_id"] = values.pop(name)
        return values


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
