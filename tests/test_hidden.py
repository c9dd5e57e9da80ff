"""The hidden layer's view of the plane (bpcore.hidden): the numbers are the network's own."""

import numpy as np
import pytest

from bpcore.features import feature_matrix
from bpcore.hidden import LINES, SAMPLES, hidden_view, lattice, principal_axes
from bpcore.protocol import Engine
from bpcore.session import Session


def _session(layers, features=("x1", "x2"), dataset="spiral", epochs=0):
    s = Session({"dataset": dataset, "layers": list(layers), "features": list(features)})
    s.step(epochs)
    return s


def _layer_acts(s, xy, layer):
    """Activations of hidden layer `layer` at points xy, written out with forward_all."""
    _, acts = s.net.forward_all(feature_matrix(xy, s.settings["features"]))
    return acts[layer + 1]


def test_lattice_is_horizontal_then_vertical_lines_over_the_view():
    g = lattice(3, 4, -6.0, 6.0).reshape(2, 3, 4, 2)
    horizontal, vertical = g
    assert np.allclose(horizontal[:, :, 1], [[-6] * 4, [0] * 4, [6] * 4])  # x2 fixed per line
    assert np.allclose(horizontal[0, :, 0], [-6, -2, 2, 6])  # x1 runs along it
    assert np.allclose(vertical[:, :, 0], [[-6] * 4, [0] * 4, [6] * 4])
    assert np.allclose(vertical[0, :, 1], [-6, -2, 2, 6])


def test_a_two_neuron_layer_is_drawn_as_it_is():
    s = _session([2, 3], epochs=3)
    v = hidden_view(s.net, s.settings["features"], s.points, 0, axes=[0, 1])
    grid = lattice()
    assert v["width"] == 2 and v["axes"] == [0, 1] and v["shares"] is None
    assert np.allclose(v["lattice"].reshape(-1, 2), _layer_acts(s, grid, 0))
    assert np.allclose(v["points"].reshape(-1, 2), _layer_acts(s, s.points, 0))
    assert v["lattice"].size == 2 * LINES * SAMPLES * 2


def test_neuron_axes_pick_those_neurons_of_a_deeper_layer():
    s = _session([5, 4], features=("x1", "x2", "x1x2"), epochs=2)
    v = hidden_view(s.net, s.settings["features"], s.points, 1, axes=[3, 1])
    acts = _layer_acts(s, s.points, 1)
    assert np.allclose(v["points"].reshape(-1, 2), acts[:, [3, 1]])


def test_pca_axes_are_the_datas_principal_directions():
    s = _session([6], epochs=5)
    v = hidden_view(s.net, s.settings["features"], s.points, 0)
    acts = _layer_acts(s, s.points, 0)
    centred = acts - acts.mean(axis=0)
    _, sv, vt = np.linalg.svd(centred, full_matrices=False)
    xy = v["points"].reshape(-1, 2)
    # the same directions (up to a sign each), and the shares are the variance they explain
    signs = np.sign(np.sum(xy * (centred @ vt[:2].T), axis=0))
    basis = vt[:2] * signs[:, None]
    assert np.allclose(xy, centred @ basis.T, atol=1e-9)
    assert v["shares"] == pytest.approx(list(sv[:2] ** 2 / np.sum(sv**2)))
    # the projection is centred on the data and uncorrelated along the two axes
    assert np.allclose(xy.mean(axis=0), 0, atol=1e-9)
    assert abs(np.corrcoef(xy.T)[0, 1]) < 1e-6
    # the lattice goes through the same projection
    lat = (_layer_acts(s, lattice(), 0) - acts.mean(axis=0)) @ basis.T
    assert np.allclose(v["lattice"].reshape(-1, 2), lat, atol=1e-9)


def test_pca_orientation_does_not_flip_when_training_barely_moves_the_weights():
    """The animation must not mirror from one frame to the next: after one more tiny step the
    two pictures are close, not reflected."""
    s = _session([8], dataset="circle", epochs=20)
    before = hidden_view(s.net, s.settings["features"], s.points, 0)["points"].reshape(-1, 2)
    s.configure({"lr": 1e-4})
    s.step(1)
    after = hidden_view(s.net, s.settings["features"], s.points, 0)["points"].reshape(-1, 2)
    assert np.max(np.abs(after - before)) < 0.05 * np.max(np.abs(before))


def test_degenerate_data_still_gives_a_picture():
    axes, shares = principal_axes(np.ones((5, 4)))  # every point the same
    assert np.all(axes == 0) and shares == [0.0, 0.0]
    axes, shares = principal_axes(np.zeros((1, 4)))  # one point
    assert np.all(axes == 0) and shares == [0.0, 0.0]
    s = _session([1, 3])
    v = hidden_view(s.net, s.settings["features"], s.points, 0, axes="pca")
    assert v["width"] == 1 and np.all(np.isfinite(v["points"]))
    one = hidden_view(s.net, s.settings["features"], s.points, 0, axes=[0, 1])
    assert one["axes"] == [0] and np.all(one["points"].reshape(-1, 2)[:, 1] == 0)


@pytest.mark.parametrize(
    "layer, axes, words",
    [
        (2, "pca", "has 2 hidden layers"),
        (-1, "pca", "has 2 hidden layers"),
        (True, "pca", "whole number"),
        (0, [0, 0], "two different neurons"),
        (0, [0, 9], "0..3"),
        (0, "umap", "two neuron indices"),
        (0, [0.5, 1], "whole numbers"),
    ],
)
def test_bad_requests_are_refused_in_words(layer, axes, words):
    s = _session([4, 3])
    with pytest.raises(ValueError, match=words):
        hidden_view(s.net, s.settings["features"], s.points, layer, axes)


def test_the_worker_message_sends_float32_arrays():
    e = Engine()
    e.handle("init", {"settings": {"layers": [3, 2]}})
    v = e.handle("hidden", {"layer": 1, "axes": [1, 0]})
    assert v["lattice"].dtype == np.float32 and v["lattice"].flags.c_contiguous
    assert v["points"].dtype == np.float32 and v["points"].size == 2 * len(e.session.points)
    with pytest.raises(ValueError, match="layer"):
        e.handle("hidden", {"layer": 2})
    with pytest.raises(ValueError, match="unknown payload field"):
        e.handle("hidden", {"layer": 0, "size": 3})
