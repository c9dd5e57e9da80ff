"""Opened from the file system (dist/index.html double-clicked), the page's modules never run;
it says to open it through a web server instead of "Loading the engine..." forever."""

import pytest

NOTICE = "This page needs a web server"


@pytest.mark.expect_console_errors  # the browser refuses the modules from file://
def test_opened_from_a_file_it_says_to_use_a_web_server(page, dist_dir):
    page.route("file://**", lambda route: route.continue_())  # the fixture allows 127.0.0.1 only
    page.goto((dist_dir / "index.html").as_uri())
    notice = page.locator("#no-server")
    notice.wait_for(state="visible", timeout=15_000)
    assert NOTICE in notice.inner_text() and "python3 build.py serve" in notice.inner_text()


def test_served_pages_never_show_it(page, base_url):
    page.goto(base_url + "index.html")
    page.wait_for_function("() => window.bp", timeout=60_000)
    assert page.locator("#no-server").count() == 0
