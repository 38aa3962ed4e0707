from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "verbund.portal"
    verbose_name = _("Bürgerportal")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.core.audit_terms import register_terms
        from verbund.portal import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers access policies)
        )

        panel = panels.AUTHORITY_WORKSPACE
        accounts.AUTHORITY_WORKSPACE.register(panel, key=panel.key)
        register_terms(audit_terms.TERMS)
