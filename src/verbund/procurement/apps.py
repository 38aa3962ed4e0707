from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "verbund.procurement"
    verbose_name = _("Gemeinsame Beschaffung")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.core.audit_terms import register_terms
        from verbund.networks import hooks as networks
        from verbund.procurement import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers the access policies)
        )

        register_terms(audit_terms.TERMS)
        # The authority workspace's and the network page's list of open demand calls.
        accounts.AUTHORITY_WORKSPACE.register(
            panels.AUTHORITY_WORKSPACE, key=panels.AUTHORITY_WORKSPACE.key
        )
        networks.NETWORK_PAGE.register(panels.NETWORK_PAGE, key=panels.NETWORK_PAGE.key)
