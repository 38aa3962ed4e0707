"""Secrets of links that need no account: derived, never stored.

A citizen follows their application with a link that carries a secret (the
status link, the link to continue a draft); later a recipient answers a survey
the same way. The secret is an HMAC-SHA256 of the link's purpose, its subject
(a reference, an id) and a random salt stored on the row, under the
installation's ``SECRET_KEY``: a new salt voids every older link, and a leaked
database without the key reveals no link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings


def link_token(purpose: str, subject: str, salt: str) -> str:
    """The secret for a link (32 URL-safe characters)."""
    mac = hmac.new(
        settings.SECRET_KEY.encode(), f"{purpose}:{subject}:{salt}".encode(), hashlib.sha256
    )
    return base64.urlsafe_b64encode(mac.digest()[:24]).decode().rstrip("=")


def link_token_ok(purpose: str, subject: str, salt: str, token: object) -> bool:
    """True when ``token`` is the link's secret (compared in constant time); never for
    an empty salt."""
    if not salt:
        return False
    return hmac.compare_digest(link_token(purpose, subject, salt), str(token))
