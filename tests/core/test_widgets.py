"""The Python widget renderer gives exactly the markup of Django's templates."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from verbund.core.widgets import WidgetRenderer


class _Everything(forms.Form):
    name = forms.CharField(max_length=20, help_text="Hinweis")
    note = forms.CharField(required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    count = forms.IntegerField(min_value=1)
    email = forms.EmailField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    upload = forms.FileField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    kind = forms.ChoiceField(choices=[("", "Alle"), ("a", "A & B"), ("<b>", '"Zitat"')])
    grouped = forms.ChoiceField(
        required=False,
        choices=[("", "–"), ("Gruppe <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")],
    )
    typed = forms.TypedChoiceField(required=False, coerce=int, choices=[(1, "eins"), (2, "zwei")])
    many = forms.MultipleChoiceField(required=False, choices=[("a", "A"), ("b", "B")])
    radio = forms.ChoiceField(
        required=False, widget=forms.RadioSelect, choices=[("a", "A"), ("b", "B")]
    )
    text = forms.CharField(required=False, widget=forms.Textarea)
    safe = forms.CharField(required=False, initial=mark_safe("<i>schon sicher</i>"))


DATA: list[dict[str, Any] | None] = [
    None,
    {},
    {
        "name": '<script>alert("x")</script>',
        "note": "a & b",
        "count": "0",
        "email": "kein-mail",
        "day": "2026-02-31",
        "hidden": "'quote'",
        "agree": "on",
        "secret": "geheim",
        "kind": "<b>",
        "grouped": "y",
        "typed": "2",
        "many": ["a", "b"],
        "radio": "b",
        "text": "Zeile\nZeile",
    },
    {"name": "Anna", "count": "3", "kind": "a", "grouped": "z", "typed": "9"},
]


@pytest.mark.parametrize("data", DATA)
def test_every_field_renders_as_with_the_templates(data: dict[str, Any] | None) -> None:
    ours = _Everything(data, renderer=WidgetRenderer())
    django = _Everything(data, renderer=DjangoTemplates())
    if data is not None:
        ours.is_valid()
        django.is_valid()
    for name in ours.fields:
        extra = {"class": "kern-form-input__input"}
        assert ours[name].as_widget(attrs=dict(extra)) == django[name].as_widget(attrs=extra), name
        assert str(ours[name]) == str(django[name]), name


def test_the_project_uses_it_and_escapes() -> None:
    form = _Everything({"name": '"><script>', "kind": "<b>"})
    assert isinstance(form.renderer, WidgetRenderer)
    form.is_valid()
    html = str(form["name"])
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
    assert 'aria-invalid="true"' not in html  # 9 characters are valid here
    select = str(form["kind"])
    assert '<option value="&lt;b&gt;" selected>&quot;Zitat&quot;</option>' in select
    assert '<option value="a">A &amp; B</option>' in select
    assert str(form["count"]).startswith('<input type="number" name="count" min="1"')
    assert 'aria-invalid="true"' in str(form["count"])
