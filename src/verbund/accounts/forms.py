"""Forms for login, the second factor and staff management (KERN UX widgets)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from verbund.accounts.models import AuthorityRoleKind, User
from verbund.accounts.selectors import user_by_login_or_email

_INPUT = "kern-form-input__input"
_SELECT = "kern-form-input__select"
_TOKEN = re.compile(r"^\d{6}$")


def _kern_widgets(form: forms.BaseForm, errors: Any = None) -> None:
    """Give every widget the KERN class and the accessibility attributes (hint, error)."""
    for name, field in form.fields.items():
        css = _SELECT if isinstance(field.widget, forms.Select) else _INPUT
        attrs = field.widget.attrs
        attrs["class"] = css
        attrs.pop("aria-invalid", None)
        attrs.pop("aria-describedby", None)
        if errors and name in errors:
            attrs["class"] = f"{css} {css}--error"
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"{form[name].auto_id}-error"
        elif field.help_text:
            attrs["aria-describedby"] = f"{form[name].auto_id}-hint"


class KernFormMixin:
    """Marks invalid fields once the form was validated."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        _kern_widgets(self, self._errors)  # type: ignore[arg-type, attr-defined]


class LoginForm(KernFormMixin, AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kern_widgets(self)


class TokenForm(KernFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Sechsstelliger Code"),
        help_text=_("Der Code aus Ihrer Authenticator-App, z. B. 123456."),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"[0-9 ]*",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kern_widgets(self)

    def clean_token(self) -> str:
        value = "".join(self.cleaned_data["token"].split())
        if not _TOKEN.match(value):
            raise forms.ValidationError(_("Bitte geben Sie genau sechs Ziffern ein."))
        return value


class RoleGrantForm(KernFormMixin, forms.Form):
    user = forms.CharField(
        label=_("Benutzername oder E-Mail-Adresse"),
        help_text=_("Das Konto muss bereits bestehen."),
        max_length=254,
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=AuthorityRoleKind.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kern_widgets(self)

    def clean_user(self) -> User:
        user = user_by_login_or_email(self.cleaned_data["user"])
        if user is None:
            raise forms.ValidationError(
                _(
                    "Zu dieser Angabe ist kein aktives Konto bekannt (oder die "
                    "E-Mail-Adresse gehört zu mehreren Konten)."
                )
            )
        return user


class StaffUserCreateForm(KernFormMixin, forms.Form):
    username = forms.CharField(
        label=_("Benutzername"),
        help_text=_("Buchstaben, Ziffern und @ . + - _; höchstens 150 Zeichen."),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    display_name = forms.CharField(label=_("Anzeigename"), max_length=150)
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    password = forms.CharField(
        label=_("Erstes Passwort"),
        help_text=_(
            "Mindestens 12 Zeichen. Teilen Sie es der Person auf sicherem Weg mit; bei der "
            "ersten Anmeldung richtet sie ihren zweiten Faktor ein."
        ),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=AuthorityRoleKind.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kern_widgets(self)
