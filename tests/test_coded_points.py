"""Points the engine refuses carry a stable code and parameters (bpcore/errors.py), so the page
says them in the user's language (issue 12); the English text (CLI, logs) is unchanged."""

import pytest

from bpcore import Session
from bpcore.datasets import as_points, check_points
from bpcore.errors import CodedError


@pytest.mark.parametrize(
    "points, problem, code, params, text",
    [
        ([[0, 0, 0], [1, 1, 7]], "classification", "points_class_range",
         {"label": 7, "point": 2, "max": 4}, "label 7 of point 2 is out of range 0..4"),
        ([[0, 0, 0.5], [1, 1, 1]], "classification", "points_not_class",
         {"label": 0.5, "point": 1}, "not an integer class"),
        ([[0, 0, 1], [1, 1, 1]], "classification", "points_one_class",
         {"label": 1}, "every label is 1"),
        ([[0, 0, 2], [1, 1, 0]], "regression", "points_value_label",
         {"label": 2.0, "point": 1}, "outside [-1, 1]"),
        ([[0, 0]], "classification", "points_shape", {"shape": "(1, 2)"}, "shape (n, 3)"),
    ],
)  # fmt: skip
def test_refused_points_carry_a_code(points, problem, code, params, text):
    with pytest.raises(CodedError) as exc:
        check_points(points, problem)
    assert (exc.value.code, exc.value.params) == (code, params)
    assert text in str(exc.value)


def test_not_finite_and_empty_points_carry_a_code():
    with pytest.raises(CodedError) as exc:
        as_points([[0, 0, 0], [float("nan"), 0, 1]])
    assert (exc.value.code, exc.value.params) == ("points_not_finite", {"point": 2})
    with pytest.raises(CodedError) as exc:
        as_points([])
    assert exc.value.code in ("points_empty", "points_shape")


def test_a_session_passes_the_code_on_with_its_points_prefix():
    with pytest.raises(CodedError) as exc:
        Session({"dataset": "custom"}, points=[[0, 0, 0], [1, 1, 9]])
    assert exc.value.code == "points_class_range"
    assert str(exc.value).startswith("points: label 9 of point 2")
    with pytest.raises(CodedError) as exc:
        Session({"dataset": "custom"})
    assert exc.value.code == "points_needed"
