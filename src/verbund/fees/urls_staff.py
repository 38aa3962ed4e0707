"""Staff pages of the fees app (namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.fees import views

_AUTHORITY = "behoerden/<int:pk>/gebuehren/"
_NETWORK = "verbuende/<int:pk>/gebuehren/"
_SHEET = "gebuehren/<int:sheet_pk>/"

urlpatterns: list[URLPattern] = [
    path(_AUTHORITY, views.authority_fee_sheets, name="authority_fee_sheets"),
    path(f"{_AUTHORITY}neu/", views.fee_sheet_create, name="fee_sheet_create"),
    path(f"{_AUTHORITY}einlesen/", views.fee_sheet_import, name="fee_sheet_import"),
    path(
        f"{_AUTHORITY}tabellen/neu/",
        views.authority_rate_table_create,
        name="authority_rate_table_create",
    ),
    path(_NETWORK, views.network_fees, name="network_fees"),
    path(
        f"{_NETWORK}mitglieder/<int:authority_pk>/neu/",
        views.network_fee_sheet_create,
        name="network_fee_sheet_create",
    ),
    path(
        f"{_NETWORK}tabellen/neu/",
        views.network_rate_table_create,
        name="network_rate_table_create",
    ),
    path("gebuehren/tabellen/", views.rate_tables, name="rate_tables"),
    path("gebuehren/tabellen/<int:table_pk>/", views.rate_table, name="rate_table"),
    path(_SHEET, views.fee_sheet, name="fee_sheet"),
    path(f"{_SHEET}bearbeiten/", views.fee_sheet_edit, name="fee_sheet_edit"),
    path(f"{_SHEET}vorlegen/", views.fee_sheet_submit, name="fee_sheet_submit"),
    path(f"{_SHEET}freigeben/", views.fee_sheet_approve, name="fee_sheet_approve"),
    path(f"{_SHEET}in-leistung-uebernehmen/", views.fee_sheet_attach, name="fee_sheet_attach"),
    path(f"{_SHEET}kopieren/", views.fee_sheet_copy, name="fee_sheet_copy"),
    path(f"{_SHEET}kalkulation.pdf", views.fee_sheet_pdf, name="fee_sheet_pdf"),
    path(f"{_SHEET}kalkulation.json", views.fee_sheet_json, name="fee_sheet_json"),
]
