from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EinvoiceConfig(AppConfig):
    name = "verbund.einvoice"
    verbose_name = _("E-Rechnungseingang")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.core.audit_terms import register_terms
        from verbund.einvoice import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers the access policies)
        )
        from verbund.networks import hooks as networks

        register_terms(audit_terms.TERMS)
        accounts.AUTHORITY_WORKSPACE.register(
            panels.AUTHORITY_WORKSPACE, key=panels.AUTHORITY_WORKSPACE.key
        )
        networks.NETWORK_PAGE.register(panels.NETWORK_PAGE, key=panels.NETWORK_PAGE.key)
