"""CSV reading/writing of points (text in, text out: no files)."""

import numpy as np
import pytest

from bpcore.csvio import read_csv, read_csv_inferred, write_csv
from bpcore.datasets import generate
from bpcore.errors import CodedError


def test_write_format():
    pts = np.array([[1.0, -2.5, 0.0], [0.1, 3.0, 1.0]])
    assert write_csv(pts) == "x1,x2,label\n1,-2.5,0\n0.1,3,1\n"
    assert write_csv(np.zeros((0, 3))) == "x1,x2,label\n"


def test_read_tolerates_header_blank_lines_crlf_spaces_bom():
    text = "\ufeff X1 , X2 , Class \r\n\r\n 1.5 , -2 ,0\r\n\n  \n-0.25,3e0,1\r\n"
    pts = read_csv(text)
    assert pts.dtype == np.float64
    assert np.array_equal(pts, [[1.5, -2.0, 0.0], [-0.25, 3.0, 1.0]])
    assert np.array_equal(read_csv("1,2,0\n3,4,1"), [[1, 2, 0], [3, 4, 1]])  # no header
    assert np.array_equal(read_csv("1,2,0\r3,4,1\r"), [[1, 2, 0], [3, 4, 1]])  # old Mac ends


def test_read_regression_and_classes():
    pts = read_csv("x1,x2,y\n0,0,-1\n1,1,0.5\n", problem="regression")
    assert np.array_equal(pts[:, 2], [-1.0, 0.5])
    assert read_csv("0,0,0\n1,1,4\n").shape == (2, 3)
    assert read_csv("0,0,0\n1,1,2\n", classes=3).shape == (2, 3)


@pytest.mark.parametrize(
    "text, kwargs, message",
    [
        ("x1,x2,label\n1,2,0\n3,4\n", {}, "line 3: expected 3 comma-separated numbers, got 2"),
        ("1,2,0\n1,2,0,\n", {}, "line 2: expected 3 comma-separated numbers, got 4"),
        ("x1,x2,label\n\n1,abc,0\n", {}, "line 3: 'abc' is not a number"),
        ("1,abc,0\n2,2,1\n", {}, "line 1: 'abc' is not a number"),
        ("1,,0\n", {}, "line 1: empty value in column 2"),
        ("1,2,0\r\n\r\nnan,2,1\r\n", {}, "line 3: 'nan' is not a finite number"),
        ("1,2,0\n1,-inf,1\n", {}, "line 2: '-inf' is not a finite number"),
        ("1,2,0\n1,2,0.5\n", {}, r"line 2: label 0.5 is not an integer class 0..4"),
        ("1,2,0\n1,2,-1\n", {}, r"line 2: label -1 is not an integer class 0..4"),
        ("1,2,0\n1,2,2\n", dict(classes=2), r"line 2: label 2 is not an integer class 0..1"),
        (
            "1,2,0\n1,2,1.5\n",
            dict(problem="regression"),
            r"line 2: regression label 1.5 is outside \[-1, 1\]",
        ),
        ("x,y\n1,2,0\n", {}, "line 1: header must have 3 columns"),
        ("", {}, "no points"),
        ("x1,x2,label\n\n", {}, "no points"),
        ("1,2,1\n3,4,1\n", {}, "needs at least two classes; every label is 1"),
        ("1,2,0\n", dict(problem="other"), "problem must be one of"),
        ("1,2,0\n", dict(classes=7), "classes must be an integer in 2..5"),
    ],
)
def test_read_errors_name_the_line(text, kwargs, message):
    with pytest.raises(ValueError, match=message):
        read_csv(text, **kwargs)


def test_write_rejects_bad_points():
    with pytest.raises(ValueError, match=r"shape \(n, 3\)"):
        write_csv(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="finite"):
        write_csv(np.array([[np.nan, 0.0, 0.0]]))


@pytest.mark.parametrize(
    "name, problem",
    [("spiral", "classification"), ("blobs", "classification"), ("multigauss", "regression")],
)
def test_round_trip_generated_sets(name, problem):
    pts = generate(name, 300, 30, np.random.default_rng(2), classes=5)
    back = read_csv(write_csv(pts), problem=problem)
    assert back.tobytes() == pts.tobytes()


def test_property_round_trip_random_points_is_bit_exact():
    r = np.random.default_rng(99)
    specials = np.array([0.0, -0.0, 1e-300, -5e-324, 1.0 / 3.0, 6.0, -6.0, -5.999999999999999])
    for _ in range(150):
        n = int(r.integers(2, 25))
        xy = r.uniform(-6, 6, (n, 2)) * 10.0 ** r.integers(-8, 1)
        xy.flat[r.integers(0, 2 * n, 3)] = r.choice(specials, 3)
        if r.random() < 0.5:
            lab = r.integers(0, 5, n).astype(np.float64)
            lab[:2] = [0, 1]
            problem = "classification"
        else:
            lab = r.uniform(-1, 1, n)
            problem = "regression"
        pts = np.column_stack([xy, lab])
        back = read_csv(write_csv(pts), problem=problem)
        assert back.tobytes() == pts.tobytes()


def test_points_outside_the_view_window_name_the_line():
    with pytest.raises(ValueError, match=r"line 3: x2 = 7\.5 is outside the view window"):
        read_csv("x1,x2,label\n0,0,0\n1,7.5,1\n")


def test_points_on_the_link_grid_are_written_as_the_user_gave_them():
    """An imported -3 is carried as -2.9992673992673993 (the link's 12-bit grid); the export
    writes the shortest decimal on the same grid step, -3, and reading it back gives the same
    point after quantisation. Off-grid values are written exactly, as before."""
    from bpcore.link import quantize_points

    given = [[-3, 2.5, 0.3], [1.25, -5.9, -0.75]]
    pts = quantize_points(given, "regression")
    assert pts[0, 0] == -2.9992673992673993
    text = write_csv(pts)
    assert text.splitlines()[1:] == ["-3,2.5,0.3", "1.25,-5.9,-0.75"]
    again = quantize_points(read_csv(text, problem="regression"), "regression")
    assert np.array_equal(again, pts)
    assert write_csv([[0.12345678, -1.5, 1]]).splitlines()[1] == "0.12345678,-1.5,1"


@pytest.mark.parametrize(
    "text, code, params",
    [
        ("1,2\n", "csv_columns", {"line": 1, "count": 2}),
        ("1,,0\n", "csv_empty", {"line": 1, "column": 2}),
        ("x1,x2,label\n1,abc,0\n", "csv_not_number", {"line": 2, "value": "abc"}),
        ("1,inf,0\n", "csv_not_finite", {"line": 1, "value": "inf"}),
        ("9,0,0\n1,1,1\n", "csv_outside_view", {"line": 1, "column": "x1", "value": "9"}),
        ("a,b\n", "csv_header", {"line": 1, "count": 2}),
        ("", "csv_no_points", {}),
        ("0,0,1\n1,1,1\n", "csv_one_class", {"label": 1}),
        ("0,0,0.5\n1,1,7\n", "csv_label_neither", {"line": 2, "value": "7", "max": 4}),
    ],
)
def test_errors_carry_a_code_for_the_page(text, code, params):
    """The page says these in the user's language (web/domain/messages/); the text stays."""
    with pytest.raises(CodedError) as e:
        read_csv_inferred(text)
    assert e.value.code == code and params.items() <= e.value.params.items()
    assert str(e.value)  # the English text the CLI prints


def test_class_and_value_label_errors_carry_codes():
    with pytest.raises(CodedError) as e:
        read_csv("0,0,3\n", "classification", 2)
    assert e.value.code == "csv_class_label"
    assert e.value.params == {"line": 1, "value": "3", "max": 1}
    with pytest.raises(CodedError) as e:
        read_csv("0,0,2\n", "regression")
    assert e.value.code == "csv_value_label" and e.value.params == {"line": 1, "value": "2"}
