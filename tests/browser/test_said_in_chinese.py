"""Errors and notices in the page's language, with readable values (issue 20, item 11).

In the Chinese page: a loss that blew up, a weight edit the network has no neuron for, and a
link's replay stopped by such an edit are said in Chinese (no "NaN", no English engine text).
CSV import: a file with the labels 0, 0.5 and 1 is said with those values (not the quantised
0.0039215686274509665); a UTF-16BE file without a byte order mark is read as the text it is.
"""

import sys
from pathlib import Path

import pytest
from pages import READY_MS, new_context_page, open_index

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bpcore.link import encode_link  # noqa: E402


def ready(pg):
    pg.wait_for_function(
        """() => {
            const s = bp.snapshot();
            const ok = bp.engine.status === 'ready' && !bp.engine.busy && s.epoch !== null
                && !s.session.preview && !s.replay && !s.training;
            window.__still = ok ? (window.__still || 0) + 1 : 0;
            return window.__still >= 5;
        }""",
        timeout=READY_MS,
        polling=100,
    )


@pytest.fixture
def zh(browser):
    context, pg = new_context_page(browser, "zh-CN")
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


@pytest.fixture
def en(browser):
    context, pg = new_context_page(browser, "en-US")
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


ENGLISH = ("NaN", "undefined", "neuron", "out of range", "layer")


def test_a_diverged_loss_and_a_missing_neuron_are_said_in_chinese(zh, base_url):
    open_index(zh, base_url, "#" + encode_link({"dataset": "plane", "lr": 10}))
    ready(zh)
    zh.evaluate("() => bp.play()")
    zh.wait_for_function("() => bp.snapshot().metrics.diverged", timeout=30_000)
    ready(zh)
    for box in ("#loss-train", "#loss-test", "#score-train"):
        text = zh.locator(box).inner_text()
        assert "已发散" in text and not any(w in text for w in ENGLISH), (box, text)
    zh.evaluate("() => bp.editWeight({ layer: 0, i: 999, j: 0, value: 1 })")
    zh.wait_for_function("() => bp.snapshot().notice !== ''")
    said = zh.evaluate("() => bp.snapshot().notice")
    assert "999" in said and "神经元" in said and not any(w in said for w in ENGLISH), said


def test_a_replay_stopped_by_a_bad_edit_is_said_in_chinese(zh, base_url):
    edits = [[2, 0, 0, 0, 0.5], [8, 0, 999, 0, 1.0]]
    link = encode_link({"dataset": "xor", "layers": [4]}, epoch=12, edits=edits)
    open_index(zh, base_url, "#" + link)
    ready(zh)
    zh.wait_for_function(
        "() => /999/.test(document.getElementById('notice').innerText"
        " + document.getElementById('notices').innerText)"
    )
    said = zh.locator("#notice").inner_text() + " | " + zh.locator("#notices").inner_text()
    assert "第 8 轮" in said and "999" in said and "神经元" in said, said
    assert not any(w in said for w in ENGLISH), said


def import_csv(pg, name, data):
    pg.locator("#import-csv").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    pg.wait_for_function("(n) => bp.snapshot().notice.includes(n)", arg=name, timeout=30_000)
    ready(pg)
    return pg.evaluate("() => bp.snapshot().notice")


CSV = "x1,x2,label\n0.5,-1,0\n1,2,0.5\n-2,1,1\n3,-3,0\n-1,-4,1\n2,2.5,0.5\n"


def test_imported_values_are_said_as_the_file_has_them(en, base_url):
    open_index(en, base_url)
    ready(en)
    said = import_csv(en, "values.csv", CSV.encode())
    assert "values from 0 to 1" in said, said
    said = import_csv(en, "utf16be.csv", CSV.encode("utf-16-be"))  # no byte order mark
    assert "\x00" not in said and "Imported 6 points" in said, said
    assert "values from 0 to 1" in said, said
