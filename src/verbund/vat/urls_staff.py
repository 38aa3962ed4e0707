"""Staff pages of the vat app (namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.vat import views

_AUTHORITY = "behoerden/<int:pk>/umsatzsteuer/"
_STREAM = "umsatzsteuer/einnahmen/<int:stream_pk>/"
_ASSESSMENT = "umsatzsteuer/bewertungen/<int:assessment_pk>/"

urlpatterns: list[URLPattern] = [
    path(_AUTHORITY, views.vat_register, name="vat_register"),
    path(f"{_AUTHORITY}neu/", views.vat_stream_create, name="vat_stream_create"),
    path(f"{_AUTHORITY}gruppen/neu/", views.vat_group_create, name="vat_group_create"),
    path(f"{_AUTHORITY}taetigkeitsanalyse.csv", views.vat_export_csv, name="vat_export_csv"),
    path(f"{_AUTHORITY}taetigkeitsanalyse.pdf", views.vat_export_pdf, name="vat_export_pdf"),
    path("verbuende/<int:pk>/umsatzsteuer/", views.network_vat, name="network_vat"),
    path(_STREAM, views.vat_stream, name="vat_stream"),
    path(f"{_STREAM}bearbeiten/", views.vat_stream_edit, name="vat_stream_edit"),
    path(f"{_STREAM}betraege/", views.vat_amount_set, name="vat_amount_set"),
    path(f"{_STREAM}bewerten/", views.vat_assess, name="vat_assess"),
    path(f"{_STREAM}uebernehmen/", views.vat_reuse, name="vat_reuse"),
    path(_ASSESSMENT, views.vat_assessment, name="vat_assessment"),
    path(f"{_ASSESSMENT}freigeben/", views.vat_assessment_approve, name="vat_assessment_approve"),
]
