"""Points (n, 3) <-> CSV text with columns x1,x2,label.

Reading accepts an optional header line, blank lines, `\\r\\n` or `\\r` line ends, a leading
byte-order mark and spaces around values. Every error names the line, counted from 1 as an
editor shows the file. Writing uses the shortest repr that reads back to the same float64.
"""

import csv
import io
import math

import numpy as np

from .datasets import (
    HI,
    LO,
    MAX_CLASSES,
    MAX_POINTS,
    PROBLEMS,
    as_points,
    check_classes,
    check_points,
)
from .errors import CodedError
from .link import X_BITS, X_HI, X_LO, Y_BITS, Y_HI, Y_LO

HEADER = "x1,x2,label"
LABEL_GRID = (Y_LO, Y_HI, Y_BITS)  # regression values; class labels are whole numbers
MAX_CHARS = 2_000_000  # 5,000 points take ~150 KB; a far larger file is refused unread


def decode_text(data):
    """A file's bytes -> text as the page reads it (the Encoding standard's decode): a UTF-8,
    UTF-16LE or UTF-16BE byte-order mark says the encoding, else UTF-8 (UnicodeDecodeError when
    not). Spreadsheets save "Unicode text" as UTF-16 with a mark."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec)
    return data.decode("utf-8")


def _is_number(s):
    try:
        float(s)
    except ValueError:
        return False
    return True


def _parse_row(fields, lineno):
    """Three stripped strings -> three finite floats, or a ValueError naming the line."""
    if len(fields) != 3:
        raise CodedError(
            "csv_columns",
            f"line {lineno}: expected 3 comma-separated numbers, got {len(fields)}",
            line=lineno,
            count=len(fields),
        )
    row = []
    for col, s in enumerate(fields, start=1):
        if not s:
            raise CodedError(
                "csv_empty", f"line {lineno}: empty value in column {col}", line=lineno, column=col
            )
        try:
            v = float(s)
        except ValueError:
            raise CodedError(
                "csv_not_number", f"line {lineno}: {s!r} is not a number", line=lineno, value=s
            ) from None
        if not math.isfinite(v):
            raise CodedError(
                "csv_not_finite",
                f"line {lineno}: {s!r} is not a finite number",
                line=lineno,
                value=s,
            )
        row.append(v)
    return row


def _check_row(row, fields, lineno, problem, k):
    for col in (0, 1):
        if not LO <= row[col] <= HI:
            raise CodedError(
                "csv_outside_view",
                f"line {lineno}: x{col + 1} = {fields[col]} is outside the view "
                f"window [{LO:g}, {HI:g}]",
                line=lineno,
                column=f"x{col + 1}",
                value=fields[col],
                lo=LO,
                hi=HI,
            )
    v, s = row[2], fields[2]
    if problem == "regression":
        if not -1.0 <= v <= 1.0:
            raise CodedError(
                "csv_value_label",
                f"line {lineno}: regression label {s} is outside [-1, 1]",
                line=lineno,
                value=s,
            )
    elif v != round(v) or not 0 <= v < k:
        raise CodedError(
            "csv_class_label",
            f"line {lineno}: label {s} is not an integer class 0..{k - 1}",
            line=lineno,
            value=s,
            max=k - 1,
        )


def _rows(text):
    """CSV text -> [(line number, fields, [x1, x2, label])], the header skipped. The csv module
    reads the fields, so quoted values ("1.0","2.0","1", as spreadsheets export) work."""
    if not isinstance(text, str):
        raise ValueError(f"CSV text must be a string, got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise CodedError(
            "csv_too_big",
            f"the file is {len(text) / 1e6:.1f} MB; a file of at most "
            f"{MAX_POINTS:,} points is far smaller (at most "
            f"{MAX_CHARS / 1e6:.0f} MB)",
            mb=round(len(text) / 1e6, 1),
            max_points=MAX_POINTS,
            max_mb=round(MAX_CHARS / 1e6),
        )
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    out = []
    first = True
    try:
        for raw in reader:
            lineno = reader.line_num
            fields = [f.strip() for f in raw]
            if not any(fields):
                continue
            if first and not any(_is_number(f) for f in fields):
                if len(fields) != 3:
                    raise CodedError(
                        "csv_header",
                        f"line {lineno}: header must have 3 columns ({HEADER}), got {len(fields)}",
                        line=lineno,
                        count=len(fields),
                    )
                first = False
                continue
            first = False
            if len(out) == MAX_POINTS:
                raise CodedError(
                    "csv_too_many",
                    f"line {lineno}: more than {MAX_POINTS:,} points; the page, "
                    f"its storage and share links hold at most {MAX_POINTS:,}",
                    line=lineno,
                    max=MAX_POINTS,
                )
            out.append((lineno, fields, _parse_row(fields, lineno)))
    except csv.Error as e:
        raise CodedError(
            "csv_syntax", f"line {reader.line_num}: {e}", line=reader.line_num, detail=str(e)
        ) from None
    return out


def read_csv(text, problem="classification", classes=None):
    """Parse CSV text into points (n, 3) float64, validated with check_points.

    The first non-blank line is a header when none of its fields is a number.
    Classification labels must be integers 0..classes-1 (0..MAX_CLASSES-1 if classes is None).
    """
    if problem not in PROBLEMS:
        raise ValueError(f"problem must be one of {', '.join(PROBLEMS)}, got {problem!r}")
    k = MAX_CLASSES if classes is None else check_classes(classes)
    rows = []
    for lineno, fields, row in _rows(text):
        _check_row(row, fields, lineno, problem, k)
        rows.append(row)
    return check_points(np.array(rows, dtype=np.float64).reshape(-1, 3), problem, classes)


def read_csv_inferred(text):
    """Parse CSV text, inferring the problem from its labels -> (points, problem, classes,
    note). Whole numbers 0..4 are classes (classes = largest + 1); otherwise the labels are
    regression values and must lie in [-1, 1]. `note` says in plain words what was inferred
    and why; a label that fits neither, or a single class, is a ValueError naming the line."""
    rows = _rows(text)
    if not rows:
        raise CodedError("csv_no_points", "the file holds no points")
    as_class = [r for r in rows if _is_class(r[2][2])]
    if len(as_class) == len(rows):
        labels = {int(r[2][2]) for r in rows}
        if len(labels) < 2:
            label = labels.pop()
            raise CodedError(
                "csv_one_class",
                f"every label is {label}: one class, and classification "
                "needs at least 2 (regression values need other labels too)",
                label=label,
            )
        k = max(labels) + 1
        note = (
            f"{len(rows)} points with whole-number labels {_span(labels)}: "
            f"classification with {max(k, 2)} classes"
        )
        return read_csv(text, "classification", max(k, 2)), "classification", max(k, 2), note
    lineno, fields, row = next(r for r in rows if not _is_class(r[2][2]))
    for n, f, r in rows:
        if not -1.0 <= r[2] <= 1.0:
            raise CodedError(
                "csv_label_neither",
                f"line {n}: label {f[2]} is neither a class (a whole number "
                f"0..{MAX_CLASSES - 1}) nor a regression value in [-1, 1]",
                line=n,
                value=f[2],
                max=MAX_CLASSES - 1,
            )
    note = (
        f"{len(rows)} points; labels are values (line {lineno}: {fields[2]} is not a "
        f"class 0..{MAX_CLASSES - 1}): regression"
    )
    return read_csv(text, "regression"), "regression", None, note


def _is_class(v):
    return v == round(v) and 0 <= v < MAX_CLASSES


def _span(labels):
    lo, hi = min(labels), max(labels)
    return f"{lo}..{hi}" if len(labels) == hi - lo + 1 else ", ".join(map(str, sorted(labels)))


def _on_grid(v, lo, hi, bits):
    """A value a link carries (lo + code * step, link.quantize_points) as the shortest decimal
    that lands on the same code: an imported -3 is kept as -2.9992673992673993 and written back
    as -3, not as the float. None for a value off the grid (it is written exactly)."""
    step = (hi - lo) / (2**bits - 1)
    code = math.floor((v - lo) / step + 0.5)
    if not 0 <= code <= 2**bits - 1 or min(max(lo + code * step, lo), hi) != v:
        return None
    for digits in range(16):
        s = f"{v:.{digits}f}"
        if math.floor((float(s) - lo) / step + 0.5) == code:
            return "0" if float(s) == 0 else s
    return None


def _fmt(v, grid=None):
    # repr round-trips float64 exactly; "2.0" -> "2" keeps class labels readable.
    v = float(v)
    short = _on_grid(v, *grid) if grid and v != int(v) else None
    if short is not None:
        return short
    s = repr(v)
    return s[:-2] if s.endswith(".0") else s


def write_csv(points):
    """Points (n, 3) -> CSV text: header `x1,x2,label`, one line per point, '\\n' line ends."""
    pts = as_points(points, allow_empty=True)
    lines = [HEADER]
    x = (X_LO, X_HI, X_BITS)
    lines.extend(f"{_fmt(a, x)},{_fmt(b, x)},{_fmt(c, LABEL_GRID)}" for a, b, c in pts.tolist())
    return "\n".join(lines) + "\n"
