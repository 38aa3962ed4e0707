"""Forms of the archive's staff pages: the archive, its OCR profile, holdings, units, the
upload and the page order. The services check the values as a whole
(``archive.services``); their messages appear at these fields."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verbund.archive.models import AccessLevel, DescriptionLevel, OcrProfile, Page, Script
from verbund.archive.services import (
    ArchiveDetails,
    FondsDescription,
    ProfileSettings,
    UnitDescription,
)
from verbund.core.forms import set_choices


class ArchiveForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    isil = forms.CharField(
        label=_("ISIL"),
        required=False,
        max_length=30,
        help_text=_("Kennung des Archivs im ISIL-Verzeichnis, z. B. DE-2410."),
    )
    address = forms.CharField(
        label=_("Anschrift"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    email = forms.CharField(
        label=_("E-Mail"), required=False, max_length=254, widget=forms.EmailInput()
    )

    def details(self) -> ArchiveDetails:
        data = self.cleaned_data
        return ArchiveDetails(
            name=data["name"], isil=data["isil"], address=data["address"], email=data["email"]
        )


class ProfileChoiceForm(forms.Form):
    """Which OCR profile an archive works with: one of its authority's or a shared one."""

    profile = forms.TypedChoiceField(
        label=_("OCR-Profil"),
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "Dieses OCR-Profil steht nicht zur Wahl: Es gehört nicht Ihrer Behörde und "
                "ist nicht für andere Archive freigegeben."
            )
        },
    )

    def __init__(self, *args: Any, profiles: Sequence[OcrProfile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self.fields["profile"],
            [
                (
                    profile.pk,
                    _("%(name)s (%(authority)s)")
                    % {"name": profile.name, "authority": profile.authority.name},
                )
                for profile in profiles
            ],
        )


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Bezeichnung"), max_length=200)
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        help_text=_("Wofür das Profil taugt, was damit erprobt wurde."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    model_fraktur = forms.CharField(label=_("Modell für Fraktur"), max_length=60)
    model_antiqua = forms.CharField(label=_("Modell für Antiqua"), max_length=60)
    model_typewriter = forms.CharField(label=_("Modell für Schreibmaschine"), max_length=60)
    page_segmentation = forms.IntegerField(
        label=_("Seitensegmentierung (Tesseract --psm)"),
        help_text=_("3: vollautomatisch (Standard); 4: eine Spalte; 6: ein Textblock."),
    )
    review_threshold = forms.CharField(
        label=_("Prüfschwelle (mittlere Wortkonfidenz in %)"),
        max_length=10,
        help_text=_(
            "Seiten mit einer geringeren mittleren Wortkonfidenz werden zur Prüfung "
            "vorgelegt, z. B. 80 oder 72,5."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def clean_review_threshold(self) -> Decimal:
        text = self.cleaned_data["review_threshold"].strip().replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Geben Sie die Prüfschwelle als Zahl von 0 bis 100 an, z. B. 80 oder 72,5.")
            ) from None
        if not value.is_finite():
            raise forms.ValidationError(_("Geben Sie die Prüfschwelle als Zahl von 0 bis 100 an."))
        return value

    def settings(self) -> ProfileSettings:
        data = self.cleaned_data
        return ProfileSettings(
            name=data["name"],
            description=data["description"],
            model_fraktur=data["model_fraktur"],
            model_antiqua=data["model_antiqua"],
            model_typewriter=data["model_typewriter"],
            page_segmentation=data["page_segmentation"],
            review_threshold=data["review_threshold"],
        )


class FondsForm(forms.Form):
    reference_code = forms.CharField(label=_("Signatur des Bestands"), max_length=60)
    title = forms.CharField(label=_("Titel"), max_length=300)
    date_text = forms.CharField(
        label=pgettext_lazy("archival dates", "Laufzeit"),
        required=False,
        max_length=100,
        help_text=_("z. B. 1817–1945"),
    )
    extent = forms.CharField(label=_("Umfang"), required=False, max_length=200)
    creator = forms.CharField(
        label=_("Provenienz (Bestandsbildner)"), required=False, max_length=300
    )
    administrative_history = forms.CharField(
        label=_("Geschichte des Bestandsbildners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    scope_content = forms.CharField(
        label=_("Inhalt"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    access_conditions = forms.CharField(
        label=_("Zugangsbestimmungen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def description(self) -> FondsDescription:
        return FondsDescription(**{name: self.cleaned_data[name] for name in self.fields})


class UnitForm(forms.Form):
    reference_code = forms.CharField(label=_("Signatur"), max_length=60)
    title = forms.CharField(label=_("Titel"), max_length=500)
    level = forms.ChoiceField(label=_("Verzeichnungsstufe"), choices=DescriptionLevel.choices)
    date_text = forms.CharField(
        label=pgettext_lazy("archival dates", "Laufzeit"),
        required=False,
        max_length=100,
        help_text=_("z. B. 1848–1851"),
    )
    year_from = forms.IntegerField(label=_("von (Jahr)"), required=False)
    year_to = forms.IntegerField(label=_("bis (Jahr)"), required=False)
    extent = forms.CharField(
        label=_("Umfang"), required=False, max_length=200, help_text=_("z. B. 120 Blatt")
    )
    scope_content = forms.CharField(
        label=_("Enthält"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    language = forms.CharField(
        label=_("Sprache"),
        max_length=20,
        help_text=_("Kürzel nach ISO 639-2, z. B. „ger“; mehrere durch Leerzeichen getrennt."),
    )
    script = forms.ChoiceField(
        label=_("Schrift"),
        choices=Script.choices,
        help_text=_("Wählt das Modell der Texterkennung."),
    )
    access = forms.ChoiceField(
        label=pgettext_lazy("archival access", "Zugang"),
        choices=AccessLevel.choices,
        help_text=_("Gilt für die Seiten, ihren Text, die Suche und alle Exporte der Einheit."),
    )

    def description(self) -> UnitDescription:
        return UnitDescription(**{name: self.cleaned_data[name] for name in self.fields})


# What the file dialog offers; the content decides what is taken (archive.services).
ACCEPT = ".tif,.tiff,.jpg,.jpeg,.png,.pdf,image/tiff,image/jpeg,image/png,application/pdf"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the ingest, not here (an empty or
    broken file is refused there with its name while the others go on)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if not data and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    """Scans for a unit: several files at once, in the order their pages follow."""

    scans = MultipleFileField(
        label=_("Scans"),
        help_text=_(
            "TIFF (auch mehrseitig), JPEG, PNG oder PDF. Die Seiten werden in der "
            "Reihenfolge der Dateinamen hinten an die Einheit angefügt."
        ),
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Bitte wählen Sie mindestens eine Datei aus.")},
    )

    def clean_scans(self) -> list[Any]:
        return sorted(self.cleaned_data["scans"], key=lambda f: str(f.name))


class ReorderForm(forms.Form):
    """The new position of every page of a unit: one number field per page."""

    def __init__(self, *args: Any, pages: Sequence[Page], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages = list(pages)
        count = len(self.pages)
        for page in self.pages:
            self.fields[f"page_{page.pk}"] = forms.IntegerField(
                label=_("Neue Position von Seite %(position)s") % {"position": page.position},
                min_value=1,
                max_value=max(count, 1),
                initial=page.position,
                error_messages={
                    "required": _("Bitte geben Sie für Seite %(position)s eine Position an.")
                    % {"position": page.position},
                    "invalid": _("Die Position von Seite %(position)s ist keine Zahl.")
                    % {"position": page.position},
                    "min_value": _("Positionen beginnen bei 1."),
                    "max_value": _("Die Einheit hat nur %(count)s Seiten.") % {"count": count},
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        positions = [data.get(f"page_{page.pk}") for page in self.pages]
        if None not in positions and len(set(positions)) != len(positions):
            raise forms.ValidationError(
                _(
                    "Jede Position darf nur einmal vorkommen: vergeben Sie die Zahlen "
                    "1 bis %(count)s."
                )
                % {"count": len(self.pages)}
            )
        return data

    def order(self) -> list[int]:
        """The page ids in their new order."""
        return [
            page.pk for page in sorted(self.pages, key=lambda p: self.cleaned_data[f"page_{p.pk}"])
        ]
