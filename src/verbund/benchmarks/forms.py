"""Forms of the comparison rings' pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.benchmarks.models import MINIMUM_VALUES, Better, Figure, FigureSource

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class RingForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Bezeichnung"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pseudonymise = forms.BooleanField(
        label=gettext_lazy("Andere Teilnehmende nur unter Pseudonym zeigen"),
        required=False,
        initial=True,
    )
    minimum_values = forms.IntegerField(
        label=gettext_lazy("Mindestzahl der Werte für eine Verteilung"),
        min_value=MINIMUM_VALUES,
        max_value=1000,
        initial=MINIMUM_VALUES,
        help_text=gettext_lazy("Mindestens 5; darunter wird keine Verteilung gezeigt."),
    )
    authorities = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Teilnehmende Mitglieder"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authorities"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = members


class FigureForm(forms.Form):
    key = forms.CharField(
        label=gettext_lazy("Kürzel"),
        max_length=40,
        help_text=gettext_lazy("Kleinbuchstaben, Ziffern, Unterstrich; so heißt sie in Formeln."),
    )
    label = forms.CharField(label=gettext_lazy("Bezeichnung"), max_length=200)
    unit = forms.CharField(label=gettext_lazy("Einheit"), max_length=40, required=False)
    source = forms.ChoiceField(label=gettext_lazy("Herkunft"), choices=FigureSource.choices)
    service = forms.ChoiceField(
        label=gettext_lazy("Leistung (nur für Grundzahlen der Plattform)"), required=False
    )

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("keine: alle Leistungen")), *services]


class KpiForm(forms.Form):
    key = forms.CharField(label=gettext_lazy("Kürzel"), max_length=40)
    label = forms.CharField(label=gettext_lazy("Bezeichnung"), max_length=200)
    formula = forms.CharField(
        label=gettext_lazy("Formel"),
        max_length=500,
        help_text=gettext_lazy(
            "Kürzel der Grundzahlen mit + − * / und Klammern, z. B. faelle / einwohner * 1000."
        ),
    )
    unit = forms.CharField(label=gettext_lazy("Einheit"), max_length=40, required=False)
    better = forms.ChoiceField(label=gettext_lazy("Besser ist"), choices=Better.choices)
    decimals = forms.IntegerField(
        label=gettext_lazy("Nachkommastellen"), min_value=0, max_value=4, initial=1
    )


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Berichtsjahr"), min_value=2000, max_value=2100)
    label = forms.CharField(
        label=gettext_lazy("Bezeichnung"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Leer lassen für das Jahr."),
    )


class ValuesForm(forms.Form):
    """One field per entered base figure, named by its key."""

    def __init__(self, *args: Any, figures: list[Figure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for figure in figures:
            label = f"{figure.label} ({figure.unit})" if figure.unit else figure.label
            self.fields[figure.key] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=20,
                decimal_places=4,
                localize=True,
                min_value=Decimal("-9999999999999999"),
                max_value=Decimal("9999999999999999"),
            )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-Datei"),
        help_text=gettext_lazy(
            "Spalten ars;kuerzel;wert (Amtlicher Regionalschlüssel, Kürzel der Grundzahl, "
            "Wert wie 1.234,5), UTF-8."
        ),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("CSV-Datei: Die Datei ist größer als 2 MB."))
        try:
            text: str = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("CSV-Datei: Die Datei ist nicht in UTF-8 gespeichert.")
            ) from None
        return text
