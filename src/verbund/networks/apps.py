from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "verbund.networks"
    verbose_name = _("Verbünde")

    def ready(self) -> None:
        from verbund.networks import policies  # noqa: F401  (registers access policies)
