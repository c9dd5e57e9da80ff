"""The Python lab's panel (issue 21, items 1 and 5) in headless Chromium with real Pyodide, in
English and Chinese: opened by its deep link, a solution typed into the CodeMirror editor like a
user types it (long ones through bp.lab.setCode), Check failing with the article's slip and its
tailored message, then passing with the tick in the list; the code and the progress kept
across a reload; Ctrl+Enter runs; Esc then Tab leaves the editor; the phone layout; the lab's
chunk (CodeMirror) not loaded before the lab opens; a lab link that is no share link.

Solutions are tests/lab_solutions/ (the checker's, also checked natively). Screenshots go to
tests/artifacts/lab-*.png.
"""

import re

import pytest
from artifacts import ARTIFACTS
from lab_solutions import load
from pages import READY_MS, new_context_page, open_index, open_visitor, painted, wait_snapshot

SOLUTIONS = {(s.exercise, s.name): s for s in load()}
HAN = re.compile(r"[\u4e00-\u9fff]")
WORDS = {
    "en": {"check": "Check", "run": "Run", "open": "Open the lab", "try": "Try it in the lab"},
    "zh-CN": {"check": "检查", "run": "运行", "open": "打开实验室", "try": "在实验室里试一试"},
}
EDITOR = "() => document.querySelector('.lab-editor')?.shadowRoot?.querySelector('.cm-content')"


def lab(pg, expr="s"):
    """Evaluate `expr` over s = bp.lab.state()."""
    return pg.evaluate(f"() => {{ const s = bp.lab.state(); return {expr}; }}")


def wait_lab(pg, cond, timeout=READY_MS):
    pg.wait_for_function(
        f"() => {{ const s = window.bp && bp.lab.state(); return Boolean(s && ({cond})); }}",
        timeout=timeout,
    )


def wait_ready(pg):
    """The lab's panel is drawn and its Python can take code."""
    wait_lab(pg, "s.loaded && s.open && s.status === 'ready'")
    pg.wait_for_function(EDITOR)


def lines(text):
    """The text's lines that hold something (the editor's DOM shows an empty line as a <br>)."""
    return [line for line in text.replace("\u200b", "").split("\n") if line.strip()]


def editor(pg):
    return pg.locator(".lab-editor .cm-content")  # Playwright's CSS pierces the open shadow root


def type_code(pg, source):
    """Type `source` into the editor key by key, as a person does: the editor indents each new
    line itself, so the typist selects that indentation (Shift+Home) and types the line's own."""
    box = editor(pg)
    box.click()
    pg.keyboard.press("Control+A")
    pg.keyboard.press("Delete")
    for i, line in enumerate(source.split("\n")):
        if i:
            pg.keyboard.press("Enter")
            pg.keyboard.press("Shift+Home")
            pg.keyboard.press("Delete")
        if line:
            pg.keyboard.type(line, delay=2)


def result_key(pg):
    return lab(pg, "s.result && s.result.n")


def press_and_wait(pg, name):
    """Click a button of the panel; wait for the new result."""
    before = result_key(pg)
    pg.locator(".lab-panel").get_by_role("button", name=name, exact=True).click()
    wait_lab(pg, f"s.result && s.result.n !== {before or 0} && !s.running", timeout=60_000)
    painted(pg)


@pytest.fixture(scope="module", params=["en", "zh-CN"])
def opened(request, browser, base_url):
    """A visitor in each language who opened the page at #lab/sigmoid."""
    lang = request.param
    context, pg = new_context_page(browser, "en-US" if lang == "en" else "zh-CN")
    open_index(pg, base_url, "#lab/sigmoid")
    wait_ready(pg)
    yield lang, pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


def test_a_lab_link_opens_the_lab_on_its_exercise_and_is_no_share_link(opened):
    lang, pg = opened
    assert lab(pg, "s.exercise") == "sigmoid"
    # no share-link notice about "#lab/...": the page started from storage, as without a fragment
    snap = pg.evaluate("() => bp.snapshot()")
    assert snap["notice"] == "" and snap["notices"] == [], snap
    assert pg.locator(".lab-item[aria-current]").get_attribute("data-exercise") == "sigmoid"
    title = pg.locator(".lab-title").inner_text()
    assert title and (HAN.search(title) if lang == "zh-CN" else not HAN.search(title))
    # the editor shows the starter code in the page's language
    starter = pg.evaluate("() => bp.lab.code()")
    assert starter.strip() and lines(starter) == lines(editor(pg).inner_text())


def test_the_article_s_slip_fails_with_its_own_message_then_the_right_one_passes(opened):
    lang, pg = opened
    slip = SOLUTIONS[("sigmoid", "article_slip")].source
    type_code(pg, slip)
    assert pg.evaluate("() => bp.lab.code()") == slip  # typed exactly, indentation and all
    press_and_wait(pg, WORDS[lang]["check"])
    r = lab(pg, "s.result.value")
    assert r["passed"] is False and r["mistake"]["key"] == "lab.mistake.prime_of_z"
    mistake = pg.locator(".lab-mistake")
    assert mistake.is_visible()
    said = mistake.inner_text()
    assert "lab." not in said and len(said) > 20, said  # a sentence, not a key
    assert bool(HAN.search(said)) == (lang == "zh-CN")
    assert pg.locator(".lab-verdict").get_attribute("aria-live") == "polite"
    assert pg.locator(".lab-check.is-fail").count() >= 1
    assert pg.locator(".lab-item.is-passed").count() == 0
    # the panel's own words are in the page's language (the code and its output are Python)
    words = pg.evaluate(
        """() => [...document.querySelectorAll('#lab button, #lab h2, #lab h3, #lab h4,'
            + ' .lab-verdict, .lab-status, .lab-editor-help, .lab-check-err')]
            .filter((e) => e.offsetParent && e.innerText.trim()).map((e) => e.innerText.trim())"""
    )
    if lang == "zh-CN":
        english = [w for w in words if not HAN.search(w) and re.search(r"[A-Za-z]{3,}", w)]
        assert not english, english
    # the right one: the tick in the list, every check passed with its relative error
    pg.evaluate("(s) => bp.lab.setCode(s)", SOLUTIONS[("sigmoid", "correct")].source)
    press_and_wait(pg, WORDS[lang]["check"])
    assert lab(pg, "s.result.value.passed") is True and lab(pg, "s.progress.sigmoid") == "passed"
    assert (
        pg.locator(".lab-check.is-fail").count() == 0
        and pg.locator(".lab-check.is-pass").count() >= 2
    )
    assert pg.locator(".lab-item[data-exercise=sigmoid].is-passed").count() == 1
    assert pg.locator(".lab-mistake").is_hidden()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.locator("#lab").screenshot(path=str(ARTIFACTS / f"lab-{lang}-1280-passed.png"))


def test_code_and_progress_are_kept_across_a_reload(opened):
    lang, pg = opened
    pg.evaluate("(s) => bp.lab.setCode(s)", SOLUTIONS[("sigmoid", "correct")].source)
    pg.locator(".lab-item[data-exercise=forward]").click()
    mine = "# my forward pass\na1 = 1\n"
    pg.evaluate("(s) => bp.lab.setCode(s)", mine)
    pg.evaluate("() => bp.lab.flush()")
    pg.reload()
    wait_ready(pg)
    assert lab(pg, "s.exercise") == "forward"  # where the student was, the lab open
    assert pg.evaluate("() => bp.lab.code()") == mine
    assert editor(pg).inner_text().startswith("# my forward pass")
    assert lab(pg, "s.progress.sigmoid") == "passed"
    assert pg.locator(".lab-item[data-exercise=sigmoid].is-passed").count() == 1
    pg.locator(".lab-item[data-exercise=sigmoid]").click()
    assert pg.evaluate("() => bp.lab.code()") == SOLUTIONS[("sigmoid", "correct")].source
    # Reset to starter: undoable in the editor (Ctrl+Z brings the code back)
    pg.locator("#lab-reset").click()
    wait_lab(pg, "!('sigmoid' in s.code)")
    editor(pg).click()
    pg.keyboard.press("Control+Z")
    wait_lab(pg, "'sigmoid' in s.code")
    assert pg.evaluate("() => bp.lab.code()") == SOLUTIONS[("sigmoid", "correct")].source


def test_ctrl_enter_runs_and_the_output_shows_beside_the_code(opened):
    lang, pg = opened
    printing = "import numpy as np\nfor i in range(100):\n    print(i, np.arange(3) * i)\n"
    pg.evaluate("(s) => bp.lab.setCode(s)", printing)
    editor(pg).click()
    before = result_key(pg)
    pg.keyboard.press("Control+Enter")
    wait_lab(pg, f"s.result && s.result.n !== {before or 0} && !s.running", timeout=60_000)
    painted(pg)
    assert lab(pg, "s.result.kind") == "run"
    out = pg.locator(".lab-output")
    assert "99 [  0  99 198]" not in out.inner_text()  # 100 lines: clipped, "Show all" shows them
    more = pg.locator(".lab-more")
    assert more.is_visible() and more.get_attribute("aria-expanded") == "false"
    more.click()
    assert "99 [  0  99 198]" in out.inner_text()
    # the code is still there, unchanged by the key press (Ctrl+Enter adds no line)
    assert pg.evaluate("() => bp.lab.code()").count("\n") == 3
    # an error: the student's line and what it means
    pg.evaluate("() => bp.lab.setCode('import numpy as np\\na = np.ones((2, 3))\\nb = a @ a\\n')")
    press_and_wait(pg, WORDS[lang]["run"])
    err = lab(pg, "s.result.value.error")
    assert err and err["line"] == 3
    box = pg.locator(".lab-error")
    assert box.is_visible() and "b = a @ a" in box.locator(".lab-error-line").inner_text()
    assert "lab." not in box.locator(".lab-error-message").inner_text()


def test_esc_then_tab_leaves_the_editor_and_tab_alone_indents(opened):
    _, pg = opened
    pg.evaluate("() => bp.lab.setCode('x = 1')")
    editor(pg).click()
    pg.keyboard.press("End")
    pg.keyboard.press("Tab")  # indents: focus stays in the editor
    assert pg.evaluate("() => document.activeElement.classList.contains('lab-editor')")
    assert pg.evaluate("() => bp.lab.code()") != "x = 1"
    pg.keyboard.press("Escape")
    pg.keyboard.press("Tab")
    assert pg.evaluate("() => document.activeElement.id") == "lab-run"
    # Space typed in the editor is a space, never the playground's Play
    editor(pg).click()
    pg.keyboard.type(" ")
    assert pg.evaluate("() => bp.snapshot().playing") is False


def test_stop_ends_a_runaway_loop_and_keeps_the_code(opened):
    lang, pg = opened
    loop = "n = 0\nwhile True:\n    n += 1\n"
    pg.evaluate("(s) => bp.lab.setCode(s)", loop)
    before = result_key(pg) or 0
    pg.locator("#lab-run").click()
    wait_lab(pg, "s.running === 'run'")
    stop = pg.locator("#lab-stop")
    # the buttons follow in the next frame (under load, after the runner's status)
    pg.wait_for_function(
        "() => !document.querySelector('#lab-stop').disabled"
        " && document.querySelector('#lab-run').disabled"
    )
    assert stop.is_enabled() and pg.locator("#lab-run").is_disabled()
    # let it spin, then time Stop by the page's clock: from the click to the result shown (the
    # test's own round trips to the browser are not the student's wait)
    pg.wait_for_function("() => bp.lab.state().status === 'running'")
    pg.evaluate("""() => document.querySelector('#lab-stop').addEventListener('click',
        () => { window.stopClickedAt = performance.now(); }, { once: true })""")
    stop.click()
    took = pg.wait_for_function(
        f"""() => {{ const s = bp.lab.state();
            return s.result && s.result.n !== {before} && !s.running
                && performance.now() - window.stopClickedAt; }}""",
        timeout=5_000,
    ).json_value()
    assert took < 1000, took
    assert lab(pg, "s.result.error.code") == "lab_stopped"
    painted(pg)
    verdict = pg.locator(".lab-verdict").inner_text()
    assert verdict and bool(HAN.search(verdict)) == (lang == "zh-CN")
    assert pg.evaluate("() => bp.lab.code()") == loop
    wait_lab(pg, "s.status === 'ready'")  # ready for the next run


def test_a_passed_plug_exercise_trains_the_playground(opened):
    lang, pg = opened
    pg.locator(".lab-item[data-exercise=plug_activation]").click()
    use = pg.locator("#lab-use")
    assert use.is_hidden()  # not passed yet
    pg.evaluate("(s) => bp.lab.setCode(s)", SOLUTIONS[("plug_activation", "correct")].source)
    press_and_wait(pg, WORDS[lang]["check"])
    assert lab(pg, "s.result.value.passed") is True
    assert use.is_visible()
    wait_snapshot(pg, "s.status === 'ready'", timeout=READY_MS)
    use.click()
    wait_snapshot(pg, "s.plugged && s.plugged.exercise === 'plug_activation'")
    pg.evaluate("() => bp.unplug()")
    wait_snapshot(pg, "!s.plugged")


def test_a_failed_save_says_so_and_the_code_stays(browser, base_url):
    context, pg = open_visitor(browser, base_url, "en-US")
    try:
        pg.evaluate("() => bp.lab.open('loss')")
        wait_lab(pg, "s.loaded && s.open")
        # fill localStorage to the last character: a real QuotaExceededError
        pg.evaluate(
            """() => { let n = 0;
                for (let size = 1 << 20; size >= 1; size >>= 1) {
                    const piece = "x".repeat(size);
                    for (;;) {
                        try { localStorage.setItem("fill-" + n, piece); n++; } catch { break; }
                    }
                } }"""
        )
        mine = "# " + "my loss " * 200
        pg.evaluate("(s) => bp.lab.setCode(s)", mine)
        assert pg.evaluate("() => bp.lab.flush().ok") is False
        painted(pg)
        said = pg.evaluate("() => bp.snapshot().notices")
        assert any("could not be saved" in n and "storage is full" in n for n in said), said
        assert pg.evaluate("() => bp.lab.code()") == mine
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors


def test_two_tabs_see_each_other_s_code_and_lose_none(browser, base_url):
    context, one = new_context_page(browser, "en-US")
    try:
        open_index(one, base_url, "#lab/loss")
        wait_lab(one, "s.loaded && s.open")
        two = context.new_page()
        open_index(two, base_url, "#lab/loss")
        wait_lab(two, "s.loaded && s.open")
        one.evaluate("() => { bp.lab.setCode('# from tab one'); bp.lab.flush(); }")
        wait_lab(two, "s.code.loss === '# from tab one'", timeout=10_000)  # the storage event
        painted(two)
        assert editor(two).inner_text().startswith("# from tab one")
        # both change it before either hears of the other: nothing is lost, and it is said
        one.evaluate("() => bp.lab.setCode('# one again')")
        two.evaluate("() => bp.lab.setCode('# two again')")
        one.evaluate("() => bp.lab.flush()")
        two.evaluate("() => bp.lab.flush()")
        # tabs share localStorage only eventually (each renderer keeps its own copy): the clash
        # is seen when the other's write or its storage event arrives, whichever comes first
        two.wait_for_function(
            """() => bp.snapshot().notices.some((n) =>
                n.includes('Another tab also changed your code of exercise 3'))""",
            timeout=10_000,
        )
        kept = two.evaluate("() => localStorage.getItem('bp-playground:v1:lab:other')")
        assert '"# one again"' in kept
        errors = one.bp_errors + getattr(two, "bp_errors", [])
    finally:
        context.close()
    assert not errors, errors


def test_the_lab_s_chunk_loads_only_when_the_lab_opens(browser, base_url):
    context, pg = open_visitor(browser, base_url, "en-US")
    try:
        scripts = """() => performance.getEntriesByType('resource').map((e) => e.name)
            .filter((n) => /\\.m?js$/.test(n))"""
        has_cm = """(urls) => Promise.all(urls.map((u) => fetch(u).then((r) => r.text())
            .then((t) => t.includes('cm-content'))))"""
        wait_snapshot(pg, "s.status === 'ready'", timeout=READY_MS)
        painted(pg)
        before = pg.evaluate(scripts)
        assert not any(pg.evaluate(has_cm, before)), "CodeMirror was loaded before the lab opened"
        assert lab(pg, "s.loaded") is False and pg.locator("#lab-root").inner_text() == ""
        # the lesson's "Try it in the lab" opens the lab on its section's exercise
        button = pg.get_by_role("button", name=re.compile("^Try it in the lab")).first
        exercise = button.get_attribute("data-exercise")
        button.click()
        wait_ready(pg)
        assert lab(pg, "s.exercise") == exercise
        loaded = [u for u in pg.evaluate(scripts) if u not in before]
        assert any(pg.evaluate(has_cm, loaded)), loaded
        # the focus went to the exercise's title (a screen reader hears where it is)
        assert pg.evaluate("() => document.activeElement.classList.contains('lab-title')")
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_phone_layout_stacks_the_editor_and_the_output(browser, base_url, lang):
    context, pg = new_context_page(browser, "en-US" if lang == "en" else "zh-CN", (390, 844))
    try:
        open_index(pg, base_url, "#lab/sigmoid")
        wait_ready(pg)
        pg.evaluate("() => bp.lab.setCode('print(\"hello\")')")
        press_and_wait(pg, WORDS[lang]["run"])
        code = pg.locator(".lab-editor").bounding_box()
        out = pg.locator(".lab-output").bounding_box()
        assert out["y"] >= code["y"] + code["height"], (code, out)  # stacked
        assert code["width"] >= 300 and out["width"] >= 300
        # the exercises take one row: the code is near the top of the lab
        top = pg.locator("#lab").bounding_box()["y"]
        assert code["y"] - top < 844, (code, top)
        overflow = pg.evaluate(
            """() => [...document.querySelectorAll('#lab *')]
                .filter((e) => !e.closest('.lab-list li'))  // exercises: a row scrolling sideways
                .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
                .map((e) => e.tagName + '.' + e.className)"""
        )
        assert not overflow, overflow
        # the buttons are big enough to tap
        for b in pg.locator(".lab-bar button").all():
            assert b.bounding_box()["height"] >= 30
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.locator("#lab").screenshot(path=str(ARTIFACTS / f"lab-{lang}-390.png"))
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors
