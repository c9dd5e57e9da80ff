"""A run in the page replays natively: the browser trains N epochs, gives its share link, and
`python -m bpcore replay <link> --epochs N --json` gets the same losses (to 1e-9).

The page is the built dist/ (the `base_url` fixture). It is opened on a link made natively
with bpcore.link.encode_link (drawn, quantised points, so nothing but the link carries the
data). Training goes through window.bp.engine, one `step {epochs: 1}` per epoch, so the test
does not depend on the page's controls. The link compared is the page's own
(window.bp.flushLink); the page must have opened the link (window.bp.snapshot and
window.bp.sessionPoints show its settings and points).
"""

from __future__ import annotations

import numpy as np
import pytest
from pages import READY_MS, native_replay
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bpcore.link import decode_link, encode_link, quantize_points

EPOCHS = 30
TOL = 1e-9

CASES = {
    "classes": (
        {
            "dataset": "custom",
            "classes": 3,
            "features": ["x1", "x2", "x1x2", "sinx1"],
            "layers": [5, 4],
            "activation": ["tanh", "relu"],
            "optimizer": "adam",
            "lr": 0.01,
            "batch_size": 7,
            "train_ratio": 70,
            "reg": "l2",
            "reg_rate": 0.001,
            "seed": 11,
            "data_seed": 5,
        },
        "classification",
    ),
    "regression": (
        {
            "dataset": "custom",
            "problem": "regression",
            "layers": [6],
            "activation": ["sigmoid"],
            "optimizer": "momentum",
            "lr": 0.05,
            "batch_size": 4,
            "train_ratio": 60,
            "seed": 3,
        },
        "regression",
    ),
}


def drawn_points(problem: str, n: int = 90) -> np.ndarray:
    """Points as if drawn in the page: quantised like the page does when it stores them."""
    rng = np.random.default_rng(2024)
    xy = rng.uniform(-5.5, 5.5, size=(n, 2))
    if problem == "regression":
        label = np.tanh(xy[:, 0] / 3) * np.cos(xy[:, 1] / 3)
    else:
        label = (np.hypot(xy[:, 0], xy[:, 1]) // 2.2 % 3).astype(float)
    return quantize_points(np.column_stack([xy, label]), problem)


def wait_for_session(page):
    """The engine is up, the page's own session is built, and the page has gone quiet."""
    try:
        page.wait_for_function(
            """() => {
                const bp = window.bp;
                const ok = bp && bp.engine && bp.engine.status === "ready" && !bp.engine.busy
                    && bp.snapshot().epoch !== null;
                window.__bpQuiet = ok ? (window.__bpQuiet || 0) + 1 : 0;
                return window.__bpQuiet >= 5;
            }""",
            timeout=READY_MS,
            polling=100,
        )
    except PlaywrightTimeout:
        status = page.evaluate("() => window.bp ? window.bp.engine.status : 'no window.bp'")
        raise AssertionError(f"the engine did not become ready: {status}") from None


def page_took_the_link(page, settings, points) -> bool:
    return page.evaluate(
        """([want, pts]) => {
            const s = window.bp.snapshot();
            if (s.epoch === null) return false;
            const same = (k) => JSON.stringify(s.settings[k]) === JSON.stringify(want[k]);
            if (!Object.keys(want).every(same)) return false;
            const got = window.bp.sessionPoints();
            return got.length === pts.length
                && pts.every((p, i) => p.every((v, c) => got[i][c] === v));
        }""",
        [settings, points.tolist()],
    )


def train_in_page(page, epochs):
    """One `step {epochs: 1}` per epoch through the page's engine: [(lossTrain, lossTest)]."""
    return page.evaluate(
        """async (n) => {
            const out = [];
            for (let k = 0; k < n; k++) {
                const r = await window.bp.engine.request("step", { epochs: 1 });
                out.push([r.metrics.epoch, r.metrics.lossTrain, r.metrics.lossTest]);
            }
            return out;
        }""",
        epochs,
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_page_run_replays_natively(page, base_url, case):
    wanted, problem = CASES[case]
    points = drawn_points(problem)
    start = encode_link(wanted, points)
    settings, _, notices = decode_link(start)
    assert notices == []

    page.goto(f"{base_url}index.html#{start}")
    wait_for_session(page)
    assert page_took_the_link(page, settings, points), "the page did not open the link"
    # the page's own session: back to epoch 0 (same data, initial weights from `seed`)
    page.evaluate("() => window.bp.engine.request('reset', {})")
    link = page.evaluate("() => window.bp.flushLink()")
    link = link.lstrip("#")
    assert link.startswith("v2.")
    page_settings, page_points, page_notices = decode_link(link)
    assert page_notices == []
    for k, v in settings.items():  # the link holds what was trained
        if k not in ("show_test", "discretize"):
            assert page_settings[k] == v, k
    np.testing.assert_array_equal(page_points, points)

    browser = train_in_page(page, EPOCHS)
    assert [e for e, _, _ in browser] == list(range(1, EPOCHS + 1))

    native = native_replay(link, "--epochs", str(EPOCHS))
    assert native["notices"] == []
    assert native["epochs"] == list(range(1, EPOCHS + 1))
    for (e, train, test), nt, ns in zip(browser, native["loss_train"], native["loss_test"]):
        assert abs(train - nt) <= TOL, f"epoch {e}: page {train!r} vs native {nt!r}"
        assert abs(test - ns) <= TOL, f"epoch {e}: page {test!r} vs native {ns!r}"
    first, last = browser[0][1], browser[-1][1]
    assert last < first, "the run did not learn anything; the comparison would be weak"
