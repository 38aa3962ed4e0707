"""Public API, version 1, namespace ``api``; the partner endpoints for specialist
systems (``partner_views``) need a client's bearer token."""

from django.urls import URLPattern, path
from drf_spectacular.views import SpectacularAPIView

from verbund.api import (
    assistant_views,
    catalogue_views,
    einvoice_views,
    partner_views,
    practice_views,
    views,
)

app_name = "api"
urlpatterns: list[URLPattern] = [
    path("places", views.PlaceList.as_view(), name="places"),
    path("places/<str:ars>", views.PlaceDetail.as_view(), name="place-detail"),
    path("services", catalogue_views.ServiceList.as_view(), name="services"),
    path("services/<str:key>", catalogue_views.ServiceDetail.as_view(), name="service-detail"),
    path("routes", catalogue_views.RouteList.as_view(), name="routes"),
    path("good-practices", practice_views.PracticeList.as_view(), name="good-practices"),
    path(
        "good-practices/<str:pk>",
        practice_views.PracticeDetail.as_view(),
        name="good-practice-detail",
    ),
    path("assistant", assistant_views.AssistantView.as_view(), name="assistant"),
    # Specialist systems (docs/integrations.md)
    path("submissions", partner_views.SubmissionList.as_view(), name="submissions"),
    path(
        "submissions/<str:reference>",
        partner_views.SubmissionDetail.as_view(),
        name="submission-detail",
    ),
    path(
        "submissions/<str:reference>/documents/<str:version_id>",
        partner_views.SubmissionDocument.as_view(),
        name="submission-document",
    ),
    path(
        "submissions/<str:reference>/acknowledgement",
        partner_views.SubmissionAcknowledgementView.as_view(),
        name="submission-acknowledgement",
    ),
    path(
        "cases/<str:reference>/status", partner_views.CaseStatusView.as_view(), name="case-status"
    ),
    path(
        "cases/<str:reference>/decision",
        partner_views.CaseDecisionView.as_view(),
        name="case-decision",
    ),
    # eRechnung (docs/einvoice.md)
    path(
        "einvoice/<slug:slug>/invoices",
        einvoice_views.InvoiceSubmit.as_view(),
        name="einvoice-submit",
    ),
    path("invoices", einvoice_views.InvoiceList.as_view(), name="invoices"),
    path(
        "invoices/<str:reference>",
        einvoice_views.InvoiceDetail.as_view(),
        name="invoice-detail",
    ),
    path("invoices/<str:reference>/xml", einvoice_views.InvoiceXml.as_view(), name="invoice-xml"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
