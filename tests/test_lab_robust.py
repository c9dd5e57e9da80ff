"""Student code cannot break the checker: whatever it returns, raises or prints, the answer is
a failed check with a sentence key (plain JSON), never an exception of the checker."""

import json

import numpy as np
import pytest

from bpcore.lab import EXERCISES, check, run

SIGMOID = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
ODD_RESULTS = {
    "none": "None",
    "list": "[0.5] * len(z)",
    "string": "'0.5'",
    "int array": "np.zeros(z.shape, dtype=int)",
    "bool array": "z > 0",
    "object array": "np.array([object()] * z.size).reshape(z.shape)",
    "complex": "z + 0j",
    "nan": "z * np.nan",
    "huge": "np.zeros(10**7)",
    "wrong shape": "z.ravel()[:1]",
    "generator": "(v for v in z)",
    "raising eq": "Odd()",
    "raising array": "Odd2()",
    "ndarray subclass": "np.ma.masked_array(1 / (1 + np.exp(-z)))",
    "matrix": "np.asmatrix(np.atleast_2d(z))",
    "float32": "(1 / (1 + np.exp(-z))).astype(np.float32)",
}
ODD_CLASSES = """
class Odd:
    def __eq__(self, other):
        raise RuntimeError("no")
    def __float__(self):
        raise RuntimeError("no")
    __hash__ = None

class Odd2:
    def __array__(self, *a, **k):
        raise RuntimeError("no")
    def __len__(self):
        raise RuntimeError("no")
"""


def result_is_plain(result):
    json.dumps(result, allow_nan=False)
    for c in result["checks"]:
        assert c["key"].startswith("lab.check.") and isinstance(c["passed"], bool)


@pytest.mark.parametrize("what", ODD_RESULTS)
def test_an_odd_result_is_a_failed_check(what):
    source = ODD_CLASSES + SIGMOID + f"def sigmoid_prime(z):\n    return {ODD_RESULTS[what]}\n"
    result = check("sigmoid", source)
    result_is_plain(result)
    if what == "float32":  # float32 is still numbers: a close enough sigmoid' passes or not
        return
    assert not result["passed"]
    assert any(not c["passed"] and c["params"].get("name") == "sigmoid_prime"
               for c in result["checks"])  # fmt: skip


@pytest.mark.parametrize("ex", [e.id for e in EXERCISES])
@pytest.mark.parametrize("body", ["return None", "raise ValueError('x')", "return 1.0"])
def test_every_exercise_survives_functions_that_return_nonsense(ex, body):
    names = next(e.names for e in EXERCISES if e.id == ex)
    source = "".join(
        f"class {n}:\n    def __init__(self, *a):\n        pass\n"
        if n[0].isupper()
        else f"def {n}(*args):\n    {body}\n"
        for n in names
    )
    result = check(ex, source)
    result_is_plain(result)
    assert not result["passed"]


def test_objects_that_break_on_every_touch_are_a_failed_check():
    """A tuple whose len() raises, a class whose attributes raise BaseException."""
    bad = (
        "class T(tuple):\n    def __len__(self):\n        raise GeneratorExit\n"
        "def gradients(x, a1, d1, d2):\n    return T((1, 2, 3, 4))\n"
        "def sgd_update(p, dp, lr):\n    return p - lr * dp\n"
    )
    r = check("gradients", bad)
    result_is_plain(r)
    assert not r["passed"] and "lab.check.unreadable" in {c["key"] for c in r["checks"]}
    weird = (
        "class Dense:\n    def __init__(self, *a):\n        pass\n"
        "    def __getattr__(self, name):\n        raise RuntimeError(name)\n"
    )
    r = check("classes", weird)
    result_is_plain(r)
    assert not r["passed"]


def test_missing_functions_are_named():
    result = check("gradients", "x = 1\n")
    assert {(c["key"], c["params"]["name"]) for c in result["checks"]} == {
        ("lab.check.missing", "gradients"),
        ("lab.check.missing", "sgd_update"),
    }


def test_megabytes_of_output_are_clipped():
    r = run("for i in range(200000):\n    print('x' * 50)\n", max_output=1000)
    assert r["clipped"] and len(r["output"]) == 1000 and r["error"] is None
    r = check("sigmoid", SIGMOID + "def sigmoid_prime(z):\n    print('y' * 10**6)\n    return z\n")
    assert r["clipped"] and len(r["output"]) <= 20_000


def test_student_code_cannot_change_numpy_for_the_checker():
    poison = "np.exp = lambda z: z * 0\nnp.allclose = lambda *a, **k: True\nnp.isclose = None\n"
    wrong = poison + SIGMOID + "def sigmoid_prime(z):\n    return (1 - z) * z\n"
    assert not check("sigmoid", wrong)["passed"]
    assert np.exp(0.0) == 1.0 and not np.allclose(1.0, 2.0)
    right = SIGMOID + "def sigmoid_prime(z):\n    s = sigmoid(z)\n    return s * (1 - s)\n"
    assert check("sigmoid", right)["passed"]
    builtins = "import builtins\nbuiltins.len = None\nbuiltins.isinstance = lambda *a: True\n"
    assert not check("sigmoid", builtins + wrong)["passed"]
    assert len([1]) == 1 and not isinstance(1, str)


def test_numpys_lazy_submodules_survive_the_restore():
    """np.ma is imported on first use; taking it away again made NumPy recurse without end."""
    for _ in range(2):
        assert run("m = np.ma.masked_array([1.0, 2.0])\nprint(m.sum())\n")["output"] == "3.0\n"
    assert np.ma.masked_array([1.0]).sum() == 1.0


def test_exit_and_odd_exceptions_are_errors():
    r = run("import sys\nsys.exit(3)\n")
    assert r["error"]["key"] == "lab.error.exit" and r["error"]["line"] == 2
    r = run("class E(Exception):\n    def __str__(self):\n        raise RuntimeError\nraise E()\n")
    assert r["error"]["key"].startswith("lab.error.")
    r = run("def f():\n    return f()\nf()\n")
    assert r["error"]["key"] == "lab.error.recursion" and r["error"]["line"] == 2


def test_any_other_base_exception_is_an_error():
    for exc in ("BaseException('x')", "GeneratorExit()"):
        assert run(f"raise {exc}\n")["error"]["key"] == "lab.error.exception"
        src = SIGMOID + f"def sigmoid_prime(z):\n    raise {exc}\n"
        r = check("sigmoid", src)
        assert not r["passed"] and r["error"]["line"] == 4


def test_a_stop_is_not_swallowed():
    """KeyboardInterrupt (the lab worker's Stop through the interrupt buffer) ends the run."""
    with pytest.raises(KeyboardInterrupt):
        run("raise KeyboardInterrupt\n")


def test_inputs_are_copies():
    """A function that changes its argument in place does not change the checker's numbers."""
    src = SIGMOID + "def sigmoid_prime(z):\n    z *= 0\n    return z + 0.25\n"
    r = check("sigmoid", src)
    assert r["checks"][0]["passed"]  # sigmoid still checked on the article's z
    r2 = check("sigmoid", src)
    assert r2 == r


def test_not_text_is_an_empty_source():
    r = run(None)
    assert r == {"output": "", "clipped": False, "error": None}
    assert not check("sigmoid", None)["passed"]
    assert run("x = 1\0")["error"]["key"] == "lab.error.syntax"
