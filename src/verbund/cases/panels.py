"""The workspace links of the back office (``accounts.hooks.AUTHORITY_MENU``), registered
in ``CasesConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.access import Action
from verbund.core.panels import MenuEntry, object_link

AUTHORITY_MENU = (
    MenuEntry("cases.inbox", _("Posteingang"), object_link("staff:cases_staff:inbox"), 20),
    MenuEntry(
        "cases.participations",
        _("Beteiligungen anderer Behörden"),
        object_link("staff:cases_staff:participations"),
        30,
    ),
    MenuEntry(
        "cases.settings",
        _("Aktenführung und Briefkopf"),
        object_link("staff:cases_staff:settings", Action.MANAGE),
        60,
    ),
    MenuEntry(
        "cases.records",
        _("Aussonderung"),
        object_link("staff:cases_staff:records", Action.MANAGE),
        70,
    ),
)
