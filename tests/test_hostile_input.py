"""Input from outside (weights files, snapshots, CSV files) that tries to break the engine gets
one plain error naming what is wrong: no RecursionError, no traceback, no silent default."""

import json

import pytest

from bpcore import Session
from bpcore.cli import main
from bpcore.export import load_weights_json, weights_json
from bpcore.jsonsafe import MAX_DEPTH, loads, nesting


def deep(n):
    return "[" * n + "]" * n


def test_nesting_ignores_brackets_inside_strings():
    assert nesting('{"a": [1, {"b": "[[[[{{"}], "c": "\\"]"}') == 3
    assert nesting(deep(5000)) == 5000
    assert nesting("12") == 0


def test_deep_json_is_refused_before_parsing():
    with pytest.raises(ValueError, match="^weights: nested 5000 levels deep"):
        loads(deep(5000), "weights")
    assert loads(deep(MAX_DEPTH), "x") is not None
    with pytest.raises(ValueError, match="^x: not valid JSON"):
        loads("{", "x")


def test_a_deeply_nested_weights_file_is_refused_plainly():
    """10 KB nested 5,000 deep: natively a RecursionError escaped; in Pyodide the wasm stack
    overflowed and the engine died for good."""
    text = '{"format": "bp-playground-weights", "version": 1, "weights": ' + deep(5000) + "}"
    s = Session()
    before = s.net.flat.copy()
    with pytest.raises(ValueError, match="^weights: nested"):
        load_weights_json(s, text)
    assert (s.net.flat == before).all()
    load_weights_json(s, weights_json(s))  # and the session still works


def snapshot_file(tmp_path, change):
    s = Session({"optimizer": "adam", "n_points": 40})
    s.step(2)
    d = json.loads(json.dumps(s.snapshot()))
    change(d)
    f = tmp_path / "snap.json"
    f.write_text(json.dumps(d) if not isinstance(d, str) else d)
    return f


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(weights=None), "snapshot: weights must be a JSON array, got null"),
        (lambda d: d.update(diverged="no"), "snapshot: diverged must be a JSON true or false"),
        (lambda d: d.update(optimizer=[1, 2]), "snapshot: optimizer must be a JSON object"),
        (lambda d: d.update(settings=[]), "snapshot: settings must be a JSON object"),
        (lambda d: d["optimizer"].update(t=-1), "snapshot: optimizer.t must be a whole number"),
        (lambda d: d.update(epoch=-3), "snapshot: epoch must be >= 0"),
        (lambda d: d.update(epoch=True), "snapshot: epoch must be a JSON whole number"),
        (lambda d: d["rng"].update(model=None), "snapshot: rng.model must be an object"),
        (lambda d: d.update(points=[[1, 2]] * 40), "points: must have shape (n, 3)"),
        (lambda d: d["optimizer"].update(buffers=[]), "snapshot: optimizer.buffers must be"),
        (lambda d: d["weights"].__setitem__(0, deep(30)), "weights:"),
        (lambda d: d.update(extra=json.loads(deep(MAX_DEPTH + 10))), "source: "),
    ],
)
def test_replay_of_a_tampered_snapshot_is_one_line_exit_2(tmp_path, capsys, change, message):
    f = snapshot_file(tmp_path, change)
    code = main(["replay", str(f), "--epochs", "1"])
    out, err = capsys.readouterr()
    assert code == 2, out
    assert err.startswith("error: ") and message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_untampered_snapshot_replays(tmp_path, capsys):
    f = snapshot_file(tmp_path, lambda d: None)
    assert main(["replay", str(f), "--epochs", "2"]) == 0
    assert capsys.readouterr().out.count("epoch ") == 2


# ---------------------------------------------------------------- CSV files


def test_quoted_fields_as_spreadsheets_export_them():
    from bpcore.csvio import read_csv

    pts = read_csv('"x1","x2","label"\r\n"1.0","2.0","1"\r\n"-3","0.5","0"\r\n')
    assert pts.tolist() == [[1.0, 2.0, 1.0], [-3.0, 0.5, 0.0]]


@pytest.mark.parametrize(
    "labels, problem, classes, said",
    [
        ([0, 1, 2, 1], "classification", 3, "whole-number labels 0..2: classification with 3"),
        ([0, 4, 0, 4], "classification", 5, "labels 0, 4: classification with 5"),
        ([-1, 1, -1, 1], "regression", None, "line 1: -1 is not a class 0..4): regression"),
        ([0.5, 0, 1, -0.25], "regression", None, "line 1: 0.5 is not a class"),
    ],
)
def test_the_problem_is_inferred_from_the_labels_and_said(labels, problem, classes, said):
    from bpcore.csvio import read_csv_inferred

    text = "".join(f"{i - 2},{i % 3},{v}\n" for i, v in enumerate(labels))
    pts, got, k, note = read_csv_inferred(text)
    assert (got, k) == (problem, classes) and said in note
    assert pts[:, 2].tolist() == [float(v) for v in labels]


@pytest.mark.parametrize(
    "labels, message",
    [
        ([0, 1, 7, 1], "line 3: label 7 is neither a class (a whole number 0..4) nor a regression"),
        ([0.5, 2.5], "line 2: label 2.5 is neither"),
        ([1, 1, 1], "every label is 1: one class"),
    ],
)
def test_labels_that_fit_no_problem_are_refused_with_the_reason(labels, message):
    from bpcore.csvio import read_csv_inferred

    text = "".join(f"{i},{i},{v}\n" for i, v in enumerate(labels))
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_csv_inferred(text)


def test_train_data_says_what_it_inferred(tmp_path, capsys):
    f = tmp_path / "pm1.csv"
    f.write_text(
        "x1,x2,label\n" + "".join(f"{x},{x},{1 if x > 0 else -1}\n" for x in (-3, -2, -1, 1, 2, 3))
    )
    assert main(["train", "--data", str(f), "--epochs", "1", "--json", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["settings"]["problem"] == "regression"
    assert f"data: {f}: 6 points; labels are values (line 2: -1 is not a class 0..4)" in err
    f.write_text("1,1,7\n2,2,0\n")
    assert main(["train", "--data", str(f)]) == 2
    err = capsys.readouterr().err
    assert "line 1: label 7 is neither a class" in err and err.count("\n") == 1


def test_csv_files_beyond_the_points_limit_are_refused_before_the_work():
    from bpcore.csvio import MAX_CHARS, read_csv, read_csv_inferred
    from bpcore.datasets import MAX_POINTS

    ok = "".join(f"{i % 12 - 6},{i % 7 - 3},{i % 2}\n" for i in range(MAX_POINTS))
    assert len(read_csv(ok)) == MAX_POINTS
    with pytest.raises(ValueError, match=f"^line {MAX_POINTS + 1}: more than 5,000 points"):
        read_csv_inferred(ok + "1,1,1\n")
    with pytest.raises(ValueError, match=r"^the file is 2\.0 MB"):
        read_csv("1," * (MAX_CHARS // 2 + 1))


# ---------------------------------------------------------------- replay of unusable links


@pytest.mark.parametrize(
    "link, message",
    [
        ("#v1.garbage!!", "the link is damaged"),
        ("#v9.AAAA", "v9"),
        ("#v1." + "A" * 100_001, ""),
        ("https://example.org/#nothing", "not a BP Playground share link"),
    ],
)
def test_replay_of_an_unusable_link_fails_unless_asked_to_fall_back(link, message, capsys):
    code = main(["replay", link, "--epochs", "1"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", (code, out, err)
    assert err.startswith("error: source: ") and message in err and "--fallback" in err
    assert err.count("\n") == 1
    assert main(["replay", link, "--epochs", "1", "--fallback"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("epoch 1") and "notice: " in err


# ---------------------------------------------------------------- the command line's files


@pytest.mark.native_only
@pytest.mark.parametrize(
    "argv, error",
    [
        (["replay", "/dev/zero"], "error: source: /dev/zero is over 16 MB"),
        (["train", "--data", "/dev/zero"], "error: data: /dev/zero is over 2 MB"),
    ],
)
def test_an_endless_file_is_refused_under_a_memory_limit(argv, error):
    """/dev/zero never ends: reading it whole ran out of memory (a MemoryError traceback)."""
    import resource
    import subprocess
    import sys
    from pathlib import Path

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    r = subprocess.run(
        [sys.executable, "-m", "bpcore", *argv, "--epochs", "1"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-300:]
    assert r.stderr.startswith(error) and r.stderr.count("\n") == 1


@pytest.mark.parametrize("content", ["", "\n", "#", " # \n", "https://example.org/bp/index.html#"])
def test_replay_of_a_file_without_a_link_fails_unless_asked_to_fall_back(content, tmp_path, capsys):
    f = tmp_path / "link.txt"
    f.write_text(content)
    for source in (str(f), "/dev/null") if content == "" else (str(f),):
        code = main(["replay", source, "--epochs", "1"])
        out, err = capsys.readouterr()
        assert code == 2 and out == "", (source, code, out, err)
        assert (
            err.startswith("error: source: it holds no share link (--fallback")
            and err.count("\n") == 1
        )
        assert main(["replay", source, "--epochs", "1", "--fallback"]) == 0
        assert capsys.readouterr()[0].startswith("epoch 1")


def test_replay_of_a_bare_hash_argument_is_no_link(capsys):
    assert main(["replay", "#", "--epochs", "1"]) == 2
    assert "holds no share link" in capsys.readouterr()[1]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-8"])
def test_train_data_reads_the_encodings_the_page_reads(encoding, tmp_path, capsys):
    f = tmp_path / "points.csv"
    text = "x1,x2,label\n1,2,0\n-1,-2,1\n3,3,0\n-3,-3,1\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # a spreadsheet's mark
    f.write_bytes(data)
    code = main(["train", "--data", str(f), "--epochs", "1", "--json", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["classes"] == 2 and "4 points" in err


@pytest.mark.parametrize(
    "flag, value",
    [("--layers", "4,,2"), ("--layers", ",4"), ("--layers", "4,"), ("--features", "x1,,x2")],
)
def test_a_list_flag_with_an_empty_entry_is_refused(flag, value, capsys):
    code = main(["train", flag, value, "--epochs", "1", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.startswith(f"error: {flag[2:]}: an entry is empty")
