from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "verbund.practices"
    verbose_name = _("Gute Beispiele")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.core.audit_terms import register_terms
        from verbund.practices import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers the access policy)
        )

        register_terms(audit_terms.TERMS)
        # The authority workspace's section on its good practices.
        panel = panels.AUTHORITY_WORKSPACE
        accounts.AUTHORITY_WORKSPACE.register(panel, key=panel.key)
