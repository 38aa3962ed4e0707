from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "verbund.accounts"
    verbose_name = _("Benutzerkonten")

    def ready(self) -> None:
        from verbund.accounts import (
            audit_terms,
            hooks,
            panels,
            policies,  # noqa: F401  (registers access policies)
        )
        from verbund.core.audit_terms import register_names, register_terms

        for entry in panels.AUTHORITY_MENU:
            hooks.AUTHORITY_MENU.register(entry, key=entry.key)
        register_terms(audit_terms.TERMS)
        for names in audit_terms.NAMES:
            register_names(names)
