"""The clamd INSTREAM/PING client against a fake clamd speaking the real protocol.

The fake listens on 127.0.0.1 (a free port) and on a unix socket, reads
``zINSTREAM\\0`` and length-prefixed chunks exactly as clamd does and answers with
NUL-terminated replies. The EICAR test string is put together from parts so that
this file itself is not flagged by a virus scanner.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import struct
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from verbund.core.clamd import (
    MAX_CHUNK,
    ScannerUnavailable,
    ScanResult,
    ping,
    scan_bytes,
)

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-" + b"ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_SIGNATURE = "Eicar-Test-Signature"


@dataclass
class FakeClamd:
    """State and behaviour shared by the TCP and the unix-socket server.

    ``mode``: "normal" (OK or FOUND), "error" (an ERROR reply after the stream)
    or "reply" (``reply`` is sent verbatim). ``max_stream`` imitates clamd's
    StreamMaxLength: a longer stream is answered with the size-limit ERROR and
    the connection closed at once, as clamd does.
    """

    mode: str = "normal"
    reply: bytes = b""
    max_stream: int = 25 * 1024 * 1024
    commands: list[bytes] = field(default_factory=list)
    streams: list[bytes] = field(default_factory=list)
    chunk_sizes: list[list[int]] = field(default_factory=list)
    tcp_address: str = ""
    unix_address: str = ""

    @property
    def connections(self) -> int:
        return len(self.commands)

    def handle(self, conn: socket.socket) -> None:
        command = _read_until(conn, b"\0")
        self.commands.append(command)
        if command == b"zPING":
            conn.sendall(b"PONG\0")
        elif command == b"zINSTREAM":
            self._instream(conn)
        else:
            conn.sendall(b"UNKNOWN COMMAND\0")

    def _instream(self, conn: socket.socket) -> None:
        data = bytearray()
        sizes: list[int] = []
        self.chunk_sizes.append(sizes)
        while True:
            (length,) = struct.unpack("!I", _read_exactly(conn, 4))
            if length == 0:
                break
            sizes.append(length)
            if len(data) + length > self.max_stream:
                conn.sendall(b"INSTREAM size limit exceeded. ERROR\0")
                return
            data += _read_exactly(conn, length)
        self.streams.append(bytes(data))
        if self.mode == "error":
            conn.sendall(b"stream: Can't allocate memory ERROR\0")
        elif self.mode == "reply":
            conn.sendall(self.reply)
        elif EICAR in data:
            conn.sendall(f"stream: {EICAR_SIGNATURE} FOUND\0".encode())
        else:
            conn.sendall(b"stream: OK\0")


def _read_exactly(conn: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        part = conn.recv(count - len(data))
        if not part:
            raise ConnectionError("client went away")
        data += part
    return data


def _read_until(conn: socket.socket, delimiter: bytes) -> bytes:
    data = b""
    while not data.endswith(delimiter):
        part = conn.recv(1)
        if not part:
            break
        data += part
    return data.removesuffix(delimiter)


class _Handler(socketserver.BaseRequestHandler):
    server: _TCPServer | _UnixServer

    def handle(self) -> None:
        # OSError: the client went away; clamd would log it and carry on.
        with contextlib.suppress(OSError):
            self.server.fake.handle(self.request)


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeClamd


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    fake: FakeClamd


def _socket_dir(tmp_path: Path) -> Path:
    # A unix socket path must be shorter than 108 bytes; pytest's can be longer.
    if len(str(tmp_path / "clamd.ctl")) < 100:
        return tmp_path
    return Path(tempfile.mkdtemp(prefix="clamd"))


def start_fake_clamd(tmp_path: Path) -> tuple[FakeClamd, list[socketserver.BaseServer]]:
    fake = FakeClamd()
    tcp = _TCPServer(("127.0.0.1", 0), _Handler)
    path = _socket_dir(tmp_path) / "clamd.ctl"
    unix = _UnixServer(str(path), _Handler)
    servers: list[socketserver.BaseServer] = [tcp, unix]
    for server in (tcp, unix):
        server.fake = fake
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
    fake.tcp_address = f"tcp://127.0.0.1:{tcp.server_address[1]}"
    fake.unix_address = f"unix://{path}"
    return fake, servers


def stop_fake_clamd(servers: list[socketserver.BaseServer]) -> None:
    for server in servers:
        server.shutdown()
        server.server_close()
        if isinstance(server, _UnixServer):
            Path(str(server.server_address)).unlink(missing_ok=True)


@pytest.fixture
def fake_clamd(tmp_path: Path) -> Iterator[FakeClamd]:
    fake, servers = start_fake_clamd(tmp_path)
    yield fake
    stop_fake_clamd(servers)


@pytest.fixture
def silent_address() -> Iterator[str]:
    """A server that accepts connections and never reads nor answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                conn, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.fixture
def refused_address() -> str:
    """A TCP port on which nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"


@pytest.fixture(params=["tcp", "unix"])
def address(request: pytest.FixtureRequest, fake_clamd: FakeClamd) -> str:
    return fake_clamd.tcp_address if request.param == "tcp" else fake_clamd.unix_address


def test_eicar_is_the_standard_test_string() -> None:
    assert len(EICAR) == 68
    assert EICAR.startswith(b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR")


def test_clean_stream(fake_clamd: FakeClamd, address: str) -> None:
    assert scan_bytes([b"Hallo ", b"Welt"], address=address) == ScanResult(
        clean=True, signature=None
    )
    assert fake_clamd.commands == [b"zINSTREAM"]
    assert fake_clamd.streams == [b"Hallo Welt"]
    assert fake_clamd.chunk_sizes == [[6, 4]]


def test_infected_stream(fake_clamd: FakeClamd, address: str) -> None:
    result = scan_bytes([b"prefix ", EICAR, b" suffix"], address=address)
    assert result == ScanResult(clean=False, signature=EICAR_SIGNATURE)


def test_bytes_on_the_wire() -> None:
    # A raw server records exactly what the client sends.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    received: list[bytes] = []

    def serve() -> None:
        conn, _address = listener.accept()
        with conn:
            data = b""
            while not data.endswith(b"\0\0\0\0"):
                data += conn.recv(4096)
            received.append(data)
            conn.sendall(b"stream: OK\0")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    assert scan_bytes([b"abc", b"", b"de"], address=f"tcp://127.0.0.1:{port}").clean
    thread.join(timeout=5)
    listener.close()
    assert received == [
        b"zINSTREAM\0" + b"\0\0\0\x03abc" + b"\0\0\0\x02de" + b"\0\0\0\0",
    ]


def test_large_chunks_are_split(fake_clamd: FakeClamd, address: str) -> None:
    big = bytes(range(256)) * 800  # 204,800 bytes in one chunk
    assert scan_bytes([big, b"x"], address=address).clean
    assert fake_clamd.chunk_sizes == [
        [MAX_CHUNK, MAX_CHUNK, MAX_CHUNK, len(big) - 3 * MAX_CHUNK, 1]
    ]
    assert fake_clamd.streams == [big + b"x"]


def test_empty_chunks_do_not_end_the_stream(fake_clamd: FakeClamd, address: str) -> None:
    result = scan_bytes([b"", EICAR[:30], b"", EICAR[30:]], address=address)
    assert result.signature == EICAR_SIGNATURE
    assert fake_clamd.streams == [EICAR]


def test_error_reply(fake_clamd: FakeClamd, address: str) -> None:
    fake_clamd.mode = "error"
    with pytest.raises(ScannerUnavailable, match="Can't allocate memory ERROR"):
        scan_bytes([b"data"], address=address)


def test_size_limit_exceeded(fake_clamd: FakeClamd, address: str) -> None:
    # clamd answers and hangs up while the client is still sending.
    fake_clamd.max_stream = 100 * 1024
    chunks = (b"\x00" * MAX_CHUNK for _ in range(200))
    with pytest.raises(ScannerUnavailable):
        scan_bytes(chunks, address=address)


def test_small_stream_over_the_limit_reports_the_error(fake_clamd: FakeClamd) -> None:
    fake_clamd.max_stream = 3
    with pytest.raises(ScannerUnavailable, match=r"INSTREAM size limit exceeded\. ERROR"):
        scan_bytes([b"abcd"], address=fake_clamd.tcp_address)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (b"stream: Win.Test.EICAR_HDB-1 FOUND\0", ScanResult(False, "Win.Test.EICAR_HDB-1")),
        (b"1: stream: OK\0", ScanResult(True, None)),
        (b"stream: OK", ScanResult(True, None)),  # connection closed without NUL
    ],
)
def test_reply_forms(fake_clamd: FakeClamd, reply: bytes, expected: ScanResult) -> None:
    fake_clamd.mode = "reply"
    fake_clamd.reply = reply
    assert scan_bytes([b"data"], address=fake_clamd.tcp_address) == expected


@pytest.mark.parametrize("reply", [b"", b"\0", b"stream: MAYBE\0", b"x" * 10_000])
def test_unexpected_replies(fake_clamd: FakeClamd, reply: bytes) -> None:
    fake_clamd.mode = "reply"
    fake_clamd.reply = reply
    with pytest.raises(ScannerUnavailable):
        scan_bytes([b"data"], address=fake_clamd.tcp_address)


def test_server_that_never_answers(silent_address: str) -> None:
    started = time.monotonic()
    with pytest.raises(ScannerUnavailable):
        scan_bytes([b"data"], address=silent_address, timeout=0.3)
    assert time.monotonic() - started < 3


def test_server_that_never_reads(silent_address: str) -> None:
    # Sending blocks once the socket buffers are full; the deadline still holds.
    chunks = (b"\x00" * MAX_CHUNK for _ in range(1024))  # 64 MiB
    started = time.monotonic()
    with pytest.raises(ScannerUnavailable):
        scan_bytes(chunks, address=silent_address, timeout=0.3)
    assert time.monotonic() - started < 3


def test_refused_connection(refused_address: str) -> None:
    with pytest.raises(ScannerUnavailable, match="cannot connect"):
        scan_bytes([b"data"], address=refused_address)


def test_missing_unix_socket(tmp_path: Path) -> None:
    with pytest.raises(ScannerUnavailable, match="cannot connect"):
        scan_bytes([b"data"], address=f"unix://{tmp_path}/nothing.ctl")


@pytest.mark.parametrize(
    "bad", ["", "localhost:3310", "http://localhost:3310", "tcp://:3310", "tcp://h:x", "unix://"]
)
def test_malformed_address(bad: str) -> None:
    with pytest.raises(ValueError, match="clamd address"):
        scan_bytes([b"data"], address=bad)


def test_ping(fake_clamd: FakeClamd, address: str) -> None:
    assert ping(address) is True
    assert fake_clamd.commands == [b"zPING"]


def test_ping_without_server(refused_address: str, silent_address: str) -> None:
    assert ping(refused_address) is False
    assert ping(silent_address, timeout=0.2) is False
