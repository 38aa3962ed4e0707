from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "verbund.applications"
    verbose_name = _("Anträge")

    def ready(self) -> None:
        from verbund.applications import audit_terms, checks, policies  # noqa: F401  (registers them)
        from verbund.applications.selectors import OnlineApplications, submissions_metrics
        from verbund.catalogue.hooks import ONLINE_APPLICATION
        from verbund.core.audit_terms import register_terms
        from verbund.core.metrics import METRICS

        # "Online beantragen" on the catalogue's pages starts the journey here.
        ONLINE_APPLICATION.register(OnlineApplications(), key="applications")
        register_terms(audit_terms.TERMS)
        METRICS.register(submissions_metrics, key="applications.submissions")
