"""Staff forms of the catalogue. They parse and check input; the services validate
again, decide and write."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.authorities.models import Authority
from verbund.catalogue.models import MATURITY_MAX, SECTION_FIELDS, Adoption, Office, Service

_POSTCODE = re.compile(r"^\d{5}$")
# "16,80", "16.80", "1.234,56", "1234" – with an optional euro sign; the service
# turns the accepted forms into one stored amount.
_AMOUNT = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+,\d{1,2}|\d+(?:[.,]\d{1,2})?)$")


def _url_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Form fields as Django makes them, with addresses typed without a scheme read as
    https (Django 6 does the same; this keeps Django 5.2 from warning)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ServiceForm(forms.ModelForm[Service]):
    """A service's own fields; the builder is chosen only when the service is created."""

    synonyms = forms.CharField(
        label=_("Synonyme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Suchbegriffe der Bürgerinnen und Bürger, einer je Zeile."),
    )

    class Meta:
        model = Service
        fields = [
            "slug",
            "leika_key",
            "ozg_id",
            "title",
            "summary",
            *SECTION_FIELDS,
            "processing_days",
            "synonyms",
            "themenfeld",
            "level",
            "maturity",
            "online_url",
        ]
        formfield_callback = _url_formfield
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "maturity": forms.NumberInput(attrs={"min": 0, "max": MATURITY_MAX}),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in SECTION_FIELDS},
        }
        help_texts = {
            "leika_key": _("14 Ziffern, beginnt mit 99; leer, wenn es keinen gibt."),
            "maturity": _("0 bis 7 nach dem OZG-Reifegradmodell 2.0."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["synonyms"] = "\n".join(self.instance.synonyms)

    def clean_synonyms(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["synonyms"].splitlines()]

    def validate_unique(self) -> None:
        # The service checks key and LeiKa key in its transaction, with its own message.
        return


class ServiceCreateForm(ServiceForm):
    builder: forms.ModelChoiceField[Authority] = forms.ModelChoiceField(
        label=_("Entwickelt von"),
        queryset=None,  # set per user in __init__
        empty_label=None,
        help_text=_("Die Behörde, die die Leistung bereitstellt und pflegt."),
    )

    class Meta(ServiceForm.Meta):
        fields = ["builder", *ServiceForm.Meta.fields]

    def __init__(self, *args: Any, builders: QuerySet[Authority], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["builder"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = builders


class OfficeForm(forms.ModelForm[Office]):
    class Meta:
        model = Office
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "opening_hours",
            "accessibility",
        ]
        widgets = {
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"postcode": {"max_length": _("Eine Postleitzahl hat genau 5 Ziffern.")}}

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data["postcode"].strip()
        if not _POSTCODE.match(value):
            raise forms.ValidationError(_("Eine Postleitzahl hat genau 5 Ziffern."))
        return value

    def validate_unique(self) -> None:
        # The service checks the name within the authority, with its own message.
        return


def fees_as_text(fees: list[dict[str, str]]) -> str:
    """Stored fee items as the form's lines: ``Erstausstellung: 40,00``."""
    return "\n".join(f"{item['label']}: {item['amount'].replace('.', ',')}" for item in fees)


class AdoptionForm(forms.Form):
    """What an adopting authority sets for itself: office, fees, online."""

    office: forms.ModelChoiceField[Office] = forms.ModelChoiceField(
        label=_("Stelle"),
        queryset=None,  # set per authority in __init__
        help_text=_("Die Organisationseinheit, an die sich Bürgerinnen und Bürger wenden."),
    )
    fees = forms.CharField(
        label=_("Gebühren"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eine Gebühr je Zeile in der Form „Bezeichnung: Betrag“, "
            "z. B. „Erstausstellung: 16,80“. Leer, wenn die Leistung kostenlos ist."
        ),
    )
    online = forms.BooleanField(label=_("online beantragbar"), required=False)
    online_url = forms.URLField(
        label=_("eigener Online-Dienst"),
        required=False,
        assume_scheme="https",
        help_text=_("Nur wenn Sie einen anderen Online-Dienst als den gemeinsamen nutzen."),
    )

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = offices
        only = list(offices[:2])
        if len(only) == 1 and not self.is_bound and "office" not in self.initial:
            self.initial["office"] = only[0].pk

    def clean_fees(self) -> list[dict[str, str]]:
        fees = []
        for number, line in enumerate(self.cleaned_data["fees"].splitlines(), start=1):
            if not line.strip():
                continue
            label, colon, amount = line.rpartition(":")
            amount = amount.replace("€", "").replace(" ", "")
            if not colon or not label.strip() or not _AMOUNT.match(amount):
                raise forms.ValidationError(
                    _(
                        "Zeile %(line)d: Schreiben Sie die Gebühr als „Bezeichnung: Betrag“, "
                        "z. B. „Erstausstellung: 16,80“."
                    )
                    % {"line": number},
                    code="fee_line",
                )
            fees.append({"label": label.strip(), "amount": amount})
        return fees

    @classmethod
    def initial_for(cls, adoption: Adoption) -> dict[str, Any]:
        return {
            "office": adoption.office_id,
            "fees": fees_as_text(adoption.fees),
            "online": adoption.online,
            "online_url": adoption.online_url,
        }


class AdoptionCreateForm(AdoptionForm):
    started_on = forms.DateField(
        label=_("genutzt ab"),
        help_text=_("Datum im Format TT.MM.JJJJ"),
        initial=timezone.localdate,
    )


class AdoptionEndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("genutzt bis"),
        help_text=_("Der letzte Tag der Nachnutzung, im Format TT.MM.JJJJ"),
        initial=timezone.localdate,
    )
