"""Template filters behind ``components/field.html`` and ``components/error_summary.html``.

Django (5.2) itself adds ``aria-invalid`` and ``aria-describedby`` pointing to
``<id>_helptext`` and ``<id>_error``; these filters add the KERN UX classes.
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_MULTIPLE_CHOICE = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _kern_class(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        base = "kern-form-check__checkbox"
    elif isinstance(widget, forms.Select):
        base = "kern-form-input__select"
    else:
        base = "kern-form-input__input"
    if field.errors and not isinstance(widget, forms.CheckboxInput):
        return f"{base} {base}--error"
    return base


@register.filter
def kern_widget(field: BoundField) -> SafeString:
    """The field's widget with KERN UX classes (any classes set on the widget are kept)."""
    own = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{_kern_class(field)} {own}".strip()})


@register.filter
def is_choice_group(field: BoundField) -> bool:
    """True for radio buttons and checkbox lists, which render as a fieldset."""
    return isinstance(field.field.widget, _MULTIPLE_CHOICE)


@register.filter
def field_anchor(field: BoundField) -> str:
    """The id an error summary links to: the input itself, or a group's first option."""
    if isinstance(field.field.widget, _MULTIPLE_CHOICE):
        return f"{field.auto_id}_0"
    return str(field.id_for_label)
