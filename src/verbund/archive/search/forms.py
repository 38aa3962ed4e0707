"""The search form (GET), public and staff alike."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.archive.search.analysis import query_terms

MAX_PAGE = 500


class ArchiveSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Suchbegriffe"),
        help_text=_("Wörter aus dem Text der Seiten, zum Beispiel „Gemeinderat“ oder „Schule“."),
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    page = forms.IntegerField(
        label=_("Seite der Trefferliste"),
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        widget=forms.HiddenInput,
        # The field is hidden: its message says which number is meant.
        error_messages={
            key: _("Die Seite der Trefferliste muss eine Zahl von 1 bis 500 sein.")
            for key in ("invalid", "min_value", "max_value")
        },
    )

    def clean_q(self) -> str:
        q: str = self.cleaned_data["q"].strip()
        if not query_terms(q):
            raise forms.ValidationError(
                _("Bitte geben Sie ein Suchwort ein, nicht nur Wörter wie „der“ oder „und“."),
                code="no_terms",
            )
        return q
