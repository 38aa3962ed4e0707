"""Forms of the applicant's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AnswerForm(forms.Form):
    """The applicant's answer to a question of the authority (the files come as
    ``dateien`` and are checked one by one)."""

    MAX_FILES = 10

    text = forms.CharField(
        label=_("Ihre Antwort"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("Ihre Antwort darf höchstens 10.000 Zeichen lang sein.")},
    )
