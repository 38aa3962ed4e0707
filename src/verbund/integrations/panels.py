"""The workspace link to an authority's API clients (``accounts.hooks.AUTHORITY_MENU``),
registered in ``IntegrationsConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.access import Action
from verbund.core.panels import MenuEntry, object_link

AUTHORITY_MENU = (
    MenuEntry(
        "integrations.clients",
        _("Schnittstellen (Fachverfahren)"),
        object_link("staff:integrations_staff:clients", Action.MANAGE),
        80,
    ),
)
