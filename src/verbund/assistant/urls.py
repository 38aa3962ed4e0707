"""The citizen assistant on the portal, namespace ``assistant``."""

from django.urls import URLPattern, path

from verbund.assistant import public_views

app_name = "assistant"
urlpatterns: list[URLPattern] = [
    path("", public_views.ask, name="ask"),
]
