"""All staff pages under /verwaltung/, namespace ``staff``; each app contributes its patterns."""

from django.urls import include, path

app_name = "staff"
urlpatterns = [
    path("", include("verbund.accounts.urls_staff")),
    path("", include("verbund.networks.urls_staff")),
    path("", include("verbund.portal.urls_staff")),
    path("", include("verbund.catalogue.urls_staff")),
    path("", include("verbund.formengine.urls_staff")),
    path("", include("verbund.cases.urls_staff")),
    path("", include("verbund.integrations.urls_staff")),
    path("", include("verbund.surveys.urls_staff")),
    path("", include("verbund.practices.urls_staff")),
    path("", include("verbund.fees.urls_staff")),
    path("", include("verbund.benchmarks.urls_staff")),
    path("", include("verbund.archive.urls_staff")),
    path("", include("verbund.assistant.urls_staff")),
    path("", include("verbund.vat.urls_staff")),
    path("", include("verbund.procurement.urls_staff")),
    path("", include("verbund.einvoice.urls_staff")),
]
