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
* ``VERBUND_WEBHOOK_ALLOW_LOCAL``: allow callbacks to this machine (localhost and
  loopback addresses, also over ``http://``), for development and tests (default
  ``DEBUG``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import re
import socket
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

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
# The one name for this machine; its addresses (127.0.0.0/8, ::1) are recognised as such.
LOCAL_NAMES = frozenset({"localhost"})
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

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# NAT64's well-known prefix carries an IPv4 address in its last 32 bits (RFC 6052); the
# local-use prefix (RFC 8215) leads into some operator's own network.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# The characters of an IPv4 address in any spelling inet_aton(3) reads (0x7f.1, 0177.0.0.1).
_NUMERIC_IPV4 = re.compile(r"[0-9a-fx.]+")


def _is_public(address: IPAddress) -> bool:
    """Whether ``address`` is on the public internet: not loopback, private, link-local,
    reserved, multicast, nor an IPv6 wrapping of such an IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return _is_public(address.ipv4_mapped)
        if address.sixtofour is not None and not _is_public(address.sixtofour):
            return False
        if address in _NAT64:
            return _is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address in _NAT64_LOCAL or address.is_site_local:
            return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def _is_this_machine(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _normalised_host(raw: str) -> str | IPAddress | None:
    """The host as the resolver and the TLS layer take it, or ``None`` when they cannot.

    Every spelling of an address becomes that address: ``127.1``, ``0177.0.0.1``,
    ``2130706433`` and ``0x7f.1`` (inet_aton's forms, which getaddrinfo accepts) as
    well as ``[::ffff:127.0.0.1]`` are 127.0.0.1. A name becomes its lower-case ASCII
    (IDNA) form without the final dot, as Python's resolver encodes it (so full-width
    letters and ideographic dots count as what they stand for)."""
    if "%" in raw:
        # Percent-escapes and IPv6 zone ids: no resolver or certificate knows such a host.
        return None
    if ":" in raw:
        try:
            address = ipaddress.IPv6Address(raw)
        except ValueError:
            return None
        # A socket connects to ::ffff:a.b.c.d over IPv4: it is that IPv4 address.
        return address.ipv4_mapped or address
    try:
        name = raw.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    name = name.removesuffix(".")
    if _NUMERIC_IPV4.fullmatch(name):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(name))
        except OSError:
            pass
    labels = name.split(".")
    if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    if labels[-1].isdigit():
        # No top-level domain is a number: a failed address such as 1.2.3.256.
        return None
    return name


@dataclass(frozen=True)
class _Parsed:
    scheme: str
    host: str | IPAddress
    port: int
    path: str
    query: str


def _parse(url: str) -> _Parsed | str:
    """The callback URL's parts with the host normalised, or why it is refused."""
    if len(url) > MAX_URL_LENGTH:
        return _("Die Callback-URL darf höchstens %(n)d Zeichen lang sein.") % {"n": MAX_URL_LENGTH}
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("Die Callback-URL ist keine gültige Adresse.")
    if not parts.hostname or parts.scheme not in {"https", "http"}:
        return _("Die Callback-URL muss mit https:// beginnen.")
    if parts.username is not None or parts.password is not None:
        return _("Die Callback-URL darf keinen Benutzernamen und kein Passwort enthalten.")
    host = _normalised_host(parts.hostname)
    if port == 0 or host is None:
        return _("Die Callback-URL ist keine gültige Adresse.")
    default_port = 443 if parts.scheme == "https" else 80
    return _Parsed(parts.scheme, host, port or default_port, parts.path, parts.query)


def _refusal_of(parsed: _Parsed) -> str | None:
    this_machine = (
        parsed.host in LOCAL_NAMES
        if isinstance(parsed.host, str)
        else _is_this_machine(parsed.host)
    )
    if this_machine:
        if local_allowed():
            return None
        return _(
            "Die Callback-URL muss auf ein von außen erreichbares System zeigen, nicht auf "
            "diesen Rechner."
        )
    if parsed.scheme != "https":
        return _("Die Callback-URL muss mit https:// beginnen.")
    if isinstance(parsed.host, str):
        if "." not in parsed.host or parsed.host.endswith(_INTERNAL_SUFFIXES):
            return _(
                "Die Callback-URL zeigt auf einen internen Rechnernamen (%(host)s); erlaubt "
                "sind nur öffentlich erreichbare Systeme."
            ) % {"host": parsed.host}
    elif not _is_public(parsed.host):
        return _(
            "Die Callback-URL zeigt auf eine interne Adresse (%(host)s); erlaubt sind nur "
            "öffentlich erreichbare Systeme."
        ) % {"host": parsed.host}
    return None


def callback_url_refusal(url: str) -> str | None:
    """Why ``url`` may not be a callback URL, or ``None`` when it may.

    The host is read as the resolver reads it (:func:`_normalised_host`), so that
    ``https://127.1/`` or ``https://0x7f.1/`` are what they are: this machine. Only
    ``https://`` URLs to a public host name or address (not loopback, private,
    link-local or reserved), without user name or password; this machine (also over
    ``http://``) only where ``VERBUND_WEBHOOK_ALLOW_LOCAL`` is on. Names are resolved
    before every attempt (:func:`resolve_destination`).
    """
    parsed = _parse(url)
    if isinstance(parsed, str):
        return parsed
    return _refusal_of(parsed)


@dataclass(frozen=True)
class Destination:
    """Where one attempt goes: the callback URL's normalised parts and the addresses,
    each checked, that its host stood for when it was resolved (once, for this attempt).
    """

    scheme: str
    host: str
    port: int
    path: str
    query: str
    addresses: tuple[IPAddress, ...]
    by_name: bool

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default_port = 443 if self.scheme == "https" else 80
        return host if self.port == default_port else f"{host}:{self.port}"

    def url_to(self, address: IPAddress) -> httpx.URL:
        """The URL with ``address`` in place of the host: the connection goes there and
        nowhere else (no second lookup that a rebinding DNS server could answer)."""
        netloc = f"[{address}]" if address.version == 6 else str(address)
        return httpx.URL(
            urlunsplit((self.scheme, f"{netloc}:{self.port}", self.path, self.query, ""))
        )


def _resolve(host: str, port: int) -> list[IPAddress]:
    addresses: list[IPAddress] = []
    for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP):
        if info[0] not in (socket.AF_INET, socket.AF_INET6):
            continue
        # Scoped link-local answers carry "%zone"; the address itself is what is judged.
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise OSError("no IPv4 or IPv6 address")
    return addresses


def resolve_destination(url: str) -> Destination | str:
    """Checked before each attempt: the URL is still allowed, and every address its host
    name resolves to right now is public (or this machine, where allowed) — a name may
    have moved into the internal network. Returns the destination to connect to, or why
    nothing may be sent."""
    parsed = _parse(url)
    if isinstance(parsed, str):
        return parsed
    refusal = _refusal_of(parsed)
    if refusal is not None:
        return refusal
    if not isinstance(parsed.host, str):
        return Destination(
            parsed.scheme,
            str(parsed.host),
            parsed.port,
            parsed.path,
            parsed.query,
            (parsed.host,),
            by_name=False,
        )
    host = parsed.host
    try:
        addresses = _resolve(host, parsed.port)
    except (OSError, UnicodeError, ValueError) as exc:
        return _("Der Rechnername %(host)s lässt sich nicht auflösen (%(error)s).") % {
            "host": host,
            "error": exc,
        }
    for address in addresses:
        if not (_is_public(address) or (local_allowed() and _is_this_machine(address))):
            return _(
                "%(host)s löst auf eine interne Adresse auf (%(address)s); es wurde nichts "
                "gesendet."
            ) % {"host": host, "address": address}
    return Destination(
        parsed.scheme, host, parsed.port, parsed.path, parsed.query, tuple(addresses), by_name=True
    )


def destination_refusal(url: str) -> str | None:
    """Why nothing may be sent to ``url`` right now, or ``None`` (:func:`resolve_destination`)."""
    destination = resolve_destination(url)
    return destination if isinstance(destination, str) else None


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


def tls_context() -> ssl.SSLContext:
    """The certificates a receiver's TLS certificate is checked against: the certifi
    bundle, as httpx uses by default (never the environment's, like its proxies)."""
    return httpx.create_ssl_context(trust_env=False)


def send(*, url: str, secret: str, payload: Any, now: dt.datetime) -> Outcome:
    """POST the signed payload. Never raises for the receiver's fault: timeouts,
    refused connections, TLS errors and other answers than 2xx are outcomes.

    The host is resolved once and every address checked (:func:`resolve_destination`);
    the connection then goes to a checked address itself, with the callback's host
    name in the ``Host`` header and as the TLS server name (SNI), so that the
    certificate is verified for that name. Where a name has several addresses, the
    next is tried only when connecting to one fails (nothing was sent to it)."""
    destination = resolve_destination(url)
    if isinstance(destination, str):
        return Outcome(error=destination)
    body = body_of(payload)
    timestamp = int(now.timestamp())
    headers = {
        "host": destination.host_header,
        "content-type": "application/json; charset=utf-8",
        "callback-timestamp": str(timestamp),
        "callback-authentication": signature(secret, timestamp, body),
        "user-agent": USER_AGENT,
    }
    extensions = (
        {"sni_hostname": destination.host}
        if destination.by_name and destination.scheme == "https"
        else {}
    )
    seconds = timeout_seconds()
    try:
        # Redirects are not followed (they could lead into the internal network), and
        # the answer's body is never read: only its status counts.
        with httpx.Client(
            timeout=seconds, follow_redirects=False, trust_env=False, verify=tls_context()
        ) as client:

            def post_to(address: IPAddress) -> int:
                with client.stream(
                    "POST",
                    destination.url_to(address),
                    content=body,
                    headers=headers,
                    extensions=extensions,
                ) as response:
                    return response.status_code

            code: int | None = None
            for address in destination.addresses[:-1]:
                try:
                    code = post_to(address)
                    break
                except httpx.ConnectError:
                    continue  # nothing was sent there; the next address may answer
            if code is None:
                code = post_to(destination.addresses[-1])
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
