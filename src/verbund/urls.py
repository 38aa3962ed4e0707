"""URL configuration. There is deliberately no Django admin: every write goes through
audited service functions; operators use the `verbund` command line."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("verbund.api.urls")),
    path("leistungen/", include("verbund.catalogue.urls")),
    path("bezahlen/", include("verbund.payments.urls")),
    path("", include("verbund.applications.urls")),
    path("", include("verbund.cases.applicant.urls")),
    path("konto/", include("verbund.accounts.urls")),
    path("verwaltung/", include("verbund.staff_urls")),
    path("", include("verbund.portal.urls")),
]
