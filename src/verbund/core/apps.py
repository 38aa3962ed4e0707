from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "verbund.core"

    def ready(self) -> None:
        from verbund.core import checks  # noqa: F401  (registers the deploy checks)
