from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "verbund.accounts"
    verbose_name = _("Benutzerkonten")

    def ready(self) -> None:
        from verbund.accounts import (
            hooks,
            panels,
            policies,  # noqa: F401  (registers access policies)
        )

        for entry in panels.AUTHORITY_MENU:
            hooks.AUTHORITY_MENU.register(entry, key=entry.key)
