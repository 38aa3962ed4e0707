from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.authorities.models import Authority
from verbund.networks.models import MembershipRole, Network

_KEY = re.compile(r"^\d{2,12}$")


class NetworkForm(forms.ModelForm[Network]):
    class Meta:
        model = Network
        fields = ["name", "kind", "description", "operator_name"]


class MembershipAddForm(forms.Form):
    ars = forms.CharField(
        label=_("Regionalschlüssel der Behörde"),
        help_text=_("Gemeinde: 12 Ziffern (z. B. 053580040040), Kreis: 5 Ziffern (z. B. 05358)."),
        max_length=12,
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=MembershipRole.choices)
    joined_on = forms.DateField(
        label=_("Beitritt"),
        help_text=_("Datum im Format TT.MM.JJJJ"),
        initial=timezone.localdate,
    )

    def clean_ars(self) -> Authority:
        value = self.cleaned_data["ars"].strip()
        if not _KEY.match(value):
            raise forms.ValidationError(_("Bitte geben Sie nur Ziffern ein (2 bis 12)."))
        authority = Authority.objects.filter(ars=value).first()
        if authority is None:
            raise forms.ValidationError(_("Zu diesem Regionalschlüssel ist keine Behörde bekannt."))
        return authority


class MembershipEndForm(forms.Form):
    left_on = forms.DateField(
        label=_("Austritt zum"),
        help_text=_("Datum im Format TT.MM.JJJJ"),
        initial=timezone.localdate,
    )
