"""Forms of the roadmap's pages (the small ones carry a step's single input)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.networks.forms import DATE_HINT


class RoadmapProposeForm(forms.Form):
    proposed_by = forms.TypedChoiceField(label=gettext_lazy("Vorgeschlagen von"), coerce=int)
    title = forms.CharField(label=gettext_lazy("Bezeichnung des Online-Dienstes"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    leika_key = forms.CharField(
        label=gettext_lazy("LeiKa-Schlüssel"),
        required=False,
        max_length=14,
        help_text=gettext_lazy("14 Ziffern, beginnt mit 99; leer lassen, wenn unbekannt."),
    )
    planned_on = forms.DateField(
        label=gettext_lazy("Geplant bis"), required=False, help_text=DATE_HINT
    )

    def __init__(self, *args: Any, members: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposed_by"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Bitte wählen")), *members] if len(members) > 1 else list(members)


class AuthorityForm(forms.Form):
    authority = forms.IntegerField()


class StartForm(forms.Form):
    planned_on = forms.DateField(required=False)


class PublishForm(forms.Form):
    service = forms.IntegerField()
