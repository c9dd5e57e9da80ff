"""Stopping rules (bpcore/stopping.py): each rule stops at the exact epoch it should, natively,
in a link's replay, in the CLI and in the exported script; restoring the best weights gives
exactly the best epoch's weights; a fired rule does not fire again at once; snapshots keep the
rules' state."""

import json

import numpy as np
import pytest
from scriptrun import run_script

from bpcore import Session
from bpcore import replay as _replay
from bpcore.cli import main
from bpcore.link import encode_link, read_link
from bpcore.protocol import Engine
from bpcore.script import standalone_script
from bpcore.settings import DEFAULTS, validate

B = {"dataset": "spiral", "layers": [8, 6], "batch_size": 10}  # config b


def history(settings, epochs):
    """A run with no rule, one epoch at a time: [(test loss (train loss without a test set),
    parameters)] for epochs 0..epochs (index = epoch)."""
    s = Session({**settings, "stop_at": 0, "stop_loss": 0.0, "patience": 0})
    out = []
    for e in range(epochs + 1):
        m = s.step(1) if e else s.metrics()
        out.append(
            (m["loss_test"] if m["loss_test"] is not None else m["loss_train"], s.net.flat.copy())
        )
    return out


def patience_stop(losses, k):
    """(stop epoch, best epoch) of early stopping with patience k over losses[0..]: the best
    is the lowest loss so far (a tie does not improve), counting from epoch 0."""
    best, at = losses[0], 0
    for e in range(1, len(losses)):
        if losses[e] < best:
            best, at = losses[e], e
        elif e - at >= k:
            return e, at
    return None, at


def test_the_rules_are_settings_off_by_default_and_old_links_unchanged():
    for k, v in {"stop_at": 0, "stop_loss": 0.0, "patience": 0, "restore_best": False}.items():
        assert DEFAULTS[k] == v
    # a default is not written to a link, so a link without the rules is the same link
    assert encode_link({"dataset": "spiral"}) == encode_link(
        {"dataset": "spiral", "stop_at": 0, "patience": 0, "restore_best": False}
    )
    on = {
        "dataset": "spiral",
        "stop_at": 40,
        "stop_loss": 0.25,
        "patience": 7,
        "restore_best": True,
    }
    got = read_link(encode_link(on)).settings
    assert {k: got[k] for k in on} == on
    with pytest.raises(ValueError, match="patience"):
        validate({"patience": -1})
    with pytest.raises(ValueError, match="stop_at"):
        validate({"stop_at": 1.5})


def test_stop_at_ends_the_step_at_that_epoch_once_then_training_goes_on():
    s = Session({**B, "stop_at": 123})
    m = s.step(1000)
    assert m["epoch"] == 123
    assert s.stopped["rule"] == "stop_at" and s.stopped["epoch"] == 123
    assert s.step(50)["epoch"] == 173 and s.stopped is None  # passed: Play trains on
    s.reset()
    assert s.step(500)["epoch"] == 123 and s.stopped["rule"] == "stop_at"  # Reset: back again
    # the stopped run's weights are those of a run trained 123 epochs without the rule
    plain = Session(B)
    plain.step(123)
    assert np.array_equal(s.net.flat, plain.net.flat)


def test_no_rule_on_trains_as_before():
    a, b = Session(B), Session({**B, "restore_best": True})  # restore_best alone is no rule
    a.step(30)
    b.step(30)
    assert b.stopped is None and np.array_equal(a.net.flat, b.net.flat)


def test_stop_loss_stops_at_the_first_epoch_at_or_below_the_target_and_only_once():
    fast = {**B, "lr": 0.3}
    runs = history(fast, 400)
    target = 0.5
    want = next(e for e, (loss, _) in enumerate(runs) if e and loss <= target)
    s = Session({**fast, "stop_loss": target})
    assert s.step(400)["epoch"] == want
    assert s.stopped == {
        "rule": "stop_loss",
        "target": target,
        "epoch": want,
        "watch": "test",
        "loss": runs[want][0],
    }
    assert np.array_equal(s.net.flat, runs[want][1])
    assert s.step(20)["epoch"] == want + 20 and s.stopped is None  # spent: trains on
    s.configure({"stop_loss": 0.6})  # a new target: fires at once, its loss is below it
    s.step(5)
    assert s.stopped["rule"] == "stop_loss" and s.stopped["epoch"] == want + 21


@pytest.mark.parametrize("restore", [False, True])
def test_patience_stops_k_epochs_after_the_best_and_restores_its_weights_exactly(restore):
    k = 15
    settings = {**B, "lr": 0.3, "patience": k, "restore_best": restore}
    runs = history(settings, 600)
    stop, best = patience_stop([loss for loss, _ in runs], k)
    assert stop is not None and best < stop
    s = Session(settings)
    m = s.step(600)
    assert m["epoch"] == stop
    st = s.stopped
    assert (st["rule"], st["patience"], st["best_epoch"], st["restored"]) == (
        "patience",
        k,
        best,
        restore,
    )
    assert st["best_loss"] == runs[best][0]
    want = runs[best][1] if restore else runs[stop][1]
    assert np.array_equal(s.net.flat, want)
    if restore:
        assert m["loss_test"] == runs[best][0]
    # Play after the stop: the count starts afresh, so it trains at least k more epochs
    m = s.step(k - 1)
    assert s.stopped is None and m["epoch"] == stop + k - 1


def test_a_run_without_a_test_set_watches_the_training_loss():
    s = Session({"dataset": "and_gate", "stop_loss": 0.1})
    s.step(100_000)
    assert s.stopped["watch"] == "train"
    assert s.stopped["loss"] <= 0.1 < history({"dataset": "and_gate"}, s.epoch - 1)[-1][0]


def test_chunks_and_stops_train_as_one_run():
    """step(a) + step(b) trains as step(a + b), stops included: a replay in other chunks
    stops at the same epochs with the same weights."""
    settings = {**B, "lr": 0.3, "patience": 10, "restore_best": True, "stop_at": 50}
    one = Session(settings)
    stops = []
    while one.epoch < 300:
        one.step(300 - one.epoch)
        stops.append(one.stopped and (one.stopped["rule"], one.epoch))
    other = Session(settings)
    other_stops = []
    while other.epoch < 300:
        other.step(min(7, 300 - other.epoch))
        if other.stopped:
            other_stops.append((other.stopped["rule"], other.epoch))
    assert [x for x in stops if x] == other_stops and ("stop_at", 50) in other_stops
    assert len(other_stops) >= 2
    assert np.array_equal(one.net.flat, other.net.flat)


def test_a_link_replays_to_the_same_stop_and_weights():
    settings = {**B, "lr": 0.3, "patience": 12, "restore_best": True}
    live = Session(settings)
    live.step(1000)
    stop = live.stopped["epoch"]
    link = read_link(encode_link(settings, epoch=stop))
    s = Session(link.settings)
    m = _replay.train(s, link.epoch, link.edits)
    assert m["epoch"] == stop and s.stopped["rule"] == "patience"
    assert np.array_equal(s.net.flat, live.net.flat)
    # the rule turned on on the way (a setting change in the link) replays too
    edits = [[20, "patience", 12], [20, "restore_best", True]]
    a = Session({**settings, "patience": 0, "restore_best": False})
    _replay.train(a, 20)
    a.configure({"patience": 12, "restore_best": True})
    a.step(1000)
    link = read_link(
        encode_link({**settings, "patience": 0, "restore_best": False}, epoch=a.epoch, edits=edits)
    )
    assert link.edits == edits
    b = Session(link.settings)
    _replay.train(b, link.epoch, link.edits)
    assert b.epoch == a.epoch and np.array_equal(a.net.flat, b.net.flat)


def run_to(s, end):
    """Step `s` to epoch `end` as Play does after each stop: -> [(rule, epoch)] of the stops."""
    stops = []
    while s.epoch < end:
        s.step(end - s.epoch)
        if s.stopped:
            stops.append((s.stopped["rule"], s.epoch))
    return stops


def test_snapshots_keep_the_rules_state():
    settings = {**B, "lr": 0.3, "patience": 15, "restore_best": True, "stop_loss": 0.3}
    whole = Session(settings)
    stops = run_to(whole, 300)
    part = Session(settings)
    part.step(20)
    assert stops[0][1] > 20 and len(stops) >= 3
    snap = json.loads(json.dumps(part.snapshot()))
    assert snap["stopping"]["best_flat"] is not None
    back = Session.restore(snap)
    assert run_to(back, 300) == stops and np.array_equal(back.net.flat, whole.net.flat)
    del snap["stopping"]  # an older snapshot: restores, patience looks afresh
    Session.restore(snap).step(1)
    snap["stopping"] = {"best": 0.5, "best_flat": [1.0, 2.0]}
    with pytest.raises(ValueError, match="stopping.best_flat"):
        Session.restore(snap)


def test_the_engine_says_why_and_a_chunk_sent_behind_a_stop_trains_nothing():
    e = Engine()
    e.handle("init", {"settings": {**B, "stop_at": 30}})
    r = e.handle("step", {"epochs": 20, "at": 0})
    assert r["metrics"]["epoch"] == 20 and "stopped" not in r
    r = e.handle("step", {"epochs": 20, "at": 20})
    assert r["metrics"]["epoch"] == 30
    assert r["stopped"]["rule"] == "stop_at" and r["stopped"]["epoch"] == 30
    r = e.handle("step", {"epochs": 20, "at": 40})  # sent while the one before was in flight
    assert r["metrics"]["epoch"] == 30 and "stopped" not in r
    e.handle("configure", {"settings": {"stop_at": 40}})
    r = e.handle("step", {"epochs": 10})  # a chunk that ends where the rule fires ...
    assert r["stopped"]["epoch"] == 40
    r = e.handle("step", {"epochs": 5, "at": 40})  # ... and the one sent behind it
    assert r["metrics"]["epoch"] == 40
    assert e.handle("step", {"epochs": 5})["metrics"]["epoch"] == 45  # Play again: trains on
    e.handle("configure", {"settings": {"patience": 5, "restore_best": True}})
    r = e.handle("step", {"epochs": 1000})
    assert set(r["stopped"]) >= {
        "rule",
        "epoch",
        "watch",
        "loss",
        "bestEpoch",
        "bestLoss",
        "restored",
    }
    with pytest.raises(ValueError, match="at"):
        e.handle("step", {"epochs": 1, "at": -1})


def test_the_cli_stops_and_says_why(capsys):
    assert (
        main(
            [
                "train",
                "--dataset",
                "spiral",
                "--epochs",
                "300",
                "--stop-at",
                "77",
                "--json",
                "--quiet",
            ]
        )
        == 0
    )
    r = json.loads(capsys.readouterr().out)
    assert r["epoch"] == 77 and r["stopped"]["rule"] == "stop_at"
    assert main(["train", "--dataset", "spiral", "--epochs", "300", "--stop-at", "77"]) == 0
    assert "stopped at epoch 77: the stop at epoch 77" in capsys.readouterr().err


@pytest.mark.native_only  # runs the script in a separate Python
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_script_stops_where_the_run_stops(lang, tmp_path):
    settings = {**B, "lr": 0.3, "patience": 12, "restore_best": True, "stop_loss": 0.45}
    s = Session(settings)
    runs, stops = [s.metrics()], []
    while s.epoch < 400:
        s.step(1)
        runs.append(s.metrics())
        if s.stopped:
            stops.append(s.epoch)
    assert len(stops) >= 2
    path = tmp_path / "run.py"
    # the page trained on past its stops, to 400: the script does too
    path.write_text(standalone_script(settings, None, 400, lang), encoding="utf-8")
    printed, train, test = run_script(path, "--epochs", 400, "--every", 1)
    assert printed == list(range(401))
    np.testing.assert_allclose(test, [m["loss_test"] for m in runs], rtol=1e-9, atol=0)
    np.testing.assert_allclose(train, [m["loss_train"] for m in runs], rtol=1e-9, atol=0)
    # the page paused at its first stop: the script stops there, even asked for more
    path.write_text(standalone_script(settings, None, stops[0], lang), encoding="utf-8")
    printed, _, test = run_script(path, "--epochs", 400, "--every", 1)
    assert printed[-1] == stops[0]
    np.testing.assert_allclose(
        test, [m["loss_test"] for m in runs[: stops[0] + 1]], rtol=1e-9, atol=0
    )
    plain = standalone_script(B, None, 10, lang)
    assert "stop_rule" not in plain and "PATIENCE" not in plain  # only the code a run uses


def test_a_plugged_run_stops_where_bpcore_s_own_does():
    """The lab's code in training (plugin.py): the rules apply to its chunks alike."""
    from bpcore.plugin import Plug, plug_session

    def tanh_parts():
        return {"f": np.tanh, "df": lambda z: 1 - np.tanh(z) ** 2}

    settings = {**B, "lr": 0.3, "patience": 10, "restore_best": True}
    ours = Session(settings)
    ours.step(500)
    yours = Session(settings)
    plug_session(yours, Plug("plug_activation", tanh_parts()))
    yours.step(500)
    assert yours.stopped["epoch"] == ours.stopped["epoch"]
    assert yours.stopped["best_epoch"] == ours.stopped["best_epoch"]
    np.testing.assert_allclose(yours.net.flat, ours.net.flat, rtol=1e-9, atol=1e-12)
