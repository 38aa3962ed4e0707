from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoritiesConfig(AppConfig):
    name = "verbund.authorities"
    verbose_name = _("Gebietskörperschaften")

    def ready(self) -> None:
        from verbund.authorities import audit_terms
        from verbund.authorities.cache import connect_signals
        from verbund.core.audit_terms import register_names, register_terms

        connect_signals()
        register_terms(audit_terms.TERMS)
        for names in audit_terms.NAMES:
            register_names(names)
