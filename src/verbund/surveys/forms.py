"""Forms of the survey pages for staff: the survey, its sections, fields of action and
questions (the builder), and its recipients."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from verbund.authorities.models import AuthorityKind
from verbund.core.forms import DATE_HINT, set_choices
from verbund.surveys.engine import TYPE_LABELS, Type

MAX_ADDRESS_FILE = 2 * 1024 * 1024


class SurveyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    intro = forms.CharField(
        label=gettext_lazy("Einleitung"),
        help_text=gettext_lazy("Steht über den Fragen und in der Einladung."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Antworten bis einschließlich"),
        help_text=DATE_HINT,
        required=False,
    )


class SectionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel des Abschnitts"), max_length=200)
    intro = forms.CharField(
        label=gettext_lazy("Einleitung des Abschnitts"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FieldOfActionForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Handlungsfeld"),
        help_text=gettext_lazy("Zum Beispiel „Bildung“ oder „Mobilität“."),
        max_length=120,
    )


class QuestionForm(forms.Form):
    section = forms.ChoiceField(label=gettext_lazy("Abschnitt"))
    type = forms.ChoiceField(
        label=gettext_lazy("Art der Frage"),
        choices=[(t.value, label) for t, label in TYPE_LABELS.items()],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label=gettext_lazy("Fragetext"), max_length=500)
    help = forms.CharField(
        label=gettext_lazy("Hilfetext"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=gettext_lazy("Antwort erforderlich"), required=False)
    field = forms.ChoiceField(label=gettext_lazy("Handlungsfeld"), required=False)
    options = forms.CharField(
        label=gettext_lazy("Antwortmöglichkeiten (Auswahl, Mehrfachauswahl, Skala der Matrix)"),
        help_text=gettext_lazy(
            "Eine je Zeile. Punkte für die Auswertung nach einem senkrechten Strich, "
            "z. B. „in allen Bereichen | 3“."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    rows = forms.CharField(
        label=gettext_lazy("Zeilen der Matrix"),
        help_text=gettext_lazy("Eine je Zeile."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    score_yes = forms.DecimalField(
        label=gettext_lazy("Punkte für „Ja“"), required=False, max_digits=8, decimal_places=2
    )
    score_no = forms.DecimalField(
        label=gettext_lazy("Punkte für „Nein“"), required=False, max_digits=8, decimal_places=2
    )
    min = forms.DecimalField(
        label=gettext_lazy("Kleinster Wert (Zahl, Skala)"),
        required=False,
        max_digits=14,
        decimal_places=4,
    )
    max = forms.DecimalField(
        label=gettext_lazy("Größter Wert (Zahl, Skala)"),
        required=False,
        max_digits=14,
        decimal_places=4,
    )
    decimals = forms.IntegerField(
        label=gettext_lazy("Nachkommastellen (Zahl)"), min_value=0, max_value=4, initial=0
    )
    min_label = forms.CharField(
        label=gettext_lazy("Beschriftung des kleinsten Werts (Skala)"),
        required=False,
        max_length=100,
    )
    max_label = forms.CharField(
        label=gettext_lazy("Beschriftung des größten Werts (Skala)"),
        required=False,
        max_length=100,
    )
    scored = forms.BooleanField(
        label=gettext_lazy("Der Wert der Skala zählt als Punkte"), required=False
    )
    multiline = forms.BooleanField(label=gettext_lazy("Längerer Text (mehrzeilig)"), required=False)
    show_if = forms.MultipleChoiceField(
        label=gettext_lazy("Nur zeigen, wenn …"),
        help_text=gettext_lazy(
            "Leer lassen, wenn die Frage immer gestellt wird. Sonst Antworten einer früheren "
            "Frage wählen: Die Frage erscheint, wenn eine davon gegeben wurde."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        sections: list[tuple[str, str]],
        fields_of_action: list[tuple[str, str]],
        conditions: list[tuple[str, list[tuple[str, str]]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["section"], sections)
        set_choices(self.fields["field"], [("", "–"), *fields_of_action])
        set_choices(self.fields["show_if"], conditions)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("type")
        needs = {
            "options": (Type.SINGLE, Type.MULTIPLE, Type.MATRIX),
            "rows": (Type.MATRIX,),
        }
        for name, kinds in needs.items():
            if kind in kinds and not (data.get(name) or "").strip():
                self.add_error(name, gettext_lazy("Für diese Art der Frage bitte ausfüllen."))
        if kind == Type.SCALE:
            for name in ("min", "max"):
                if data.get(name) is None:
                    self.add_error(name, gettext_lazy("Eine Skala braucht diesen Wert."))
        chosen = data.get("show_if") or []
        questions = {value.split("::", 1)[0] for value in chosen}
        if len(questions) > 1:
            self.add_error(
                "show_if", gettext_lazy("Bitte nur Antworten einer einzigen Frage wählen.")
            )
        elif chosen:
            data["show_if_question"] = questions.pop()
            data["show_if_values"] = [value.split("::", 1)[1] for value in chosen]
        return data


def condition_value(question: Mapping[str, Any]) -> list[str]:
    condition = question.get("show_if") or {}
    return [f"{condition.get('question')}::{value}" for value in condition.get("in", [])]


class AddressListForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Adressliste"),
        help_text=gettext_lazy(
            "Je Zeile der Regionalschlüssel (ARS) und die E-Mail-Adresse, getrennt durch "
            "Semikolon, Komma oder Tabulator; weitere Spalten werden nicht gelesen."
        ),
        required=False,
        max_length=1_000_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(
        label=gettext_lazy("… oder als CSV-Datei"),
        help_text=gettext_lazy("Mit den Spalten wie oben, UTF-8."),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_ADDRESS_FILE:
                self.add_error("file", gettext_lazy("Die Datei ist größer als 2 MB."))
                return data
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", gettext_lazy("Die Datei ist nicht in UTF-8 gespeichert."))
                return data
        if not (data.get("text") or "").strip() and not self.errors:
            self.add_error("text", gettext_lazy("Bitte eine Liste eingeben oder hochladen."))
        return data


REGISTER_KINDS: dict[str, str] = {
    "landkreise": "Landkreise und Kreise",
    "kreisfreie": "Kreisfreie Städte",
    "gemeinden": "Gemeinden",
}


class RegisterSelectionForm(forms.Form):
    """A template for an address list: the authorities of the register of one kind,
    optionally of one Land, with an empty e-mail column to fill in."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Art"),
        choices=list(REGISTER_KINDS.items()),
        widget=forms.RadioSelect,
    )
    land = forms.ChoiceField(label=gettext_lazy("Land"), required=False)

    def __init__(self, *args: Any, lands: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["land"], [("", gettext_lazy("alle Länder")), *lands])


KIND_FILTERS: dict[str, dict[str, Any]] = {
    "landkreise": {"kind": AuthorityKind.KREIS, "textkennzeichen__in": ["43", "44", "45"]},
    "kreisfreie": {"kind": AuthorityKind.KREISFREIE_STADT},
    "gemeinden": {"kind": AuthorityKind.GEMEINDE},
}
