"""Staff forms of the integrations app. They parse input; the services check it again
(callback URLs, names) and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.integrations.models import Scope
from verbund.integrations.services import NAME_MAX_LENGTH
from verbund.integrations.webhooks.transport import MAX_URL_LENGTH

CALLBACK_HELP = _(
    "Optional. Dorthin meldet die Plattform jeden neuen Antrag (signiert, ohne "
    "personenbezogene Daten). Nur https:// an ein öffentlich erreichbares System."
)


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Zum Beispiel der Name des Fachverfahrens."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Berechtigungen"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Scope.SUBMISSIONS_READ, Scope.SUBMISSIONS_ACKNOWLEDGE],
    )
    callback_url = forms.CharField(
        label=_("Callback-URL"),
        required=False,
        max_length=MAX_URL_LENGTH,
        help_text=CALLBACK_HELP,
        widget=forms.URLInput(attrs={"inputmode": "url", "spellcheck": "false"}),
    )


class CallbackForm(forms.Form):
    callback_url = forms.CharField(
        label=_("Callback-URL"),
        required=False,
        max_length=MAX_URL_LENGTH,
        help_text=_("Leer lassen, um keine Webhooks mehr zu senden."),
        widget=forms.URLInput(attrs={"inputmode": "url", "spellcheck": "false"}),
    )
    new_secret = forms.BooleanField(
        label=_("Neues Signatur-Secret erzeugen"),
        required=False,
        help_text=_("Das bisherige Secret gilt danach nicht mehr."),
    )
