"""Share links, format v2: settings, drawn points and the training so far <-> `v2.<base64url>`
(same as web/domain/link.js).

The byte layout is documented in docs/ARCHITECTURE.md, "Share links (format v2)". In short:
base64url (no padding) of `deflate-raw(payload) + CRC-32 of those deflated bytes (4 bytes, big
endian)`, where the payload is `settings JSON [0x00 points block]`: the JSON holds the settings
that differ from the defaults plus the training to replay ("epoch", "edits"), the points block
(custom data only) packs 12-bit coordinates and 3-bit classes or 8-bit regression values.
The checksum makes a changed character a named error instead of other points. v1 links (the
same without the checksum and the training) still open.

`decode_link` never raises for bad input: it returns the nearest valid state and one
human-readable notice per thing it ignored or changed. Nothing in a link is ever executed."""

import base64
import json
import math
import re
import zlib
from decimal import Decimal
from typing import NamedTuple

import numpy as np

from . import settings as st
from .datasets import HI, LO, MAX_CLASSES, MAX_POINTS, check_points

VERSION = 2
PREFIX = f"v{VERSION}."
READS = ("v1", "v2")  # the formats decode_link opens
CHECK_BYTES = 4  # v2: CRC-32 of the deflated bytes, big endian, after them
MAX_EPOCH = 1_000_000  # of a link's training to replay
MAX_EDITS = 100  # weight edits in a link
MAX_INDEX = 1000  # of a layer, neuron or input in an edit (the engine checks the real shape)
X_LO, X_HI, X_BITS = LO, HI, 12  # coordinates: the view window
Y_LO, Y_HI, Y_BITS = -1.0, 1.0, 8  # regression values
CLASS_BITS = 3  # class labels 0..4
KIND_CLASSIFICATION, KIND_REGRESSION = 0, 1
MIN_POINTS = 2  # a train/test split needs two
MAX_LINK_CHARS = 100_000  # of the fragment, before decoding
MAX_PAYLOAD = 256 * 1024  # bytes after inflating: a zip bomb stops here
MAX_DEPTH = 20  # JSON nesting (the settings need 2)
MAX_NOTICES = 20
MAX_SHOWN = 40  # characters of a hostile string quoted in a notice


# ---------------------------------------------------------------- quantisation


def _codes(v, lo, hi, bits):
    """Float values -> integer codes 0..2**bits-1 (as float64): nearest grid step, clamped."""
    step = (hi - lo) / (2**bits - 1)
    return np.clip(np.floor((v - lo) / step + 0.5), 0, 2**bits - 1)


def _values(q, lo, hi, bits):
    """Codes -> float64 values lo + q * step, clamped into [lo, hi] against rounding."""
    step = (hi - lo) / (2**bits - 1)
    return np.clip(lo + q * step, lo, hi)


def quantize_points(points, problem="classification"):
    """Points (n, 3) -> the float64 values a link carries: x1, x2 on a 12-bit grid over
    [-6, 6], regression values on an 8-bit grid over [-1, 1]; class labels pass through.

    Idempotent, and decode(encode(p)) == quantize_points(p) bit for bit. The page applies the
    same formulas (web/link.js) to every drawn or imported point.
    """
    pts = np.array(points, dtype=np.float64).reshape(-1, 3)
    for c in (0, 1):
        pts[:, c] = _values(_codes(pts[:, c], X_LO, X_HI, X_BITS), X_LO, X_HI, X_BITS)
    if problem == "regression":
        pts[:, 2] = _values(_codes(pts[:, 2], Y_LO, Y_HI, Y_BITS), Y_LO, Y_HI, Y_BITS)
    return pts


def _label_bits(kind):
    return Y_BITS if kind == KIND_REGRESSION else CLASS_BITS


def _pack_points(pts, kind):
    """Points (n, 3), already checked -> points block bytes (see the module docstring)."""
    n = len(pts)
    lb = _label_bits(kind)
    labels = _codes(pts[:, 2], Y_LO, Y_HI, Y_BITS) if kind == KIND_REGRESSION else pts[:, 2]
    cols = [
        (_codes(pts[:, 0], X_LO, X_HI, X_BITS), X_BITS),
        (_codes(pts[:, 1], X_LO, X_HI, X_BITS), X_BITS),
        (labels, lb),
    ]
    bits = [
        ((c.astype(np.int64)[:, None] >> np.arange(b - 1, -1, -1)) & 1).ravel() for c, b in cols
    ]
    body = np.packbits(np.concatenate(bits).astype(np.uint8)).tobytes()
    return bytes([kind, n >> 8, n & 255]) + body


def _unpack_columns(body, n, lb):
    """Bit stream -> three int64 code columns (x1, x2, label) of length n."""
    bits = np.unpackbits(np.frombuffer(body, dtype=np.uint8)).astype(np.int64)
    out, at = [], 0
    for b in (X_BITS, X_BITS, lb):
        chunk = bits[at : at + n * b].reshape(n, b)
        out.append(chunk @ (1 << np.arange(b - 1, -1, -1)))
        at += n * b
    return out


# ---------------------------------------------------------------- encoding


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _non_defaults(s):
    return {t.name: s[t.name] for t in st.TABLE if s[t.name] != t.default}


def _check_training(epoch, edits):
    """-> (epoch, edits as lists) or ValueError: what encode_link accepts for the training."""
    note = []
    out = _training({"epoch": epoch, "edits": [list(e) for e in edits]}, note)
    if note:
        raise ValueError(note[0])
    return out


def encode_link(settings, points=None, epoch=0, edits=()):
    """Settings (any form settings.validate accepts) [+ points (n, 3) for custom data]
    [+ the training: epochs trained and the weight edits made on the way] -> the fragment text
    "v2.<base64url>". Raises ValueError for invalid input.

    Preset data sets carry no points (bpcore regenerates them from the settings): `points` is
    ignored unless dataset == "custom". Points are quantised (see quantize_points).
    edits: [[epoch, layer, i, j, value], ...] in the order they were made, j = -1 for a bias
    (as the engine's setWeight); each applies once `epoch` epochs are trained.
    """
    s = st.validate(settings)
    epoch, edits = _check_training(epoch, edits)
    head = _non_defaults(s)
    if epoch:
        head["epoch"] = epoch
    if edits:
        head["edits"] = edits
    payload = json.dumps(head, separators=(",", ":"), allow_nan=False).encode()
    if s["dataset"] == "custom":
        if points is None:
            raise ValueError("points: dataset custom needs its points")
        pts = check_points(points, s["problem"], st.n_classes(s) or None)
        if not MIN_POINTS <= len(pts) <= MAX_POINTS:
            raise ValueError(
                f"points: a link holds {MIN_POINTS}..{MAX_POINTS} points, got {len(pts)}"
            )
        kind = KIND_REGRESSION if s["problem"] == "regression" else KIND_CLASSIFICATION
        payload += b"\x00" + _pack_points(pts, kind)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(payload) + c.flush()
    return PREFIX + _b64url(data + zlib.crc32(data).to_bytes(CHECK_BYTES, "big"))


# ---------------------------------------------------------------- notices


def _fmt(x):
    """A number as JavaScript's String(x) prints it, so both decoders' notices are equal."""
    x = float(x)
    if not math.isfinite(x):
        return "NaN" if x != x else "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    _, digs, exp = Decimal(repr(abs(x))).normalize().as_tuple()
    d, k = "".join(map(str, digs)), len(digs)
    n = k + exp  # x = 0.d * 10**n
    if k <= n <= 21:
        s = d + "0" * (n - k)
    elif 0 < n <= 21:
        s = d[:n] + "." + d[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * -n + d
    else:
        s = d[0] + ("." + d[1:] if k > 1 else "") + f"e{'+' if n > 0 else '-'}{abs(n - 1)}"
    return ("-" if x < 0 else "") + s


def _show(v):
    """A short, plain-text description of a value from a link (never executed or parsed)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return _fmt(v)
    if isinstance(v, str):
        return '"' + v[:MAX_SHOWN] + ("…" if len(v) > MAX_SHOWN else "") + '"'
    if isinstance(v, list):
        return f"a list of {len(v)} entries"
    return "an object"


def _show_default(t):
    d = t.default
    if isinstance(d, list):
        return ",".join(str(x) for x in d) if d else "none"
    return _show(d) if not isinstance(d, str) else d


# Ends every notice of a link that could not be used at all: the defaults stand in for it.
FALLBACK = "using the defaults"


def fell_back(notices):
    """The notices of decode_link saying the link could not be used at all."""
    return [n for n in notices if n.endswith(FALLBACK)]


class _Notices(list):
    def done(self):
        if len(self) <= MAX_NOTICES:
            return list(self)
        return self[: MAX_NOTICES - 1] + [f"… and {len(self) - MAX_NOTICES + 1} more problems"]


# ---------------------------------------------------------------- one setting, nearest valid


def _is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _number(t, v, note, label=None):
    """A JSON number for an int/float setting (or one list entry) -> nearest valid, or None
    when it cannot be used. label: how the notice names it (default: the setting's name)."""
    who = label or t.name
    if not _is_num(v):
        note.append(f"{who}: expected a number, got {_show(v)}")
        return None
    x = float(v)
    if not math.isfinite(x):
        note.append(f"{who}: {_show(v)} is not a finite number")
        return None
    integer = t.kind in ("int", "ints")
    if integer and x != math.floor(x):
        r = float(math.floor(x + 0.5))
        note.append(f"{who}: {_fmt(x)} is not a whole number; using {_fmt(r)}")
        x = r
    if x < t.lo or (t.lo_open and x == t.lo):
        if t.lo_open:
            note.append(f"{who}: {_fmt(x)} must be above {_fmt(t.lo)}")
            return None
        note.append(f"{who}: {_fmt(x)} is below the minimum {_fmt(t.lo)}; using {_fmt(t.lo)}")
        x = float(t.lo)
    elif x > t.hi or (t.hi_open and x == t.hi):
        if t.hi_open:
            note.append(f"{who}: {_fmt(x)} must be below {_fmt(t.hi)}")
            return None
        note.append(f"{who}: {_fmt(x)} is above the maximum {_fmt(t.hi)}; using {_fmt(t.hi)}")
        x = float(t.hi)
    return int(x) if integer else x + 0.0  # never -0.0


def _list(t, v, note):
    if not isinstance(v, list):
        note.append(f"{t.name}: expected a list, got {_show(v)}")
        return None
    if len(v) > t.max_len:
        what = "hidden layers" if t.name == "layers" else "entries"
        note.append(
            f"{t.name}: {len(v)} {what} is more than the maximum {t.max_len}; "
            f"kept the first {t.max_len}"
        )
        v = v[: t.max_len]
    out = []
    for i, item in enumerate(v):
        label = f"{t.name}[{i}]"
        if t.kind == "ints":
            x = _number(t, item, note, label)
            if x is None:
                note[-1] += "; dropped"
            else:
                out.append(x)
        elif not isinstance(item, str) or item not in t.choices:
            note.append(f"{label}: {_show(item)} is not one of {', '.join(t.choices)}; dropped")
        elif t.unique and item in out:
            note.append(f"{label}: {_show(item)} appears twice; dropped")
        else:
            out.append(item)
    if len(out) < t.min_len or (v and not out):
        note.append(f"{t.name}: no usable entries")
        return None
    return out


def _one(t, v, note):
    """Nearest valid value of setting t for the JSON value v, or None (use the default)."""
    if t.kind == "choice":
        if isinstance(v, str) and v in t.choices:
            return v
        note.append(f"{t.name}: {_show(v)} is not one of {', '.join(t.choices)}")
        return None
    if t.kind == "bool":
        if isinstance(v, bool):
            return v
        note.append(f"{t.name}: expected true or false, got {_show(v)}")
        return None
    if t.kind in ("int", "float"):
        return _number(t, v, note)
    return _list(t, v, note)


def _js_order(obj):
    """Keys in the order JavaScript's Object.keys gives them: array-index keys first, in
    numeric order, then the rest as inserted (so both decoders list notices alike)."""
    idx = [k for k in obj if re.fullmatch(r"0|[1-9][0-9]{0,9}", k) and int(k) < 2**32 - 1]
    seen = set(idx)
    rest = [k for k in obj if k not in seen]
    return sorted(idx, key=int) + rest


def _sanitize(raw, note):
    """A parsed JSON object -> (complete settings dict, set of names the link gave); every
    value in range; notices appended to `note`. Rules between fields come later."""
    out = {
        t.name: (list(t.default) if isinstance(t.default, list) else t.default) for t in st.TABLE
    }
    given = set()
    for key in _js_order(raw):
        v = raw[key]
        t = st.SETTINGS.get(key)
        if t is None:
            note.append(f"unknown setting {_show(key)} ignored")
            continue
        x = _one(t, v, note)
        if x is None:  # _one said why in one notice; say what happens instead
            note[-1] += f"; using the default {_show_default(t)}"
        else:
            out[key] = x
            given.add(key)
    return out, given


# ---------------------------------------------------------------- the training


TRAINING = ("epoch", "edits")  # the payload JSON's keys that are not settings
NOT_REPLAYED = "the training is not replayed (epoch 0)"


def _whole(v, lo, hi):
    return _is_num(v) and math.isfinite(v) and v == math.floor(v) and lo <= v <= hi


def _edit(e, epoch):
    """One edit from a link -> why it is unusable, or None."""
    if not isinstance(e, list) or len(e) != 5:
        return "expected [epoch, layer, i, j, value]"
    at, layer, i, j, value = e
    if not _whole(at, 0, epoch):
        return f"its epoch {_show(at)} is not a whole number 0..{epoch}"
    if not (_whole(layer, 0, MAX_INDEX) and _whole(i, 0, MAX_INDEX) and _whole(j, -1, MAX_INDEX)):
        return "layer, i and j must be whole numbers (j = -1 for a bias)"
    if not _is_num(value) or not math.isfinite(value):
        return f"the value {_show(value)} is not a finite number"
    return None


def _training(raw, note):
    """The link's training -> (epoch, [[epoch, layer, i, j, value], ...]); any problem drops
    all of it with one notice (a part of a training would replay to other numbers)."""
    epoch, edits = raw.get("epoch", 0), raw.get("edits", [])
    why = None
    if not _whole(epoch, 0, MAX_EPOCH):
        why = f"epoch: {_show(epoch)} is not a whole number 0..{MAX_EPOCH}"
    elif not isinstance(edits, list):
        why = f"edits: expected a list, got {_show(edits)}"
    elif len(edits) > MAX_EDITS:
        why = f"edits: {len(edits)} weight edits is more than the maximum {MAX_EDITS}"
    else:
        last = 0
        for k, e in enumerate(edits):
            why = _edit(e, int(epoch))
            if why is None and e[0] < last:
                why = "the edits are not in the order of their epochs"
            if why is not None:
                why = f"edits[{k}]: {why}"
                break
            last = e[0]
    if why is not None:
        note.append(f"{why}; {NOT_REPLAYED}")
        return 0, []
    out = [[int(a), int(b), int(c), int(d), float(v) + 0.0] for a, b, c, d, v in edits]
    return int(epoch), out


# ---------------------------------------------------------------- whole link


_SPACE = " \t\n\r\f\v"  # the only characters stripped around a link (as link.js)


def _fragment(text):
    text = text.strip(_SPACE)
    return text.split("#", 1)[1].strip(_SPACE) if "#" in text else text


_B64URL = re.compile(r"[A-Za-z0-9_-]*")


DAMAGED = (
    "the link is damaged (its checksum does not match: a character was changed, added or lost)"
)


def _inflate(body, version, note):
    """base64url text -> payload bytes, or None with a notice. v2: checksum first."""
    body = body.rstrip("=")
    if not _B64URL.fullmatch(body) or len(body) % 4 == 1:
        note.append(f"the link is damaged (not base64url text); {FALLBACK}")
        return None
    data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    if version != "v1":
        data, check = data[:-CHECK_BYTES], data[-CHECK_BYTES:]
        if len(check) < CHECK_BYTES or zlib.crc32(data) != int.from_bytes(check, "big"):
            note.append(f"{DAMAGED}; {FALLBACK}")
            return None
    d = zlib.decompressobj(-15)
    try:
        out = d.decompress(data, MAX_PAYLOAD + 1)
    except zlib.error:
        out = None
    if out is not None and len(out) > MAX_PAYLOAD:
        note.append(f"the link inflates to more than {MAX_PAYLOAD} bytes; {FALLBACK}")
        return None
    if out is None or not d.eof or d.unused_data:  # broken, truncated, or junk after the end
        note.append(f"the link is damaged (its data does not inflate); {FALLBACK}")
        return None
    return out


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


def _parse_settings(data, note):
    """Settings JSON bytes -> dict, or {} with a notice (same verdicts as JSON.parse)."""
    try:
        text = data.decode("utf-8")
        if _too_deep(text):
            raise ValueError("nested too deeply")
        # parse_int=float: integers read as JavaScript reads them (1e400 -> inf)
        raw = json.loads(text, parse_int=float, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError):
        note.append(f"settings: unreadable; {FALLBACK}")
        return {}
    if not isinstance(raw, dict):
        note.append(f"settings: not a JSON object; {FALLBACK}")
        return {}
    return raw


def _parse_points(block, note):
    """Points block bytes -> (kind, int64 code columns x1, x2, label) or None."""
    if len(block) < 3:
        note.append("points: the point data is truncated; ignored")
        return None
    kind, n = block[0], block[1] << 8 | block[2]
    if kind not in (KIND_CLASSIFICATION, KIND_REGRESSION):
        note.append(f"points: unknown kind {kind}; ignored")
        return None
    lb = _label_bits(kind)
    need = (n * (2 * X_BITS + lb) + 7) // 8
    body = block[3:]
    if len(body) < need:
        note.append(f"points: the data of {n} points is truncated; ignored")
        return None
    if len(body) > need:
        note.append(f"points: {len(body) - need} extra bytes after the points ignored")
    cols = _unpack_columns(body[:need], n, lb)
    if n > MAX_POINTS:
        note.append(
            f"points: {n} points is more than the maximum {MAX_POINTS}; kept the first {MAX_POINTS}"
        )
        cols = [c[:MAX_POINTS] for c in cols]
    return kind, cols


def _use_points(out, given, parsed, note):
    """Custom data: the decoded points (n, 3), fixing problem/classes to fit them, or None."""
    if parsed is None:
        return None
    kind, (q1, q2, ql) = parsed
    if kind == KIND_CLASSIFICATION:
        bad = ql >= MAX_CLASSES
        if bad.any():
            note.append(
                f"points: dropped {int(bad.sum())} points whose class is not 0..{MAX_CLASSES - 1}"
            )
            q1, q2, ql = q1[~bad], q2[~bad], ql[~bad]
        labels = ql.astype(np.float64)
    else:
        labels = _values(ql, Y_LO, Y_HI, Y_BITS)
    problem = "regression" if kind == KIND_REGRESSION else "classification"
    if len(ql) < MIN_POINTS or (kind == KIND_CLASSIFICATION and len(np.unique(ql)) < 2):
        note.append(
            f"points: {len(ql)} usable points"
            + (" of fewer than 2 classes" if kind == KIND_CLASSIFICATION else "")
            + " are not enough to train on"
        )
        return None
    if out["problem"] != problem:
        if "problem" in given:
            note.append(f"problem: the points are {problem} data; using {problem}")
        out["problem"] = problem
    if kind == KIND_CLASSIFICATION and int(ql.max()) >= out["classes"]:
        k = int(ql.max()) + 1
        note.append(f"classes: the points have {k} classes; using {k}")
        out["classes"] = k
    return np.column_stack(
        [_values(q1, X_LO, X_HI, X_BITS), _values(q2, X_LO, X_HI, X_BITS), labels]
    )


def _point_rules(out, given, parsed, has_points, note):
    """Custom data: the decoded points (fixing problem/classes to fit them), or the default
    data set when there are none usable. -> points (n, 3) or None."""
    points = None
    if out["dataset"] == "custom":
        points = _use_points(out, given, parsed, note)
        if points is None:
            d = st.DEFAULTS["dataset"]
            note.append(f"dataset: custom data needs usable points; using {d}")
            out["dataset"] = d
    elif has_points:
        note.append(f"points: ignored; the {out['dataset']} data set makes its own points")
    return points


def _field_rules(out, given, note):
    """The rules between settings that settings.validate checks, fixed to the nearest."""
    if out["dataset"] != "custom":
        forced = "regression" if out["dataset"] in st.REGRESSION_DATASETS else "classification"
        if out["problem"] != forced:
            if "problem" in given:
                note.append(f"problem: {out['dataset']} is a {forced} data set; using {forced}")
            out["problem"] = forced
    n, acts = len(out["layers"]), out["activation"]
    if len(acts) not in (1, n):
        if n and len(acts) > n:
            note.append(
                f"activation: {len(acts)} activations for {n} hidden layers; kept the first {n}"
            )
            out["activation"] = acts[:n]
        else:
            note.append(
                f"activation: {len(acts)} activations for {n} hidden layers; "
                f"using {acts[0]} for every layer"
            )
            out["activation"] = acts[:1]
    try:
        st.resolve_loss(out)
    except ValueError as exc:
        note.append(f"{exc}; using auto")
        out["loss"] = "auto"


def _decode(text, note):
    """-> (settings, points | None, (epoch, edits)); notices appended to `note`."""
    defaults = st.validate({}), None, (0, [])
    if not isinstance(text, str):
        note.append(f"the link is not text ({type(text).__name__}); {FALLBACK}")
        return defaults
    frag = _fragment(text)
    if not frag:
        return defaults  # no link: the plain page
    size = len(frag.encode("utf-16-le", "surrogatepass")) // 2  # as JavaScript counts
    if size > MAX_LINK_CHARS:
        note.append(
            f"the link is too long ({size} characters, at most {MAX_LINK_CHARS}); {FALLBACK}"
        )
        return defaults
    head, dot, body = frag.partition(".")
    if not dot or not re.fullmatch(r"v[0-9]{1,6}", head):
        note.append(f"this is not a BP Playground share link; {FALLBACK}")
        return defaults
    if head not in READS:
        note.append(
            f"the link has format {head}, this page reads {' and '.join(READS)}; {FALLBACK}"
        )
        return defaults
    payload = _inflate(body, head, note)
    if payload is None:
        return defaults
    head, sep, block = payload.partition(b"\x00")
    raw = _parse_settings(head, note)
    training = _training(raw, note)
    out, given = _sanitize({k: v for k, v in raw.items() if k not in TRAINING}, note)
    parsed = _parse_points(block, note) if sep and out["dataset"] == "custom" else None
    points = _point_rules(out, given, parsed, bool(sep), note)
    _field_rules(out, given, note)
    return st.validate(out), points, training


class Link(NamedTuple):
    """A decoded share link: the state to start from and the training to replay."""

    settings: dict  # complete and valid (settings.validate accepts it)
    points: object  # (n, 3) float64 for custom data, else None
    epoch: int  # epochs to train once the session starts (0: none)
    edits: list  # [[epoch, layer, i, j, value], ...] to apply on the way, in order
    notices: list  # plain-text strings, one per thing ignored or changed


def read_link(text):
    """A share link -> Link (settings, points, epoch, edits, notices). Never raises: bad input
    gives the nearest valid state; a training that cannot be replayed exactly is dropped
    (epoch 0, no edits) with a notice, never replayed in part."""
    note = _Notices()
    try:
        settings, points, (epoch, edits) = _decode(text, note)
    except Exception as exc:  # a bug, not the link's fault; still never break the page
        note.append(
            f"the link could not be read (internal error: {type(exc).__name__}); {FALLBACK}"
        )
        settings, points, epoch, edits = st.validate({}), None, 0, []
    return Link(settings, points, epoch, edits, note.done())


def decode_link(text):
    """A share link (full URL, "#v2...." fragment or bare "v2....", or v1) -> (settings, points,
    notices). settings: complete and valid (settings.validate accepts it); points: (n, 3)
    float64 for custom data, else None; notices: plain-text strings, one per thing ignored or
    changed (empty for a clean link). Never raises: bad input gives the nearest valid state.
    """
    r = read_link(text)
    return r.settings, r.points, r.notices


def sanitize_settings(raw):
    """Settings as JSON gives them (names -> canonical JSON values) -> (settings, notices):
    the nearest valid settings, as a link's are read (no points; a preset data set fixes
    `problem` silently, as settings.validate does). Never raises. Same as link.js's."""
    note = _Notices()
    out, given = _sanitize(raw if isinstance(raw, dict) else {}, note)
    given.discard("problem")
    _field_rules(out, given, note)
    return st.validate(out), note.done()
