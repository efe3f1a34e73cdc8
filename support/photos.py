"""Photos as staff send them: real PNG, JPEG and WebP files, of any exact size, whose bytes
come from the scenario's seed (so a failing run replays with the same files)."""

from __future__ import annotations

import struct
import zlib

from journeys.data import faker

KIB = 1024


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(size: int = 600) -> bytes:
    """A 1x1 PNG, padded to ``size`` bytes with a private chunk a viewer skips."""
    head = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    tail = _chunk(b"IDAT", zlib.compress(b"\x00" + faker().binary(3))) + _chunk(b"IEND", b"")
    padding = size - len(head) - len(tail) - 12
    if padding < 0:
        raise ValueError(f"a PNG takes at least {len(head) + len(tail) + 12} bytes")
    return head + _chunk(b"prVt", faker().binary(padding)) + tail


def jpeg(size: int = 600) -> bytes:
    """A JPEG's start-of-image and application marker, then the seed's bytes, then its end."""
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return head + faker().binary(size - len(head) - 2) + b"\xff\xd9"


def webp(size: int = 600) -> bytes:
    """A RIFF container of a WebP image, ``size`` bytes long."""
    return _riff(b"WEBPVP8L", size)


def wav(size: int = 600) -> bytes:
    """A RIFF container too, as WebP is, but of a sound: only its form type tells them apart."""
    return _riff(b"WAVEfmt ", size)


def _riff(form_and_chunk: bytes, size: int) -> bytes:
    body = form_and_chunk + faker().binary(size - 16)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def text(size: int = 600) -> bytes:
    """Not an image at all: words."""
    return faker().text(max_nb_chars=size * 2).encode()[:size]


# What a step names -> (the bytes, the type they are sent as).
UPLOADS = {
    "a PNG photo": lambda: (png(), "image/png"),
    "a photo": lambda: (png(), "image/png"),
    "a JPEG photo": lambda: (jpeg(), "image/jpeg"),
    "a WebP photo": lambda: (webp(), "image/webp"),
    "a photo of exactly 64 KiB": lambda: (png(64 * KIB), "image/png"),
    "a photo of 64 KiB and one byte": lambda: (png(64 * KIB + 1), "image/png"),
    "an empty photo": lambda: (b"", "image/png"),
    "a text file sent as a PNG photo": lambda: (text(), "image/png"),
    "a PNG photo sent as a GIF": lambda: (png(), "image/gif"),
    "a sound sent as a WebP photo": lambda: (wav(), "image/webp"),
}
