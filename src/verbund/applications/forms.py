"""Django forms of the application journey (the steps themselves are the form engine's)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ResumeForm(forms.Form):
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Wir schicken Ihnen einen Link, mit dem Sie Ihren Antrag später fortsetzen."),
        max_length=254,
        error_messages={
            "required": _("Geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _(
                "Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel "
                "name@beispiel.de."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
