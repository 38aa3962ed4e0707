from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    name = "verbund.benchmarks"
    verbose_name = _("Vergleichsringe")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.benchmarks import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers the access policies)
        )
        from verbund.core.audit_terms import register_terms
        from verbund.networks import hooks as networks

        register_terms(audit_terms.TERMS)
        # The rings' section of a network's page and of an authority's workspace.
        networks.NETWORK_PAGE.register(panels.NETWORK_PAGE, key=panels.NETWORK_PAGE.key)
        accounts.AUTHORITY_WORKSPACE.register(
            panels.AUTHORITY_WORKSPACE, key=panels.AUTHORITY_WORKSPACE.key
        )
