"""The article as a live lesson below the playground (issue 13, part 2), in headless Chromium.

The lesson (web/lesson/, widgets/lesson.js) is there in English and in Chinese and re-renders at
once when the language changes; each section's "Show me" opens the article's example on its
stage of the step-through (bp.stepThrough.stage()), with the inspector on sample 1 showing the
numbers the section quotes; the AND gate's button loads that preset. Screenshots of the lesson
at 1280x800 and 390x844 in both languages go to tests/artifacts/lesson-*.png.

Fails on the page before the lesson (BP_DIST=/tmp/dist-before): there is no #lesson there.
"""

import re

import pytest
from artifacts import ARTIFACTS
from pages import open_visitor, painted

NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−+-]?\d+)?")
# What the inspector must show, to the lesson's digits, at each stage the lesson opens
# (the names are numbers.js's; each number is checked against bpcore by test_lesson_numbers.py)
SHOWN_AT = {
    "forward-1": ["a1_1", "a1_2", "z1_1"],
    "forward-2": ["a1_1", "a1_2", "z2", "y_hat"],
    "loss": ["y_hat", "loss", "mean_loss"],
    "backward-2": ["delta2", "dw2_1", "dw2_2"],
    "backward-1": ["delta1_1", "delta1_2", "dfz_1", "dfz_2", "dw1_11", "dw1_12"],
    "update": ["y_hat_after", "loss_after"],
}


@pytest.fixture(scope="module")
def en(browser, base_url):
    context, pg = open_visitor(browser, base_url, "en-US")
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


@pytest.fixture(scope="module")
def zh(browser, base_url):
    context, pg = open_visitor(browser, base_url, "zh-CN")
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


def settled(pg):
    """Wait until the page stops scrolling (a smooth scroll runs over several frames)."""
    pg.evaluate(
        """() => new Promise((resolve) => {
            let last = scrollY, still = 0;
            const tick = () => {
                still = scrollY === last ? still + 1 : 0;
                last = scrollY;
                if (still >= 10) resolve(null); else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
        })"""
    )


def lesson_numbers(pg, section=None):
    """{name: text} of the numbers the lesson shows (in one section, or all)."""
    where = f"#lesson-{section} " if section else "#lesson "
    return pg.evaluate(
        """(sel) => Object.fromEntries([...document.querySelectorAll(sel)]
            .map((n) => [n.getAttribute("data-number"), n.textContent]))""",
        where + ".lesson-num",
    )


def inspector_numbers(pg):
    text = pg.locator("#inspector-panel").inner_text()
    return [float(m.replace("−", "-")) for m in NUMBER.findall(text)]


def shows(values, text):
    """Some number the inspector shows is `text` (the lesson's), to the digits written."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    want = float(text.replace("−", "-"))
    return any(abs(v - want) <= 0.5 * 10.0**-decimals + 1e-15 for v in values)


def structure(pg):
    return pg.evaluate(
        """() => [...document.querySelectorAll('#lesson .lesson-section')].map((s) => ({
            id: s.id,
            stage: s.querySelector('.lesson-show').dataset.stage || null,
            preset: s.querySelector('.lesson-show').dataset.preset || null,
            formulas: [...s.querySelectorAll('.lesson-math')].map((m) => m.dataset.formula),
            maths: s.querySelectorAll('math').length,
            numbers: [...s.querySelectorAll(".lesson-num")]
                .map((n) => n.getAttribute("data-number") + '=' + n.textContent),
        }))"""
    )


def test_the_lesson_is_below_the_playground_in_english(en):
    lesson = en.locator("#lesson")
    assert lesson.locator("h2").inner_text() == "Backpropagation, step by step"
    below = en.evaluate(
        """() => document.getElementById('lesson').getBoundingClientRect().top >=
                 document.querySelector('main.columns').getBoundingClientRect().bottom"""
    )
    assert below, "the lesson comes after the playground"
    sections = structure(en)
    ids = "network forward loss output hidden update example and slip".split()
    assert [s["id"] for s in sections] == [f"lesson-{i}" for i in ids]
    assert all(s["stage"] or s["preset"] for s in sections)
    # formulas are MathML, laid out by the browser (not text, not images)
    assert sum(s["maths"] for s in sections) >= 15
    box = en.locator("#lesson-output math").first.bounding_box()
    assert box and box["height"] > 30, "the chain rule's fractions are laid out"
    text = lesson.inner_text()
    for quoted in ("0.83201839", "0.99188931", "2.4101046854144412", "(1 − z₁)z₁", "a₁(1 − a₁)"):
        assert quoted in text, quoted
    # names told apart from the toolbar's "Step through" (issue 19, item 2)
    names = en.get_by_role("button", name=re.compile("^Show on the example: ")).all_inner_texts()
    assert names == ["Show on the example"] * 8
    assert en.get_by_role("button", name="Load this example: 8. Learning the AND gate").is_visible()


def test_each_show_me_lands_on_its_stage_with_the_article_s_numbers(en):
    assert en.evaluate("bp.snapshot().settings.dataset") != "article"  # the button loads it
    panel = en.locator("#inspector-panel")
    for section in structure(en):
        stage = section["stage"]
        if not stage:
            continue
        sid = section["id"]
        en.locator(f"#{sid} .lesson-show").click()
        en.wait_for_function(
            """(stage) => bp.stepThrough.stage() === stage
                && bp.snapshot().settings.dataset === 'article'
                && bp.snapshot().selected && bp.snapshot().selected.index === 0""",
            arg=stage,
            timeout=30_000,
        )
        painted(en)
        snap = en.evaluate("bp.snapshot()")
        assert snap["session"]["layerSizes"] == [2, 2, 1] and snap["settings"]["lr"] == 0.01
        # the inspector is brought into view, and shows sample 1 with every digit
        en.wait_for_function(
            """() => { const r = document.getElementById('inspector-panel').getBoundingClientRect();
                       return r.top < innerHeight / 2 && r.bottom > innerHeight / 2; }"""
        )
        settled(en)
        top = en.evaluate("document.getElementById('inspector-panel').getBoundingClientRect().top")
        assert -5 <= top < 100, (sid, top)  # its heading at the top of the window
        precision = panel.get_by_label("Full precision")
        if not precision.is_checked():
            precision.check()
        assert "0.8320183851" in panel.inner_text(), sid
        values = inspector_numbers(en)
        quoted = lesson_numbers(en)
        for name in SHOWN_AT[stage]:
            assert shows(values, quoted[name]), (sid, stage, name, quoted[name])
        # the section is marked as the one shown above
        assert en.locator(f"#{sid}").evaluate("(s) => s.classList.contains('is-current')")
        assert en.locator(f"#{sid} .lesson-current").is_visible()
    # a step taken moves the weights; Show me starts the example over from the article's weights
    en.evaluate("bp.stepThrough.take()")
    en.wait_for_function("() => bp.stepThrough.stage() === 'forward-1'", timeout=30_000)
    en.wait_for_function(
        "() => !document.getElementById('inspector-panel').innerText.includes('0.8320183851')"
    )
    en.locator("#lesson-forward .lesson-show").click()
    en.wait_for_function(
        """() => bp.stepThrough.stage() === 'forward-2'
            && document.getElementById('inspector-panel').innerText.includes('0.8320183851')""",
        timeout=30_000,
    )


def _notation(text):
    """A formula's symbols, however it is drawn: MathML's text or the walk bar's line (spaces,
    the fraction bar and Unicode sub/superscripts aside)."""
    plain = str.maketrans("₀₁₂₃₄₅₆₇₈₉ᵀ²", "0123456789T2", " \u00a0/")
    return text.translate(plain)


def _three_places(pg, stage, lesson_formula, inspector_stage):
    """The same quantity as the lesson, the inspector and the walk bar write it."""
    pg.locator(f"#lesson .lesson-section:has([data-formula={lesson_formula}]) .lesson-show").click()
    pg.wait_for_function(
        """(stage) => bp.stepThrough.stage() === stage
            && document.querySelector('.bp-walkbar-formula')?.textContent
            && document.querySelector('#inspector-panel .is-stage')?.dataset.stage === stage""",
        arg=stage,
        timeout=60_000,
    )
    return pg.evaluate(
        """([f, st]) => [
            document.querySelector(`#lesson [data-formula="${f}"]`).textContent,
            [...document.querySelectorAll(`#inspector-panel [data-stage="${st}"] math`)]
                .map((m) => m.textContent).join(' '),
            document.querySelector('.bp-walkbar-formula').textContent]""",
        [lesson_formula, inspector_stage],
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_notation_in_the_lesson_the_inspector_and_the_walk_bar(lang, request):
    """Issue 19, item 1: y the target, y′ the output, ln, in all three places a beginner reads
    side by side (before: the inspector and the walk bar wrote t for the target, y for the
    output and log, the lesson y, y′ and ln)."""
    pg = request.getfixturevalue(lang)
    lesson, inspector, bar = (_notation(t) for t in _three_places(pg, "loss", "loss", "loss"))
    want = "L=−[ylny′+(1−y)ln(1−y′)]"
    assert lesson == want
    assert inspector == want
    assert bar.startswith(want + "=")  # and this point's loss
    # the output's delta: y′ − y everywhere
    lesson, inspector, bar = (
        _notation(t) for t in _three_places(pg, "backward-2", "chainOutput", "backward-2")
    )
    assert lesson.endswith("=y′−y")
    assert "δ2=∂L∂z2=y′−y" in inspector
    assert bar.startswith("δ2=∂L∂z2=y′−y")
    # the output layer's forward step: y′ = σ(z2)
    lesson, inspector, bar = (
        _notation(t) for t in _three_places(pg, "forward-2", "forwardOutput", "forward-2")
    )
    assert lesson.startswith("z2=W2a1+b2,y′=")
    assert bar == "z2=W2a1+b2,y′=σ(z2)"
    assert inspector.startswith("z2=W2a1+b2y′=σ(z2)")
    for text in (lesson, inspector, bar):
        assert "log" not in text and "t" not in text.replace("tanh", "")


def test_the_and_gate_button_loads_its_preset(en):
    en.locator("#lesson-and .lesson-show").click()
    en.wait_for_function(
        """() => { const s = bp.snapshot(); return s.settings.dataset === 'and_gate'
            && s.session && s.session.pointCount === 4; }""",
        timeout=30_000,
    )
    assert en.evaluate("bp.snapshot().settings.layers") == [4]


def test_the_lesson_in_chinese_and_at_once_on_switching(zh):
    assert zh.evaluate("document.documentElement.lang") == "zh-CN"
    lesson = zh.locator("#lesson")
    assert lesson.locator("h2").inner_text() == "反向传播，一步一步来"
    text = lesson.inner_text()
    for term in "反向传播 前向计算 激活函数 损失函数 梯度 学习率 隐藏层 神经元 权重 偏置".split():
        assert term in text, term
    shows = zh.get_by_role("button", name=re.compile("^在例子上看：")).all_inner_texts()
    assert shows == ["在例子上看"] * 8
    tries = zh.get_by_role("button", name=re.compile("^载入这个例子："))
    assert tries.all_inner_texts() == ["载入这个例子"]
    # no English words left in the prose (formulas aside, as test_i18n.py counts them)
    prose = zh.evaluate(
        """() => { const w = document.createTreeWalker(document.getElementById('lesson'), 4);
            const out = [];
            for (let n = w.nextNode(); n; n = w.nextNode())
                if (!n.parentElement.closest('math')) out.push(n.nodeValue);
            return out.join(' '); }"""
    )
    words = set(re.findall(r"[A-Za-z][A-Za-z'’]*[A-Za-z]", prose))
    # names: the hidden δ's deep ReLU network; the table of activations names them as the
    # menus do (test_i18n.py's ALLOWED)
    names = {"tanh", "ReLU", "Leaky", "ELU", "Softplus", "SiLU", "swish", "GELU"}
    assert words <= {"sigmoid"} | names, words
    chinese = structure(zh)
    # the switch: English at once, the same sections, formulas, numbers and stages
    zh.get_by_label("语言 / Language").select_option("en")
    zh.wait_for_function(
        "() => document.querySelector('#lesson h2').textContent === 'Backpropagation, step by step'"
    )
    assert structure(zh) == chinese
    zh.get_by_label(re.compile("Language / 语言")).select_option("zh-CN")
    zh.wait_for_function("() => document.querySelector('#lesson h2').textContent[0] === '反'")
    # a Show me in Chinese does the same
    zh.get_by_role("button", name="在例子上看：5. 隐藏层的 δ").click()
    zh.wait_for_function(
        """() => bp.stepThrough.stage() === 'backward-1'
            && bp.snapshot().settings.dataset === 'article'""",
        timeout=30_000,
    )


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_screenshots_of_the_lesson(browser, base_url, lang):
    """The lesson at 1280x800 and 390x844: nothing wider than the screen but the formulas,
    which scroll sideways in their own box."""
    context, pg = open_visitor(browser, base_url, lang, (390, 844))
    try:
        for width, height in ((390, 844), (1280, 800)):
            pg.set_viewport_size({"width": width, "height": height})
            painted(pg)
            overflow = pg.evaluate(
                """() => [...document.querySelectorAll('#lesson *')]
                    .filter((e) => !e.closest('.lesson-math'))
                    .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
                    .map((e) => e.tagName + '.' + e.className)"""
            )
            assert not overflow, (width, overflow)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.locator("#lesson").screenshot(path=str(ARTIFACTS / f"lesson-{lang}-{width}.png"))
            pg.locator("#lesson-output").scroll_into_view_if_needed()
            pg.screenshot(path=str(ARTIFACTS / f"lesson-{lang}-{width}-view.png"))
        pg.emulate_media(color_scheme="dark")
        painted(pg)
        pg.locator("#lesson-output").screenshot(path=str(ARTIFACTS / f"lesson-{lang}-dark.png"))
        pg.emulate_media(color_scheme="light")
        # on the phone: Show me brings the inspector up, and the section is marked as shown
        pg.set_viewport_size({"width": 390, "height": 844})
        pg.locator("#lesson-hidden .lesson-show").click()
        pg.wait_for_function(
            """() => bp.stepThrough.stage() === 'backward-1' && (() => {
                const r = document.getElementById('inspector-panel').getBoundingClientRect();
                return r.top < innerHeight / 2 && r.bottom > innerHeight / 2; })()""",
            timeout=30_000,
        )
        settled(pg)
        pg.screenshot(path=str(ARTIFACTS / f"lesson-{lang}-390-shown.png"))
        pg.locator("#lesson-hidden").scroll_into_view_if_needed()
        painted(pg)
        pg.locator("#lesson-hidden").screenshot(
            path=str(ARTIFACTS / f"lesson-{lang}-390-marked.png")
        )
        assert not pg.bp_errors, pg.bp_errors
    finally:
        context.close()
