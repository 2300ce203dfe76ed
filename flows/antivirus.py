"""A minimal clamd client: INSTREAM over a unix socket or TCP (clamd's documented protocol).

Settings: CLAMD_SOCKET (path of clamd's LocalSocket) or CLAMD_HOST/CLAMD_PORT, and CLAMD_TIMEOUT.
Any failure to get a clear answer is reported as `ScannerUnavailable`, so callers refuse the file
rather than store something unscanned (R-PRO-11).
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

CHUNK_BYTES = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be reached or did not answer clearly."""


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""


def _connect() -> socket.socket:
    timeout = getattr(settings, "CLAMD_TIMEOUT", 30)
    socket_path = getattr(settings, "CLAMD_SOCKET", "")
    try:
        if socket_path:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(timeout)
            connection.connect(socket_path)
        else:
            host = getattr(settings, "CLAMD_HOST", "127.0.0.1")
            port = int(getattr(settings, "CLAMD_PORT", 3310))
            connection = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    return connection


def _read_reply(connection: socket.socket) -> str:
    reply = b""
    while not reply.endswith(b"\0"):
        chunk = connection.recv(4096)
        if not chunk:
            break
        reply += chunk
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan_chunks(chunks: Iterable[bytes]) -> ScanResult:
    connection = _connect()
    try:
        with connection:
            connection.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                for start in range(0, len(chunk), CHUNK_BYTES):
                    part = chunk[start : start + CHUNK_BYTES]
                    connection.sendall(struct.pack("!L", len(part)) + part)
            connection.sendall(struct.pack("!L", 0))
            reply = _read_reply(connection)
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    # Replies: "stream: OK", "stream: <signature> FOUND", "INSTREAM size limit exceeded. ERROR", …
    if reply.endswith(" FOUND"):
        return ScanResult(clean=False, signature=reply.removeprefix("stream:").removesuffix("FOUND").strip())
    if reply == "stream: OK":
        return ScanResult(clean=True)
    raise ScannerUnavailable(reply or "empty reply from clamd")


def ping() -> bool:
    try:
        connection = _connect()
        with connection:
            connection.sendall(b"zPING\0")
            return _read_reply(connection) == "PONG"
    except (OSError, ScannerUnavailable):
        return False
