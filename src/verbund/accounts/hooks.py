"""Extension points of accounts (see ``verbund.core.hooks`` and ``verbund.core.panels``).

The staff start page and an authority's workspace belong to accounts, the lowest
app that knows staff and their roles; what the apps above offer there they add
themselves from their ``AppConfig.ready()``:

* :data:`STAFF_HOME` — panels of the start page (the page's object is the user):
  networks adds "Meine Verbünde";
* :data:`AUTHORITY_MENU` — links of an authority's workspace (the object is the
  authority): the inbox, the services, the API clients, …;
* :data:`AUTHORITY_WORKSPACE` — panels of the workspace: the legal pages (portal),
  the networks the authority belongs to (networks).
"""

from __future__ import annotations

from verbund.core.hooks import Hook
from verbund.core.panels import MenuEntry, Panel

STAFF_HOME: Hook[Panel] = Hook("accounts.staff_home")
AUTHORITY_MENU: Hook[MenuEntry] = Hook("accounts.authority_menu")
AUTHORITY_WORKSPACE: Hook[Panel] = Hook("accounts.authority_workspace")
