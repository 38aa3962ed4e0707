"""Forms of the project groups' pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.networks.forms import DATE_HINT, set_choices
from verbund.networks.groups.models import ProjectGroupStatus
from verbund.networks.groups.services import DOCUMENT_TYPES

OFFICE_TYPES = ",".join(DOCUMENT_TYPES)


class GroupForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name der Projektgruppe"), max_length=120)
    goal = forms.CharField(
        label=gettext_lazy("Ziel"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Stand"),
        choices=ProjectGroupStatus.choices,
        initial=ProjectGroupStatus.PLANNED,
        widget=forms.RadioSelect,
    )
    lead = forms.TypedChoiceField(label=gettext_lazy("Federführung"), coerce=int)
    members = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Weitere Mitglieder der Projektgruppe"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Die Federführung gehört immer dazu."),
    )
    started_on = forms.DateField(label=gettext_lazy("Beginn"), help_text=DATE_HINT, required=False)
    ended_on = forms.DateField(
        label=gettext_lazy("Ende"),
        help_text=gettext_lazy("Leer lassen, solange die Gruppe arbeitet."),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        leads: Sequence[tuple[int, str]],
        members: Sequence[tuple[int, str]] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["lead"], [("", _("Bitte wählen")), *leads])
        if members is None:  # editing: members are added and removed one by one
            del self.fields["members"]
        else:
            set_choices(self.fields["members"], members)


class MemberForm(forms.Form):
    authority = forms.TypedChoiceField(label=gettext_lazy("Mitglied des Verbunds"), coerce=int)

    def __init__(self, *args: Any, members: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["authority"], [("", _("Bitte wählen")), *members])


class TaskForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Aufgabe"), max_length=200)
    owner = forms.TypedChoiceField(label=gettext_lazy("Verantwortliches Mitglied"), coerce=int)
    due_on = forms.DateField(label=gettext_lazy("Fällig am"), help_text=DATE_HINT)

    def __init__(self, *args: Any, members: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["owner"], [("", _("Bitte wählen")), *members])


class MilestoneForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Meilenstein"), max_length=200)
    due_on = forms.DateField(label=gettext_lazy("Geplant für"), help_text=DATE_HINT)


class DocumentForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel des Dokuments"), max_length=200)
    upload = forms.FileField(
        label=gettext_lazy("Datei"),
        help_text=gettext_lazy("PDF oder Office-Datei, höchstens 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": OFFICE_TYPES}),
    )
