"""The form of a service in the catalogue's exchange file (``catalogue.hooks.EXCHANGE_PARTS``).

An exported entry carries its newest published form version under
``verbund.formular`` (``{"version": 3, "definition": {...}}``); importing it
publishes the definition as a new version when it differs from the newest one
(docs/catalogue-exchange.md).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from verbund.catalogue.models import Service
from verbund.core.actors import Actor
from verbund.formengine.engine import definition_digest, validate_definition
from verbund.formengine.selectors import current_version
from verbund.formengine.services import form_version_create


class FormExchangePart:
    key = "formular"

    def export(self, service: Service) -> dict[str, Any] | None:
        version = current_version(service.pk)
        if version is None:
            return None
        return {"version": version.number, "definition": version.definition}

    def problems(self, data: Any) -> list[tuple[str, str]]:
        return [("definition", problem) for problem in validate_definition(data["definition"])]

    def apply(self, *, service: Service, data: Any, actor: Actor) -> bool:
        latest = current_version(service.pk)
        if latest is not None and latest.digest == definition_digest(data["definition"]):
            return False
        form_version_create(actor=actor, service=service, definition=data["definition"])
        return True

    def summary(self, count: int) -> str:
        return _("%(forms)d Formularversionen veröffentlicht") % {"forms": count}
