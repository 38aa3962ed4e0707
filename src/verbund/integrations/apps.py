from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "verbund.integrations"
    verbose_name = _("Anbindung von Fachverfahren")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.cases import hooks as cases
        from verbund.core.audit_terms import register_names, register_terms
        from verbund.integrations import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers access policies)
        )
        from verbund.integrations.services import acknowledgements_erase
        from verbund.integrations.webhooks.services import submission_announce

        # A complete case is announced to the authority's specialist systems, in the
        # transaction in which it becomes complete; their reasons go with the file's
        # personal data.
        cases.CASE_RECEIVED.register(submission_announce, key="integrations.announce")
        cases.PERSONAL_DATA_ERASED.register(
            acknowledgements_erase, key="integrations.acknowledgements"
        )
        for entry in panels.AUTHORITY_MENU:
            accounts.AUTHORITY_MENU.register(entry, key=entry.key)
        register_terms(audit_terms.TERMS)
        for names in audit_terms.NAMES:
            register_names(names)
