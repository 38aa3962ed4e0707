"""Forms of the reuse pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class DevelopmentCostForm(forms.Form):
    service = forms.TypedChoiceField(
        label=gettext_lazy("Leistung"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Leer lassen für den Wert, der für alle Leistungen gilt."),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Entwicklungskosten einer Online-Leistung (€)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        localize=True,
        required=False,
        help_text=gettext_lazy("Leer lassen, um den Wert zu entfernen."),
    )

    def __init__(self, *args: Any, services: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("alle Leistungen")), *services]
