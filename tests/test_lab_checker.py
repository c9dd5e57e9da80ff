"""The lab's checker, exercise by exercise: each correct solution in tests/lab_solutions/
passes, and every wrong one (the article's slips and others) fails naming the difference."""

import json

import pytest
from lab_solutions import keys_of, load

from bpcore.lab import EXERCISES, check

SOLUTIONS = load()


def test_every_exercise_has_a_right_and_at_least_three_wrong_solutions():
    """The issue's "Done when": a correct solution, the article's slips and two other wrong
    ones per exercise (an article_slip.py wherever the article made one)."""
    slips = {"sigmoid", "loss", "delta_hidden", "gradients", "plug_activation", "plug_loss"}
    for ex in EXERCISES:
        mine = [s for s in SOLUTIONS if s.exercise == ex.id]
        assert sum(s.passes for s in mine) >= 1, ex.id
        assert sum(not s.passes for s in mine) >= 3, ex.id
        if ex.id in slips:
            assert any(s.name == "article_slip" and not s.passes for s in mine), ex.id


@pytest.mark.parametrize("sol", SOLUTIONS, ids=lambda s: f"{s.exercise}/{s.name}")
def test_solution_gets_the_expected_answer(sol):
    result = check(sol.exercise, sol.source)
    json.dumps(result, allow_nan=False)  # plain JSON: what the worker posts to the page
    failed = [c for c in result["checks"] if not c["passed"]]
    if sol.passes:
        assert result["passed"], (failed, result["error"], result["mistake"])
        assert result["error"] is None and result["mistake"] is None and result["checks"]
        return
    assert not result["passed"]
    missing = set(sol.keys) - keys_of(result)
    assert not missing, (missing, failed, result["error"], result["mistake"])
    # a failed comparison says where: the element, the expected and the returned number
    for c in failed:
        if c["key"].endswith("_number_differs"):  # one number: no element to name
            assert {"expected", "got"} <= set(c["params"])
        elif c["key"].endswith("_differs"):
            assert {"index", "expected", "got"} <= set(c["params"])
            assert c["rel_error"] is None or c["rel_error"] > 0


def test_relative_errors_are_reported_for_passing_comparisons():
    sol = next(s for s in SOLUTIONS if s.exercise == "sigmoid" and s.passes)
    result = check("sigmoid", sol.source)
    compared = [c for c in result["checks"] if c["rel_error"] is not None]
    assert compared and all(0 <= c["rel_error"] < 1e-6 for c in compared)
    assert {c["key"] for c in result["checks"]} >= {"lab.check.article", "lab.check.fd"}


def test_the_article_slip_is_shown_with_its_numbers():
    sol = next(s for s in SOLUTIONS if s.exercise == "sigmoid" and s.name == "article_slip")
    m = check("sigmoid", sol.source)["mistake"]
    # at the article's z1 = (1.6, 2): (1 - z) z = -2 where sigma'(2) = 0.10499...
    assert m["key"] == "lab.mistake.prime_of_z"
    assert m["params"]["z"] == 2.0 and m["params"]["got"] == -2.0
    assert abs(m["params"]["expected"] - 0.10499358540350653) < 1e-12
