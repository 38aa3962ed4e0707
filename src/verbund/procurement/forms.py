"""Forms of the joint procurement. Figures are written as people in Germany write them
("1.234,56"); a negative figure passes the form, so the service refuses it in its
own words at the field it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.core.forms import set_choices

_GROUPED = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.234 or 1.234,56
_COMMA = re.compile(r"^-?\d+(?:,\d+)?$")  # 1234 or 1234,56
_POINT = re.compile(r"^-?\d+\.\d{1,2}$")  # 1234.56 as a program may send it
_INPUT = {"class": "kern-form-input__input"}
_NUMBER = {"class": "kern-form-input__input", "inputmode": "decimal", "autocomplete": "off"}
_DATE = {"class": "kern-form-input__input", "type": "date"}


class GermanDecimalField(forms.Field):
    """A number in German notation."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs=dict(_NUMBER)))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = re.sub(r"[\s\u00a0]", "", str(value or "")).removesuffix("€").removesuffix("%")
        if not text:
            return None
        if len(text) <= 30:
            try:
                if _GROUPED.match(text) or _COMMA.match(text):
                    return Decimal(text.replace(".", "").replace(",", "."))
                if _POINT.match(text):
                    return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the patterns admit digits only
                pass
        raise forms.ValidationError(_("Geben Sie eine Zahl an, zum Beispiel 1.234,56."))


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs=dict(_DATE), format="%Y-%m-%d"), **kwargs
    )


def _text_field(label: Any, max_length: int = 200, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.TextInput(attrs=dict(_INPUT)), **kwargs
    )


class CallForm(forms.Form):
    subject = _text_field(gettext_lazy("Gegenstand"))
    description = forms.CharField(
        label=gettext_lazy("Beschreibung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "kern-form-input__input"}),
    )
    cpv_code = _text_field(
        gettext_lazy("CPV-Code"),
        max_length=12,
        help_text=gettext_lazy(
            "Acht Ziffern, Bindestrich, Prüfziffer, z. B. 30120000-6. Abteilung 45 sind "
            "Bauleistungen, 03–44 und 48 Lieferungen, die übrigen Dienstleistungen."
        ),
    )
    deadline = _date_field(gettext_lazy("Frist für Bedarfsmeldungen"))
    term_months = forms.IntegerField(
        label=gettext_lazy("Laufzeit in Monaten"),
        widget=forms.NumberInput(attrs=dict(_INPUT)),
    )
    option_months = forms.IntegerField(
        label=gettext_lazy("Verlängerungsoptionen in Monaten"),
        initial=0,
        widget=forms.NumberInput(attrs=dict(_INPUT)),
    )
    option_percent = GermanDecimalField(
        label=gettext_lazy("Mengenoption in %"),
        initial="0",
        help_text=gettext_lazy("Zusätzliche Menge, die abgerufen werden darf, z. B. 20."),
    )
    lead_authority = forms.TypedChoiceField(
        label=gettext_lazy("Federführende Vergabestelle"), coerce=int
    )

    def __init__(self, data: Any = None, *, members: Sequence[tuple[int, str]], **kwargs: Any):
        super().__init__(data, **kwargs)
        set_choices(self.fields["lead_authority"], members)


class LineForm(forms.Form):
    authority = forms.TypedChoiceField(label=gettext_lazy("Mitglied"), coerce=int)
    description = _text_field(gettext_lazy("Leistungsbeschreibung"), max_length=300)
    quantity = GermanDecimalField(label=gettext_lazy("Menge je Jahr"))
    unit = _text_field(
        gettext_lazy("Einheit"), max_length=40, help_text=gettext_lazy("z. B. Stück, Tonne")
    )
    unit_price = GermanDecimalField(
        label=gettext_lazy("Geschätzter Einzelpreis in € (netto)"),
        help_text=gettext_lazy("Bei Miete oder Wartung: der Preis für ein Jahr."),
    )
    delivery_site = _text_field(gettext_lazy("Lieferort"), required=False)
    budget_line = _text_field(gettext_lazy("Haushaltsstelle"), max_length=100, required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        authorities: Sequence[tuple[int, str]] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        if authorities is None:  # editing: the line stays its member's
            del self.fields["authority"]
        else:
            set_choices(self.fields["authority"], authorities)


class MandateForm(forms.Form):
    authority = forms.TypedChoiceField(label=gettext_lazy("Mandat erteilen für"), coerce=int)

    def __init__(self, data: Any = None, *, authorities: Sequence[tuple[int, str]], **kwargs: Any):
        super().__init__(data, **kwargs)
        set_choices(self.fields["authority"], authorities)


class LotForm(forms.Form):
    title = _text_field(gettext_lazy("Bezeichnung des Loses"))
    lines = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Bedarfsmeldungen im Los"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cpv_code = _text_field(
        gettext_lazy("CPV-Code des Loses"),
        max_length=12,
        required=False,
        help_text=gettext_lazy("Leer: der CPV-Code der Bedarfsabfrage."),
    )
    region = _text_field(gettext_lazy("Region"), required=False)

    def __init__(self, data: Any = None, *, lines: Sequence[tuple[int, str]], **kwargs: Any):
        super().__init__(data, **kwargs)
        set_choices(self.fields["lines"], lines)


class AwardForm(forms.Form):
    supplier = _text_field(gettext_lazy("Auftragnehmer"))
    awarded_on = _date_field(gettext_lazy("Zuschlag am"))
    amount = GermanDecimalField(label=gettext_lazy("Auftragswert in € (netto)"))
    note = _text_field(gettext_lazy("Anmerkung"), max_length=500, required=False)


class AllocateForm(forms.Form):
    title = _text_field(gettext_lazy("Bezeichnung des Postens"), required=False)
    amount = GermanDecimalField(
        label=gettext_lazy("Betrag in € (netto)"),
        help_text=gettext_lazy("z. B. die Kosten des Vergabeverfahrens oder die Auftragssumme"),
    )
    period_start = _date_field(gettext_lazy("Zeitraum von"))
    period_end = _date_field(gettext_lazy("Zeitraum bis"))
