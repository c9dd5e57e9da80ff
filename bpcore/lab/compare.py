"""The checks' tools: calling student code safely, reading what it returns, comparing it.

A `Checker` collects the result of one check run. Student code can return anything (None, a
list, an int array, NaN, a huge array, an object whose __eq__ or __array__ raises); every such
case becomes a failed check with a sentence key, never an exception of the checker:

  checks:  [{"key": "lab.check.<what>", "params": {...}, "passed": bool,
             "rel_error": float | None}]

A passed check's key says what was checked; a failed one's says what is wrong and where
(`index`: the first element that differs, `expected` vs `got`). Params are JSON data: floats,
ints (indices), strings (names from the student's code), lists (shapes, indices).
"""

import math

import numpy as np

from .explain import explain

RTOL, ATOL = 1e-6, 1e-9  # against bpcore's own numbers
FD_RTOL, FD_ATOL = 1e-5, 1e-7  # against central finite differences (h = 1e-6, float64)
MAX_ELEMENTS = 1_000_000
# the inputs a value is checked on (a check's key: lab.check.<case> or <case>_differs): the
# article's numbers, random ones, extreme ones, an array of ints
CASES = ("article", "random", "extreme", "integers")


def rel_error(a, b, floor=1e-3):
    """||a - b|| / max(||a|| + ||b||, floor) in float64 (floor: see tests/gradcheck.py)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    with np.errstate(all="ignore"):
        d = float(np.linalg.norm(a - b)) / max(float(np.linalg.norm(a) + np.linalg.norm(b)), floor)
    return d if math.isfinite(d) else None


def central_diff(f, x, h=1e-6):
    """d f(x) / dx by central differences; f maps an array x to an array (or a float)."""
    x = np.array(x, dtype=np.float64)
    f0 = np.asarray(f(x.copy()), dtype=np.float64)
    grad = np.zeros(f0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += h
        down[idx] -= h
        grad[(...,) + idx] = (np.asarray(f(up)) - np.asarray(f(down))) / (2 * h)
    return grad


def vjp(f, x, weights, h=1e-6):
    """d sum(weights * f(x)) / dx by central differences: the gradient backprop computes."""
    w = np.asarray(weights, dtype=np.float64)
    return central_diff(lambda v: float(np.sum(w * np.asarray(f(v), dtype=np.float64))), x, h)


def _float(v):
    return float(v) if v is not None else None


class Checker:
    """One check run: its checks, the first error the student's code raised, a mistake."""

    def __init__(self, box):
        self.box = box  # runner.Sandbox: the namespace, the output
        self.checks = []
        self.error = None
        self.mistake = None
        self.curve = None

    @property
    def passed(self):
        return bool(self.checks) and all(c["passed"] for c in self.checks) and not self.error

    def add(self, key, passed, rel=None, **params):
        """One check; a failure said already in the same words is not repeated."""
        check = {"key": f"lab.check.{key}", "params": params, "passed": bool(passed),
                 "rel_error": _float(rel)}  # fmt: skip
        if passed or not any(c["key"] == check["key"] and c["params"] == params
                             for c in self.checks):  # fmt: skip
            self.checks.append(check)
        return bool(passed)

    def note(self, key, **params):
        """The first known mistake found (a tailored message); later ones are not shown."""
        if self.mistake is None:
            self.mistake = {"key": f"lab.mistake.{key}", "params": params}

    def func(self, name):
        """The student's function `name`, or None after a failed check saying it is missing."""
        f = self.box.ns.get(name)
        if callable(f):
            return f
        self.add("missing", False, name=name)
        return None

    def call(self, name, fn, *args):
        """(True, value) of fn(*copies of args), or (False, None) after a failed check: the
        student's exception (the first one also becomes the run's `error`)."""
        args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        try:
            with np.errstate(all="ignore"):  # the checks' extreme inputs: no overflow warnings
                return True, fn(*args)
        except KeyboardInterrupt:  # the lab worker's Stop ends the run
            raise
        except BaseException as exc:  # SystemExit, GeneratorExit, BaseException() too
            err = explain(exc, self.box.lines, fn)
            if self.error is None:
                self.error = err
            self.add("raised", False, name=name, error=err["key"], line=err["line"])
            return False, None
        finally:
            self.box.restore()

    def array(self, name, got, shape):
        """`got` as a float64 array of `shape` (a tuple; () for a number), else None after a
        failed check naming what is wrong: not numbers, a list, the shape, NaN or inf."""
        if shape == () and isinstance(got, (int, float)) and not isinstance(got, bool):
            arr = np.array(float(got))
        elif isinstance(got, (np.ndarray, np.generic)) and not isinstance(got, np.bool_):
            kind = got.dtype.kind
            if kind not in "fiu":
                return self._bad(name, "not_numbers", got)
            if got.size > MAX_ELEMENTS or got.shape != shape:
                return self._bad_shape(name, got, shape)
            arr = np.array(got, dtype=np.float64).view(np.ndarray)
        else:
            return self._bad(name, "not_array", got)
        if arr.shape != shape:
            return self._bad_shape(name, arr, shape)
        bad = np.argwhere(~np.isfinite(arr))
        if not arr.shape and not np.isfinite(arr):
            self.add("not_finite_number", False, name=name, got=str(arr))
            return None
        if len(bad):
            idx = [int(i) for i in bad[0]]
            self.add("not_finite", False, name=name, index=idx, got=str(arr[tuple(idx)]))
            return None
        return arr

    def _bad(self, name, key, got):
        kind = type(got).__name__
        if isinstance(got, (np.ndarray, np.generic)):
            kind = f"{kind} of {got.dtype}"
        self.add(key, False, name=name, type=kind)
        return None

    def _bad_shape(self, name, got, shape):
        self.add("shape", False, name=name, expected=list(shape), got=list(got.shape))
        return None

    def close(self, key, name, expected, got, rtol=RTOL, atol=ATOL, **params):
        """Compare got with expected (same shape, finite): `key` (one of CASES, "fd", ...)
        passed, or `<key>_differs` with the first element that differs (index, expected,
        got); for one number `<key>_number_differs` (expected, got)."""
        expected = np.asarray(expected, dtype=np.float64)
        with np.errstate(all="ignore"):
            ok = np.isclose(got, expected, rtol=rtol, atol=atol)
        rel = rel_error(got, expected)
        if ok.all():
            return self.add(key, True, rel, name=name, **params)
        if not ok.ndim:
            return self.add(f"{key}_number_differs", False, rel, name=name,
                            expected=float(expected), got=float(got), **params)  # fmt: skip
        idx = tuple(int(i) for i in np.argwhere(~ok)[0])
        return self.add(f"{key}_differs", False, rel, name=name, index=list(idx),
                        expected=float(expected[idx]), got=float(got[idx]), **params)  # fmt: skip
