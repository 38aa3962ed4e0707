from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "verbund.catalogue"
    verbose_name = _("Leistungskatalog")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.catalogue import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers access policies)
        )
        from verbund.catalogue.index import connect_signals
        from verbund.catalogue.reuse import panels as reuse
        from verbund.catalogue.selectors import CatalogueDirectory
        from verbund.core.audit_terms import register_names, register_terms
        from verbund.networks import hooks as networks

        connect_signals()
        for entry in panels.AUTHORITY_MENU:
            accounts.AUTHORITY_MENU.register(entry, key=entry.key)
        # The networks ask the catalogue about services, and show what they reuse.
        networks.SERVICE_DIRECTORY.register(CatalogueDirectory(), key="catalogue")
        networks.NETWORK_PAGE.register(reuse.NETWORK_PAGE, key=reuse.NETWORK_PAGE.key)
        networks.DASHBOARD.register(reuse.DASHBOARD, key=reuse.DASHBOARD.key)
        register_terms(audit_terms.TERMS)
        for names in audit_terms.NAMES:
            register_names(names)
