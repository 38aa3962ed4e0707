"""A service's refusal (``ValidationError``) shown to the user, in one place.

Services refuse a write with a ``ValidationError`` whose messages are written
for the user. A view that shows a form puts them on the form, at the field a
message names (else above the form); a view that only redirects flashes them.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def refusal_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put the refusal on ``form``: at each field it names, the rest above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def refusal_to_messages(request: HttpRequest, exc: ValidationError) -> None:
    """Flash every message of the refusal as an error on the next page."""
    for message in exc.messages:
        messages.error(request, message)
