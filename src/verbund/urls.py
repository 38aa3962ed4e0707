"""URL configuration. There is deliberately no Django admin: every write goes through
audited service functions; operators use the `verbund` command line."""

from django.urls import include, path

from verbund.core import health, metrics

urlpatterns = [
    # For the operator's balancer and monitoring (docs/operations.md, "Health and metrics").
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("verbund.api.urls")),
    path("leistungen/", include("verbund.catalogue.urls")),
    path("gute-beispiele/", include("verbund.practices.urls")),
    path("archiv/", include("verbund.archive.urls")),
    path("assistent/", include("verbund.assistant.urls")),
    path("erechnung/", include("verbund.einvoice.urls")),
    path("bezahlen/", include("verbund.payments.urls")),
    path("", include("verbund.applications.urls")),
    path("", include("verbund.cases.applicant.urls")),
    path("", include("verbund.surveys.urls")),
    path("konto/", include("verbund.accounts.urls")),
    path("verwaltung/", include("verbund.staff_urls")),
    path("", include("verbund.portal.urls")),
]
