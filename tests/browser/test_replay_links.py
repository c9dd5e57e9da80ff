"""A link's replay in the page (issue 20, items 2-5): whatever the page shows, its link
reproduces, and the link's own notices stay.

- a second link opened while the first one's training replays cancels that replay for good: the
  page shows exactly what the second link alone shows, and the address bar holds the second link;
- a replay that fails part-way (a weight edit the network has no neuron for) stops with the
  edits before it applied, and the address bar holds exactly that (epoch and edits);
- a link's notice (a clamped setting) stays after the replay, which then does not claim the
  training was replayed "as it was shared";
- a replay that would take very long says its estimated time and can be cancelled: stay at the
  epoch reached, or open at epoch 0; the notice says which and the address bar matches.

The page is the built dist/ (the `base_url` fixture); the expected numbers come from bpcore
natively (bpcore.replay, the same numbers bit for bit, tests/browser/test_replay_browser.py).
"""

from __future__ import annotations

import base64
import json
import sys
import zlib
from pathlib import Path

import pytest
from pages import READY_MS, wait_quiet

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bpcore import replay as native_replay  # noqa: E402
from bpcore.link import encode_link, read_link  # noqa: E402
from bpcore.session import Session  # noqa: E402


def replaying(page, at_least=1, timeout=READY_MS):
    page.wait_for_function(
        "(n) => window.bp && window.bp.snapshot().replay && window.bp.snapshot().replay.done >= n",
        arg=at_least,
        timeout=timeout,
        polling=20,
    )


def address(page):
    """The address bar's link, once it has settled (the link is written debounced)."""
    page.evaluate("() => window.bp.flushLink()")
    return read_link(page.evaluate("() => location.hash"))


def native(link_text, epochs=None, edits=None):
    """What bpcore trains from a link: -> the session after the link's training."""
    r = read_link(link_text)
    sess = Session(r.settings, r.points)
    native_replay.train(
        sess, r.epoch if epochs is None else epochs, r.edits if edits is None else edits
    )
    return sess


def shown(page):
    return page.evaluate(
        "() => document.getElementById('notice').innerText + ' | ' + "
        "document.getElementById('notices').innerText"
    )


def test_a_link_opened_during_a_replay_cancels_it_for_good(page, base_url):
    first = encode_link({}, epoch=1_000_000)
    second = encode_link({"lr": 0.1, "seed": 7}, epoch=50)
    page.goto(f"{base_url}index.html#{first}")
    replaying(page)
    page.evaluate("(h) => { location.hash = h; }", second)
    wait_quiet(page)
    page.wait_for_timeout(1500)  # nothing replays on behind the page's back
    s = page.evaluate("() => window.bp.snapshot()")
    assert s["replay"] is None
    want = native(second).metrics()
    assert s["epoch"] == 50
    assert s["metrics"]["lossTrain"] == pytest.approx(want["loss_train"], abs=1e-9)
    link = address(page)
    assert (link.epoch, link.settings["lr"], link.settings["seed"]) == (50, 0.1, 7)


def test_a_replay_that_fails_part_way_leaves_a_link_that_reproduces_the_page(page, base_url):
    edits = [[2, 0, 0, 0, 0.5], [5, 0, 1, 1, -0.75], [8, 0, 999, 0, 1.0]]
    link_text = encode_link({"dataset": "xor", "layers": [4]}, epoch=12, edits=edits)
    page.goto(f"{base_url}index.html#{link_text}")
    wait_quiet(page)
    s = page.evaluate("() => window.bp.snapshot()")
    assert s["epoch"] == 8
    want = native(link_text, epochs=8, edits=edits[:2]).metrics()
    assert s["metrics"]["lossTrain"] == pytest.approx(want["loss_train"], abs=1e-9)
    link = address(page)
    assert link.epoch == 8 and link.edits == edits[:2]


def test_a_links_notice_stays_after_its_replay(page, base_url):
    # a link made by hand with lr 50 (the encoder refuses it; the page clamps it to 10)
    raw = json.dumps({"dataset": "xor", "lr": 50, "epoch": 30}, separators=(",", ":")).encode()
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(raw) + c.flush()
    text = "v2." + base64.urlsafe_b64encode(
        data + zlib.crc32(data).to_bytes(4, "big")
    ).decode().rstrip("=")
    page.goto(f"{base_url}index.html#{text}")
    wait_quiet(page)
    page.wait_for_timeout(1500)
    words = shown(page)
    assert "lr" in words and "10" in words, words
    assert "as it was shared" not in words, words
    assert "epoch 30" in words, words
    # dismissed, it goes
    page.locator("#notices").get_by_role("button", name="Dismiss").first.click()
    page.wait_for_function("() => !document.getElementById('notices').innerText.includes('lr')")


def test_a_link_without_changes_is_replayed_as_it_was_shared(page, base_url):
    page.goto(f"{base_url}index.html#{encode_link({'dataset': 'xor'}, epoch=20)}")
    wait_quiet(page)
    page.wait_for_function("() => document.body.innerText.includes('as it was shared')")


LONG = {"dataset": "spiral", "layers": [64] * 10, "n_points": 2000, "batch_size": 1}


@pytest.mark.parametrize("choice", ["stay", "zero"])
def test_a_long_replay_says_its_time_and_can_be_cancelled(page, base_url, choice):
    page.goto(f"{base_url}index.html#{encode_link(LONG, epoch=1_000_000)}")
    box = page.locator("#replay-progress")
    # the estimate, once known (a few chunks)
    page.wait_for_function(
        "() => /left/.test(document.getElementById('replay-progress').innerText)", timeout=READY_MS
    )
    assert "epoch" in box.inner_text()
    name = "Stop here" if choice == "stay" else "Open at epoch 0"
    box.get_by_role("button", name=name).click()
    wait_quiet(page)
    s = page.evaluate("() => window.bp.snapshot()")
    assert s["replay"] is None and box.is_hidden()
    link = address(page)
    if choice == "stay":
        assert s["epoch"] > 0 and link.epoch == s["epoch"]
        assert f"epoch {s['epoch']}" in shown(page)
    else:
        assert s["epoch"] == 0 and link.epoch == 0
        assert "epoch 0" in shown(page)
    assert link.settings["layers"] == [64] * 10
