"""The seed article's examples as playground presets."""

import json
import os

import numpy as np
import pytest

from bpcore import Session
from bpcore.features import feature_matrix
from bpcore.presets import SUGGESTED


def test_article_preset_starts_from_the_articles_weights():
    s = Session({"dataset": "article", **SUGGESTED["article"]})
    assert s.net.weights[0].tolist() == [[0.3, 0.4], [0.5, 0.5]]
    assert s.net.biases[1].tolist() == [0.5]
    assert len(s.train_idx) == 2 and len(s.test_idx) == 0
    m = s.metrics()
    assert abs(m["loss_train"] - 2.4101046854144412) < 1e-12
    assert m["loss_test"] is None and m["acc_test"] is None
    after = s.step(5)
    assert after["loss_train"] < m["loss_train"]
    json.dumps(s.snapshot())  # an empty test set still snapshots


def test_article_weights_only_for_the_articles_net():
    s = Session({"dataset": "article", **SUGGESTED["article"], "layers": [3]})
    assert s.net.sizes == [2, 3, 1]


def test_snapshot_round_trip_without_test_set():
    s = Session({"dataset": "and_gate", **SUGGESTED["and_gate"]})
    s.step(3)
    r = Session.restore(json.loads(json.dumps(s.snapshot())))
    s.step(4)
    r.step(4)
    assert np.array_equal(s.net.flat, r.net.flat)


def test_and_gate_preset_learns_and():
    s = Session({"dataset": "and_gate", **SUGGESTED["and_gate"], "lr": 1.0})
    m = s.step(3000)
    assert m["acc_train"] == 1.0
    y = s.net.forward(s.points[:, :2])[:, 0]
    assert (y[:3] < 0.1).all() and y[3] > 0.9, y


@pytest.mark.native_only
def test_the_pages_loss_check_agrees_with_bpcore():
    """web/domain/presets.js decides, before the engine is asked, whether a loss can apply to a
    data set (so picking a data set never gets refused); it must say what resolve_loss says."""
    import shutil
    import subprocess
    from pathlib import Path

    from bpcore import settings as st

    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing (CI installs it with npm)")
        pytest.skip("node is not installed")
    cases = [
        {**st.DEFAULTS, "dataset": d, "loss": loss, "classes": k, "problem": p}
        for d in st.SETTINGS["dataset"].choices
        for loss in st.SETTINGS["loss"].choices
        for k in (2, 3, 5)
        for p in ("classification", "regression")
    ]
    module = (Path(__file__).parents[1] / "web" / "domain" / "presets.js").as_uri()
    script = (
        f"import {{ lossMisfit }} from {json.dumps(module)};"
        "let d = ''; process.stdin.on('data', (c) => (d += c));"
        "process.stdin.on('end', () => console.log(JSON.stringify("
        "JSON.parse(d).map((s) => lossMisfit(s) === ''))));"
    )
    r = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    page = json.loads(r.stdout)

    def fits(s):
        try:
            st.resolve_loss(st.validate(s))
            return True
        except ValueError:
            return False

    wrong = [
        (c["dataset"], c["loss"], c["classes"], c["problem"])
        for c, ok in zip(cases, page, strict=True)
        if ok != fits(c)
    ]
    assert wrong == []


def test_the_article_sets_zoom_the_map_to_their_points():
    """The AND gate's four points fill the map instead of a corner of +-6: the engine's grid
    (and with it the map and the neurons' pictures) spans the data set's window."""
    from bpcore.datasets import DATASETS
    from bpcore.features import grid_xy

    for name in ("and_gate", "article"):
        s = Session({"dataset": name, **SUGGESTED[name]})
        lo, hi = s.view
        assert (lo, hi) == DATASETS[name].view
        pts = s.points[:, :2]
        assert lo < pts.min() and pts.max() < hi
        assert (pts.max() - pts.min()) / (hi - lo) >= 0.25  # not squeezed into a corner
        g = s.grid(4, neurons=False)["output"]
        want = s.net.forward(feature_matrix(grid_xy(4, lo, hi), s.settings["features"]))[:, 0]
        np.testing.assert_allclose(g, want.astype(np.float32))
    assert Session({"dataset": "circle"}).view == (-6.0, 6.0)
