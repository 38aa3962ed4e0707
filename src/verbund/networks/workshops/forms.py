"""Forms of the workshop pages. They parse; the services decide (a refusal is put on the
form by ``core.refusals.refusal_to_form``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.networks.forms import DATE_HINT, set_choices
from verbund.networks.groups.services import DOCUMENT_TYPES
from verbund.networks.models import ParticipationLevel
from verbund.networks.workshops.models import (
    DecisionEffect,
    InvitationResponse,
    WorkshopFormat,
    WorkshopLevel,
)

OFFICE_TYPES = ",".join(DOCUMENT_TYPES)
MOMENT_FORMAT = "%d.%m.%Y %H:%M"
MOMENT_HINT = gettext_lazy("Datum und Uhrzeit im Format TT.MM.JJJJ HH:MM, z. B. 12.03.2027 18:00")


def _moment_field(label: str | Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=MOMENT_HINT,
        widget=forms.DateTimeInput(format=MOMENT_FORMAT),
    )


class WorkshopForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    level = forms.ChoiceField(
        label=gettext_lazy("Ebene"), choices=WorkshopLevel.choices, widget=forms.RadioSelect
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=WorkshopFormat.choices, widget=forms.RadioSelect
    )
    starts_at = _moment_field(gettext_lazy("Beginn"))
    ends_at = _moment_field(gettext_lazy("Ende"))
    place = forms.CharField(
        label=gettext_lazy("Ort"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Raum und Adresse, bei Online-Terminen der Hinweis auf den Zugang."),
    )
    description = forms.CharField(
        label=gettext_lazy("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InviteForm(forms.Form):
    everyone = forms.BooleanField(
        label=gettext_lazy("Alle Mitglieder einladen, die noch nicht eingeladen sind"),
        required=False,
    )
    members = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Oder diese Mitglieder einladen"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["members"], members)


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=gettext_lazy("Antwort"),
        choices=[
            (InvitationResponse.ACCEPTED.value, gettext_lazy("Wir nehmen teil")),
            (InvitationResponse.DECLINED.value, gettext_lazy("Wir nehmen nicht teil")),
        ],
        widget=forms.RadioSelect,
    )
    attendees = forms.IntegerField(
        label=gettext_lazy("Anzahl der Teilnehmenden"),
        required=False,
        help_text=gettext_lazy("Nur bei einer Zusage; bei einer Absage nimmt niemand teil."),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Tagesordnungspunkt"), max_length=200)
    duration_minutes = forms.IntegerField(label=gettext_lazy("Dauer in Minuten"))
    presenter = forms.TypedChoiceField(
        label=gettext_lazy("Vorgestellt von"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, members: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["presenter"], [("", _("Kein Mitglied")), *members])


class MaterialForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel der Unterlage"), max_length=200)
    upload = forms.FileField(
        label=gettext_lazy("Datei"),
        help_text=gettext_lazy("PDF oder Office-Datei, höchstens 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": OFFICE_TYPES}),
    )


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Protokoll"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy("Wer war da, was wurde besprochen, was ist zu tun."),
    )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Beschluss"), widget=forms.Textarea(attrs={"rows": 4})
    )
    effect = forms.ChoiceField(
        label=gettext_lazy("Wirkung des Beschlusses"),
        choices=DecisionEffect.choices,
        initial=DecisionEffect.NONE,
        widget=forms.RadioSelect,
    )
    # (a) a member's level in a cooperation area
    area = forms.TypedChoiceField(
        label=gettext_lazy("Kooperationsfeld"), coerce=int, required=False, empty_value=None
    )
    authority = forms.TypedChoiceField(
        label=gettext_lazy("Mitglied"), coerce=int, required=False, empty_value=None
    )
    level = forms.TypedChoiceField(
        label=gettext_lazy("Neue Stufe"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[(value, f"{value} – {label}") for value, label in ParticipationLevel.choices],
        widget=forms.RadioSelect,
    )
    valid_from = forms.DateField(label=gettext_lazy("gilt ab"), help_text=DATE_HINT, required=False)
    # (b) a new item on the roadmap
    item_title = forms.CharField(
        label=gettext_lazy("Bezeichnung des Vorhabens"), max_length=200, required=False
    )
    proposed_by = forms.TypedChoiceField(
        label=gettext_lazy("Vorgeschlagen von"), coerce=int, required=False, empty_value=None
    )
    item_description = forms.CharField(
        label=gettext_lazy("Beschreibung des Vorhabens"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    planned_on = forms.DateField(
        label=gettext_lazy("Geplant bis"), help_text=DATE_HINT, required=False
    )

    def __init__(
        self,
        *args: Any,
        areas: Sequence[tuple[int, str]],
        members: Sequence[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choose = ("", _("Bitte wählen"))
        set_choices(self.fields["area"], [choose, *areas])
        set_choices(self.fields["authority"], [choose, *members])
        set_choices(self.fields["proposed_by"], [choose, *members])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed: tuple[str, ...] = ()
        if data.get("effect") == DecisionEffect.AREA_LEVEL:
            needed = ("area", "authority", "level", "valid_from")
        elif data.get("effect") == DecisionEffect.ROADMAP_ITEM:
            needed = ("item_title", "proposed_by")
        for name in needed:
            if name not in self.errors and data.get(name) in (None, ""):
                self.add_error(name, _("Für diese Wirkung ist diese Angabe nötig."))
        return data
