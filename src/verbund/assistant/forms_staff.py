"""The coordinators' form on the assistant's page: a search term for a service.

Coordinators may add a term to any published service of the shared catalogue (the
term is owned by their network, and it helps every citizen who asks in those words).
The form only parses; ``services.synonym_add`` decides (a term already there, a
service no longer published) and its refusal is shown at the field it names.
"""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from verbund.assistant.services import MAX_TERM
from verbund.catalogue.models import Service
from verbund.catalogue.selectors import published_services


class SynonymForm(forms.Form):
    # The published services by title; the queryset is read each time the form is shown.
    service: forms.ModelChoiceField[Service] = forms.ModelChoiceField(
        label=_("Leistung"),
        queryset=published_services(),
        empty_label=_("Bitte wählen"),
        help_text=_("Die Leistung, zu der der Assistent bei diesem Begriff führen soll."),
        error_messages={
            "required": _("Bitte wählen Sie die Leistung aus."),
            "invalid_choice": _(
                "Diese Leistung ist nicht veröffentlicht. Bitte wählen Sie eine Leistung "
                "aus der Liste."
            ),
        },
    )
    term = forms.CharField(
        label=_("Suchbegriff"),
        max_length=MAX_TERM,
        help_text=format_lazy(
            _(
                "Ein Wort oder eine kurze Wendung, so wie Bürgerinnen und Bürger fragen, "
                "z. B. „Perso“ oder „Auto abmelden“. Höchstens {max} Zeichen."
            ),
            max=MAX_TERM,
        ),
        error_messages={
            "required": _("Bitte geben Sie einen Suchbegriff ein."),
            "max_length": _("Der Suchbegriff darf höchstens %(limit_value)d Zeichen lang sein."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
