from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "verbund.surveys"
    verbose_name = _("Umfragen")

    def ready(self) -> None:
        from verbund.core.audit_terms import register_terms
        from verbund.networks import hooks as networks
        from verbund.surveys import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers access policies)
        )
        from verbund.surveys.strategy import audit_terms as strategy_terms
        from verbund.surveys.strategy import policies as strategy_policies  # noqa: F401

        register_terms(audit_terms.TERMS)
        register_terms(strategy_terms.TERMS)
        # The surveys' section of a network's page.
        networks.NETWORK_PAGE.register(panels.NETWORK_PAGE, key=panels.NETWORK_PAGE.key)
