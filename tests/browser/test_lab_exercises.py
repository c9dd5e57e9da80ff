"""Every exercise of the Python lab in the page, in English and Chinese (issue 21, "Done when"):
each correct solution in tests/lab_solutions/ passes and ticks its exercise; each wrong one (the
article's slips and the others) fails, and the panel says what differs in the page's language:
a sentence (never a catalogue key) for the tailored mistake, the failed checks or the error,
with the numbers where a comparison failed. The same solutions are checked natively by
tests/test_lab_checker.py; this is the page's side: the lab's worker, its replies, the panel.
"""

import re

import pytest
from lab_solutions import keys_of, load
from pages import READY_MS, new_context_page, open_index, painted

SOLUTIONS = load()
HAN = re.compile(r"[\u4e00-\u9fff]")
CHECK = {"en": "Check", "zh-CN": "检查"}


def wait_lab(pg, cond, timeout=READY_MS):
    pg.wait_for_function(
        f"() => {{ const s = window.bp && bp.lab.state(); return Boolean(s && ({cond})); }}",
        timeout=timeout,
    )


@pytest.fixture(scope="module", params=["en", "zh-CN"])
def lab_page(request, browser, base_url):
    """One page per language, the lab open; every solution is checked on it in turn."""
    lang = request.param
    context, pg = new_context_page(browser, "en-US" if lang == "en" else "zh-CN")
    open_index(pg, base_url, "#lab/sigmoid")
    wait_lab(pg, "s.loaded && s.open && s.status === 'ready'")
    yield lang, pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


def said(locator):
    """The visible texts of a locator's elements."""
    return [t.strip() for t in locator.all_inner_texts() if t.strip()]


@pytest.mark.parametrize("sol", SOLUTIONS, ids=lambda s: f"{s.exercise}/{s.name}")
def test_each_solution_gets_its_answer_in_the_page(lab_page, sol):
    lang, pg = lab_page
    pg.locator(f".lab-item[data-exercise={sol.exercise}]").click()  # as a student picks one
    wait_lab(pg, f"s.exercise === {sol.exercise!r}")
    pg.evaluate("(s) => bp.lab.setCode(s)", sol.source)
    before = pg.evaluate("() => bp.lab.state().result?.n || 0")
    pg.locator(".lab-panel").get_by_role("button", name=CHECK[lang], exact=True).click()
    wait_lab(pg, f"s.result && s.result.n !== {before} && !s.running", timeout=60_000)
    painted(pg)
    result = pg.evaluate("() => bp.lab.state().result.value")
    assert result["exercise"] == sol.exercise
    item = pg.locator(f".lab-item[data-exercise={sol.exercise}]")
    if sol.passes:
        assert result["passed"] is True, result
        assert pg.locator(".lab-check.is-fail").count() == 0
        assert pg.locator(".lab-check.is-pass").count() >= 1
        assert "is-passed" in (item.get_attribute("class") or "")
        return
    assert result["passed"] is False
    missing = set(sol.keys) - keys_of(result)
    assert not missing, (missing, result)
    # what the student reads: the mistake, the failed checks, the error, as sentences in the
    # page's language
    texts = said(pg.locator(".lab-mistake:visible, .lab-check.is-fail, .lab-error:visible"))
    assert texts, "a failed check shows nothing that says why"
    for text in texts:
        assert not re.search(r"\blab\.(check|mistake|error)\.", text), text
    prose = " ".join(texts)
    assert bool(HAN.search(prose)) == (lang == "zh-CN"), prose
    differs = [c for c in result["checks"] if not c["passed"] and c["key"].endswith("differs")]
    if differs:  # a comparison that failed says the numbers it compared
        shown = " ".join(said(pg.locator(".lab-check.is-fail")))
        assert re.search(r"\d", shown), shown
