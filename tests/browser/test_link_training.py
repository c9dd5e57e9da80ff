"""A link keeps the training (issue 10.14) and says what it cannot hold (issue 11.7).

The user's steps, in the built page (the `base_url` fixture): train with Play and Step, edit a
weight as the diagram's editor does (window.bp.editWeight), train more, take the link
(window.bp.flushLink, what Copy link copies). A fresh page opened on that link replays the
training with a labelled progress bar and then shows the very same epoch, losses (exact), weights
and map. Pressing Play during the replay does not change what it arrives at. (Settings changed on
the way, and a training a link cannot replay: tests/browser/test_link_changes.py.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pages import READY_MS, wait_quiet

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bpcore.link import encode_link, read_link  # noqa: E402

# batch 1 on the spiral: many tanh calls per epoch, so any difference in order or chunking shows
SETTINGS = {"dataset": "spiral", "layers": [6, 4], "batch_size": 1, "lr": 0.03, "noise": 10}
EDIT = {"layer": 0, "i": 1, "j": 0, "value": 0.75}

# Every frame: was the replay's progress bar shown, and with which values (views draw in frames).
WATCH_REPLAY = """
(() => {
  window.__replaySeen = [];
  const look = () => {
    const box = document.getElementById("replay-progress");
    const bar = document.getElementById("replay-bar");
    if (box && bar && !box.hidden) window.__replaySeen.push([bar.value, bar.max]);
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""


def play_until(page, epoch):
    page.evaluate("() => window.bp.play()")
    page.wait_for_function(f"() => window.bp.snapshot().epoch >= {epoch}", timeout=60_000)
    page.evaluate("() => window.bp.pause()")
    wait_quiet(page)


def state(page):
    """epoch, losses, weights and the map's numbers, as the page and its engine have them."""
    return page.evaluate(
        """async () => {
            const s = window.bp.snapshot();
            const w = await window.bp.engine.request("weights", {});
            const g = await window.bp.engine.request("grid", { size: 24, neurons: false });
            return { epoch: s.epoch, lossTrain: s.metrics.lossTrain, lossTest: s.metrics.lossTest,
                     weights: w, map: Array.from(g.output),
                     notice: [s.notice, ...(s.notices || [])].join(" | ") };
        }"""
    )


def new_page(browser, script=None):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.bp_errors = errors
    if script:
        page.add_init_script(script)
    return page


@pytest.fixture(scope="module")
def shared(browser, base_url):
    """The page the link is copied from: Play, Step, a weight edit, Play again."""
    page = new_page(browser)
    page.goto(f"{base_url}index.html#{encode_link(SETTINGS)}")
    wait_quiet(page)
    play_until(page, 40)
    page.evaluate("() => window.bp.step()")
    wait_quiet(page)
    edited_at = page.evaluate("() => window.bp.snapshot().epoch")
    page.evaluate(  # the old page has no bp.editWeight: the engine's request edits alike
        """async (w) => window.bp.editWeight ? window.bp.editWeight(w)
            : window.bp.engine.request("setWeight", w)""",
        EDIT,
    )
    wait_quiet(page)
    play_until(page, edited_at + 60)
    link = page.evaluate("() => window.bp.flushLink()")
    out = {"link": link, "edited_at": edited_at, "state": state(page), "errors": page.bp_errors}
    out["page"] = page  # kept open: a later test trains it on
    yield out
    page.context.close()


def test_the_link_holds_the_epoch_and_the_weight_edit(shared):
    r = read_link(shared["link"])
    assert r.notices == []
    assert r.epoch == shared["state"]["epoch"] >= shared["edited_at"] + 60
    assert r.edits == [[shared["edited_at"], EDIT["layer"], EDIT["i"], EDIT["j"], EDIT["value"]]]
    assert len(shared["link"]) < 200  # the training costs a few characters, not the weights


def test_a_fresh_page_replays_to_the_same_epoch_losses_weights_and_map(browser, base_url, shared):
    page = new_page(browser, WATCH_REPLAY)
    page.goto(f"{base_url}index.html#{shared['link']}")
    wait_quiet(page)
    got, want = state(page), shared["state"]
    assert got["epoch"] == want["epoch"]
    assert (got["lossTrain"], got["lossTest"]) == (want["lossTrain"], want["lossTest"])  # exact
    assert got["weights"] == want["weights"]
    assert got["map"] == want["map"]
    assert f"epoch {want['epoch']}" in got["notice"]
    # the progress bar was shown while it replayed, then hidden; a <progress> with a label
    seen = page.evaluate("() => window.__replaySeen")
    assert seen and seen[-1][1] == want["epoch"], seen[-3:]
    assert [v for v, _ in seen] == sorted(v for v, _ in seen)
    bar = page.get_by_role("progressbar", name="Replaying the link's training", include_hidden=True)
    assert bar.count() == 1
    assert page.locator("#replay-progress").is_hidden()
    # the address bar still holds the same training
    assert read_link(page.evaluate("() => location.hash")).epoch == want["epoch"]
    assert page.bp_errors == [] and shared["errors"] == []
    page.context.close()


def test_play_during_the_replay_waits_for_it(browser, base_url, shared):
    """Play pressed while the link's training replays: training goes on only after the replay,
    so any later epoch is still the source page's run (the edit at its epoch, nothing twice)."""
    page = new_page(browser)
    page.goto(f"{base_url}index.html#{shared['link']}")
    page.wait_for_function(  # replaying (before, during loading, Play is queued anyway)
        "() => window.bp && window.bp.snapshot().replay && window.bp.snapshot().replay.done > 0",
        timeout=READY_MS,
        polling=5,
    )
    page.evaluate("() => window.bp.play()")
    assert page.evaluate("() => window.bp.snapshot().replay") is not None, "replayed too fast"
    n = shared["state"]["epoch"]
    page.wait_for_function(
        f"() => window.bp.snapshot().epoch >= {n + 20} && !window.bp.snapshot().replay",
        timeout=60_000,
    )
    page.evaluate("() => window.bp.pause()")
    wait_quiet(page)
    got = state(page)
    # the source page, trained on to the same epoch by its engine
    src = shared["page"].evaluate(
        """async (k) => {
            const r = await window.bp.engine.request("step", { epochs: k });
            const w = await window.bp.engine.request("weights", {});
            return { epoch: r.metrics.epoch, lossTrain: r.metrics.lossTrain,
                     lossTest: r.metrics.lossTest, weights: w };
        }""",
        got["epoch"] - n,
    )
    assert src["epoch"] == got["epoch"] > n
    assert (got["lossTrain"], got["lossTest"]) == (src["lossTrain"], src["lossTest"])
    assert got["weights"] == src["weights"]
    page.context.close()


def test_a_damaged_link_is_named_and_the_page_keeps_what_it_had(browser, base_url):
    """Issue 11.10 in the page: one character changed in a link opened over a page (hashchange)
    is named, and the page keeps its settings (and writes them back into the address bar)."""
    page = new_page(browser)
    page.goto(f"{base_url}index.html#{encode_link({'dataset': 'xor', 'lr': 0.1})}")
    wait_quiet(page)
    play_until(page, 5)
    epoch = page.evaluate("() => window.bp.snapshot().epoch")
    other = encode_link({"dataset": "gaussian", "layers": [3], "noise": 20})
    at = len(other) // 2
    damaged = other[:at] + ("A" if other[at] != "A" else "B") + other[at + 1 :]
    page.evaluate("(h) => { location.hash = h; }", damaged)
    page.wait_for_function(
        "() => document.getElementById('notice').textContent.includes('checksum does not match')"
    )
    assert "The page keeps what it had" in page.locator("#notice").inner_text()
    s = page.evaluate("() => window.bp.snapshot().settings")
    assert (s["dataset"], s["lr"]) == ("xor", 0.1)
    wait_quiet(page)
    assert page.evaluate("() => window.bp.snapshot().epoch") == epoch  # the training too
    page.wait_for_function("(d) => location.hash.slice(1) !== d", arg=damaged)
    assert read_link(page.evaluate("() => location.hash")).settings["dataset"] == "xor"
    page.context.close()
