from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VatConfig(AppConfig):
    name = "verbund.vat"
    verbose_name = _("Umsatzsteuer (§ 2b UStG)")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.core.audit_terms import register_terms
        from verbund.networks import hooks as networks
        from verbund.vat import (
            audit_terms,
            cost_vat,
            panels,
            policies,  # noqa: F401  (registers the access policies)
        )

        register_terms(audit_terms.TERMS)
        accounts.AUTHORITY_WORKSPACE.register(
            panels.AUTHORITY_WORKSPACE, key=panels.AUTHORITY_WORKSPACE.key
        )
        networks.NETWORK_PAGE.register(panels.NETWORK_PAGE, key=panels.NETWORK_PAGE.key)
        # The cost allocation's VAT follows the approved assessment of the cooperation.
        networks.COST_VAT.register(cost_vat.cost_vat, key="vat")
