import json

import numpy as np
import pytest

from bpcore.session import Session

SETTINGS = {
    "dataset": "spiral",
    "features": "x1,x2,sinx1",
    "layers": [6, 5],
    "optimizer": "adam",
    "lr": 0.01,
    "batch_size": 7,
    "reg": "l2",
    "reg_rate": 0.001,
}


def via_json(d):
    return json.loads(json.dumps(d))


def same_state(a, b):
    return (
        np.array_equal(a.net.flat, b.net.flat)
        and a.epoch == b.epoch
        and a.opt.state_dict() == b.opt.state_dict()
        and a._rng.bit_generator.state == b._rng.bit_generator.state
    )


@pytest.mark.parametrize(
    "settings",
    [
        SETTINGS,
        {"optimizer": "momentum", "batch_size": 1, "n_points": 60},
        {"dataset": "blobs", "classes": 4, "optimizer": "sgd", "batch_size": 13},
        {"dataset": "plane", "optimizer": "adam", "reg": "l1", "reg_rate": 0.01},
    ],
)
def test_snapshot_then_continue_equals_an_uninterrupted_run(settings):
    straight = Session(settings)
    straight.step(15)

    first = Session(settings)
    first.step(7)
    d = via_json(first.snapshot())
    resumed = Session.restore(d)
    assert same_state(resumed, first)
    resumed.step(8)
    assert same_state(resumed, straight)
    assert resumed.metrics() == straight.metrics()


def test_snapshot_is_plain_json_with_string_rng_integers():
    s = Session(SETTINGS)
    s.step(2)
    d = s.snapshot()
    text = json.dumps(d, allow_nan=False)
    assert json.loads(text) == d
    state = d["rng"]["model"]["state"]
    assert isinstance(state["state"], str) and isinstance(state["inc"], str)
    assert int(state["state"]) == s._rng.bit_generator.state["state"]["state"]
    assert d["epoch"] == 2 and d["settings"]["layers"] == [6, 5]


def test_restored_session_resets_and_reconfigures():
    s = Session(SETTINGS)
    s.step(3)
    r = Session.restore(via_json(s.snapshot()))
    r.reset()
    s.reset()
    assert same_state(r, s)
    assert r.configure({"lr": 0.02}) is False
    assert r.configure({"layers": [3]}) is True and r.layer_sizes == [3, 3, 1]


def test_custom_points_round_trip():
    rng = np.random.default_rng(4)
    xy = rng.uniform(-6, 6, (30, 2))
    pts = np.column_stack([xy, rng.integers(0, 3, 30)])
    s = Session({"dataset": "custom", "classes": 3}, pts)
    s.step(4)
    r = Session.restore(via_json(s.snapshot()))
    assert np.array_equal(r.points, pts) and np.array_equal(r.train_idx, s.train_idx)
    r.step(3)
    s.step(3)
    assert same_state(r, s)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.pop("weights"), "snapshot: missing field"),
        (lambda d: d.update(format="other"), "snapshot: not a bpcore snapshot"),
        (lambda d: d.update(version=99), "snapshot: version"),
        (lambda d: d["settings"].update(lr=-1), "lr:"),
        (lambda d: d.update(test_idx=d["test_idx"][1:]), "snapshot: train_idx"),
        (lambda d: d["rng"]["model"]["state"].update(state="x"), "snapshot: bad RNG"),
        (lambda d: d["settings"].update(layers=[3]), "weights:"),
    ],
)
def test_bad_snapshots_raise_value_errors(change, message):
    d = via_json(Session().snapshot())
    change(d)
    with pytest.raises(ValueError) as e:
        Session.restore(d)
    assert str(e.value).startswith(message)


def test_the_runs_initial_parameters_survive_a_snapshot():
    s = Session({"dataset": "circle", "seed": 3})
    start = s.start_flat.copy()
    s.step(5)
    assert not np.array_equal(s.net.flat, start)  # trained away from its start
    back = Session.restore(json.loads(json.dumps(s.snapshot())))
    assert np.array_equal(back.start_flat, start)
    old = s.snapshot()
    del old["start"]  # a snapshot from before: the restored weights stand for the start
    assert np.array_equal(Session.restore(old).start_flat, s.net.flat)
    old["start"] = [1.0]
    with pytest.raises(ValueError, match="start"):
        Session.restore(old)
