"""What the catalogue adds to the pages of apps below it (registered in
``CatalogueConfig.ready()``): the workspace link to an authority's services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.panels import MenuEntry, object_link

AUTHORITY_MENU = (
    MenuEntry(
        "catalogue.services",
        _("Leistungen und Stellen"),
        object_link("staff:authority_services"),
        order=10,
    ),
)
