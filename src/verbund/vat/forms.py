"""Forms of the §2b UStG activity analysis. Amounts are written as people in Germany
write them ("17.500,00"); the rules on the values (no negative amounts, a legal basis)
are the services': their messages are put at the field they name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.vat.models import Rate
from verbund.vat.rules import (
    ABS3_QUESTIONS,
    COUNTERPARTY_LABELS,
    LEGAL_FORM_LABELS,
    QUESTIONS,
    Counterparty,
    LegalForm,
)

_TEXT = {"autocomplete": "off"}
_NUMBER = {"inputmode": "decimal", "autocomplete": "off"}
_GROUPED = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$")
_COMMA = re.compile(r"^-?\d+(?:,\d{1,2})?$")
_POINT = re.compile(r"^-?\d+\.\d{1,2}$")
YES_NO = [("yes", gettext_lazy("Ja")), ("no", gettext_lazy("Nein"))]


def german_amount(text: str) -> Decimal | None:
    """An amount as written in Germany, or ``None`` when empty. A negative amount
    passes: the service refuses it in its own words, naming the field."""
    value = re.sub(r"[\s\u00a0]", "", text).removesuffix("€")
    if not value:
        return None
    try:
        if _GROUPED.match(value) or _COMMA.match(value):
            return Decimal(value.replace(".", "").replace(",", "."))
        if _POINT.match(value):
            return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the patterns admit digits only
        pass
    raise forms.ValidationError(_("Geben Sie einen Betrag an, zum Beispiel 17.500,00."))


def amount_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".replace(".", ",")


class AmountField(forms.Field):
    """An amount in German notation; empty is ``None``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs=dict(_NUMBER)))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "")
        if len(text) > 30:
            raise forms.ValidationError(_("Geben Sie einen Betrag an, zum Beispiel 17.500,00."))
        return german_amount(text)


class GroupForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Bezeichnung der Gruppe"),
        max_length=200,
        help_text=gettext_lazy(
            "Gleichartige Tätigkeiten, etwa „Vermietung von Räumen“: ihre Prognosen werden "
            "für die Grenze von 17.500 € zusammengezählt."
        ),
        widget=forms.TextInput(attrs=dict(_TEXT)),
    )


class StreamForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Bezeichnung"), max_length=200, widget=forms.TextInput(attrs=_TEXT)
    )
    account = forms.CharField(
        label=gettext_lazy("Konto oder Produkt"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs=_TEXT),
    )
    legal_form = forms.ChoiceField(
        label=gettext_lazy("Rechtsform der Tätigkeit"),
        choices=[(f.value, LEGAL_FORM_LABELS[f]) for f in LegalForm],
        widget=forms.RadioSelect,
    )
    # Not required here: the service refuses an empty legal basis in its own words.
    legal_basis = forms.CharField(
        label=gettext_lazy("Rechtsgrundlage"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Satzung, Gebührensatzung oder Vertrag (mit Datum oder Nummer)"),
        widget=forms.TextInput(attrs=_TEXT),
    )
    counterparty = forms.ChoiceField(
        label=gettext_lazy("Leistungsempfänger"),
        choices=[(c.value, COUNTERPARTY_LABELS[c]) for c in Counterparty],
        widget=forms.RadioSelect,
    )
    group = forms.TypedChoiceField(
        label=gettext_lazy("Gruppe gleichartiger Tätigkeiten"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=gettext_lazy("Ohne Gruppe bildet die Einnahmeart eine eigene Gruppe."),
    )
    network = forms.TypedChoiceField(
        label=gettext_lazy("Kostenerstattung im Verbund"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=gettext_lazy(
            "Nur wenn diese Einnahme die Erstattungen der Mitglieder in der Kostenverteilung "
            "dieses Verbunds sind: dann bestimmt ihre freigegebene Bewertung die Umsatzsteuer "
            "der Kostenverteilung."
        ),
    )
    notes = forms.CharField(
        label=gettext_lazy("Nachweise und Anmerkungen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        groups: Sequence[tuple[int, str]],
        networks: Sequence[tuple[int, str]],
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        none = [("", _("keine"))]
        self.fields["group"].choices = none + list(groups)  # type: ignore[attr-defined]
        self.fields["network"].choices = none + list(networks)  # type: ignore[attr-defined]


class AmountForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Jahr"), min_value=2000, max_value=2100)
    # Required by the service (its message names the field).
    forecast = AmountField(label=gettext_lazy("Prognose in € (netto)"))
    actual = AmountField(label=gettext_lazy("Ist in € (netto)"))


class AssessmentForm(forms.Form):
    """The questions of the tree in its order, each Ja/Nein; the service tells which
    needed question is unanswered."""

    year = forms.IntegerField(label=gettext_lazy("Steuerjahr"), min_value=2000, max_value=2100)
    rate = forms.ChoiceField(
        label=gettext_lazy("Steuersatz, falls steuerbar"),
        choices=[("", gettext_lazy("noch offen")), *Rate.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    exemption = forms.CharField(
        label=gettext_lazy("Steuerbefreiung nach § 4 UStG, falls steuerbar"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("z. B. „§ 4 Nr. 12 UStG (Vermietung)“; leer, wenn keine"),
        widget=forms.TextInput(attrs=_TEXT),
    )

    def __init__(self, data: Any = None, *, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        for name, question in QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question, choices=YES_NO, required=False, widget=forms.RadioSelect
            )

    def answers(self) -> dict[str, bool | None]:
        return {
            name: {"yes": True, "no": False}.get(self.cleaned_data.get(name) or "")
            for name, _q in QUESTIONS
        }

    def questions(self) -> list[forms.BoundField]:
        return [self[name] for name, _q in QUESTIONS if name not in ABS3_QUESTIONS]

    def abs3_questions(self) -> list[forms.BoundField]:
        return [self[name] for name in ABS3_QUESTIONS]


def answers_initial(answers: dict[str, Any]) -> dict[str, str]:
    return {
        name: ("yes" if answers.get(name) else "no")
        for name, _q in QUESTIONS
        if answers.get(name) is not None
    }


class ReuseForm(forms.Form):
    source = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    year = forms.IntegerField(label=gettext_lazy("Steuerjahr"), min_value=2000, max_value=2100)
