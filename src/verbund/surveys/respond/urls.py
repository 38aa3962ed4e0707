"""The recipient's pages below ``/umfrage/`` (namespace ``surveys``)."""

from django.urls import URLPattern, path

from verbund.surveys.respond import views

_LINK = "<int:recipient_id>/<str:token>/"

urlpatterns: list[URLPattern] = [
    path(_LINK, views.respond, name="respond"),
]
