"""Errors a student can read: the line is theirs (not the harness's), it is shown, and the
common NumPy mistakes are named with the shapes involved."""

import pytest

from bpcore.lab import check, run


def error_of(source):
    err = run(source)["error"]
    assert err is not None
    return err


def test_the_line_and_the_traceback_are_the_students():
    src = "import numpy as np\n\ndef f(W, x):\n    return W @ x\n\nf(np.ones((2, 3)), np.ones(2))\n"
    err = error_of(src)
    assert err["line"] == 4 and err["code_line"] == "    return W @ x"
    tb = err["traceback"]
    assert "line 6, in <module>" in tb and "line 4, in f" in tb and "return W @ x" in tb
    assert "bpcore" not in tb and "runner.py" not in tb and "exec(" not in tb
    assert tb.splitlines()[-1].startswith("ValueError: matmul")


@pytest.mark.parametrize(
    "source, key, params",
    [
        # a missing transpose: W (1, 2) @ d (1,) works as W.T @ d
        ("W = np.ones((1, 2))\nd = np.ones(1)\ny = W @ d\n", "transpose_left",
         {"left": [1, 2], "right": [1]}),
        ("a = np.ones((5, 3))\nW = np.ones((4, 3))\nz = a @ W\n", "transpose_right",
         {"left": [5, 3], "right": [4, 3]}),
        ("a = np.ones((5, 3))\nb = np.ones((4, 2))\nz = a @ b\n", "matmul_shape",
         {"left": [5, 3], "right": [4, 2]}),
        ("z = np.dot(np.ones((2, 3)), np.ones((2, 3)))\n", "matmul_shape",
         {"left": [2, 3], "right": [2, 3]}),
        ("z = np.ones((2, 3)) + np.ones(2)\n", "broadcast", {"shapes": [[2, 3], [2]]}),
        ("x = np.array([1, 2])\nx -= 0.5 * x\n", "int_array", {}),
        ("x = [1.0, 2.0]\ny = x * 0.5\n", "list_vector", None),
        ("x = [1.0, 2.0]\ny = x - x\n", "list_vector", None),
        ("x = [1.0, 2.0]\ny = x.T\n", "list_vector", None),
        ("import math\nmath.exp(np.ones(3))\n", "array_to_scalar", {}),
        ("y = 1 / 0\n", "zero_division", {}),
        ("y = undefined_name + 1\n", "name", {"name": "undefined_name"}),
        ("y = np.ones(3)[5]\n", "index", None),
        ("y = np.sigmoid(1)\n", "attribute", None),
        ("raise RuntimeError('boom')\n", "exception", {"type": "RuntimeError", "message": "boom"}),
    ],
)  # fmt: skip
def test_numpy_mistakes_are_named(source, key, params):
    err = error_of(source)
    assert err["key"] == f"lab.error.{key}"
    if params is not None:
        assert err["params"] == params
    assert err["line"] == source.count("\n")
    assert err["code_line"] == source.splitlines()[-1]


def test_syntax_errors_point_at_the_line():
    err = error_of("x = 1\ndef f(:\n    pass\n")
    assert (err["key"], err["line"], err["code_line"]) == ("lab.error.syntax", 2, "def f(:")
    err = error_of("def f():\nreturn 1\n")
    assert err["key"] == "lab.error.indentation" and err["line"] == 2


def test_an_error_inside_a_checked_function_points_at_its_line():
    src = "def delta_hidden(W2, delta2, z1, a1):\n    back = W2 @ delta2\n    return back * a1\n"
    r = check("delta_hidden", src)
    assert r["error"]["key"] == "lab.error.transpose_left" and r["error"]["line"] == 2
    assert r["error"]["params"] == {"left": [1, 2], "right": [1]}
    raised = [c for c in r["checks"] if c["key"] == "lab.check.raised"]
    assert raised and raised[0]["params"]["line"] == 2


def test_output_comes_back_with_the_error():
    r = run("print('before')\nprint(np.arange(3))\nx = [1.0] * 0.5\n")
    assert r["output"] == "before\n[0 1 2]\n" and r["error"]["line"] == 3


# WebAssembly has no floating-point exception flags: NumPy in Pyodide cannot see a division by
# zero, so it never warns there (the lab's output then simply has no warning line)
@pytest.mark.native_only
def test_warnings_name_the_students_line():
    r = run("x = np.array([1.0, 0.0])\ny = np.log(x)\n")
    assert r["error"] is None and "line 2: RuntimeWarning: divide by zero" in r["output"]


def test_a_function_called_with_other_arguments_points_at_its_def():
    src = "import numpy as np\n\n\ndef delta_hidden(W2, delta2, a1):\n    return a1\n"
    err = check("delta_hidden", src)["error"]
    assert err["key"] == "lab.error.arguments" and err["line"] == 4
    assert err["code_line"] == "def delta_hidden(W2, delta2, a1):"
