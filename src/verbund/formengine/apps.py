from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormengineConfig(AppConfig):
    name = "verbund.formengine"
    verbose_name = _("Formulare")

    def ready(self) -> None:
        from verbund.catalogue.hooks import EXCHANGE_PARTS
        from verbund.core.audit_terms import register_names, register_terms
        from verbund.formengine import (
            audit_terms,
            policies,  # noqa: F401  (registers access policies)
        )
        from verbund.formengine.exchange import FormExchangePart

        # A service's form travels with its catalogue entry.
        part = FormExchangePart()
        EXCHANGE_PARTS.register(part, key=part.key)
        register_terms(audit_terms.TERMS)
        for names in audit_terms.NAMES:
            register_names(names)
