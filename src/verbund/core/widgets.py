"""The form renderer: Django's own widget templates, with the most common ones written
in Python.

Django renders every widget through a template, and a select through one more
template per option. On a page with a few filters that is a third of the page's
time (bench/README.md, "Back-office inbox"). :class:`WidgetRenderer` produces the
same markup as Django's templates for plain inputs (``input.html`` and the
templates that only include it) and single selects, straight from the context that
the widget built, so ``aria-describedby``, ``aria-invalid``, ``required`` and the
chosen option come out exactly as before. Every other template, and any widget
with a template of its own, is rendered by Django as usual.

``tests/core/test_widgets.py`` compares both renderings widget by widget.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# Django's widget templates whose whole content is {% include "…/input.html" %}.
_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
_SELECT_TEMPLATE = "django/forms/widgets/select.html"
_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: Mapping[str, Any]) -> str:
    """As ``attrs.html``: ``True`` gives the bare name, ``False`` leaves it out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _select(widget: Mapping[str, Any]) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            # (the option template ends with a line break, kept here)
            if option["template_name"] != _OPTION_TEMPLATE:
                return None  # an option template of its own: Django renders the select
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_IN_PYTHON: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    **dict.fromkeys(_INPUT_TEMPLATES, _input),
    _SELECT_TEMPLATE: _select,
}


class WidgetRenderer(DjangoTemplates):
    """``FORM_RENDERER``: plain inputs and selects in Python, the rest by templates."""

    def render(
        self, template_name: str, context: dict[str, Any], request: Any = None
    ) -> SafeString | str:
        build = _IN_PYTHON.get(template_name)
        if build is not None and "widget" in context:
            html = build(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308  (every value in it is escaped)
        return super().render(template_name, context, request)
