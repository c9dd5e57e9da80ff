"""The envelope of a link: text <-> payload bytes.

`v2.` + base64url (no padding) of `deflate-raw(payload) + CRC-32 of those deflated bytes
(4 bytes, big endian)`; v1 links (the same without the checksum) still open. Each failure here
makes the whole link unusable: one notice ending "using the defaults"."""

import base64
import json
import re
import zlib

from .limits import CHECK_BYTES, MAX_DEPTH, MAX_LINK_CHARS, MAX_PAYLOAD, PREFIX, READS

_SPACE = " \t\n\r\f\v"  # the only characters stripped around a link (as link.js)
_B64URL = re.compile(r"[A-Za-z0-9_-]*")


def wrap(payload):
    """Payload bytes -> the fragment text "v2.<base64url>"."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(payload) + c.flush()
    data += zlib.crc32(data).to_bytes(CHECK_BYTES, "big")
    return PREFIX + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def js_length(text):
    """The length of `text` as JavaScript counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fragment(text):
    """The text after the first '#' (all of it without one), white space around stripped."""
    text = text.strip(_SPACE)
    return text.split("#", 1)[1].strip(_SPACE) if "#" in text else text


def _inflate(body, version, note):
    """base64url text -> payload bytes, or None with a notice. v2: checksum first."""
    body = body.rstrip("=")
    if not _B64URL.fullmatch(body) or len(body) % 4 == 1:
        note.add("not_base64", then="defaults")
        return None
    data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    if version != "v1":
        data, check = data[:-CHECK_BYTES], data[-CHECK_BYTES:]
        if len(check) < CHECK_BYTES or zlib.crc32(data) != int.from_bytes(check, "big"):
            note.add("checksum", then="defaults")
            return None
    d = zlib.decompressobj(-15)
    try:
        out = d.decompress(data, MAX_PAYLOAD + 1)
    except zlib.error:
        out = None
    if out is not None and len(out) > MAX_PAYLOAD:
        note.add("too_big", max=MAX_PAYLOAD, then="defaults")
        return None
    if out is None or not d.eof or d.unused_data:  # broken, truncated, or junk after the end
        note.add("not_deflate", then="defaults")
        return None
    return out


def unwrap(text, note):
    """A link's text -> its payload bytes, or None: for no link (the plain page) or, with a
    notice, for a link that cannot be used at all."""
    if not isinstance(text, str):
        note.add("not_text", type=type(text).__name__, then="defaults")
        return None
    frag = fragment(text)
    if not frag:
        return None
    size = js_length(frag)
    if size > MAX_LINK_CHARS:
        note.add("too_long", length=size, max=MAX_LINK_CHARS, then="defaults")
        return None
    head, dot, body = frag.partition(".")
    if not dot or not re.fullmatch(r"v[0-9]{1,6}", head):
        note.add("not_a_link", then="defaults")
        return None
    if head not in READS:
        note.add("format", format=head, reads=list(READS), then="defaults")
        return None
    return _inflate(body, head, note)


def _too_deep(text):
    """More than MAX_DEPTH nested [ or { outside strings? (json.loads would recurse.)"""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth, in_str, esc = 0, False, False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def parse_settings(data, note):
    """Settings JSON bytes -> dict, or {} with a notice (same verdicts as JSON.parse)."""
    try:
        text = data.decode("utf-8")
        if _too_deep(text):
            raise ValueError("nested too deeply")
        # parse_int=float: integers read as JavaScript reads them (1e400 -> inf)
        raw = json.loads(text, parse_int=float, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError):
        note.add("settings_unreadable", then="defaults")
        return {}
    if not isinstance(raw, dict):
        note.add("settings_not_object", then="defaults")
        return {}
    return raw
