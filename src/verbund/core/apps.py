from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "verbund.core"

    def ready(self) -> None:
        from verbund.core import (
            checks,  # noqa: F401  (registers the deploy checks)
            taskqueue,  # noqa: F401  (registers the task lease checks)
        )
        from verbund.core.sqlite import restrict_database_files

        connection_created.connect(restrict_database_files, dispatch_uid="verbund.core.sqlite")
