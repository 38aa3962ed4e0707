"""Staff pages of the eRechnung inbox (namespace ``staff``)."""

from django.urls import URLPattern, path

from verbund.einvoice import views

_INVOICE = "erechnungen/<int:invoice_pk>/"

urlpatterns: list[URLPattern] = [
    path("behoerden/<int:pk>/erechnungen/", views.inbox, name="einvoice_inbox"),
    path(
        "behoerden/<int:pk>/erechnungen.csv",
        views.inbox_export,
        {"fmt": "csv"},
        name="einvoice_export_csv",
    ),
    path(
        "behoerden/<int:pk>/erechnungen.json",
        views.inbox_export,
        {"fmt": "json"},
        name="einvoice_export_json",
    ),
    path("behoerden/<int:pk>/leitweg-ids/", views.leitweg_ids, name="einvoice_leitweg_ids"),
    path(
        "leitweg-ids/<int:entry_pk>/stilllegen/",
        views.leitweg_id_deactivate,
        name="einvoice_leitweg_id_deactivate",
    ),
    path("verbuende/<int:pk>/erechnungen/", views.network_einvoice, name="network_einvoice"),
    path(_INVOICE, views.invoice_detail, name="einvoice_invoice"),
    path(f"{_INVOICE}annehmen/", views.invoice_accept, name="einvoice_accept"),
    path(f"{_INVOICE}zurueckweisen/", views.invoice_reject, name="einvoice_reject"),
    path(f"{_INVOICE}zuordnen/", views.invoice_assign, name="einvoice_assign"),
    path(f"{_INVOICE}rechnung.xml", views.invoice_file, {"kind": "xml"}, name="einvoice_xml"),
    path(f"{_INVOICE}original", views.invoice_file, {"kind": "original"}, name="einvoice_original"),
    path(
        f"{_INVOICE}anlagen/<int:position>",
        views.invoice_attachment,
        name="einvoice_attachment",
    ),
]
