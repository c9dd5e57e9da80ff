"""A share link with the lab's code (issue 21 item 5), in the page: the lab opens on the link's
exercise with its code, nothing runs until Run (the lab runner gets no request before it), the
student's own code is kept ("Back to my code"), said in English and Chinese; a plugged run's
link opens at epoch 0 and replays to the same losses only after "Check and plug this code, then
replay" (and natively with --trust-code); code that fails its check is refused and says so.

Fails on the page before links carried code: the link's lab part is ignored, nothing opens.
"""

import json
from pathlib import Path

import pytest
from pages import READY_MS, new_context_page, wait_snapshot

from bpcore.cli import main
from bpcore.link import encode_link, read_link

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "tests" / "lab_solutions" / "plug_activation"
SOFTPLUS = (SOLUTIONS / "correct.py").read_text(encoding="utf-8")
SLIP = (SOLUTIONS / "tanh_of_a.py").read_text(encoding="utf-8")
MINE = "# my own sigmoid, not finished\n"
SHARED = "print('from the teacher', 6 * 7)\n"
SETTINGS = {"dataset": "xor", "layers": [4], "activation": ["relu"], "lr": 0.1, "seed": 3}


def visit(browser, base_url, hash_="", query="", locale="en-US", context=None):
    if context is None:
        context, pg = new_context_page(browser, locale=locale, viewport=(1280, 900))
    else:
        pg = context.new_page()
        pg.bp_errors = []
        pg.on("pageerror", lambda exc: pg.bp_errors.append(str(exc)))
    pg.goto(f"{base_url}index.html{query}{hash_}")
    pg.wait_for_function(
        "() => bp.engine.status === 'ready' && bp.stats.sessionAt", timeout=READY_MS
    )
    return context, pg


def notices(pg):
    return " | ".join(pg.evaluate("() => bp.snapshot().notices"))


def requests(pg):
    return pg.evaluate("() => bp.lab.info()")["requests"]


def test_a_link_with_code_shows_it_and_runs_it_only_on_run(browser, base_url):
    context, pg = visit(browser, base_url)
    try:
        pg.evaluate("() => bp.lab.open('sigmoid')")  # the student's own code, saved
        pg.evaluate("(c) => { bp.lab.setCode(c); bp.lab.flush(); }", MINE)
        # the teacher's side: with the lab open, the link carries the code of the exercise shown
        mine = read_link(pg.evaluate("() => bp.flushLink()")).lab
        assert mine == {"exercise": "sigmoid", "code": MINE, "plugged": False}
        link = encode_link({}, lab={"exercise": "sigmoid", "code": SHARED})
        pg.close()
        _, pg = visit(browser, base_url, "#" + link, context=context)
        pg.wait_for_function("(c) => bp.lab.code() === c", arg=SHARED, timeout=READY_MS)
        said = notices(pg)
        assert "came with the link" in said and "runs only when you press Run" in said, said
        assert pg.evaluate("() => bp.lab.state().result") is None
        assert requests(pg) == 0  # nothing was sent to run
        result = pg.evaluate("() => bp.lab.run()")  # the panel's Run
        assert "from the teacher 42" in result["output"]
        assert requests(pg) == 1
        pg.get_by_role("button", name="Back to my code").click()
        pg.wait_for_function("(c) => bp.lab.code() === c", arg=MINE)
        assert pg.bp_errors == []
    finally:
        context.close()


def test_the_notice_in_chinese(browser, base_url):
    link = encode_link({}, lab={"exercise": "loss", "code": SHARED})
    context, pg = visit(browser, base_url, "#" + link, "?lang=zh-CN", "zh-CN")
    try:
        pg.wait_for_function("(c) => bp.lab.code() === c", arg=SHARED, timeout=READY_MS)
        said = notices(pg)
        assert "来自链接" in said and "只有按下“运行”才会运行" in said, said
        assert pg.get_by_role("button", name="恢复我的代码").count() == 1
        assert requests(pg) == 0
    finally:
        context.close()


@pytest.fixture(scope="module")
def plugged_run(browser, base_url):
    """A page that plugged a softplus in before training, trained, and copied its link."""
    context, pg = visit(browser, base_url)
    pg.evaluate("(s) => bp.configure(s)", SETTINGS)
    wait_snapshot(pg, "s.epoch === 0 && !s.training")
    assert pg.evaluate("(src) => bp.plugIn('plug_activation', src)", SOFTPLUS) is not None
    pg.evaluate("() => bp.play()")
    wait_snapshot(pg, "s.epoch >= 40", timeout=120_000)
    pg.evaluate("() => bp.pause()")
    wait_snapshot(pg, "!s.training")
    link = pg.evaluate("() => bp.flushLink()")
    s = pg.evaluate("() => bp.snapshot()")
    errors = pg.bp_errors
    context.close()
    assert errors == []
    return {"link": link, "snapshot": s}


def test_a_plugged_runs_link_replays_only_after_consent(browser, base_url, plugged_run):
    want = plugged_run["snapshot"]
    r = read_link(plugged_run["link"])
    assert r.lab == {"exercise": "plug_activation", "code": SOFTPLUS, "plugged": True}
    assert r.epoch == want["epoch"] >= 40 and r.notices == []
    context, pg = visit(browser, base_url, "#" + plugged_run["link"])
    try:
        offer = pg.get_by_role("button", name="Check and plug this code, then replay")
        offer.wait_for(timeout=READY_MS)
        s = pg.evaluate("() => bp.snapshot()")
        assert s["epoch"] == 0 and s["plugged"] is None and s["replay"] is None
        assert "It has not run" in notices(pg)
        assert requests(pg) == 0
        # the address bar keeps the link's code and training while it waits
        assert read_link(pg.evaluate("() => location.hash")).epoch == want["epoch"]
        offer.click()
        wait_snapshot(pg, "s.epoch === arg && !s.replay", want["epoch"], timeout=120_000)
        s = pg.evaluate("() => bp.snapshot()")
        assert s["plugged"] == {"exercise": "plug_activation", "part": "activation"}
        got, exp = s["metrics"], want["metrics"]
        assert (got["lossTrain"], got["lossTest"]) == (exp["lossTrain"], exp["lossTest"])  # exact
        assert pg.bp_errors == []
    finally:
        context.close()


def test_the_cli_replays_the_plugged_run_to_the_pages_numbers(plugged_run, capsys):
    assert main(["replay", plugged_run["link"]]) == 2  # not without --trust-code
    assert "--trust-code" in capsys.readouterr().err
    assert main(["replay", plugged_run["link"], "--trust-code", "--json"]) == 0
    final = json.loads(capsys.readouterr().out)["final"]
    exp = plugged_run["snapshot"]["metrics"]
    assert final["loss_train"] == pytest.approx(exp["lossTrain"], rel=1e-12, abs=0)
    assert final["loss_test"] == pytest.approx(exp["lossTest"], rel=1e-12, abs=0)


def test_code_that_fails_its_check_is_refused(browser, base_url):
    link = encode_link(
        SETTINGS, epoch=5, lab={"exercise": "plug_activation", "code": SLIP, "plugged": True}
    )
    context, pg = visit(browser, base_url, "#" + link)
    try:
        offer = pg.get_by_role("button", name="Check and plug this code, then replay")
        offer.wait_for(timeout=READY_MS)
        offer.click()
        wait_snapshot(pg, "s.notice.includes('was not plugged in')", timeout=READY_MS)
        s = pg.evaluate("() => bp.snapshot()")
        assert "passes its checks" in s["notice"] or "pass its checks" in s["notice"], s["notice"]
        assert s["epoch"] == 0 and s["plugged"] is None and s["replay"] is None
    finally:
        context.close()
