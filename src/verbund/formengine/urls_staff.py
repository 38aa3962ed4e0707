"""Staff pages of the form builder (included by verbund.staff_urls, so their names are
``staff:formengine_staff:<name>``)."""

from django.urls import URLPattern, path

from verbund.formengine import views

app_name = "formengine_staff"
urlpatterns: list[URLPattern] = [
    path("leistungen/<int:service_id>/formular/", views.form_edit, name="form"),
    path(
        "leistungen/<int:service_id>/formular/pruefen/",
        views.form_validate,
        name="form_validate",
    ),
    path(
        "leistungen/<int:service_id>/formular/vorschau/",
        views.form_preview,
        name="form_preview",
    ),
    path(
        "leistungen/<int:service_id>/formular/veroeffentlichen/",
        views.form_publish,
        name="form_publish",
    ),
    path(
        "leistungen/<int:service_id>/formular/versionen/<int:number>/",
        views.form_version,
        name="form_version",
    ),
]
