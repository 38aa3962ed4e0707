"""A small client for the ClamAV daemon (clamd): INSTREAM scans and PING.

Why not the ``clamd`` package from PyPI: it has not been maintained since 2014,
has no type hints and swallows some protocol errors. The part of the protocol
needed here is small (see ``man clamd``), so it lives in this module:

* Commands are sent with the ``z`` prefix and a terminating NUL byte
  (``zINSTREAM\\0``, ``zPING\\0``); clamd then ends its reply with a NUL byte.
* INSTREAM data follows the command as chunks, each a 4-byte big-endian
  length and that many bytes; a chunk of length zero ends the stream.
* The reply is ``stream: OK``, ``stream: <signature> FOUND`` or a message
  ending in ``ERROR`` (for example ``INSTREAM size limit exceeded. ERROR``
  when the stream is longer than clamd's ``StreamMaxLength``).

Addresses are ``tcp://host:port`` or ``unix:///path/to/clamd.ctl``. Every
failure to obtain a verdict (refused connection, timeout, ``ERROR`` reply,
reply that cannot be parsed) raises :class:`ScannerUnavailable`, so callers can
fail closed.
"""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["MAX_CHUNK", "ScanResult", "ScannerUnavailable", "ping", "scan_bytes"]

# Largest chunk sent in one INSTREAM frame. clamd accepts larger frames, but
# 64 KiB keeps memory on both sides small.
MAX_CHUNK = 64 * 1024
DEFAULT_PORT = 3310
# A reply is one short line; anything longer is not clamd.
_MAX_REPLY = 4096


class ScannerUnavailable(Exception):
    """No verdict could be obtained: clamd is unreachable, too slow or reported an error."""


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    # The signature name reported by clamd, e.g. "Win.Test.EICAR_HDB-1"; None when clean.
    signature: str | None


def scan_bytes(chunks: Iterable[bytes], *, address: str, timeout: float = 10.0) -> ScanResult:
    """Stream ``chunks`` to clamd at ``address`` and return its verdict.

    ``timeout`` bounds the whole exchange (connecting, sending, waiting for the
    reply), not each single socket operation. Raises :class:`ScannerUnavailable`
    when there is no verdict and :class:`ValueError` for a malformed address.
    """
    deadline = time.monotonic() + timeout
    sock = _connect(address, deadline)
    with sock:
        try:
            _send(sock, b"zINSTREAM\0", deadline)
            for chunk in chunks:
                # An empty frame would end the stream early: skip empty chunks.
                for start in range(0, len(chunk), MAX_CHUNK):
                    part = chunk[start : start + MAX_CHUNK]
                    _send(sock, struct.pack("!I", len(part)) + part, deadline)
            _send(sock, struct.pack("!I", 0), deadline)
        except OSError as exc:
            # clamd answers and closes while we are still sending when the
            # stream exceeds StreamMaxLength; its reply says why.
            reply = _try_read_reply(sock, deadline)
            if reply:
                return _parse_scan_reply(reply)
            raise ScannerUnavailable(f"clamd at {address}: sending failed: {exc}") from exc
        try:
            reply = _read_reply(sock, deadline)
        except OSError as exc:
            raise ScannerUnavailable(f"clamd at {address}: no reply: {exc}") from exc
    return _parse_scan_reply(reply)


def ping(address: str, *, timeout: float = 2.0) -> bool:
    """True when clamd at ``address`` answers ``PONG`` within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    try:
        sock = _connect(address, deadline)
        with sock:
            _send(sock, b"zPING\0", deadline)
            return _read_reply(sock, deadline) == "PONG"
    except (OSError, ScannerUnavailable):
        return False


def _connect(address: str, deadline: float) -> socket.socket:
    if address.startswith("unix://"):
        path = address.removeprefix("unix://")
        if not path:
            raise ValueError(f"clamd address without a socket path: {address!r}")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(_remaining(deadline))
            sock.connect(path)
        except (OSError, ScannerUnavailable) as exc:
            sock.close()
            raise ScannerUnavailable(f"clamd at {address}: cannot connect: {exc}") from exc
        return sock
    if address.startswith("tcp://"):
        parts = urlsplit(address)
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError as exc:
            raise ValueError(f"clamd address with an invalid port: {address!r}") from exc
        if not parts.hostname:
            raise ValueError(f"clamd address without a host: {address!r}")
        try:
            return socket.create_connection((parts.hostname, port), timeout=_remaining(deadline))
        except OSError as exc:
            raise ScannerUnavailable(f"clamd at {address}: cannot connect: {exc}") from exc
    raise ValueError(f"clamd address must start with tcp:// or unix://, not {address!r}")


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise ScannerUnavailable("clamd: timed out")
    return left


def _send(sock: socket.socket, data: bytes, deadline: float) -> None:
    sock.settimeout(_remaining(deadline))
    sock.sendall(data)


def _read_reply(sock: socket.socket, deadline: float) -> str:
    """Read up to the terminating NUL byte (or the end of the connection)."""
    buffer = b""
    while b"\0" not in buffer:
        sock.settimeout(_remaining(deadline))
        data = sock.recv(_MAX_REPLY)
        if not data:
            break
        buffer += data
        if len(buffer) > _MAX_REPLY:
            raise ScannerUnavailable("clamd: reply too long")
    reply = buffer.partition(b"\0")[0].decode("utf-8", "replace").strip()
    if not reply:
        raise ScannerUnavailable("clamd: empty reply")
    return reply


def _try_read_reply(sock: socket.socket, deadline: float) -> str | None:
    try:
        return _read_reply(sock, deadline)
    except (OSError, ScannerUnavailable):
        return None


def _parse_scan_reply(reply: str) -> ScanResult:
    # "stream: OK", "stream: Eicar-Signature FOUND", "... ERROR"; with IDSESSION
    # a request number precedes it ("1: stream: OK"), which is tolerated here.
    if reply.endswith(" FOUND"):
        body = reply.removesuffix(" FOUND")
        _prefix, _sep, signature = body.rpartition("stream: ")
        return ScanResult(clean=False, signature=signature.strip() or "unknown")
    if reply == "stream: OK" or reply.endswith(": stream: OK"):
        return ScanResult(clean=True, signature=None)
    if reply.endswith("ERROR"):
        raise ScannerUnavailable(f"clamd: {reply}")
    raise ScannerUnavailable(f"clamd: unexpected reply {reply!r}")
