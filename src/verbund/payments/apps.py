from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "verbund.payments"
    verbose_name = _("Zahlungen")

    def ready(self) -> None:
        from verbund.core.audit_terms import register_terms
        from verbund.payments import (
            audit_terms,
            checks,  # noqa: F401  (registers the deploy check)
            policies,  # noqa: F401  (registers access policies)
        )

        register_terms(audit_terms.TERMS)
