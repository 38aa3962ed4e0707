"""Forms of the archive's exchange: the holdings a hand-over goes into, and the upload
of an external xdomea package."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.archive.exports.xdomea_import import MAX_PACKAGE_BYTES


class HandOverForm(forms.Form):
    fonds = forms.TypedChoiceField(label=gettext_lazy("In welchen Bestand?"), coerce=int)

    def __init__(self, *args: Any, fonds: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fonds"].choices = [("", _("Bitte wählen")), *fonds]  # type: ignore[attr-defined]


class PackageUploadForm(HandOverForm):
    package = forms.FileField(
        label=gettext_lazy("xdomea-Paket (ZIP, Aussonderung.Aussonderung.0503)"),
        help_text=gettext_lazy("Die ZIP-Datei mit der Nachricht und den Primärdateien."),
    )

    def clean_package(self) -> bytes:
        upload = self.cleaned_data["package"]
        if upload.size > MAX_PACKAGE_BYTES:
            raise forms.ValidationError(_("Das Paket ist zu groß."))
        data: bytes = upload.read()
        if not data.startswith(b"PK"):
            raise forms.ValidationError(_("Die Datei ist keine ZIP-Datei."))
        return data
