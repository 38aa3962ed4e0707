"""The form of the correction page: one line's true text."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.archive.ocr.services import LINE_TEXT_MAX_LENGTH


class LineForm(forms.Form):
    """One line; ``prefix`` is the line's ALTO id, so that each line's field has its
    own id and label on the page."""

    text = forms.CharField(
        label=_("Text der Zeile"),
        max_length=LINE_TEXT_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": _("Geben Sie den Text der Zeile ein, so wie er auf dem Bild steht."),
            "max_length": _("Eine Zeile hat höchstens %(limit_value)d Zeichen."),
        },
    )
