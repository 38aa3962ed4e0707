from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "verbund.catalogue"
    verbose_name = _("Leistungskatalog")

    def ready(self) -> None:
        from verbund.catalogue import policies  # noqa: F401  (registers access policies)
        from verbund.catalogue.index import connect_signals

        connect_signals()
