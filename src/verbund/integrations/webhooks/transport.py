"""Webhooks to specialist systems: which callback URLs are allowed, how a message is
signed and sent, and when the next attempt is due.

The signature follows the FIT-Connect callbacks (docs/integrations.md has the
source): ``callback-timestamp`` carries the Unix time in seconds and
``callback-authentication`` the lower-case hexadecimal HMAC-SHA512 of
``"{timestamp}.{body}"`` (UTF-8) under the client's callback secret.

Settings (all optional; docs/integrations.md):

* ``VERBUND_WEBHOOK_TIMEOUT``: seconds for connecting to, writing to and reading
  from a receiver (default 5);
* ``VERBUND_WEBHOOK_MAX_ATTEMPTS``: attempts before a delivery counts as failed
  (default 8);
* ``VERBUND_WEBHOOK_ALLOW_LOCAL``: allow ``http://`` to 127.0.0.1, ::1 and
  localhost, for development and tests (default ``DEBUG``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_ATTEMPTS = 8
# Waits after the 1st, 2nd, … failed attempt; the last one repeats.
BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=15),
    dt.timedelta(hours=1),
    dt.timedelta(hours=6),
)
MAX_URL_LENGTH = 500
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
# Host names that only mean something inside a network.
_INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa")
USER_AGENT = "Verbund-Webhooks/1"


def timeout_seconds() -> float:
    return float(getattr(settings, "VERBUND_WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT))


def max_attempts() -> int:
    return max(1, int(getattr(settings, "VERBUND_WEBHOOK_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)))


def local_allowed() -> bool:
    return bool(getattr(settings, "VERBUND_WEBHOOK_ALLOW_LOCAL", settings.DEBUG))


def backoff(attempts: int) -> dt.timedelta:
    """The wait after ``attempts`` failed attempts (1: one minute, …)."""
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


# --- callback URLs ------------------------------------------------------------------


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return _is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


def _literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def callback_url_refusal(url: str) -> str | None:
    """Why ``url`` may not be a callback URL, or ``None`` when it may.

    Only ``https://`` URLs to a public host name or address (not loopback,
    private, link-local or reserved), without user name or password; ``http://``
    only to this machine and only where ``VERBUND_WEBHOOK_ALLOW_LOCAL`` is on.
    Names are resolved again before every attempt (:func:`destination_refusal`).
    """
    if len(url) > MAX_URL_LENGTH:
        return _("Die Callback-URL darf höchstens %(n)d Zeichen lang sein.") % {"n": MAX_URL_LENGTH}
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("Die Callback-URL ist keine gültige Adresse.")
    host = (parts.hostname or "").lower()
    if not host or parts.scheme not in {"https", "http"}:
        return _("Die Callback-URL muss mit https:// beginnen.")
    if parts.username is not None or parts.password is not None:
        return _("Die Callback-URL darf keinen Benutzernamen und kein Passwort enthalten.")
    if port == 0:
        return _("Die Callback-URL ist keine gültige Adresse.")
    if host in LOCAL_NAMES:
        if local_allowed():
            return None
        return _(
            "Die Callback-URL muss auf ein von außen erreichbares System zeigen, nicht auf "
            "diesen Rechner."
        )
    if parts.scheme != "https":
        return _("Die Callback-URL muss mit https:// beginnen.")
    address = _literal_address(host)
    if address is not None:
        if not _is_public(address):
            return _(
                "Die Callback-URL zeigt auf eine interne Adresse (%(host)s); erlaubt sind nur "
                "öffentlich erreichbare Systeme."
            ) % {"host": host}
        return None
    if "." not in host or host.endswith(_INTERNAL_SUFFIXES):
        return _(
            "Die Callback-URL zeigt auf einen internen Rechnernamen (%(host)s); erlaubt sind nur "
            "öffentlich erreichbare Systeme."
        ) % {"host": host}
    return None


def destination_refusal(url: str) -> str | None:
    """Checked before each attempt: the URL is still allowed and its host name resolves
    to public addresses only (a name may have moved into the internal network)."""
    refusal = callback_url_refusal(url)
    if refusal is not None:
        return refusal
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in LOCAL_NAMES or _literal_address(host) is not None:
        return None
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        return _("Der Rechnername %(host)s lässt sich nicht auflösen (%(error)s).") % {
            "host": host,
            "error": exc,
        }
    for info in infos:
        address = _literal_address(str(info[4][0]).split("%")[0])
        if address is None or not _is_public(address):
            return _(
                "%(host)s löst auf eine interne Adresse auf (%(address)s); es wurde nichts "
                "gesendet."
            ) % {"host": host, "address": info[4][0]}
    return None


# --- signing and sending -------------------------------------------------------------


def body_of(payload: Any) -> bytes:
    """The exact bytes sent (and signed): compact JSON in UTF-8."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``callback-authentication``: HEX(HMAC-SHA512(secret, "{timestamp}.{body}"))."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha512).hexdigest()


@dataclass(frozen=True)
class Outcome:
    """What one attempt found: a status code, or an error where none came back."""

    status_code: int | None = None
    error: str = ""

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def send(*, url: str, secret: str, payload: Any, now: dt.datetime) -> Outcome:
    """POST the signed payload. Never raises for the receiver's fault: timeouts,
    refused connections, TLS errors and other answers than 2xx are outcomes."""
    refusal = destination_refusal(url)
    if refusal is not None:
        return Outcome(error=refusal)
    body = body_of(payload)
    timestamp = int(now.timestamp())
    headers = {
        "content-type": "application/json; charset=utf-8",
        "callback-timestamp": str(timestamp),
        "callback-authentication": signature(secret, timestamp, body),
        "user-agent": USER_AGENT,
    }
    seconds = timeout_seconds()
    try:
        # Redirects are not followed (they could lead into the internal network), and
        # the answer's body is never read: only its status counts.
        with (
            httpx.Client(timeout=seconds, follow_redirects=False, trust_env=False) as client,
            client.stream("POST", url, content=body, headers=headers) as response,
        ):
            code = response.status_code
    except httpx.TimeoutException:
        return Outcome(
            error=_("Keine Antwort innerhalb von %(seconds)s Sekunden.") % {"seconds": seconds}
        )
    except httpx.HTTPError as exc:
        return Outcome(
            error=_("Verbindung fehlgeschlagen: %(error)s")
            % {"error": str(exc) or type(exc).__name__}
        )
    if 200 <= code < 300:
        return Outcome(status_code=code)
    return Outcome(
        status_code=code,
        error=_("Der Empfänger antwortete mit HTTP %(code)d.") % {"code": code},
    )
