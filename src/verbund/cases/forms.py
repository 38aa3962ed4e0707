"""Staff forms of the back office. They parse input; the services decide and write.

Forms that change a case carry the case's ``version`` as they showed it, so that
a second clerk's stale edit is refused instead of overwriting the first one's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.cases.deadlines import add_months
from verbund.cases.models import (
    OUTCOMES_BY_KIND,
    CaseSettings,
    CaseStatus,
    CaseType,
    DecisionOutcome,
    DocumentVersion,
    ParticipationKind,
    ParticipationOutcome,
)
from verbund.cases.placeholders import (
    LETTER_HELP,
    REMEDY_HELP,
    validate_file_number_pattern,
    validate_letter_text,
    validate_remedy_notice,
)
from verbund.cases.services import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH

SORTS = (
    ("received", _("Eingang, neueste zuerst")),
    ("due", _("Frist, früheste zuerst")),
)


def _set_choices(form: forms.BaseForm, name: str, choices: Iterable[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(choices)


def _future(value: dt.date) -> None:
    if value <= timezone.localdate():
        raise ValidationError(_("Die Frist muss in der Zukunft liegen."))


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class InboxFilterForm(forms.Form):
    """The inbox's filters, from the query string. An invalid value is reported and
    ignored; the other filters still apply."""

    q = forms.CharField(
        label=_("Suche"),
        required=False,
        max_length=100,
        help_text=_(
            "Vorgangsnummer, Aktenzeichen oder Name der Antragstellerin/des Antragstellers. "
            "Eine vollständige Vorgangsnummer öffnet den Vorgang."
        ),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    service = forms.TypedChoiceField(label=_("Leistung"), required=False, coerce=int)
    assignee = forms.ChoiceField(label=_("Bearbeitung"), required=False)
    received_from = forms.DateField(
        label=_("Eingegangen ab"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Eingegangen bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.BooleanField(label=_("nur überfällige"), required=False)
    attention = forms.BooleanField(label=_("nur mit neuen Eingängen"), required=False)
    sort = forms.ChoiceField(label=_("Sortierung"), required=False, choices=SORTS)

    def __init__(
        self,
        *args: Any,
        services: Sequence[tuple[int, str]],
        clerks: Sequence[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(
            self, "status", [("", _("Alle außer „Zahlung ausstehend“")), *CaseStatus.choices]
        )
        _set_choices(self, "service", [("", _("Alle Leistungen")), *services])
        _set_choices(
            self,
            "assignee",
            [
                ("", _("Alle")),
                ("me", _("Mir zugewiesen")),
                ("none", _("Niemandem zugewiesen")),
                *[(str(pk), name) for pk, name in clerks],
            ],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("Das Ende liegt vor dem Anfang."))
        return data

    def filters(self) -> dict[str, Any]:
        """The valid filters (``is_valid()`` must have run); invalid ones are left out."""
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if name not in self.errors}


class AssignForm(_Versioned):
    assignee = forms.TypedChoiceField(label=_("Zuweisen an"), coerce=int, required=False)

    def __init__(self, *args: Any, clerks: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "assignee", [("", _("niemandem")), *clerks])
        field = self.fields["assignee"]
        assert isinstance(field, forms.TypedChoiceField)
        field.empty_value = None


class CaseStatusForm(_Versioned):
    """Set a status a clerk sets directly, with an optional note for the applicant.

    Only the statuses that may follow the current one are offered, but every known
    status is accepted here: the service decides on the locked row, and its refusal
    is what the clerk reads.
    """

    status = forms.ChoiceField(
        label=_("Neuer Status"), choices=CaseStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Hinweis für die Antragstellerin oder den Antragsteller"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Erscheint auf der Statusseite des Antrags."),
    )

    def __init__(self, *args: Any, allowed: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer(allowed)

    def offer(self, allowed: Iterable[str]) -> None:
        offered = set(allowed)
        widget = self.fields["status"].widget
        assert isinstance(widget, forms.RadioSelect)
        widget.choices = [(value, label) for value, label in CaseStatus.choices if value in offered]
        self.has_choices = bool(widget.choices)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notiz"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Nur für die Akte; die Antragstellerin oder der Antragsteller sieht sie nicht."
        ),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Bezeichnung"), max_length=200)
    file = forms.FileField(label=_("Datei"), help_text=_("PDF, PNG oder JPEG"))


class VersionForm(forms.Form):
    file = forms.FileField(label=_("Neue Version"), help_text=_("PDF, PNG oder JPEG"))


class InformationRequestForm(_Versioned):
    message = forms.CharField(
        label=_("Ihre Nachricht an die Antragstellerin oder den Antragsteller"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    items = forms.CharField(
        label=_("Angeforderte Unterlagen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Unterlage je Zeile, höchstens zehn."),
    )
    due_on = forms.DateField(
        label=_("Frist"), widget=forms.DateInput(attrs={"type": "date"}), validators=[_future]
    )

    def clean_items(self) -> list[str]:
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if len(items) > 10:
            raise ValidationError(_("Fordern Sie höchstens 10 Unterlagen auf einmal an."))
        if any(len(item) > 200 for item in items):
            raise ValidationError(_("Eine Zeile darf höchstens 200 Zeichen lang sein."))
        return items


class _VersionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        version: DocumentVersion = obj
        return f"{version.document.title} – {version.filename} (v{version.number})"


NOT_A_CHOICE = _(
    "Diese Behörde steht nicht zur Auswahl. Beteiligen können Sie die Mitglieder Ihrer "
    "Verbünde und die Behörden, die für den Ort des Antrags zuständig sind."
)


class ParticipationForm(_Versioned):
    requested = forms.TypedChoiceField(
        label=_("Beteiligte Behörde"),
        coerce=int,
        error_messages={"invalid_choice": NOT_A_CHOICE},
        help_text=_(
            "Zur Auswahl stehen die Behörden, die für den Ort des Antrags zuständig sind, und "
            "die Mitglieder Ihrer Verbünde."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Art"), choices=ParticipationKind.choices, widget=forms.RadioSelect
    )
    subject = forms.CharField(label=_("Betreff"), max_length=200)
    message = forms.CharField(
        label=_("Anschreiben"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )
    due_on = forms.DateField(
        label=_("Frist"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[_future],
        help_text=_("Leer: beim Einvernehmen zwei Monate (§ 36 Abs. 2 BauGB), sonst ein Monat."),
    )
    versions = _VersionChoice(
        label=_("Geteilte Dokumente"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Die beteiligte Behörde sieht nur diese Dokumente, bis sie geantwortet hat."),
    )

    def __init__(
        self,
        *args: Any,
        authorities: Sequence[tuple[str, Sequence[tuple[int, str]]]],
        versions: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "requested", [("", _("Bitte wählen")), *authorities])
        versions_field = self.fields["versions"]
        assert isinstance(versions_field, forms.ModelMultipleChoiceField)
        versions_field.queryset = versions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("due_on") and data.get("kind") and "due_on" not in self.errors:
            months = 2 if data["kind"] == ParticipationKind.CONSENT else 1
            data["due_on"] = add_months(timezone.localdate(), months)
        return data


class ParticipationAnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Ergebnis"), widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Stellungnahme"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Bei Versagung, Bedenken oder Auflagen mit Begründung."),
    )
    file = forms.FileField(
        label=_("Stellungnahme als Datei"), required=False, help_text=_("PDF, PNG oder JPEG")
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(
            self,
            "outcome",
            [(value, ParticipationOutcome(value).label) for value in OUTCOMES_BY_KIND[kind]],
        )


class DecisionForm(_Versioned):
    outcome = forms.ChoiceField(
        label=_("Entscheidung"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Text des Bescheids"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    fee_amount = forms.CharField(
        label=_("Gebühr in Euro"),
        max_length=20,
        help_text=_("Zum Beispiel 1.234,50; 0 für gebührenfrei."),
    )
    fee_note = forms.CharField(
        label=_("Grundlage der Gebühr"),
        required=False,
        max_length=300,
        help_text=_("z. B. Tarifstelle 2.4.1.1 AVerwGebO NRW"),
    )
    remedy_notice = forms.CharField(
        label=_("Rechtsbehelfsbelehrung"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_fee_amount(self) -> Decimal:
        return parse_euro(self.cleaned_data["fee_amount"])


# "16,80", "1.234,56", "1234", "12.00": German grouping with a decimal comma, or a
# plain number with a decimal point (as specialist systems and copy-paste write it).
_EURO = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)$")


def parse_euro(text: Any) -> Decimal:
    """An amount in euro as people in Germany write it; ValidationError otherwise."""
    raw = str(text).replace("€", "").replace("\u00a0", "").replace(" ", "")
    if isinstance(text, Decimal):
        raw = f"{text:.2f}"
    if not _EURO.match(raw):
        raise ValidationError(
            _("Geben Sie einen Betrag in Euro ein, zum Beispiel 1.234,50."), code="amount"
        )
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif raw.count(".") == 1 and len(raw.split(".")[1]) == 3:
        raw = raw.replace(".", "")  # "1.200": a thousands separator
    amount = Decimal(raw).quantize(Decimal("0.01"))
    if amount >= Decimal("100000000"):
        raise ValidationError(_("Der Betrag ist zu hoch."), code="amount")
    return amount


class CaseTypeForm(forms.ModelForm[CaseType]):
    class Meta:
        model = CaseType
        fields = [
            "file_plan_code",
            "retention_years",
            "disposal",
            "granted_text",
            "refused_text",
            "remedy_notice",
        ]
        widgets = {
            "granted_text": forms.Textarea(attrs={"rows": 6}),
            "refused_text": forms.Textarea(attrs={"rows": 6}),
            "remedy_notice": forms.Textarea(attrs={"rows": 5}),
            "disposal": forms.RadioSelect,
        }
        help_texts = {
            "granted_text": LETTER_HELP,
            "refused_text": LETTER_HELP,
            "remedy_notice": REMEDY_HELP,
        }

    def _letter(self, name: str) -> str:
        text: str = self.cleaned_data[name]
        validate_letter_text(text)
        return text

    def clean_granted_text(self) -> str:
        return self._letter("granted_text")

    def clean_refused_text(self) -> str:
        return self._letter("refused_text")

    def clean_remedy_notice(self) -> str:
        text: str = self.cleaned_data["remedy_notice"]
        validate_remedy_notice(text)
        return text


def _url_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Addresses typed without a scheme are read as https (as Django 6 will)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class CaseSettingsForm(forms.ModelForm[CaseSettings]):
    class Meta:
        model = CaseSettings
        fields = [
            "file_number_pattern",
            "department",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "website",
            "signatory",
            "archive_name",
            "court_name",
            "court_street",
            "court_postcode",
            "court_city",
        ]
        formfield_callback = _url_formfield

    # The page shows the fields in these groups: legend, hint, names.
    GROUPS = (
        (_("Aktenzeichen"), "", ("file_number_pattern",)),
        (
            _("Briefkopf der Bescheide"),
            "",
            ("department", "street", "postcode", "city", "phone", "email", "website", "signatory"),
        ),
        (
            _("Verwaltungsgericht für die Rechtsbehelfsbelehrung"),
            _(
                "Gegen Ihre Bescheide kann beim Verwaltungsgericht geklagt werden, in dessen "
                "Bezirk Ihre Behörde ihren Sitz hat. Die Rechtsbehelfsbelehrung nennt es mit "
                "Sitz und Anschrift; ohne diese Angaben ergeht kein Bescheid."
            ),
            ("court_name", "court_street", "court_postcode", "court_city"),
        ),
        (_("Archiv"), "", ("archive_name",)),
    )

    def groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """The fields in the page's groups: (legend, hint, fields)."""
        return [
            (str(legend), str(hint), [self[name] for name in names])
            for legend, hint, names in self.GROUPS
        ]

    def clean_file_number_pattern(self) -> str:
        pattern: str = self.cleaned_data["file_number_pattern"].strip()
        validate_file_number_pattern(pattern)
        return pattern


class RecordsForm(forms.Form):
    """Choose files whose retention has ended, and what to do with them."""

    ACTIONS = (
        ("hand_over", _("dem Archiv übergeben (xdomea-Paket)")),
        ("destroy", _("personenbezogene Daten löschen")),
    )
    action = forms.ChoiceField(label=_("Aktion"), choices=ACTIONS, widget=forms.RadioSelect)
    cases = forms.TypedMultipleChoiceField(
        label=_("Akten"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    confirm = forms.BooleanField(
        label=_(
            "Ich habe die Auswahl geprüft. Die Aussonderung lässt sich nicht rückgängig machen."
        )
    )

    def __init__(self, *args: Any, cases: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "cases", cases)
