from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "verbund.cases"
    verbose_name = _("Vorgänge")

    def ready(self) -> None:
        from verbund.accounts import hooks as accounts
        from verbund.applications import hooks as applications
        from verbund.cases import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers access policies)
            services,
        )
        from verbund.cases.applicant.panels import STATUS_PANELS
        from verbund.cases.facts import FACTS
        from verbund.core.audit_terms import register_names, register_terms
        from verbund.core.facts import FACTS as PLATFORM_FACTS

        # Every submission opens its case in the same transaction; a paid fee makes it
        # received (applications, below us, calls these).
        applications.SUBMISSION_RECEIVED.register(
            services.case_open_for_submission, key="cases.open"
        )
        applications.SUBMISSION_PAID.register(services.case_receive_payment, key="cases.paid")
        for panel in STATUS_PANELS:
            applications.STATUS_PAGE.register(panel, key=panel.key)
        for entry in panels.AUTHORITY_MENU:
            accounts.AUTHORITY_MENU.register(entry, key=entry.key)
        # The cases each authority received, for the network's cost allocation and reuse.
        for fact in FACTS:
            PLATFORM_FACTS.register(fact, key=fact.key)
        register_terms(audit_terms.TERMS)
        for names in audit_terms.NAMES:
            register_names(names)
