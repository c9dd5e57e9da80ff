"""An exception in the student's code as an Error the page says in the student's language.

Error = {"key": "lab.error.<kind>", "params": {...}, "line": int | None,
         "code_line": str | None, "traceback": str}

`line` is the student's own line (1-based) where it went wrong: the innermost frame compiled
from their source (runner.FILENAME); the harness's frames and NumPy's are left out of the
traceback. The common NumPy mistakes are recognised from the exception's type and message and,
for `@`, from the shapes of the operands on that line (read from the failing frame).
"""

import ast
import re
import traceback

import numpy as np

FILENAME = "<lab>"  # runner.FILENAME (kept here too: runner imports this module)

_SHAPES = re.compile(r"\(([\d, ]*)\)")
_LIST_OP = re.compile(r"'list' and|and 'list'|sequence by non-int|concatenate list|'list' object")


def _shape_list(text):
    return [int(s) for s in text.replace(" ", "").split(",") if s]


def _student_frames(exc):
    """[(frame, lineno)] of the traceback that run the student's code, outermost first."""
    out = []
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            out.append((tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    return out


def _code_line(lines, line):
    if line is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1]


def _value(node, frame):
    """The value of a name, `name.T` or a constant on the failing line; None if not simple."""
    if isinstance(node, ast.Name):
        if node.id in frame.f_locals:
            return frame.f_locals[node.id]
        return frame.f_globals.get(node.id)
    if isinstance(node, ast.Attribute) and node.attr == "T" and isinstance(node.value, ast.Name):
        v = _value(node.value, frame)
        return v.T if isinstance(v, np.ndarray) else None
    return None


def _fits(a, b):
    """Whether a @ b works for arrays of 1 or 2 dimensions."""
    if a.ndim == 0 or b.ndim == 0:
        return False
    return a.shape[-1] == (b.shape[0] if b.ndim == 1 else b.shape[-2])


def _matmul_operands(frame, code_line):
    """(left, right) arrays of the first `@` on the line that does not fit, or None."""
    if frame is None or not code_line:
        return None
    try:
        tree = ast.parse(code_line.strip())
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            a, b = _value(node.left, frame), _value(node.right, frame)
            if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and not _fits(a, b):
                return a, b
    return None


def _classify(exc, frame, code_line):
    """(kind, params) for the exception."""
    name, text = type(exc).__name__, str(exc)
    if isinstance(exc, ValueError) and text.startswith("matmul:"):
        pair = _matmul_operands(frame, code_line)
        if pair is None:
            return "matmul", {}
        a, b = pair
        params = {"left": list(a.shape), "right": list(b.shape)}
        if a.ndim == 2 and _fits(a.T, b):
            return "transpose_left", params
        if b.ndim == 2 and _fits(a, b.T):
            return "transpose_right", params
        return "matmul_shape", params
    m = re.match(r"shapes (\([\d, ]*\)) and (\([\d, ]*\)) not aligned", text)
    if isinstance(exc, ValueError) and m:
        left, right = (_shape_list(s[1:-1]) for s in m.groups())
        return "matmul_shape", {"left": left, "right": right}
    if isinstance(exc, ValueError) and "could not be broadcast" in text:
        shapes = [_shape_list(s) for s in _SHAPES.findall(text.split("shapes", 1)[-1])]
        return "broadcast", {"shapes": shapes}
    if name == "UFuncTypeError" and "Cannot cast" in text and "int" in text:
        return "int_array", {}
    if isinstance(exc, TypeError) and re.search(r"(takes|missing|got) .*argument", text):
        return "arguments", {"message": text}
    if isinstance(exc, TypeError) and re.search(r"only (length-1|0-dimensional) arrays", text):
        return "array_to_scalar", {}
    if isinstance(exc, (TypeError, AttributeError)) and _LIST_OP.search(text):
        return "list_vector", {"message": text}
    if isinstance(exc, ZeroDivisionError):
        return "zero_division", {}
    if isinstance(exc, RecursionError):
        return "recursion", {}
    if isinstance(exc, MemoryError):
        return "memory", {}
    if isinstance(exc, SystemExit):
        return "exit", {}
    if isinstance(exc, NameError):
        return "name", {"name": getattr(exc, "name", None) or text}
    if isinstance(exc, IndexError):
        return "index", {"message": text}
    if isinstance(exc, AttributeError):
        return "attribute", {"message": text}
    return "exception", {"type": name, "message": text}


def _def_line(fn):
    code = getattr(fn, "__code__", None) or getattr(getattr(fn, "__init__", None), "__code__", None)
    if code is not None and getattr(code, "co_filename", None) == FILENAME:
        return code.co_firstlineno
    return None


def _traceback_text(exc, frames, lines):
    parts = ["Traceback (most recent call last):"]
    for frame, lineno in frames:
        where = frame.f_code.co_name
        parts.append(f"  line {lineno}, in {'<module>' if where == '<module>' else where}")
        code = _code_line(lines, lineno)
        if code is not None and code.strip():
            parts.append(f"    {code.strip()}")
    parts.extend(s.rstrip("\n") for s in traceback.format_exception_only(type(exc), exc))
    return "\n".join(parts)


def explain(exc, lines, fn=None):
    """The Error for an exception raised while the student's code ran (lines: their source).
    fn: the student's function the checker called; when the call itself failed (it takes
    other arguments), no frame of theirs ran and the line is that of its `def`."""
    try:
        frames = _student_frames(exc)
        frame, line = frames[-1] if frames else (None, _def_line(fn))
        code_line = _code_line(lines, line)
        kind, params = _classify(exc, frame, code_line)
        text = _traceback_text(exc, frames, lines)
    except Exception as inner:  # an exception whose str() raises, say: still an Error
        kind, params = "exception", {"type": "?", "message": repr(inner)}
        line = code_line = None
        text = "Traceback unavailable"
    finally:
        frames = frame = None  # no reference cycles through the student's frames
    return {"key": f"lab.error.{kind}", "params": params, "line": line,
            "code_line": code_line, "traceback": text}  # fmt: skip


def explain_syntax(exc, lines):
    """The Error for source that does not compile (SyntaxError, or ValueError for a NUL)."""
    if isinstance(exc, SyntaxError):
        kind = "indentation" if isinstance(exc, IndentationError) else "syntax"
        line = exc.lineno if exc.lineno and 1 <= exc.lineno <= max(len(lines), 1) else None
        message = exc.msg or ""
    else:
        kind, line, message = "syntax", None, str(exc)
    text = "\n".join(s.rstrip("\n") for s in traceback.format_exception_only(type(exc), exc))
    return {"key": f"lab.error.{kind}", "params": {"message": message}, "line": line,
            "code_line": _code_line(lines, line), "traceback": text}  # fmt: skip
