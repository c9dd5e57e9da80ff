"""The exported script stands alone: it runs where only NumPy is installed and prints the
losses `python -m bpcore replay` prints for the same link (to round-off; 1e-9 asked)."""

import ast
import io
import json
import re
import time
import tokenize

import numpy as np
import pytest
from scriptrun import run_script

from bpcore import script_words
from bpcore.cli import main
from bpcore.link import encode_link, quantize_points
from bpcore.script import DEFAULT_EPOCHS, STEP_BUDGET, default_run, standalone_script

pytestmark = pytest.mark.native_only  # runs the script in a separate Python

CASES = [
    {"dataset": "circle", "layers": [4, 2], "batch_size": 10},
    {
        "dataset": "spiral",
        "layers": [6, 5],
        "optimizer": "adam",
        "lr": 0.01,
        "batch_size": 7,
        "features": ["x1", "x2", "sinx1", "x1x2"],
        "reg": "l2",
        "reg_rate": 0.001,
    },
    {
        "dataset": "blobs",
        "classes": 4,
        "layers": [5],
        "activation": ["relu"],
        "optimizer": "momentum",
        "lr": 0.01,
        "batch_size": 1,
        "n_points": 80,
    },
    {
        "dataset": "plane",
        "layers": [3, 3],
        "activation": ["sigmoid", "leaky_relu"],
        "reg": "l1",
        "reg_rate": 0.003,
        "batch_size": 25,
    },
    {
        "dataset": "xor",
        "layers": [],
        "features": ["x1x2", "x1sq", "x2sq", "sinx2"],
        "init": "glorot",
        "batch_size": 500,
    },
    {"dataset": "gaussian", "layers": [3], "activation": ["linear"], "init": "he"},
    {"dataset": "article"},  # the seed article's own start: its weights, every point trains
]


def replayed(link, epochs, capsys):
    assert main(["replay", link, "--epochs", str(epochs), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def run_text(text, tmp_path, *args):
    path = tmp_path / "bp_playground_run.py"
    path.write_text(text, encoding="utf-8")
    return run_script(path, *args)


@pytest.mark.parametrize("settings", CASES, ids=lambda s: s["dataset"])
def test_the_script_alone_prints_what_replay_prints(settings, tmp_path, capsys):
    epochs = 12
    want = replayed(encode_link(settings), epochs, capsys)
    printed, train, test = run_text(
        standalone_script(settings, None, epochs), tmp_path, "--every", 1
    )
    assert printed == list(range(epochs + 1))  # epoch 0, before training, then every epoch
    np.testing.assert_allclose(train[1:], want["loss_train"], rtol=1e-9, atol=0)
    if want["loss_test"][0] is None:
        assert test == [None] * (epochs + 1)
    else:
        np.testing.assert_allclose(test[1:], want["loss_test"], rtol=1e-9, atol=0)


def test_drawn_points_are_written_into_the_script(tmp_path, capsys):
    rng = np.random.default_rng(3)
    pts = quantize_points(
        np.column_stack([rng.uniform(-6, 6, (40, 2)), rng.integers(0, 3, 40)]), "classification"
    )
    settings = {"dataset": "custom", "classes": 3, "layers": [4], "batch_size": 5}
    want = replayed(encode_link(settings, pts), 6, capsys)
    text = standalone_script(settings, pts, 6)
    assert "import bpcore" not in text and "from bpcore" not in text
    _, train, _ = run_text(text, tmp_path, "--every", 1)
    np.testing.assert_allclose(train[1:], want["loss_train"], rtol=1e-9, atol=0)


def test_only_table_values_reach_the_script_text():
    with pytest.raises(ValueError, match="^dataset:"):
        standalone_script({"dataset": "__import__('os')"})
    compile(standalone_script({"dataset": "moons"}, None, 3), "run.py", "exec")


# ---------------------------------------------------------------- the lesson's script (issue 19.9)

SIGMOID = {"dataset": "xor", "layers": [4], "activation": ["sigmoid"], "batch_size": 5}


def test_the_script_writes_the_lesson_s_maths():
    """z = W a + b with a sample a column (not A W^T), sigmoid as 1 / (1 + e^-z) (not 0.5 +
    0.5 tanh), delta a^T and W^T delta backwards."""
    text = standalone_script(SIGMOID, None, 10)
    assert "z.append(W[l] @ a[l] + b[l])" in text
    assert "dW[l] = delta @ a[l].T" in text and "delta = (W[l].T @ delta)" in text
    assert "@ W[l].T" not in text and "A W^T" not in text
    assert text.count("1 / (1 + np.exp(-z))") == 2  # the hidden layer's and the output's
    assert "tanh" not in text
    assert "z = W a + b" in text and "y' the network's output" in text


def _comments(text):
    """Every comment and docstring of a script, and its argparse help strings."""
    tree = ast.parse(text)
    docs = [ast.get_docstring(n) for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    helps = [
        k.value.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        for k in n.keywords
        if k.arg in ("help", "description")
    ]
    toks = tokenize.generate_tokens(io.StringIO(text).readline)
    comments = [
        t.string for t in toks if t.type == tokenize.COMMENT and not t.string.startswith("#!")
    ]
    assert comments
    return [ast.get_docstring(tree)] + [d for d in docs if d] + helps + comments


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("settings", [SIGMOID, *CASES[1:4]], ids=lambda s: s["dataset"])
def test_comments_are_in_the_page_s_language(settings):
    zh = standalone_script(settings, None, 20, "zh-CN")
    en = standalone_script(settings, None, 20, "en")
    # the same code, other words
    strip = [ast.dump(ast.parse(t)) for t in (zh, en)]
    assert len(_comments(zh)) == len(_comments(en))
    untranslated = [c for c in _comments(zh) if not CJK.search(c.strip("# -"))]
    assert untranslated == []
    assert not any(CJK.search(c) for c in _comments(en))
    assert strip[0] != strip[1]  # (docstrings and help differ)


def test_every_language_has_every_word():
    en = script_words.WORDS["en"]
    places = re.compile(r"\{(\w+)\}")
    for lang in script_words.LANGS:
        w = script_words.WORDS[lang]
        assert set(w) == set(en), lang
        for k in en:
            assert set(places.findall(w[k])) == set(places.findall(en[k])), (lang, k)


def test_a_run_the_reader_can_run_in_seconds_and_the_page_s_epoch_on_request(tmp_path, capsys):
    """The page at epoch 438,807: the script trains a few seconds' worth by default, printing
    about ten times; --epochs N trains on, its numbers those of `replay` (to 1e-9)."""
    settings = CASES[0]  # circle: 250 training points in batches of 10, 25 steps an epoch
    text = standalone_script(settings, None, 438_807)
    epochs, every = default_run(438_807, 250, 10)
    assert epochs * 25 <= STEP_BUDGET and epochs >= 100 and every in (20, 50)
    assert "--epochs 438807" in text and "438,807" in text
    t0 = time.perf_counter()
    printed, _, _ = run_text(text, tmp_path)
    spent = time.perf_counter() - t0
    assert printed == [0, *range(every, epochs, every), epochs] or printed == [
        0,
        *range(every, epochs + 1, every),
    ]
    assert spent < 60, spent  # seconds on a quiet machine; this one is shared
    printed, train, _ = run_text(text, tmp_path, "--epochs", 30, "--every", 10)
    assert printed == [0, 10, 20, 30]
    want = replayed(encode_link(settings), 30, capsys)["loss_train"]
    np.testing.assert_allclose(train[1:], [want[9], want[19], want[29]], rtol=1e-9, atol=0)
    # before any training: DEFAULT_EPOCHS
    assert default_run(0, 250, 10) == (DEFAULT_EPOCHS, 10)


def test_the_cli_writes_the_link_s_script_in_a_language(capsys, tmp_path):
    link = encode_link(SIGMOID, epoch=1234)
    assert main(["script", link, "--lang", "zh-CN"]) == 0
    text = capsys.readouterr().out
    assert text == standalone_script(SIGMOID, None, 1234, "zh-CN")
    assert "页面当时在第 1,234 轮" in text
    _, train, _ = run_text(text, tmp_path, "--epochs", 3, "--every", 1)
    want = replayed(link, 3, capsys)["loss_train"]
    np.testing.assert_allclose(train[1:], want, rtol=1e-9, atol=0)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_run_changed_on_the_way_is_the_script_s_run_too(lang, tmp_path, capsys):
    """The learning rate, the optimiser (a fresh one), the batch size, the regularisation
    changed mid-run, weights edited and a step taken on one point: the script makes each
    change at its epoch, so its losses are those `replay` gives for the page's link (1e-9)."""
    start = {"dataset": "spiral", "layers": [5, 4], "lr": 0.03, "seed": 4, "optimizer": "momentum"}
    edits = [
        [0, 1, 0, 1, 0.25],
        [6, "lr", 0.1],
        [9, "optimizer", "adam"],
        [9, "lr", 0.01],
        [9, "batch_size", 4],
        [12, 0, 1, 0, 0.5],
        [12, 1, 0, -1, -0.25],
        [12, "step", 33],
        [14, "reg", "l2"],
        [14, "reg_rate", 0.003],
        [17, "beta1", 0.8],
    ]
    link = encode_link(start, epoch=20, edits=edits)
    want = replayed(link, 20, capsys)
    text = standalone_script(start, None, 20, lang, edits)
    printed, train, test = run_text(text, tmp_path, "--every", 1)
    assert printed == list(range(21))
    np.testing.assert_allclose(train[1:], want["loss_train"], rtol=1e-9, atol=0)
    np.testing.assert_allclose(test[1:], want["loss_test"], rtol=1e-9, atol=0)
    # and without the changes, other numbers: they matter
    _, plain, _ = run_text(standalone_script(start, None, 20, lang), tmp_path, "--every", 1)
    assert abs(plain[-1] - train[-1]) > 1e-6
    if lang == "zh-CN":
        assert [c for c in _comments(text) if not CJK.search(c.strip("# -"))] == []
    with pytest.raises(ValueError, match="edits"):
        standalone_script(start, None, 20, lang, [[3, "layers", [2]]])
