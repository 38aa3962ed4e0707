"""Staff pages of cases (included by verbund.staff_urls, so their names are
``staff:cases_staff:<name>``)."""

from django.urls import URLPattern, path

from verbund.cases import views

app_name = "cases_staff"
urlpatterns: list[URLPattern] = [
    path("behoerden/<int:pk>/vorgaenge/", views.inbox, name="inbox"),
    path("vorgaenge/<int:pk>/", views.case_detail, name="case"),
    path(
        "vorgaenge/<int:pk>/dateien/<uuid:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
]
