"""What every page's frame (``base.html``) needs to know about this installation."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """``site_operator``: who runs this installation (``VERBUND_OPERATOR_NAME``), named in
    the header's "Offizielle Website" line; empty when none is configured, and then the
    header claims nothing."""
    return {"site_operator": str(getattr(settings, "VERBUND_OPERATOR_NAME", "") or "").strip()}
