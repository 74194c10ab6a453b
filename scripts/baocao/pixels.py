"""Width and height of a PNG, JPEG, GIF or WebP image, read from its header (no decoding)."""

from __future__ import annotations

import struct

KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}
# JPEG markers that start a frame and hold its size (SOF0-15 but DHT, JPG and DAC)
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class HeaderError(ValueError):
    """Not an image of the kind its name says, or a damaged header: its argument is a key of
    messages.IMAGE_HEADER_REASONS."""


def dimensions(data: bytes, suffix: str) -> tuple[int, int]:
    """(width, height) of an image of this suffix, or HeaderError."""
    kind = KINDS.get(suffix.lower())
    try:
        if kind == "PNG" and data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
            return _checked(*struct.unpack(">II", data[16:24]))
        if kind == "GIF" and data[:6] in (b"GIF87a", b"GIF89a"):
            return _gif(data)
        if kind == "JPEG" and data[:2] == b"\xff\xd8":
            return _jpeg(data)
        if kind == "WebP" and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data)
    except struct.error:
        raise HeaderError("truncated") from None
    raise HeaderError("malformed")


def _checked(width: int, height: int) -> tuple[int, int]:
    if width <= 0 or height <= 0:
        raise HeaderError("zero-size")
    return width, height


def _gif(data: bytes) -> tuple[int, int]:
    """The logical screen, grown to hold each frame: a browser shows a first frame larger than
    the screen at the frame's own size (a 10 x 10 screen holding a 6000 x 6000 frame)."""
    width, height = struct.unpack("<HH", data[6:10])
    at = 13 + _color_table(data[10:11])
    while at < len(data) and data[at] != 0x3B:  # up to the trailer
        if data[at] == 0x21:  # an extension: its label, then its data
            at = _sub_blocks(data, at + 2)
        elif data[at] == 0x2C:  # a frame: where it sits, its size, its colours, its data
            left, top, w, h = struct.unpack("<HHHH", data[at + 1 : at + 9])
            width, height = max(width, left + w), max(height, top + h)
            at = _sub_blocks(data, at + 11 + _color_table(data[at + 9 : at + 10]))
        else:  # no GIF block: a browser reads no further
            break
    return _checked(width, height)


def _color_table(flags: bytes) -> int:
    """Bytes of the colour table that a GIF's flags byte announces (none past the end)."""
    return 3 << ((flags[0] & 7) + 1) if flags and flags[0] & 0x80 else 0


def _sub_blocks(data: bytes, at: int) -> int:
    """Where the data blocks that start at `at` end (each prefixed by its length, a zero last)."""
    while at < len(data) and data[at]:
        at += data[at] + 1
    return at + 1


def _jpeg(data: bytes) -> tuple[int, int]:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise HeaderError("malformed")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return _checked(width, height)
        if marker in (0xD9, 0xDA) or length < 2:  # end of image or scan before any frame
            break
        at += 2 + length
    raise HeaderError("no-size")


def _webp(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        if len(data) < 30:
            raise struct.error
        return _checked(width, height)
    if chunk == b"VP8L" and data[20:21] == b"\x2f":
        bits = int.from_bytes(data[21:25], "little")
        if len(data) < 25:
            raise struct.error
        return _checked((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return _checked(width & 0x3FFF, height & 0x3FFF)
    raise HeaderError("malformed")
