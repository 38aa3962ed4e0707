"""Forms of the eRechnung inbox."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.einvoice.validation import max_bytes, max_megabytes


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Rechnungsdatei"),
        help_text=_("XRechnung (UBL oder CII) als XML-Datei oder eine ZUGFeRD-/Factur-X-PDF."),
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        required=False,
        help_text=_(
            "Für die Eingangsbestätigung und die Nachricht, wenn wir die Rechnung "
            "zurückweisen. Ohne Angabe nutzen wir die Adresse aus der Rechnung."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("Die Datei ist größer als %(mb)s MB.") % {"mb": max_megabytes()}
            )
        return upload


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung der Zurückweisung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Der Rechnungssteller erhält diese Begründung per E-Mail."),
    )


class AssignForm(forms.Form):
    authority = forms.TypedChoiceField(label=_("Mitglied"), coerce=int)

    def __init__(self, *args: object, members: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["authority"].choices = members  # type: ignore[attr-defined]


class LeitwegIdForm(forms.Form):
    value = forms.CharField(
        label=_("Leitweg-ID"),
        max_length=46,
        help_text=_("Zum Beispiel 05358024-12345-38; die Prüfziffern werden geprüft."),
    )
    label = forms.CharField(label=_("Bezeichnung"), max_length=200, required=False)


class InboxForm(forms.Form):
    email_address = forms.EmailField(label=_("E-Mail-Adresse für Rechnungen"))
    active = forms.BooleanField(label=_("nimmt Rechnungen an"), required=False, initial=True)
