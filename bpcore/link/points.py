"""A link's points: the quantisation grid, the packed points block, and the rules that make a
custom data set of the points a link holds (docs/ARCHITECTURE.md, "Share links")."""

import numpy as np

from .. import settings as st
from .limits import (
    CLASS_BITS,
    KIND_CLASSIFICATION,
    KIND_REGRESSION,
    MAX_CLASSES,
    MAX_POINTS,
    MIN_CLASSES,
    MIN_POINTS,
    X_BITS,
    X_HI,
    X_LO,
    Y_BITS,
    Y_HI,
    Y_LO,
)

# ---------------------------------------------------------------- quantisation


def codes(v, lo, hi, bits):
    """Float values -> integer codes 0..2**bits-1 (as float64): nearest grid step, clamped."""
    step = (hi - lo) / (2**bits - 1)
    return np.clip(np.floor((v - lo) / step + 0.5), 0, 2**bits - 1)


def values(q, lo, hi, bits):
    """Codes -> float64 values lo + q * step, clamped into [lo, hi] against rounding."""
    step = (hi - lo) / (2**bits - 1)
    return np.clip(lo + q * step, lo, hi)


def quantize_points(points, problem="classification"):
    """Points (n, 3) -> the float64 values a link carries: x1, x2 on a 12-bit grid over
    [-6, 6], regression values on an 8-bit grid over [-1, 1]; class labels pass through.

    Idempotent, and decode(encode(p)) == quantize_points(p) bit for bit. The page applies the
    same formulas (web/domain/link-points.js) to every drawn or imported point.
    """
    pts = np.array(points, dtype=np.float64).reshape(-1, 3)
    for c in (0, 1):
        pts[:, c] = values(codes(pts[:, c], X_LO, X_HI, X_BITS), X_LO, X_HI, X_BITS)
    if problem == "regression":
        pts[:, 2] = values(codes(pts[:, 2], Y_LO, Y_HI, Y_BITS), Y_LO, Y_HI, Y_BITS)
    return pts


def _label_bits(kind):
    return Y_BITS if kind == KIND_REGRESSION else CLASS_BITS


def pack_points(pts, kind):
    """Points (n, 3), already checked -> points block bytes: kind, n (2 bytes), then the bit
    stream of the x1 codes, the x2 codes and the label codes (most significant bit first)."""
    n = len(pts)
    lb = _label_bits(kind)
    labels = codes(pts[:, 2], Y_LO, Y_HI, Y_BITS) if kind == KIND_REGRESSION else pts[:, 2]
    cols = [
        (codes(pts[:, 0], X_LO, X_HI, X_BITS), X_BITS),
        (codes(pts[:, 1], X_LO, X_HI, X_BITS), X_BITS),
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


# ---------------------------------------------------------------- reading a points block


def parse_points(block, note):
    """Points block bytes -> (kind, int64 code columns x1, x2, label) or None."""
    if len(block) < 3:
        note.add("points_truncated")
        return None
    kind, n = block[0], block[1] << 8 | block[2]
    if kind not in (KIND_CLASSIFICATION, KIND_REGRESSION):
        note.add("points_kind", kind=kind)
        return None
    lb = _label_bits(kind)
    need = (n * (2 * X_BITS + lb) + 7) // 8
    body = block[3:]
    if len(body) < need:
        note.add("points_short", count=n)
        return None
    if len(body) > need:
        note.add("points_extra", count=len(body) - need)
    cols = _unpack_columns(body[:need], n, lb)
    if n > MAX_POINTS:
        note.add("points_too_many", count=n, max=MAX_POINTS)
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
            note.add("points_bad_class", count=int(bad.sum()), max=MAX_CLASSES - 1)
            q1, q2, ql = q1[~bad], q2[~bad], ql[~bad]
        labels = ql.astype(np.float64)
    else:
        labels = values(ql, Y_LO, Y_HI, Y_BITS)
    problem = "regression" if kind == KIND_REGRESSION else "classification"
    if kind == KIND_CLASSIFICATION:
        if len(ql) < MIN_POINTS or len(np.unique(ql)) < MIN_CLASSES:
            note.add("points_few_classes", count=len(ql), classes=MIN_CLASSES)
            return None
    elif len(ql) < MIN_POINTS:
        note.add("points_too_few", count=len(ql))
        return None
    if out["problem"] != problem:
        if "problem" in given:
            note.add("points_problem", problem=problem)
        out["problem"] = problem
    if kind == KIND_CLASSIFICATION and int(ql.max()) >= out["classes"]:
        k = int(ql.max()) + 1
        note.add("points_classes", count=k)
        out["classes"] = k
    return np.column_stack([values(q1, X_LO, X_HI, X_BITS), values(q2, X_LO, X_HI, X_BITS), labels])


def point_rules(out, given, parsed, has_points, note):
    """Custom data: the decoded points (fixing problem/classes to fit them), or the default
    data set when there are none usable. -> points (n, 3) or None."""
    points = None
    if out["dataset"] == "custom":
        points = _use_points(out, given, parsed, note)
        if points is None:
            d = st.DEFAULTS["dataset"]
            note.add("custom_needs_points", dataset=d)
            out["dataset"] = d
    elif has_points:
        note.add("points_ignored", dataset=out["dataset"])
    return points
