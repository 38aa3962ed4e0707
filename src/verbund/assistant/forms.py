"""The citizen's question on the portal (``public_views.ask``).

The form only parses; whether a question can be read (empty, longer than
``text.MAX_QUESTION`` characters, no words) is decided by ``assistant_ask``, whose
message the view puts on the field. So the question field has no length limit of
its own: a longer text is declined with that message and stays in the field, it is
never cut by the browser.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.assistant.text import MAX_QUESTION
from verbund.authorities.folding import fold
from verbund.catalogue.selectors import routing_index

MAX_PLACE = 100
# What is read of the hidden fields; anything longer is no key and no slug anyway.
MAX_KEY = 40


class AskForm(forms.Form):
    frage = forms.CharField(
        label=_("Ihre Frage"),
        required=False,
        strip=False,
        help_text=_(
            "Höchstens %(limit)d Zeichen. Bitte schreiben Sie keine Namen, Adressen oder "
            "Telefonnummern in Ihre Frage."
        )
        % {"limit": MAX_QUESTION},
        error_messages={
            "null_characters_not_allowed": _(
                "Ihre Frage enthält ein Nullzeichen. Bitte schreiben Sie sie noch einmal."
            )
        },
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )
    ort = forms.CharField(
        label=_("Ihr Wohnort oder Ihre Postleitzahl"),
        required=False,
        max_length=MAX_PLACE,
        help_text=_("Dann nennt der Assistent die für Sie zuständige Stelle und ihre Gebühren."),
        error_messages={
            "max_length": _(
                "Ihr Wohnort oder Ihre Postleitzahl darf höchstens %(limit_value)d Zeichen "
                "lang sein."
            ),
            "null_characters_not_allowed": _(
                "Ihr Wohnort oder Ihre Postleitzahl enthält ein Nullzeichen. Bitte geben Sie "
                "den Ort noch einmal ein."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    ars = forms.CharField(required=False, widget=forms.HiddenInput)
    service = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_ars(self) -> str:
        return str(self.cleaned_data["ars"]).strip()[:MAX_KEY]

    def clean_service(self) -> str:
        return str(self.cleaned_data["service"]).strip()[:MAX_KEY]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        # The hidden key belongs to the place shown in the field; when the citizen
        # typed another place there, the typed one counts.
        ars, ort = cleaned.get("ars", ""), cleaned.get("ort", "")
        if ars and ort and fold(str(ort)) not in place_names(str(ars)):
            cleaned["ars"] = ""
        return cleaned


def place_names(ars: str) -> set[str]:
    """The folded names under which the place with key ``ars`` is shown; empty when
    the key names no current Gemeinde."""
    place = routing_index().place(ars) if ars.isdigit() and len(ars) == 12 else None
    if place is None:
        return set()
    return {fold(place.official_name), fold(place.name)}


def place_label(ars: str) -> str:
    """The name shown in the place field for the Gemeinde with key ``ars``, or ""."""
    place = routing_index().place(ars) if ars.isdigit() and len(ars) == 12 else None
    return place.official_name if place is not None else ""
