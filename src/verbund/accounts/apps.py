from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "verbund.accounts"
    verbose_name = _("Benutzerkonten")

    def ready(self) -> None:
        from verbund.accounts import policies  # noqa: F401  (registers access policies)
