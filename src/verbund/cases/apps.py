from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "verbund.cases"
    verbose_name = _("Vorgänge")

    def ready(self) -> None:
        from verbund.cases import policies  # noqa: F401  (registers access policies)
