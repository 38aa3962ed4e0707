"""The recipient's pages below ``/umfrage/`` (namespace ``surveys``)."""

from django.urls import URLPattern, path

from verbund.surveys.respond import views

_LINK = "<int:recipient_id>/<str:token>/"

urlpatterns: list[URLPattern] = [
    path(_LINK, views.respond, name="respond"),
    # Before the sections: "absenden" is the check page, whatever a section is called.
    path(_LINK + "absenden/", views.respond_check, name="respond_check"),
    path(_LINK + "<slug:section_key>/", views.respond_section, name="respond_section"),
]
