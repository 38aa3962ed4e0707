"""The workspace links accounts itself offers (registered in ``AccountsConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.access import Action
from verbund.core.panels import MenuEntry, object_link

AUTHORITY_MENU = (
    MenuEntry(
        "accounts.staff",
        _("Mitarbeitende verwalten"),
        object_link("staff:authority_staff", Action.MANAGE),
        order=50,
    ),
    MenuEntry(
        "accounts.audit", _("Protokoll"), object_link("staff:authority_audit", Action.MANAGE), 90
    ),
)
