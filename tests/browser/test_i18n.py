"""The page in Simplified Chinese and in English (issue 12), in headless Chromium.

A browser whose language is zh-CN gets the page in Chinese; the header's switch changes the
language at once without touching the points, the settings or the training; errors are said in
plain words naming the control by its visible label, in both languages (issue 10, item 12).

test_no_english_left_in_zh_cn opens every panel and the inspector and collects every visible
text node, aria-label, title, placeholder, aria-valuetext and option; it writes what is still
English to /tmp/i18n-todo.txt. (Text drawn on canvases is not in the DOM: not checked here.)
"""

import json
import re

import pytest
from pages import READY_MS, new_context_page, open_index

# Names and symbols that stay as they are in Chinese (the catalogue's header says so too)
ALLOWED = {
    "BP",
    "NumPy",
    "Pyodide",
    "Python",
    "bpcore",
    "CSV",
    "PNG",  # a file format's name, as CSV
    "SGD",
    "Adam",
    "ReLU",
    "Leaky",
    "tanh",
    "sigmoid",
    "softmax",
    "Sigmoid",
    "Tanh",
    "Glorot",
    "He",
    "ELU",  # the activations' and initialisations' names (actinit)
    "GELU",
    "SiLU",
    "swish",
    "Softplus",
    "TF",
    "Playground",
    "L1",
    "L2",
    "R²",
    "Ctrl",
    "Enter",
    "Esc",
    "English",
    "Language",
    "sin",
    "ln",  # the natural logarithm: the formulas' one notation (domain/stage-formulas.js)
    "x1",
    "x2",
    "label",
    "X₁",
    "X₂",
    "MathML",
    "Dropout",  # the technical term, as ReLU and Adam (with 丢弃率, "drop rate", beside it)
    "dropout",
}


def _context_page(browser, locale):
    return new_context_page(browser, locale)


@pytest.fixture(scope="module")
def zh(browser, base_url):
    """One page, opened by a browser whose language is Simplified Chinese."""
    context, page = _context_page(browser, "zh-CN")
    open_index(page, base_url)
    yield page
    errors = page.bp_errors
    context.close()
    assert errors == [], errors


def _notice(page):
    return page.locator("#notice").inner_text().strip()


def _switch(page, lang):
    page.get_by_label(re.compile("Language / 语言|语言 / Language")).select_option(lang)
    page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=lang)


def test_a_chinese_browser_gets_the_page_in_chinese(zh):
    assert zh.evaluate("document.documentElement.lang") == "zh-CN"
    assert zh.locator("h1").inner_text() == "BP 神经网络游乐场"
    assert zh.title() == "BP 神经网络游乐场"
    assert zh.get_by_label("批大小").count() == 1
    assert zh.get_by_label("学习率").count() == 1
    assert zh.locator("#loss option[value=mse]").inner_text() == "均方误差"
    assert zh.locator("#dataset option[value=and_gate]").inner_text() == "与门"
    # the switch is a labelled select, reachable by keyboard
    switch = zh.get_by_label("语言 / Language")
    assert switch.evaluate("(el) => el.tagName") == "SELECT" and switch.input_value() == "zh-CN"
    switch.focus()
    assert zh.evaluate("document.activeElement.id") == "lang"
    # a link says nothing of the language: the copied text is the same in both
    assert "lang" not in zh.evaluate("window.bp.linkText()")


def test_errors_use_the_visible_label_and_plain_words_in_both_languages(zh):
    box = zh.get_by_label("批大小")
    box.fill("0")
    box.press("Enter")
    zh.wait_for_function("() => document.getElementById('notice').textContent.includes('批大小')")
    assert _notice(zh) == "批大小必须在 1 到 10,000 之间（你输入的是 0）。"
    _switch(zh, "en")  # the same notice, said again in English
    assert _notice(zh) == "Batch size must be between 1 and 10,000 (you entered 0)."
    layers = zh.get_by_role("textbox", name=re.compile("^Hidden layers"))
    layers.fill("8,abc")
    layers.press("Enter")
    zh.wait_for_function("() => document.getElementById('notice').textContent.includes('abc')")
    assert _notice(zh) == "Hidden layer 2 must have between 1 and 64 neurons (you entered abc)."
    _switch(zh, "zh-CN")
    assert _notice(zh) == "第 2 个隐藏层必须有 1 到 64 个神经元（你输入的是 abc）。"
    # an error the engine (Python, in Pyodide) raised: its code and parameters, said in Chinese
    zh.evaluate("window.bp.configure({lr: 0})")
    zh.wait_for_function("() => document.getElementById('notice').textContent.includes('学习率')")
    assert _notice(zh) == "学习率必须大于 0 且不超过 10（你输入的是 0）。"
    assert zh.evaluate("window.bp.snapshot().settings.lr") == 0.03, "the refused value rolls back"
    restore = zh.get_by_role("textbox", name=re.compile("^隐藏层"))
    restore.fill("4, 2")
    restore.press("Enter")


def test_errors_in_plain_english_name_the_visible_label(page, base_url):
    """Issue 10.12 in an English browser: "batch_size: must be in [1, 10000], got 0" was code."""
    open_index(page, base_url)
    box = page.get_by_label("Batch size")
    box.fill("0")
    box.press("Enter")
    page.wait_for_function("() => document.getElementById('notice').textContent !== ''")
    assert _notice(page) == "Batch size must be between 1 and 10,000 (you entered 0)."
    layers = page.get_by_role("textbox", name=re.compile("^Hidden layers"))
    layers.fill("8,abc")
    layers.press("Enter")
    page.wait_for_function("() => document.getElementById('notice').textContent.includes('abc')")
    assert _notice(page) == "Hidden layer 2 must have between 1 and 64 neurons (you entered abc)."
    page.evaluate("window.bp.configure({momentum: 1})")  # refused by the engine, in Pyodide
    page.wait_for_function("() => document.getElementById('notice').textContent.includes('Mom')")
    assert _notice(page) == "Momentum must be at least 0 and less than 1 (you entered 1)."


def test_a_refused_csv_file_is_explained_in_chinese(zh, tmp_path):
    """The engine's CSV errors carry a code (bpcore/csvio.py): the notice names the line in
    Chinese, and says it again in English after a switch."""
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,0\n2,3,1\n1,oops,0\n")
    zh.get_by_label("导入 CSV").set_input_files(str(bad))
    zh.wait_for_function("() => document.getElementById('notice').textContent.includes('bad.csv')")
    assert _notice(zh) == "bad.csv：第 3 行：“oops”不是数字。你的点没有改变。"
    _switch(zh, "en")
    assert _notice(zh) == "bad.csv: line 3: “oops” is not a number. Your points are unchanged."
    _switch(zh, "zh-CN")


def test_switching_languages_keeps_the_points_the_settings_and_the_training(zh):
    zh.get_by_role("button", name="绘制").click()
    box = zh.locator("#draw-layer").bounding_box()
    for fx, fy in ((0.3, 0.3), (0.7, 0.3), (0.3, 0.7), (0.7, 0.7), (0.5, 0.2), (0.5, 0.8)):
        zh.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    zh.get_by_role("button", name="绘制").click()
    # drawing on a preset starts from its points (issue 10.11); six clicks add at least six
    zh.wait_for_function("() => window.bp.snapshot().drawn.length >= 6")
    for _ in range(3):
        zh.get_by_role("button", name="单步").click()
    zh.wait_for_function("() => window.bp.snapshot().epoch >= 3 && !window.bp.snapshot().training")

    def state():
        return zh.evaluate("""() => { const s = window.bp.snapshot();
            return {drawn: s.drawn, epoch: s.epoch, metrics: s.metrics, settings: s.settings,
                    starts: window.bp.engine.starts}; }""")

    before = state()
    sent = zh.evaluate("window.bp.engine.sent")
    _switch(zh, "en")
    assert zh.locator("h1").inner_text() == "BP Playground"
    assert zh.get_by_label("Batch size").count() == 1
    assert state() == before
    _switch(zh, "zh-CN")
    assert zh.locator("h1").inner_text() == "BP 神经网络游乐场"
    assert state() == before
    assert zh.evaluate("window.bp.engine.sent") == sent, "a language switch asks the engine nothing"


def test_the_chinese_words_load_only_once_the_page_speaks_chinese(browser, base_url, dist_dir):
    """zh-CN's catalogue is a lazy chunk (docs/ARCHITECTURE.md, "dist/ layout"): an English
    page never fetches it; the switch does, then speaks Chinese; so does a page opening in it."""
    zh_file = "../web/domain/messages/zh-CN.js"
    names = [
        p.name
        for p in dist_dir.glob("chunk-*.js")
        if zh_file in json.loads((dist_dir / f"{p.name}.map").read_text())["sources"]
    ] or ["domain/messages/zh-CN.js"]  # a --no-bundle build: the module itself
    context, pg = new_context_page(browser, "en-US")
    asked = []
    pg.on("request", lambda r: asked.append(r.url))
    try:
        open_index(pg, base_url)
        pg.wait_for_function("() => window.bp.engine.status === 'ready'", timeout=READY_MS)
        assert not [u for u in asked if u.endswith(tuple("/" + n for n in names))]
        _switch(pg, "zh-CN")
        assert [u for u in asked if u.endswith(tuple("/" + n for n in names))]
        assert pg.locator("h1").inner_text() == "BP 神经网络游乐场"
        asked.clear()
        open_index(pg, base_url)  # remembered: opens in Chinese, its catalogue fetched at once
        assert pg.evaluate("document.documentElement.lang") == "zh-CN"
        assert pg.locator("h1").inner_text() == "BP 神经网络游乐场"
        assert [u for u in asked if u.endswith(tuple("/" + n for n in names))]
        assert pg.bp_errors == []
    finally:
        context.close()


def test_the_choice_is_remembered_and_lang_in_the_url_forces_one(browser, base_url):
    context, page = _context_page(browser, "zh-CN")
    try:
        open_index(page, base_url)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        _switch(page, "en")
        page.reload()
        page.wait_for_function("() => window.bp && document.documentElement.lang === 'en'")
        assert page.locator("h1").inner_text() == "BP Playground"
        page.goto(base_url + "index.html?lang=zh")
        page.wait_for_function("() => window.bp && document.documentElement.lang === 'zh-CN'")
        assert page.locator("h1").inner_text() == "BP 神经网络游乐场"
        assert page.bp_errors == []
    finally:
        context.close()


# ------------------------------------------------------------------ nothing left in English

COLLECT = """() => {
  const out = [];
  const seen = new Set();
  const add = (kind, text, el) => {
    text = (text || "").replace(/\\s+/g, " ").trim();
    if (!text || seen.has(kind + text)) return;
    seen.add(kind + text);
    out.push({kind, text, where: el.id || el.className || el.tagName});
  };
  const shown = (el) => el && el.checkVisibility && el.checkVisibility();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest("math, script, style, option") || !shown(el)) continue;
    add("text", n.nodeValue, el);
  }
  for (const el of document.querySelectorAll("*")) {
    const visible = el.tagName === "OPTION" ? shown(el.closest("select")) : shown(el);
    if (!visible) continue;
    if (el.tagName === "OPTION") add("option", el.textContent, el);
    const spoken = ["aria-label", "title", "placeholder", "aria-valuetext", "aria-roledescription"];
    for (const a of spoken) {
      if (el.hasAttribute(a)) add(a, el.getAttribute(a), el);
    }
  }
  return out;
}"""


def english(text):
    """True if `text` still holds English words once names and symbols are set aside."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]*[A-Za-z]", text)
    return any(w not in ALLOWED for w in words)


def test_no_english_left_in_zh_cn(zh):
    # every panel open, the inspector open on a point, then the step-through walking it
    zh.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    zh.evaluate("window.bp.inspectPoint(0)")
    zh.wait_for_function("() => window.bp.snapshot().selected !== null")
    zh.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    found = zh.evaluate(COLLECT)
    zh.evaluate("window.bp.stepThrough.start(0, 'backward-1')")
    zh.wait_for_function("() => window.bp.stepThrough.stage() === 'backward-1'")
    zh.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    found += zh.evaluate(COLLECT)
    zh.evaluate("window.bp.stepThrough.stop()")
    assert len(found) > 50, "collected too little to mean anything"
    left = [f"{f['kind']} {f['where']}: {f['text'][:100]}" for f in found if english(f["text"])]
    assert left == [], f"{len(left)} of {len(found)} strings still English"


# ------------------------------------------------ the widgets (inspector, charts, files)

SPOKEN_IN = """(sel) => {
  const root = document.querySelector(sel);
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement; // a formula's words (mtext), not its symbols
    if (!e.closest("math") || e.closest("mtext")) out.push(n.nodeValue);
  }
  for (const el of [root, ...root.querySelectorAll("*")]) {
    for (const a of ["aria-label", "title"]) if (el.hasAttribute(a)) out.push(el.getAttribute(a));
  }
  return out.map((t) => t.replace(/\\s+/g, " ").trim()).filter(Boolean);
}"""


def _inspect_point(page):
    page.evaluate("window.bp.inspectPoint(0)")
    page.wait_for_function("() => document.querySelector('#inspector-panel .bpi-title') !== null")


def test_the_inspector_speaks_the_articles_chinese_and_switches_back(zh):
    """The backprop inspector in zh-CN: the article's terms as headings, every caption, column
    title, note and formula's spoken name in Chinese (formulas stay MathML); the switch draws
    the same point again in English and back, numbers unchanged."""
    _inspect_point(zh)
    panel = zh.locator("#inspector-panel")
    heads = panel.locator(".bpi-h").all_text_contents()
    assert heads[:3] == ["前向计算", "输出与损失", "反向传播"], heads
    assert panel.locator(".bpi-title").inner_text() == "数据点 1（训练集中的点）"
    assert panel.locator("caption", has_text="第 1 层的前向计算").count() == 1
    assert panel.locator("caption", has_text="第 1 层的反向传播").count() == 1
    assert panel.get_by_role("button", name="关闭检查器").count() == 1
    assert panel.locator("math").count() > 5, "the formulas are MathML in Chinese too"
    spoken = zh.evaluate(SPOKEN_IN, "#inspector-panel")
    assert len(spoken) > 40
    left = [t for t in spoken if english(t)]
    assert left == [], left
    numbers = panel.locator(".bpi-v").all_inner_texts()
    _switch(zh, "en")
    assert panel.locator(".bpi-h").all_text_contents()[:3] == [
        "Forward pass",
        "Output and loss",
        "Backward pass",
    ]
    assert panel.locator(".bpi-title").inner_text() == "Data point 1 (training point)"
    assert panel.get_by_role("button", name="Close inspector").count() == 1
    assert panel.locator(".bpi-v").all_inner_texts() == numbers, "the same numbers"
    _switch(zh, "zh-CN")
    assert panel.locator(".bpi-h").first.text_content() == "前向计算"
    assert panel.locator(".bpi-v").all_inner_texts() == numbers


def test_a_neuron_in_the_inspector_speaks_chinese(zh):
    zh.evaluate("window.bp.inspectNeuron({layer: 0, index: 1})")
    zh.wait_for_function("() => document.querySelector('#inspector-panel .bpi-neuron') !== null")
    panel = zh.locator("#inspector-panel")
    assert panel.locator(".bpi-title").inner_text() == "第 1 层，神经元 2"
    assert panel.locator("caption").first.inner_text() == "输入的权重、偏置和梯度"
    left = [t for t in zh.evaluate(SPOKEN_IN, "#inspector-panel") if english(t)]
    assert left == [], left


def test_the_charts_readout_the_map_key_and_the_model_files_in_chinese(zh):
    chart = zh.locator("#loss-chart")
    readout = zh.locator("#chart-readout")
    chart.focus()  # the keyboard cursor: the readout says the last epoch
    zh.wait_for_function("() => document.getElementById('chart-readout').textContent !== ''")
    assert re.fullmatch(r"第 \d+ 轮：训练集 \S+，测试集 \S+", readout.inner_text()), (
        readout.inner_text()
    )
    _switch(zh, "en")  # said again at once in the other language
    assert re.fullmatch(r"Epoch \d+: training \S+, test \S+", readout.inner_text()), (
        readout.inner_text()
    )
    _switch(zh, "zh-CN")
    key = zh.locator("#map-legend").inner_text()
    assert "橙 = 类别 0" in key and "蓝 = 类别 1" in key, key
    files = zh.get_by_role("group", name="模型文件")
    assert files.get_by_role("button", name="下载 Python 脚本").count() == 1
    assert files.get_by_role("button", name="下载权重").count() == 1
    assert files.get_by_label("加载权重").count() == 1


def test_a_model_file_notice_is_said_again_in_the_other_language(browser, base_url):
    """Weights loaded from a file: the notice is kept as data, so the switch says it again."""
    context, page = _context_page(browser, "zh-CN")
    try:
        open_index(page, base_url)
        text = page.evaluate("window.bp.engine.request('exportWeights', {}).then((r) => r.text)")
        page.get_by_label("加载权重").set_input_files(
            files=[{"name": "w.json", "mimeType": "application/json", "buffer": text.encode()}]
        )
        page.wait_for_function("() => document.getElementById('notice').textContent !== ''")
        assert _notice(page) == "已从 w.json 加载权重"
        _switch(page, "en")
        assert _notice(page) == "Loaded weights from w.json"
        assert page.bp_errors == []
    finally:
        context.close()


# ------------------------------------------------------------------ the app's notices (i18n-app)


def test_a_damaged_link_is_said_in_chinese_and_again_in_english(browser, base_url):
    """A link that cannot be opened: the decoder's notice, in the page's language."""
    context, page = _context_page(browser, "zh-CN")
    try:
        page.goto(base_url + "index.html#v2.AAAA")  # no room for its checksum: damaged
        page.wait_for_function("() => document.getElementById('notice').textContent !== ''")
        assert _notice(page) == (
            "没有打开这个链接：链接已损坏（校验和不一致：有字符被改动、添加或丢失）。页面保持原样。"
        )
        _switch(page, "en")
        assert _notice(page) == (
            "This link was not opened: the link is damaged (its checksum does not match: a "
            "character was changed, added or lost). The page keeps what it had."
        )
    finally:
        context.close()


def test_a_storage_notice_and_its_buttons_in_both_languages(browser, base_url):
    """A saved drawing the page cannot read: the notice and its buttons follow the switch."""
    context, page = _context_page(browser, "zh-CN")
    try:
        page.add_init_script("localStorage.setItem('bp-playground:v1:points', '{not json')")
        open_index(page, base_url)
        box = page.locator("#notices .notice-box")
        box.wait_for()
        assert box.locator("p").inner_text() == "无法读取你保存的绘图；它已被单独保留。"
        assert box.get_by_role("button", name="下载", exact=True).count() == 1
        assert box.get_by_role("button", name="丢弃", exact=True).count() == 1
        _switch(page, "en")
        assert box.locator("p").inner_text() == (
            "Your saved drawing could not be read; it is kept aside."
        )
        assert box.get_by_role("button", name="Download it").count() == 1
        box.get_by_role("button", name="Discard").click()  # still works after the switch
        box.wait_for(state="detached")
    finally:
        context.close()


def test_a_loading_failure_is_said_in_chinese(browser, base_url):
    """The worker sends a code and the file's name; the page says it in its language."""
    context, page = _context_page(browser, "zh-CN")
    try:
        page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="gone"))
        page.goto(base_url + "index.html")
        message = page.locator("#engine-error-message")
        message.wait_for(state="visible", timeout=READY_MS)
        assert message.inner_text() == "计算引擎加载失败：pyodide.asm.wasm 缺失或已损坏。"
        assert "HTTP 404" in page.locator("#engine-error-detail").text_content()
        _switch(page, "en")
        assert message.inner_text() == (
            "The engine failed to load: pyodide.asm.wasm is missing or corrupt."
        )
    finally:
        context.close()


def test_points_that_cannot_train_say_why_in_both_languages(browser, base_url):
    """An empty drawing cannot train: why (domain/points.js) is a message, said again on a
    switch."""
    context, page = _context_page(browser, "zh-CN")
    try:
        open_index(page, base_url)
        page.get_by_label("数据集", exact=True).select_option("custom")
        page.get_by_role("button", name="清空", exact=True).click()
        page.wait_for_function("() => bp.snapshot().drawn.length === 0 && bp.snapshot().stale")
        assert _notice(page) == "至少画 2 个点才能训练（选择“绘制”，然后点击数据视图）。"
        _switch(page, "en")
        assert (
            _notice(page) == "Draw at least 2 points to train (pick Draw and click the data view)."
        )
        assert page.evaluate("bp.snapshot().stale") == _notice(page)
        assert page.bp_errors == []
    finally:
        context.close()
