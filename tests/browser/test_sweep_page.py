"""The learning-rate sweep in a real page: opened and started from the keyboard, its progress,
the plot (a log rate axis, a loss axis, diverged runs in a band of their own), "Use this rate"
(the control shows it, the link carries it), Cancel, the main training paused and restored
with its epoch and weights untouched; on a phone, in Chinese."""

import json
import math
import sys
from pathlib import Path

import pytest
from artifacts import ARTIFACTS, shoot
from pages import READY_MS, open_visitor, painted

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bpcore.link import read_link  # noqa: E402

STATE = "() => bp.sweep.state()"
# a sweep part-way: the bar and the status say which run trains
PART_WAY = """() => {
  const s = bp.sweep.state();
  const bar = document.getElementById('sweep-progress');
  const status = document.getElementById('sweep-status').textContent;
  return s.running && s.done > 0 && s.done < s.total && !bar.hidden
    && bar.value === s.done && bar.max === s.total
    && /^Run \\d of 9: learning rate [\\d.]+$/.test(status);
}"""
MARKS = """() => {
  const all = (sel) => [...document.querySelectorAll('#sweep-plot ' + sel)];
  return {
    points: all('.sweep-point').map((c) => Number(c.getAttribute('cy'))),
    crosses: all('.sweep-diverged').map((p) => p.getBoundingClientRect().bottom),
    axisTop: Math.min(...all('.sweep-grid line').map((l) => l.getBoundingClientRect().top)),
  };
}"""
WORDS = """() => {
  const root = document.getElementById('sweep-root');
  const labels = [...root.querySelectorAll('[aria-label]')].map((e) => e.ariaLabel);
  return [root.innerText, ...labels].join(' ');
}"""
SIZES = """() => ({
  page: document.documentElement.scrollWidth,
  plot: document.getElementById('sweep-plot').getBoundingClientRect().right,
  font: Math.min(...[...document.querySelectorAll('#sweep-plot text')]
    .map((t) => parseFloat(getComputedStyle(t).fontSize))),
})"""


def _ready(pg):
    pg.wait_for_function(
        "() => bp.engine.status === 'ready' && bp.stats.sessionAt && bp.snapshot().epoch !== null",
        timeout=READY_MS,
    )


def _finished(pg, timeout=120_000):
    pg.wait_for_function(
        "() => { const s = bp.sweep.state(); return !s.running && s.outcome; }", timeout=timeout
    )
    return pg.evaluate(STATE)


def _texts(pg, selector):
    return pg.evaluate(
        "(sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent)", selector
    )


def _weights(pg):
    return pg.evaluate("() => bp.engine.request('weights').then((w) => JSON.stringify(w))")


@pytest.fixture(scope="module")
def en(browser, base_url):
    context, pg = open_visitor(browser, base_url)
    _ready(pg)
    yield pg
    context.close()


def test_a_sweep_from_the_keyboard_draws_the_u_and_uses_a_rate(en):
    pg = en
    pg.evaluate("() => bp.step()")
    pg.wait_for_function("() => bp.snapshot().epoch === 1 && !bp.snapshot().training")
    before = {"epoch": pg.evaluate("() => bp.snapshot().epoch"), "weights": _weights(pg)}
    metrics = pg.evaluate("() => bp.snapshot().metrics")
    # keyboard: the heading opens the panel, Tab reaches Start through the form
    summary = pg.locator("#sweep-details summary")
    summary.focus()
    pg.keyboard.press("Enter")
    pg.wait_for_function("() => bp.sweep.state().open && document.getElementById('sweep-start')")
    assert pg.get_by_label("From", exact=True).input_value() == "0.001"
    assert pg.get_by_label("To", exact=True).input_value() == "10"
    assert pg.get_by_label("Rates", exact=True).input_value() == "9"
    for _ in range(5):
        pg.keyboard.press("Tab")
    assert pg.evaluate("() => document.activeElement.id") == "sweep-start"
    pg.keyboard.press("Enter")
    # progress: a run named while it trains, the bar part-way
    pg.wait_for_function(PART_WAY, timeout=60_000)
    s = _finished(pg)
    assert s["outcome"] == "done" and len(s["results"]) == 9
    assert s["rates"] == [0.001, 0.0032, 0.01, 0.032, 0.1, 0.32, 1.0, 3.2, 10.0]
    assert s["epochs"] == 20 and s["startLoss"] > 0
    losses = [r["loss"] for r in s["results"]]
    best = s["pick"]
    assert 0 < best < 8 and not s["results"][best]["diverged"]  # the U: the best inside
    assert losses[0] > losses[best] and s["results"][-1]["diverged"]
    # the main run: same epoch, same weights, same metrics
    assert pg.evaluate("() => bp.snapshot().epoch") == before["epoch"]
    assert _weights(pg) == before["weights"]
    assert pg.evaluate("() => bp.snapshot().metrics") == metrics
    painted(pg)
    status = pg.locator("#sweep-status").inner_text()
    rate = s["results"][best]["lr"]
    assert status == (
        "Done: 9 runs of 20 epochs each, all from the same initial weights. "
        f"The lowest loss: learning rate {rate:g}."
    )

    # the plot: axes named, the rate axis logarithmic, diverged runs in the band, not as numbers
    plot = pg.locator("#sweep-plot")
    assert plot.get_attribute("role") == "img" and plot.get_attribute("aria-label")
    texts = _texts(pg, "#sweep-plot text")
    assert "Learning rate (log scale)" in texts and "Training loss after 20 epochs" in texts
    assert "diverged" in texts
    ticks = pg.evaluate(
        "() => [...document.querySelectorAll('#sweep-plot .sweep-tick')]"
        ".filter((t) => t.getAttribute('text-anchor') === 'middle')"
        ".map((t) => [t.textContent, Number(t.getAttribute('x'))])"
    )
    assert [name for name, _ in ticks] == ["0.001", "0.01", "0.1", "1", "10"]
    gaps = [b[1] - a[1] for a, b in zip(ticks, ticks[1:])]
    assert max(gaps) - min(gaps) < 1  # a decade is the same width everywhere
    marks = pg.evaluate(MARKS)
    diverged = sum(r["diverged"] for r in s["results"])
    assert len(marks["crosses"]) == diverged >= 1 and len(marks["points"]) == 9 - diverged
    assert all(b <= marks["axisTop"] for b in marks["crosses"])  # above the loss axis
    legend = pg.locator(".sweep-legend li").all_inner_texts()
    assert legend == [
        "training loss at the end of the run",
        "diverged: the loss ended above where it started",
        "loss at the start",
        "current learning rate",
        "chosen rate",
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.locator("#sweep-root").screenshot(path=str(ARTIFACTS / "sweep-panel-en.png"))
    # the runs to pick from: the best chosen, a diverged one said in words
    pick = pg.get_by_label("Rate", exact=True)
    options = pick.locator("option").all_inner_texts()
    assert options[-1] == "10: diverged"
    assert options[best] == f"{rate:g}: loss {losses[best]:.3f}"
    assert pick.input_value() == str(best)
    assert not any("e+" in o or "Infinity" in o for o in options)

    # "Use this rate" with another one chosen: the control shows it, the link carries it
    pick.select_option(index=5)
    pg.get_by_role("button", name="Use this rate").click()
    pg.wait_for_function("() => bp.snapshot().settings.lr === 0.32")
    painted(pg)
    assert pg.locator("#lr").input_value() == "0.32"
    assert pg.locator("#lr option:checked").inner_text() == "0.32"
    assert pg.locator("#sweep-status").inner_text() == "The learning rate is now 0.32."
    pg.evaluate("() => bp.flushLink()")
    link = read_link(pg.evaluate("() => location.hash"))
    assert link.epoch == 1 and [1, "lr", 0.32] in [list(e) for e in link.edits]

    # the sweep's run at 0.32 is the page's own run at 0.32, bit for bit: Reset, Play to epoch 20
    pg.get_by_role("button", name="Reset").click()
    pg.wait_for_function("() => bp.snapshot().epoch === 0 && !bp.snapshot().training")
    pg.fill("#stop-at", str(s["epochs"]))
    pg.locator("#stop-at").dispatch_event("change")
    pg.evaluate("() => bp.play()")
    pg.wait_for_function(
        "n => { const s = bp.snapshot(); return s.epoch === n && !s.playing && !s.training; }",
        arg=s["epochs"],
        timeout=60_000,
    )
    assert pg.evaluate("() => bp.snapshot().metrics.lossTrain") == losses[5]
    pg.fill("#stop-at", "")
    pg.locator("#stop-at").dispatch_event("change")
    assert pg.bp_errors == []


def test_cancel_and_the_training_paused_and_restored(en):
    pg = en
    pg.evaluate("() => bp.play()")
    pg.wait_for_function("() => bp.snapshot().epoch >= 20 && bp.snapshot().playing")
    pg.evaluate("() => { bp.sweep.start({count: 25, epochs: 200}); }")
    # paused while it runs: the epoch stands still
    pg.wait_for_function(
        "() => { const s = bp.sweep.state(); return s.running && s.results.length >= 1"
        " && !bp.snapshot().playing && !bp.snapshot().training; }",
        timeout=60_000,
    )
    epoch = pg.evaluate("() => bp.snapshot().epoch")
    weights = _weights(pg)
    pg.wait_for_function("() => bp.sweep.state().results.length >= 2", timeout=60_000)
    assert pg.evaluate("() => bp.snapshot().epoch") == epoch
    assert pg.locator("#sweep-note").inner_text().startswith("The main training waits")
    pg.get_by_role("button", name="Cancel").click()
    s = _finished(pg, timeout=30_000)
    assert s["outcome"] == "cancelled" and 2 <= len(s["results"]) < 25
    assert s["done"] < s["total"]
    painted(pg)
    status = pg.locator("#sweep-status").inner_text()
    assert status == f"Cancelled after {len(s['results'])} of 25 runs."
    # the plot keeps the runs done, the rates to come as ticks
    assert pg.locator("#sweep-plot .sweep-pending").count() == 25 - len(s["results"])
    # restored: Play again, on from the very epoch and weights it stopped at
    assert pg.evaluate("() => bp.snapshot().playing")
    pg.wait_for_function(f"() => bp.snapshot().epoch > {epoch}", timeout=30_000)
    pg.evaluate("() => bp.pause()")
    pg.wait_for_function("() => !bp.snapshot().training")
    assert weights != _weights(pg)  # (it trained on)
    assert pg.bp_errors == []


def test_play_during_a_sweep_stops_it(en):
    pg = en
    pg.evaluate("() => { bp.sweep.start({count: 25, epochs: 200}); }")
    pg.wait_for_function("() => bp.sweep.state().results.length >= 1", timeout=60_000)
    pg.get_by_role("button", name="Play").click()
    s = _finished(pg, timeout=30_000)
    assert s["outcome"] == "cancelled"
    pg.wait_for_function("() => bp.snapshot().playing")
    pg.evaluate("() => bp.pause()")
    pg.wait_for_function("() => !bp.snapshot().training")


def test_on_a_phone_in_chinese(browser, base_url):
    context, pg = open_visitor(browser, base_url, locale="zh-CN", viewport=(390, 844))
    _ready(pg)
    pg.get_by_text("学习率扫描").click()
    pg.wait_for_function("() => document.getElementById('sweep-start')")
    pg.get_by_label("每次训练的轮数").select_option("5")
    pg.get_by_role("button", name="开始扫描").click()
    s = _finished(pg)
    assert s["outcome"] == "done" and s["epochs"] == 5
    pg.locator("#sweep-plot").scroll_into_view_if_needed()
    painted(pg)
    texts = _texts(pg, "#sweep-plot text")
    assert "学习率（对数刻度）" in texts and "训练 5 轮后的训练损失" in texts
    status = pg.locator("#sweep-status").inner_text()
    assert status.startswith("完成：共 9 次训练，每次 5 轮")
    # every word of the panel is Chinese (numbers aside)
    words = pg.evaluate(WORDS)
    latin = [w for w in words.split() if any(c.isascii() and c.isalpha() for c in w)]
    assert latin == [], words
    # readable: nothing wider than the phone, the plot's text at least 11 px
    size = pg.evaluate(SIZES)
    assert size["page"] <= 390 and size["plot"] <= 390 and size["font"] >= 11, size
    shoot(pg, "sweep-phone-zh", full_page=False)
    pg.locator("#sweep-root").screenshot(path=str(ARTIFACTS / "sweep-panel-zh.png"))
    # Use this rate, in Chinese
    pg.get_by_role("button", name="使用这个学习率").click()
    lr = s["results"][s["pick"]]["lr"]
    pg.wait_for_function(f"() => bp.snapshot().settings.lr === {json.dumps(lr)}")
    # the control shows it from the next frame on
    pg.wait_for_function("(v) => Number(document.querySelector('#lr').value) === v", arg=lr)
    assert math.isclose(float(pg.locator("#lr").input_value()), lr)
    assert pg.bp_errors == []
    context.close()
