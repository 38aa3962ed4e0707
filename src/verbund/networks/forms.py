from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.authorities.models import Authority
from verbund.core.forms import DATE_HINT, set_choices
from verbund.networks.models import (
    AgreementKind,
    AreaTool,
    MembershipRole,
    Network,
    ParticipationLevel,
)

_KEY = re.compile(r"^\d{2,12}$")


class NetworkForm(forms.ModelForm[Network]):
    class Meta:
        model = Network
        fields = ["name", "kind", "description", "operator_name"]


class MembershipAddForm(forms.Form):
    ars = forms.CharField(
        label=_("Regionalschlüssel der Behörde"),
        help_text=_("Gemeinde: 12 Ziffern (z. B. 053580040040), Kreis: 5 Ziffern (z. B. 05358)."),
        max_length=12,
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=MembershipRole.choices)
    joined_on = forms.DateField(
        label=_("Beitritt"),
        help_text=_("Datum im Format TT.MM.JJJJ"),
        initial=timezone.localdate,
    )

    def clean_ars(self) -> Authority:
        value = self.cleaned_data["ars"].strip()
        if not _KEY.match(value):
            raise forms.ValidationError(_("Bitte geben Sie nur Ziffern ein (2 bis 12)."))
        authority = Authority.objects.filter(ars=value).first()
        if authority is None:
            raise forms.ValidationError(_("Zu diesem Regionalschlüssel ist keine Behörde bekannt."))
        return authority


class MembershipEndForm(forms.Form):
    left_on = forms.DateField(
        label=_("Austritt zum"),
        help_text=_("Datum im Format TT.MM.JJJJ"),
        initial=timezone.localdate,
    )


MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class AreaForm(forms.Form):
    name = forms.CharField(label=_("Name des Kooperationsfelds"), max_length=120)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    position = forms.IntegerField(label=_("Reihenfolge"), min_value=0, max_value=999, initial=0)
    tool = forms.ChoiceField(
        label=_("Werkzeug der Plattform"),
        required=False,
        choices=[("", _("kein Werkzeug")), *AreaTool.choices],
        help_text=_(
            "Mitglieder auf Stufe 4 „Aufgabe übertragen“ lassen die Koordination in diesem "
            "Werkzeug für sich arbeiten."
        ),
    )


class AreaLevelForm(forms.Form):
    area = forms.TypedChoiceField(label=_("Kooperationsfeld"), coerce=int)
    authority = forms.TypedChoiceField(label=_("Mitglied"), coerce=int)
    level = forms.TypedChoiceField(
        label=_("Stufe"), coerce=int, choices=ParticipationLevel.choices, widget=forms.RadioSelect
    )
    valid_from = forms.DateField(
        label=_("gilt ab"), help_text=DATE_HINT, initial=timezone.localdate
    )
    note = forms.CharField(label=_("Bemerkung"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        areas: Sequence[tuple[int, str]],
        members: Sequence[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["area"], [("", _("Bitte wählen")), *areas])
        set_choices(self.fields["authority"], [("", _("Bitte wählen")), *members])


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Bezeichnung"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Art der Vereinbarung"), choices=AgreementKind.choices, widget=forms.RadioSelect
    )
    processing = forms.TypedChoiceField(label=_("Erledigendes Mitglied"), coerce=int)
    parties = forms.TypedMultipleChoiceField(
        label=_("Vertragsparteien"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Das erledigende Mitglied gehört dazu."),
    )
    services = forms.TypedMultipleChoiceField(
        label=_("Leistungen, die das erledigende Mitglied übernimmt"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.TypedMultipleChoiceField(
        label=_("Kooperationsfelder"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tasks = forms.CharField(
        label=_("Aufgaben"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label=_("gilt ab"), help_text=DATE_HINT)
    ends_on = forms.DateField(
        label=_("gilt bis"), help_text=_("Leer lassen, wenn unbefristet."), required=False
    )
    notice_months = forms.IntegerField(
        label=_("Kündigungsfrist in Monaten"), min_value=0, max_value=60, initial=6
    )
    cost_key = forms.CharField(label=_("Kostenschlüssel"), max_length=300, required=False)
    document = forms.FileField(
        label=_("Unterzeichnete Fassung (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(
        self,
        *args: Any,
        members: Sequence[tuple[int, str]],
        services: Sequence[tuple[int, str]],
        areas: Sequence[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["processing"], [("", _("Bitte wählen")), *members])
        set_choices(self.fields["parties"], members)
        set_choices(self.fields["services"], services)
        set_choices(self.fields["areas"], areas)

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if not document:
            return None
        if document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 20 MB."))
        head = document.read(5)
        document.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("Bitte laden Sie die Vereinbarung als PDF hoch."))
        return document


class AgreementEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Die Vereinbarung endet am"), help_text=DATE_HINT)
