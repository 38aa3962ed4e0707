from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "verbund.assistant"
    verbose_name = _("Bürgerassistent")

    def ready(self) -> None:
        from verbund.assistant import (
            audit_terms,
            panels,
            policies,  # noqa: F401  (registers the access policies)
        )
        from verbund.core.audit_terms import register_terms
        from verbund.networks import hooks as networks

        register_terms(audit_terms.TERMS)
        networks.NETWORK_PAGE.register(panels.NETWORK_PAGE, key=panels.NETWORK_PAGE.key)
