from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoritiesConfig(AppConfig):
    name = "verbund.authorities"
    verbose_name = _("Gebietskörperschaften")

    def ready(self) -> None:
        from verbund.authorities.cache import connect_signals

        connect_signals()
