"""Share links, format v2: settings, drawn points and the training so far <-> `v2.<base64url>`
(the same format as web/domain/link.js; tests/link_vectors.json holds both to it).

The byte layout is documented in docs/ARCHITECTURE.md, "Share links (format v2)". In short:
base64url (no padding) of `deflate-raw(payload) + CRC-32 of those deflated bytes (4 bytes, big
endian)`, where the payload is `settings JSON [0x00 points block]`: the JSON holds the settings
that differ from the defaults plus the training to replay ("epoch", "edits"), the points block
(custom data only) packs 12-bit coordinates and 3-bit classes or 8-bit regression values.
The checksum makes a changed character a named error instead of other points. v1 links (the
same without the checksum and the training) still open.

`read_link` never raises for bad input: it returns the nearest valid state and one notice per
thing it ignored or changed, each a `{code, params}` (English text for the CLI). Nothing in a
link is ever executed.

Modules: limits (the numbers, exported to the page), envelope (text <-> bytes), points
(quantisation, the points block), training (epoch and edits), repair (lenient settings),
notices (codes and their English), labpart (the lab's code), comparepart (a comparison's run
B), codec (whole links).
"""

from .codec import Link, decode_link, encode_link, read_link
from .limits import (
    CHECK_BYTES,
    MAX_NOTICES,
    MAX_POINTS,
    MIN_POINTS,
    PREFIX,
    X_BITS,
    X_HI,
    X_LO,
    Y_BITS,
    Y_HI,
    Y_LO,
)
from .notices import FALLBACK, Notice, fell_back
from .points import quantize_points
from .repair import repair

sanitize_settings = repair  # the name the CLI and older callers know

__all__ = [
    "CHECK_BYTES",
    "PREFIX",
    "FALLBACK",
    "MAX_NOTICES",
    "MAX_POINTS",
    "MIN_POINTS",
    "X_BITS",
    "X_HI",
    "X_LO",
    "Y_BITS",
    "Y_HI",
    "Y_LO",
    "Link",
    "Notice",
    "decode_link",
    "encode_link",
    "fell_back",
    "quantize_points",
    "read_link",
    "repair",
    "sanitize_settings",
]
