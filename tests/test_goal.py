"""A classroom goal watched epoch by epoch (bpcore/goal.py): the first epoch the run meets it does
not depend on how the training is cut into chunks (the page's chunks follow the machine's
speed), the training is the same as without the watch, and the native replay says that epoch."""

import json

import numpy as np
import pytest

from bpcore import goal
from bpcore.protocol import Engine
from bpcore.session import Session

CIRCLE = {"dataset": "circle", "lr": 0.1}
ACC = {"metric": "acc_test", "target": 0.9, "neurons": 6}


def first_by_hand(settings, g, epochs=400):
    """The first epoch whose metrics meet the goal, one epoch at a time."""
    s = Session(settings)
    hidden = sum(s.net.sizes[1:-1])
    for _ in range(epochs):
        m = s.step(1)
        if goal.met(g, m, hidden):
            return m["epoch"]
    return None


def chunked(settings, g, sizes, total=300):
    """goal.step over chunks of `sizes` (repeating) -> (first goalAt, the final weights)."""
    s, at, i = Session(settings), None, 0
    while s.epoch < total:
        k = min(sizes[i % len(sizes)], total - s.epoch)
        i += 1
        _, got = goal.step(s, k, g)
        at = got if at is None else at
    return at, s.net.flat.copy()


@pytest.mark.parametrize(
    "settings, g",
    [
        (CIRCLE, ACC),
        ({"dataset": "xor", "lr": 0.1}, {"metric": "loss_test", "target": 0.2}),
        (
            {"dataset": "spiral", "lr": 0.03, "layers": [8, 8]},
            {"metric": "acc_train", "target": 0.6},
        ),
    ],
)
def test_the_epoch_is_the_first_one_whatever_the_chunks(settings, g):
    want = first_by_hand(settings, g)
    assert want is not None and want > 1
    plain = Session(settings)
    plain.step(300)
    for sizes in ([1], [7], [50, 3], [300]):
        at, flat = chunked(settings, g, sizes)
        assert at == want, sizes
        np.testing.assert_array_equal(flat, plain.net.flat)  # watching trains nothing else


def test_a_goal_met_already_is_met_at_the_epoch_now():
    s = Session(CIRCLE)
    s.step(100)
    m, at = goal.step(s, 5, ACC)
    assert at == 100 and m["epoch"] == 105


def test_too_many_neurons_never_meet_it():
    s = Session({**CIRCLE, "layers": [8, 8]})
    _, at = goal.step(s, 200, ACC)
    assert at is None and s.epoch == 200
    assert first_by_hand({**CIRCLE, "layers": [8, 8]}, {**ACC, "neurons": 16}) is not None


def test_a_stopping_rule_still_stops_and_the_goal_epoch_stays():
    want = first_by_hand(CIRCLE, ACC)
    s = Session({**CIRCLE, "stop_at": want - 3})
    _, at = goal.step(s, 100, ACC)
    assert at is None and s.epoch == want - 3 and s.stopped["rule"] == "stop_at"
    _, at = goal.step(s, 100, ACC)  # Play again: it trains on past the stop
    assert at == want


def test_the_engine_step_says_goal_at_and_refuses_a_bad_goal():
    want = first_by_hand(CIRCLE, ACC)
    eng = Engine()
    eng.handle("init", {"settings": CIRCLE})
    ats = [eng.handle("step", {"epochs": 9, "goal": ACC}).get("goalAt") for _ in range(10)]
    assert [a for a in ats if a is not None][0] == want
    plain = eng.handle("step", {"epochs": 1})
    assert "goalAt" not in plain
    with pytest.raises(ValueError, match="goal"):
        eng.handle("step", {"epochs": 1, "goal": {"metric": "acc_test", "target": 7}})


@pytest.mark.native_only
def test_the_native_replay_says_the_same_epoch(tmp_path):
    from bpcore import cli
    from bpcore.link import encode_link

    want = first_by_hand(CIRCLE, ACC)
    link = encode_link(CIRCLE, epoch=60, goal=ACC)
    out, err = tmp_path / "out", tmp_path / "err"
    with open(out, "w") as o, open(err, "w") as e:
        args = cli.build_parser().parse_args(["replay", link, "--json"])
        assert cli.replay(args, o, e) == 0
    assert json.loads(out.read_text())["goal"] == {**ACC, "reached": want}
    assert f"goal acc_test at least 0.9 with at most 6 hidden neurons: reached at epoch {want}" in (
        err.read_text()
    )
