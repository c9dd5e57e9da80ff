import json
import subprocess
import sys
from pathlib import Path

import pytest

from bpcore.cli import build_parser, main
from bpcore.settings import TABLE

ROOT = Path(__file__).resolve().parent.parent


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def run_exit(argv, capsys):
    """main() for input that argparse itself rejects (it exits)."""
    with pytest.raises(SystemExit) as e:
        main(argv)
    out, err = capsys.readouterr()
    return e.value.code, out, err


def test_json_result(capsys):
    code, out, err = run(
        ["train", "--epochs", "5", "--json", "--layers", "3", "--batch-size", "25", "--lr", "0.1"],
        capsys,
    )
    assert code == 0
    r = json.loads(out)
    assert r["epoch"] == 5 and r["diverged"] is False
    assert {"loss_train", "loss_test", "acc_train", "acc_test"} <= set(r)
    assert r["settings"]["layers"] == [3] and r["settings"]["batch_size"] == 25
    assert r["layer_sizes"] == [2, 3, 1] and r["loss"] == "bce"
    assert "epoch 5/5" in err  # progress on stderr


def test_regression_and_quiet(capsys):
    code, out, err = run(
        ["train", "--dataset", "plane", "--epochs", "2", "--json", "--quiet"], capsys
    )
    r = json.loads(out)
    assert code == 0 and err == "" and "r2_test" in r and r["loss"] == "mse"


def test_plain_output(capsys):
    code, out, _ = run(["train", "--epochs", "1", "--quiet"], capsys)
    assert code == 0 and out.startswith("epoch 1/1") and "acc" in out


def test_every_setting_is_a_flag_with_the_table_help():
    text = build_parser()._subparsers._group_actions[0].choices["train"].format_help()
    flat = " ".join(text.split())
    for s in TABLE:
        assert "--" + s.name.replace("_", "-") in text
        assert " ".join(s.help.split()) in flat, s.name


def test_list_flags(capsys):
    code, out, _ = run(
        [
            "train",
            "--epochs",
            "1",
            "--json",
            "--quiet",
            "--layers",
            "5,3",
            "--activation",
            "tanh,relu",
            "--features",
            "x1,x2,x1x2",
            "--optimizer",
            "adam",
            "--reg",
            "l1",
            "--reg-rate",
            "0.001",
            "--seed",
            "4",
            "--show-test",
        ],
        capsys,
    )
    s = json.loads(out)["settings"]
    assert code == 0 and s["layers"] == [5, 3] and s["activation"] == ["tanh", "relu"]
    assert s["features"] == ["x1", "x2", "x1x2"] and s["show_test"] is True


def test_diverging_run_is_reported_not_raised(capsys):
    code, out, _ = run(
        [
            "train",
            "--dataset",
            "plane",
            "--n-points",
            "2000",
            "--layers",
            "32,32",
            "--activation",
            "relu",
            "--lr",
            "10",
            "--epochs",
            "30",
            "--json",
            "--quiet",
        ],
        capsys,
    )
    r = json.loads(out)
    assert code == 0 and r["diverged"] is True and r["loss_train"] is None


@pytest.mark.parametrize(
    "argv, field",
    [
        (["--lr", "0"], "lr"),
        (["--lr", "abc"], "lr"),
        (["--batch-size", "0"], "batch_size"),
        (["--layers", "8,0"], "layers"),
        (["--layers", "1,1,1,1,1,1,1,1,1,1,1"], "layers"),
        (["--activation", "swish"], "activation"),
        (["--activation", "tanh,relu,relu"], "activation"),
        (["--dataset", "blobs", "--loss", "bce"], "loss"),
        (["--loss", "mse"], "loss"),
        (["--features", "x1,x1"], "features"),
        (["--epochs", "-3"], "epochs"),
        (["--dataset", "custom"], "points"),
    ],
)
def test_bad_settings_one_line_exit_2(argv, field, capsys):
    code, out, err = run(["train", *argv], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {field}:") and err.count("\n") == 1, err


@pytest.mark.parametrize("argv", [["train", "--bogus"], ["train", "--epochs", "x"], [], ["fly"]])
def test_argparse_errors_are_one_line(argv, capsys):
    code, out, err = run_exit(argv, capsys)
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1, err


def test_csv_data(tmp_path, capsys):
    f = tmp_path / "points.csv"
    rows = [f"{x},{y},{int(x > 0)}" for x in (-3, -1, 1, 3) for y in (-2, 0, 2)]
    f.write_text("x1,x2,label\n" + "\n".join(rows) + "\n")
    code, out, _ = run(["train", "--data", str(f), "--epochs", "3", "--json", "--quiet"], capsys)
    r = json.loads(out)
    assert code == 0 and r["settings"]["dataset"] == "custom" and r["classes"] == 2
    g = tmp_path / "reg.csv"
    g.write_text("\n".join(f"{x},{y},{x / 6}" for x in (-3, -1, 1, 3) for y in (-2, 0, 2)))
    r = json.loads(
        run(["train", "--data", str(g), "--epochs", "2", "--json", "--quiet"], capsys)[1]
    )
    assert r["settings"]["problem"] == "regression" and "r2_test" in r


def test_csv_errors_name_the_line(tmp_path, capsys):
    f = tmp_path / "bad.csv"
    f.write_text("x1,x2,label\n1,2,0\n3,oops,1\n")
    code, _, err = run(["train", "--data", str(f)], capsys)
    assert code == 2 and err.startswith("error: data:") and "line 3" in err
    assert err.count("\n") == 1
    code, _, err = run(["train", "--data", str(tmp_path / "missing.csv")], capsys)
    assert code == 2 and err.startswith("error: data:") and err.count("\n") == 1
    f.write_text("1,2,0\n3,4,1\n\n5,6,2\n")
    code, _, err = run(
        ["train", "--data", str(f), "--problem", "classification", "--classes", "2"], capsys
    )
    assert code == 2 and "line 4" in err and err.count("\n") == 1, err


@pytest.mark.native_only
def test_module_entry_point_and_no_traceback():
    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "bpcore", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )

    ok = cli("train", "--epochs", "3", "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["epoch"] == 3
    assert "epoch" in ok.stderr
    for args in (
        ["train", "--lr", "-1"],
        ["train", "--nope"],
        ["train", "--data", "/no/file"],
        ["train", "--layers", "x"],
    ):
        bad = cli(*args)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr
        assert bad.stderr.startswith("error: ") and bad.stderr.count("\n") == 1
    h = cli("train", "--help")
    assert h.returncode == 0 and "--batch-size" in h.stdout and "learning rate" in h.stdout
