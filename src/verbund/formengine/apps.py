from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormengineConfig(AppConfig):
    name = "verbund.formengine"
    verbose_name = _("Formulare")

    def ready(self) -> None:
        from verbund.formengine import policies  # noqa: F401  (registers access policies)
