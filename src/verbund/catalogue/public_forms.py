"""Forms of the public catalogue pages (search and the responsibility finder)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.catalogue.models import Themenfeld


class ServiceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Was möchten Sie erledigen?"),
        help_text=_("Zum Beispiel „Auto abmelden“ oder „Hund anmelden“."),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    themenfeld = forms.ChoiceField(
        label=_("Themenfeld"),
        required=False,
        choices=[("", _("Alle Themenfelder")), *Themenfeld.choices],
    )


class PlaceForm(forms.Form):
    ort = forms.CharField(
        label=_("Ihr Wohnort oder Ihre Postleitzahl"),
        max_length=100,
        error_messages={"required": _("Bitte geben Sie einen Ort oder eine Postleitzahl ein.")},
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
