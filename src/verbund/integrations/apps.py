from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "verbund.integrations"
    verbose_name = _("Anbindung von Fachverfahren")

    def ready(self) -> None:
        from verbund.integrations import policies  # noqa: F401  (registers access policies)
