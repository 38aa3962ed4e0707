"""Forms of good practices: the public search and the staff's practice form."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.authorities.models import AuthorityKind
from verbund.catalogue.models import Service
from verbund.core.forms import set_choices
from verbund.networks.groups.models import ProjectGroup
from verbund.networks.roadmap.models import RoadmapItem
from verbund.practices.models import LAENDER, CostPeriod, FieldOfAction

# The largest page number the search accepts; beyond it there is nothing anyway.
MAX_PAGE = 10_000


_GROUPED = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 12.500 or 12.500,50
_COMMA = re.compile(r"^-?\d+(?:,\d+)?$")  # 12500 or 12500,50
_POINT = re.compile(r"^-?\d+\.\d{1,2}$")  # 12500.50, as a browser or a copy may send it


def euro_amount(text: str) -> Decimal | None:
    """An amount as people in Germany write it ("12.500,50", "12500,5", "12.500 €"),
    or None when empty. A negative amount passes: the service refuses it, in its words."""
    value = re.sub(r"[\s\u00a0]", "", text).removesuffix("€").removesuffix("EUR")
    if not value:
        return None
    if _GROUPED.match(value) or _COMMA.match(value):
        return Decimal(value.replace(".", "").replace(",", "."))
    if _POINT.match(value):
        return Decimal(value)
    raise forms.ValidationError(
        _("Geben Sie den Betrag in Euro als Zahl an, zum Beispiel 12.500,00.")
    )


class PracticeSearchForm(forms.Form):
    """The public search (GET): words and four filters; each may be left empty."""

    q = forms.CharField(
        label=_("Suchbegriffe"),
        help_text=_("Zum Beispiel „Ärztehaus“, „Bürgerbus“ oder „E-Akte“."),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    field = forms.ChoiceField(
        label=_("Handlungsfeld"),
        required=False,
        choices=[("", _("Alle Handlungsfelder")), *FieldOfAction.choices],
    )
    land = forms.ChoiceField(
        label=_("Land"),
        required=False,
        choices=[("", _("Alle Länder")), *LAENDER.items()],
    )
    kind = forms.ChoiceField(
        label=_("Art der Behörde"),
        required=False,
        choices=[("", _("Alle Arten")), *AuthorityKind.choices],
    )
    service = forms.ChoiceField(label=_("Leistung im Katalog"), required=False)
    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, services: Sequence[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self.fields["service"],
            [("", _("Alle Leistungen")), *((s.key, s.title) for s in services)],
        )


class PracticeForm(forms.Form):
    """Everything the authority writes about a practice. The service checks it as a
    whole (``practices.services``) and its messages appear at these fields."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Kurz gefasst"),
        help_text=_("Zwei, drei Sätze: Was wurde gemacht, mit welchem Ergebnis?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_of_action = forms.ChoiceField(label=_("Handlungsfeld"), choices=FieldOfAction.choices)
    problem = forms.CharField(
        label=_("Ausgangslage"),
        help_text=_("Welches Problem gab es?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    solution = forms.CharField(
        label=_("Lösung"),
        help_text=_("Was wurde umgesetzt, von wem, mit welchen Partnern?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    results = forms.CharField(
        label=_("Ergebnisse"),
        help_text=_(
            "Was hat es gebracht? Zahlen, Erfahrungen, was Sie heute anders machen würden."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    cost_text = forms.CharField(
        label=_("Kosten"),
        help_text=_("Was hat es gekostet, wer hat es bezahlt, gab es Fördermittel?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cost_amount = forms.CharField(
        label=_("Betrag in Euro"),
        help_text=_("Zum Beispiel 12.500,00"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    cost_period = forms.ChoiceField(
        label=_("Zeitraum der Kosten"),
        required=False,
        choices=[("", _("keine Angabe")), *CostPeriod.choices],
    )
    contact_name = forms.CharField(label=_("Ansprechperson"), required=False, max_length=200)
    contact_email = forms.CharField(
        label=_("E-Mail-Adresse der Ansprechperson"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    contact_phone = forms.CharField(
        label=_("Telefon der Ansprechperson"), required=False, max_length=40
    )
    service = forms.TypedChoiceField(
        label=_("Leistung im Katalog"), required=False, coerce=int, empty_value=None
    )
    project_group = forms.TypedChoiceField(
        label=_("Projektgruppe"), required=False, coerce=int, empty_value=None
    )
    roadmap_item = forms.TypedChoiceField(
        label=_("Vorhaben der Entwicklungsplanung"), required=False, coerce=int, empty_value=None
    )

    def clean_cost_amount(self) -> Decimal | None:
        return euro_amount(self.cleaned_data["cost_amount"])

    def __init__(
        self,
        *args: Any,
        services: Sequence[Service],
        groups: Sequence[ProjectGroup],
        roadmap_items: Sequence[RoadmapItem],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        none = ("", _("keine"))
        set_choices(self.fields["service"], [none, *((s.pk, s.title) for s in services)])
        set_choices(
            self.fields["project_group"],
            [none, *((g.pk, f"{g.name} ({g.network.name})") for g in groups)],
        )
        set_choices(
            self.fields["roadmap_item"],
            [none, *((r.pk, f"{r.title} ({r.network.name})") for r in roadmap_items)],
        )
