"""The learning-rate sweep (bpcore/sweep.py): its runs are single runs at those rates, bit for
bit; the session it sweeps is untouched; the defaults show the U and divergence."""

import json

import numpy as np
import pytest

from bpcore import sweep
from bpcore.protocol import Engine
from bpcore.session import Session


def _sweep_all(engine, chunk=7, **start):
    """Start a sweep and run it to the end in chunks of `chunk` epochs -> (start reply, results)."""
    info = engine.handle("sweepStart", start)
    results, done = [], 0
    while True:
        r = engine.handle("sweepStep", {"epochs": chunk})
        assert r["done"] > done or r["finished"]  # progress every request
        done = r["done"]
        results += r["results"]
        if r["finished"]:
            break
    assert done == info["total"] and len(results) == len(info["rates"])
    engine.handle("sweepEnd", {})
    return info, results


def test_rates_are_log_spaced_and_readable():
    assert sweep.rates() == [0.001, 0.0032, 0.01, 0.032, 0.1, 0.32, 1.0, 3.2, 10.0]
    r = sweep.rates(0.01, 1, 5)
    assert r == [0.01, 0.032, 0.1, 0.32, 1.0]
    ratios = np.diff(np.log10(sweep.rates(0.0001, 10, 21)))
    assert np.allclose(ratios, 0.25, atol=0.02)  # 4 per decade, to 2 significant digits
    assert sweep.rates(0.1, 0.11, 25) == [0.1, 0.11]  # rounding to one listed: dropped


def test_default_epochs_scale_with_the_training_set():
    small = Session({"dataset": "circle", "n_points": 100})  # ~50 training points
    big = Session({"dataset": "circle", "n_points": 2000})  # ~1000 training points
    assert sweep.default_epochs(Session({"dataset": "circle"})) == 20  # 25 batches: 500 steps
    batches = -(-len(small.train_idx) // 10)
    assert sweep.default_epochs(small) == -(-500 // batches) > 20
    assert sweep.default_epochs(big) < 10
    bigger = Session({"dataset": "circle", "n_points": 2000, "train_ratio": 90, "batch_size": 1})
    assert sweep.default_epochs(bigger) == sweep.MIN_EPOCHS
    tiny = Session({"dataset": "and_gate"})  # one batch of 4: capped
    assert sweep.default_epochs(tiny) == sweep.MAX_AUTO_EPOCHS


@pytest.mark.parametrize(
    "settings, custom",
    [
        ({"dataset": "circle"}, False),
        ({"dataset": "xor", "optimizer": "momentum", "batch_size": 7, "reg": "l2"}, False),
        ({"dataset": "custom", "optimizer": "adam", "batch_size": 3, "layers": [3]}, True),
    ],
)
def test_each_run_is_the_single_run_at_its_rate_bit_for_bit(settings, custom):
    rng = np.random.default_rng(5)
    points = None
    if custom:
        xy = rng.uniform(-5, 5, (40, 2))
        points = np.column_stack([xy, (xy[:, 0] * xy[:, 1] > 0).astype(float)])
    engine = Engine()
    engine.handle("init", {"settings": settings, "points": points})
    main = engine.session
    main.step(9)  # the main run has trained: the sweep starts from its INITIAL parameters
    before = json.dumps(main.snapshot())
    info, results = _sweep_all(engine, chunk=4, lo=0.01, hi=1, count=3, epochs=6)
    assert info["rates"] == [0.01, 0.1, 1.0]
    for res in results:
        single = Session({**main.settings, "lr": res["lr"]}, points)
        m = single.step(6)
        assert res["loss"] == m["loss_train"] and res["lossTest"] == m["loss_test"]
        assert res["epochs"] == 6
        # and the run itself: the same weights, the same RNG after the same batches
        run = sweep.run_at(main, res["lr"])
        assert np.array_equal(run.start_flat, single.start_flat)
        run.step(6)
        assert np.array_equal(run.net.flat, single.net.flat)
        assert run._rng.bit_generator.state == single._rng.bit_generator.state
    # the main session is untouched, and trains on as it would have
    assert json.dumps(main.snapshot()) == before
    twin = Session.restore(json.loads(before))
    assert main.step(3) == twin.step(3)
    assert np.array_equal(main.net.flat, twin.net.flat)


def test_the_sweep_starts_from_start_flat_not_the_seed():
    """Weights loaded from a snapshot whose run began elsewhere: the runs start there."""
    s = Session({"dataset": "circle"})
    snap = s.snapshot()
    snap["start"] = (np.asarray(snap["start"]) * 0.5).tolist()
    restored = Session.restore(snap)
    run = sweep.run_at(restored, 0.1)
    assert np.array_equal(run.net.flat, np.asarray(snap["start"]))
    assert run.epoch == 0 and run.settings["lr"] == 0.1


def test_the_start_loss_is_the_runs_loss_at_epoch_0():
    engine = Engine()
    engine.handle("init", {"settings": {"dataset": "moons"}})
    info = engine.handle("sweepStart", {"count": 3, "epochs": 2})
    assert info["startLoss"] == Session({"dataset": "moons"}).metrics()["loss_train"]
    assert info["total"] == 6 and info["epochs"] == 2


@pytest.mark.parametrize("dataset", ["circle", "spiral"])
def test_the_defaults_show_the_u_and_divergence(dataset):
    engine = Engine()
    engine.handle("init", {"settings": {"dataset": dataset}})
    info, results = _sweep_all(engine, chunk=50)
    assert len(results) == sweep.COUNT
    assert info["epochs"] == sweep.default_epochs(engine.session) in (20, 21)
    losses = [r["loss"] for r in results]
    ok = [i for i, r in enumerate(results) if not r["diverged"]]
    best = min(ok, key=lambda i: losses[i])
    # the U: the smallest rate barely trains, the best is inside the range, the top diverges
    assert 0 < best < len(results) - 1
    assert losses[0] > 1.02 * losses[best]
    assert not results[0]["diverged"] and not results[1]["diverged"]
    assert results[-1]["diverged"]
    assert results[-1]["loss"] > info["startLoss"]  # ended above its start: diverged
    # below the best the loss falls as the rate grows (the left arm of the U)
    assert all(losses[i] > losses[i + 1] for i in range(best - 1))


def test_a_run_that_overflows_is_marked_and_json_safe():
    engine = Engine()
    engine.handle(
        "init", {"settings": {"dataset": "plane", "activation": ["linear"], "layers": [8, 8]}}
    )
    info, results = _sweep_all(engine, chunk=100, lo=0.01, hi=10, count=3, epochs=30)
    top = results[-1]
    assert top["lr"] == 10.0 and top["overflow"] and top["diverged"]
    assert top["loss"] is None and top["lossTest"] is None
    assert top["epochs"] < 30  # it stopped where it blew up; the sweep went on
    assert not results[0]["diverged"]
    json.dumps(results, allow_nan=False)


def test_a_run_that_stops_short_ends_and_the_sweep_goes_on(monkeypatch):
    """A run whose step trains no epoch (a stopping rule of Session.step) is over where it
    stopped: the sweep never waits on it."""
    engine = Engine()
    engine.handle("init", {"settings": {"dataset": "circle"}})
    real = Session.step

    def step(self, epochs=1):
        return real(self, min(epochs, max(0, 3 - self.epoch)))  # stops at epoch 3

    monkeypatch.setattr(Session, "step", step)
    info, results = _sweep_all(engine, chunk=4, count=2, epochs=10)
    assert [r["epochs"] for r in results] == [3, 3]


def test_sweeps_leave_nothing_behind():
    """sweepEnd drops the sweep: a page that sweeps again and again does not grow the heap."""
    engine = Engine()
    engine.handle("init", {"settings": {"dataset": "circle", "n_points": 100}})
    _sweep_all(engine, chunk=50, count=5, epochs=3)
    counts = []
    for _ in range(4):
        _sweep_all(engine, chunk=50, count=5, epochs=3)
        counts.append(engine.handle("memory", {})["objects"])
    assert engine.sweep is None
    assert max(counts) - min(counts) < 50, counts


def test_requests_are_checked():
    engine = Engine()
    with pytest.raises(ValueError, match="no session"):
        engine.handle("sweepStart", {})
    engine.handle("init", {"settings": {"dataset": "circle"}})
    with pytest.raises(ValueError, match="sweepStart first"):
        engine.handle("sweepStep", {"epochs": 5})
    for bad, field in [
        ({"lo": 0}, "lo"),
        ({"hi": 11}, "hi"),
        ({"lo": True}, "lo"),
        ({"lo": 1, "hi": 1}, "hi"),
        ({"count": 1}, "count"),
        ({"count": 26}, "count"),
        ({"epochs": 0}, "epochs"),
        ({"rates": [1]}, "rates"),
    ]:
        with pytest.raises(ValueError, match=f"^{field}"):
            engine.handle("sweepStart", bad)
    engine.handle("sweepStart", {"count": 2, "epochs": 1})
    with pytest.raises(ValueError, match="^epochs"):
        engine.handle("sweepStep", {"epochs": 0})
    assert engine.handle("sweepEnd", {}) == {}
    with pytest.raises(ValueError, match="sweepStart first"):
        engine.handle("sweepStep", {"epochs": 1})
