from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "verbund.portal"
    verbose_name = _("Bürgerportal")

    def ready(self) -> None:
        from verbund.portal import policies  # noqa: F401  (registers access policies)
