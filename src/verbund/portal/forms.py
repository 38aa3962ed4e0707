from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verbund.portal.models import ConformityStatus, LegalPage, LegalPageKind

_BODY_LABELS = {
    LegalPageKind.IMPRINT: (
        _("Text des Impressums"),
        _(
            "Anbieterkennzeichnung nach § 5 DDG: Name und Anschrift der Kommune, "
            "vertretungsberechtigte Person, Aufsichtsbehörde, Kontakt."
        ),
    ),
    LegalPageKind.PRIVACY: (
        _("Text der Datenschutzerklärung"),
        _(
            "Informationen nach Art. 13 DSGVO: Verantwortliche Stelle, Datenschutzbeauftragte, "
            "Zwecke und Rechtsgrundlagen, Rechte der betroffenen Personen."
        ),
    ),
    LegalPageKind.ACCESSIBILITY: (
        _("Nicht barrierefreie Inhalte"),
        _(
            "Welche Inhalte sind nicht barrierefrei, warum nicht, und welche barrierefreien "
            "Alternativen gibt es?"
        ),
    ),
}


class PlaceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Ort oder Postleitzahl"),
        max_length=100,
        error_messages={"required": _("Bitte geben Sie einen Ort oder eine Postleitzahl ein.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class LegalPageForm(forms.ModelForm[LegalPage]):
    """Edits one legal page; the conformity status only on the accessibility statement."""

    class Meta:
        model = LegalPage
        fields = ["body", "contact_email", "conformity", "reviewed_on"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "conformity": forms.RadioSelect,
        }
        labels = {"reviewed_on": pgettext_lazy("date a text was last reviewed", "Stand")}
        help_texts = {"reviewed_on": _("Datum im Format TT.MM.JJJJ")}
        # Specific messages (GOV.UK style) instead of Django's generic ones.
        error_messages = {
            "body": {"required": _("Bitte geben Sie den Text der Seite ein.")},
            "contact_email": {
                "required": _("Bitte geben Sie eine E-Mail-Adresse für Rückmeldungen an."),
                "invalid": _("Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de an."),
            },
            "conformity": {"required": _("Bitte wählen Sie den Stand der Vereinbarkeit aus.")},
            "reviewed_on": {
                "required": _("Bitte geben Sie das Datum an, zu dem die Seite aktuell ist."),
                "invalid": _("Bitte geben Sie das Datum im Format TT.MM.JJJJ an."),
            },
        }

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body_label, body_help = _BODY_LABELS[LegalPageKind(kind)]
        self.fields["body"].label = body_label
        self.fields["body"].help_text = body_help
        if kind == LegalPageKind.ACCESSIBILITY:
            conformity = self.fields["conformity"]
            assert isinstance(conformity, forms.ChoiceField)
            conformity.choices = ConformityStatus.choices
            conformity.required = True
            conformity.label = _("Stand der Vereinbarkeit mit den Anforderungen")
            contact = self.fields["contact_email"]
            contact.required = True
            contact.label = _("E-Mail-Adresse für Rückmeldungen")
            contact.help_text = _(
                "An diese Adresse können Menschen Mängel melden und barrierefreie "
                "Alternativen anfragen."
            )
            self.fields["reviewed_on"].help_text = _(
                "Datum der Erstellung oder letzten Überprüfung, im Format TT.MM.JJJJ"
            )
        else:
            del self.fields["conformity"]
            self.fields["contact_email"].label = _("Kontakt-E-Mail")
