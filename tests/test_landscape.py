"""The loss landscape (bpcore/landscape.py, landscape_messages.py): the centre of the slice is
the current loss, the line's ends the initial and current losses, the directions are
normalised per neuron, the path projects the current weights to (0, 0) and the initial ones
onto the line's start, and the batched forward passes give the plain forward pass's losses."""

import numpy as np
import pytest

from bpcore import landscape as ls
from bpcore import landscape_messages as lm
from bpcore.errors import CodedError
from bpcore.protocol import Engine
from bpcore.session import Session

CIRCLE = {"dataset": "circle", "layers": [4, 2], "seed": 3}


def trained(settings=CIRCLE, chunks=6, epochs=3):
    e = Engine()
    e.handle("init", {"settings": settings})
    for _ in range(chunks):
        e.handle("step", {"epochs": epochs})
    return e


def whole_slice(e, band=97):
    """(landscape's reply, the slice (size, size)) asked in bands of `band` lattice points."""
    r = e.handle("landscape", {})
    n = r["size"] ** 2
    parts = [
        e.handle("landscapeSlice", {"from": i, "to": min(n, i + band)})["loss"]
        for i in range(0, n, band)
    ]
    return r, np.concatenate(parts).reshape(r["size"], r["size"])


def whole_line(e, band=7):
    """(landscape's reply, t, train, test) with the line asked in bands of `band` points."""
    r = e.handle("landscape", {})
    n = len(r["t"])
    parts = [
        e.handle("landscapeLine", {"from": i, "to": min(n, i + band)}) for i in range(0, n, band)
    ]
    test = np.concatenate([p["test"] for p in parts]) if r["test"] else None
    return r, r["t"], np.concatenate([p["train"] for p in parts]), test


def test_the_slice_is_centred_on_the_current_loss():
    e = trained()
    r, grid = whole_slice(e)
    assert grid.shape == (41, 41)
    mid = r["size"] // 2
    current = e.session.metrics()["loss_train"]
    assert grid[mid, mid] == pytest.approx(current, rel=1e-12)
    assert np.isfinite(grid).all()
    assert grid.std() > 0  # the directions move the loss


def test_the_line_ends_at_the_initial_and_the_current_losses():
    e = trained()
    s = e.session
    r, t, train, test = whole_line(e)
    assert t[0] == 0.0 and t[40] == 1.0 and t[-1] == 1.5 and len(t) == 61
    now = s.metrics()
    start = Session(s.settings).metrics()  # the same run at epoch 0: the initial weights
    assert train[0] == pytest.approx(start["loss_train"], rel=1e-12)
    assert test[0] == pytest.approx(start["loss_test"], rel=1e-12)
    assert train[40] == pytest.approx(now["loss_train"], rel=1e-12)
    assert test[40] == pytest.approx(now["loss_test"], rel=1e-12)
    assert train[40] < train[0]  # training went down the line


def test_directions_are_normalised_per_neuron_with_zero_biases():
    e = trained()
    net = e.session.net
    dirs = ls.directions(net, 3)
    assert dirs.shape == (2, net.flat.size)
    for d in dirs:
        start = 0
        for Wb in net._Wb:
            rows, cols = Wb.shape
            block = d[start : start + rows * cols].reshape(rows, cols)
            np.testing.assert_allclose(
                np.linalg.norm(block[:, :-1], axis=1), np.linalg.norm(Wb[:, :-1], axis=1)
            )
            assert (block[:, -1] == 0).all()  # biases are not moved (Li et al.)
            start += rows * cols
    # seeded: the same picture again, another draw another one, the two directions differ
    assert np.array_equal(dirs, ls.directions(net, 3))
    assert not np.allclose(dirs, ls.directions(net, 3, draw=1))
    assert not np.allclose(dirs[0], dirs[1])


def test_a_neuron_with_no_weights_gets_no_direction():
    net = Session(CIRCLE).net
    net.weights[1][0] = 0.0
    d = ls.directions(net, 1)
    rows, cols = net._Wb[1].shape
    start = net._Wb[0].size
    block = d[0, start : start + rows * cols].reshape(rows, cols)
    assert (block[0] == 0).all() and np.isfinite(d).all()


def test_the_path_projects_the_current_weights_to_the_origin_and_the_start_onto_the_line():
    e = trained()
    s = e.session
    r = e.handle("landscape", {})
    alpha, beta, epochs = r["path"]["alpha"], r["path"]["beta"], r["path"]["epochs"]
    assert epochs == [0, 3, 6, 9, 12, 15, 18]  # the initial weights, then every chunk
    assert len(alpha) == len(beta) == len(epochs)
    assert abs(alpha[-1]) < 1e-12 and abs(beta[-1]) < 1e-12
    dirs = e.landscape_plan.dirs
    start = ls.project(dirs, s.net.flat, s.start_flat)[0]
    assert (alpha[0], beta[0]) == pytest.approx(tuple(start), abs=1e-12)
    # the line's points project onto the straight segment from the start's point to (0, 0)
    ts = r["t"]
    on_line = ls.project(dirs, s.net.flat, ls.line_flats(s.start_flat, s.net.flat, ts))
    np.testing.assert_allclose(on_line, (1 - ts)[:, None] * start, atol=1e-12)
    # the slice is wide enough to show the path
    assert r["span"] >= np.abs(np.concatenate([alpha, beta])).max()


def test_batched_losses_equal_the_plain_forward_pass():
    cases = [
        CIRCLE,
        {"dataset": "blobs", "classes": 3, "layers": [5, 3], "activation": ["relu", "sigmoid"]},
        {"dataset": "plane", "layers": [3], "activation": ["leaky_relu"]},
        {"dataset": "xor", "layers": [], "batch_size": 1},
    ]
    for settings in cases:
        e = trained(settings, chunks=2)
        s = e.session
        X1, T, sets = ls.all_rows(s)
        rng = np.random.default_rng(0)
        flats = s.net.flat + rng.normal(size=(23, s.net.flat.size))
        before = s.net.flat.copy()
        fast = ls.losses(s.net, X1, T, flats, sets)
        plain = ls._one_by_one(s.net, X1, T, flats, sets)
        np.testing.assert_allclose(fast, plain, rtol=1e-12, atol=1e-15)
        assert np.array_equal(s.net.flat, before)  # its own parameters untouched


def test_small_chunks_give_the_same_losses(monkeypatch):
    e = trained()
    X1, T = ls.train_rows(e.session)
    flats = ls.line_flats(e.session.start_flat, e.session.net.flat, ls.line_ts())
    whole = ls.losses(e.session.net, X1, T, flats)
    monkeypatch.setattr(ls, "MAX_ELEMENTS", 1)  # one vector at a time
    np.testing.assert_allclose(ls.losses(e.session.net, X1, T, flats), whole, rtol=1e-13)


def test_the_slice_is_row_major_beta_outer():
    e = trained(chunks=1)
    e.handle("landscape", {"size": 5, "span": 1})
    plan = e.landscape_plan
    flats = ls.slice_flats(plan.centre, plan.dirs, plan.coords, 0, 25)
    k = 5 * 1 + 3  # row 1 (beta = -0.5), column 3 (alpha = 0.5)
    np.testing.assert_allclose(flats[k], plan.centre + 0.5 * plan.dirs[0] - 0.5 * plan.dirs[1])
    assert np.array_equal(flats[12], plan.centre)  # the middle: the current weights exactly


def test_the_lattice_has_zero_in_the_middle():
    a = ls.lattice(1.5, 41)
    assert a[20] == 0.0 and a[0] == -1.5 and a[-1] == 1.5 and len(a) == 41


def test_a_new_network_starts_a_new_path():
    e = trained(chunks=3)
    assert e.handle("landscape", {})["path"]["epochs"] == [0, 3, 6, 9]
    e.handle("reset", {})
    assert e.handle("landscape", {})["path"]["epochs"] == [0]
    e.handle("step", {"epochs": 2})
    e.handle("configure", {"settings": {"lr": 0.1}})  # live: the same network, the same path
    e.handle("step", {"epochs": 2})
    assert e.handle("landscape", {})["path"]["epochs"] == [0, 2, 4]
    e.handle("configure", {"settings": {"layers": [3]}})  # rebuilt
    assert e.handle("landscape", {})["path"]["epochs"] == [0]


def test_the_path_is_bounded_and_keeps_its_start(monkeypatch):
    monkeypatch.setattr(lm, "MAX_PATH", 8)
    e = trained(chunks=20, epochs=1)
    epochs = e.handle("landscape", {})["path"]["epochs"]
    assert len(epochs) <= 9 and epochs[0] == 0 and epochs[-1] == 20
    assert epochs == sorted(epochs)


def test_a_big_network_keeps_fewer_vectors(monkeypatch):
    monkeypatch.setattr(lm, "MAX_PATH_FLOATS", 25 * 20)  # the 4-2 network: 20 vectors of 25
    e = trained(chunks=40, epochs=1)
    epochs = e.handle("landscape", {})["path"]["epochs"]
    assert 10 <= len(epochs) <= 21 and epochs[0] == 0 and epochs[-1] == 40  # not 41


def test_bands_of_changed_weights_are_refused():
    e = trained(chunks=1)
    for kind in ("landscapeSlice", "landscapeLine"):
        with pytest.raises(CodedError) as err:  # no `landscape` asked yet
            e.handle(kind, {"from": 0, "to": 1})
        assert err.value.code == "landscape_stale"
    e.handle("landscape", {"size": 5})
    assert e.handle("landscapeSlice", {"from": 20, "to": 25})["loss"].shape == (5,)
    assert e.handle("landscapeLine", {"from": 60, "to": 61})["train"].shape == (1,)
    e.handle("step", {"epochs": 1})
    for kind in ("landscapeSlice", "landscapeLine"):
        with pytest.raises(CodedError) as err:
            e.handle(kind, {"from": 0, "to": 1})
        assert err.value.code == "landscape_stale"


def test_bad_requests_say_what_is_wrong():
    e = trained(chunks=1)
    with pytest.raises(ValueError, match="odd"):
        e.handle("landscape", {"size": 40})
    with pytest.raises(CodedError, match="span"):
        e.handle("landscape", {"span": -1})
    with pytest.raises(ValueError, match="unknown payload field"):
        e.handle("landscape", {"sizes": 41})
    e.handle("landscape", {"size": 5, "span": 2})
    for band in ({"from": 3, "to": 3}, {"from": 0, "to": 26}, {"from": 25, "to": 26}):
        with pytest.raises(CodedError) as err:
            e.handle("landscapeSlice", band)
        assert err.value.code == "range"
    with pytest.raises(CodedError):
        e.handle("landscapeLine", {"from": 0, "to": 62})


def test_a_given_span_and_draw_are_used():
    e = trained(chunks=1)
    a = e.handle("landscape", {"size": 5, "span": 2.5, "draw": 7})
    assert a["span"] == 2.5 and a["draw"] == 7
    np.testing.assert_array_equal(e.landscape_plan.coords, [-2.5, -1.25, 0, 1.25, 2.5])


def test_a_diverged_run_still_answers():
    e = trained({**CIRCLE, "lr": 10.0, "activation": ["relu"]}, chunks=5, epochs=20)
    r, grid = whole_slice(e, band=1681)
    assert grid.shape == (41, 41)
    assert len(whole_line(e, band=61)[2]) == 61
