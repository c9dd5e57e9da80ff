"""No part of the address stops the page: a `lang` it cannot read or does not have is ignored
with a notice, and the page boots as without it (a malformed one threw "URI malformed" during
boot: window.bp never appeared and the page stayed on "Loading the engine...")."""

import pytest
from pages import READY_MS
from playwright.sync_api import expect


@pytest.mark.parametrize("value", ["%", "%zz", "%E0%A4%A", "fr"])
def test_a_lang_the_page_cannot_use_is_ignored_with_a_notice(page, base_url, value):
    page.goto(base_url + f"index.html?lang={value}")
    page.wait_for_function("() => window.bp && bp.snapshot().epoch !== null", timeout=READY_MS)
    assert page.evaluate("document.documentElement.lang") == "en"
    notices = page.locator("#notices")
    assert f"the language “{value}”" in notices.inner_text()
    notices.get_by_role("button", name="Dismiss").click()
    expect(notices).not_to_contain_text("the language")


def test_a_lang_it_has_gives_no_notice(page, base_url):
    page.goto(base_url + "index.html?lang=zh-CN")
    page.wait_for_function("() => window.bp && bp.snapshot().epoch !== null", timeout=READY_MS)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert "lang" not in page.locator("#notices").inner_text()
