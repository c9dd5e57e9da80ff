"""Browser test infrastructure: a built dist/, a local server, headless Chromium, a guarded page.

Fixtures
- dist_dir: the built dist/ (BP_DIST if `build.py test` just built it, else built once here).
- base_url: dist_dir served on an ephemeral 127.0.0.1 port, ending in "/".
- serve(root, routes=None, isolate=False): serve another folder (and URL prefixes -> folders;
  isolate: with COOP + COEP); returns its URL.
- harness_root: tests/browser/ served with /web/ -> web/ (the widget harnesses).
- browser: one headless Chromium for the session (BP_CHROMIUM, system Chromium/Chrome, or
  Playwright's own). None found: skip locally, fail when CI is set.
- page: a fresh page that records console messages and requests. The test fails if the page
  logged a console error or an uncaught exception, or asked for anything but 127.0.0.1
  (such requests are also blocked). Opt out with @pytest.mark.expect_console_errors.
  The record is `page.bp_log` (console, errors, requests, foreign).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import build  # noqa: E402  (the project's build.py, stdlib only)

CHROMIUM_FLAGS = build.CHROMIUM_FLAGS
LOCAL_HOSTS = {"127.0.0.1"}


def no_browser(reason: str):
    """Skip on a developer's machine; in CI a missing browser is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"CI: no browser for the browser tests: {reason}", pytrace=False)
    pytest.skip(f"no browser: {reason}")


def find_chromium() -> str | None:
    """An explicit BP_CHROMIUM, else a system Chromium/Chrome; None means Playwright's own."""
    explicit = os.environ.get("BP_CHROMIUM")
    if explicit:
        if not Path(explicit).exists() and not shutil.which(explicit):
            pytest.fail(f"BP_CHROMIUM={explicit} does not exist", pytrace=False)
        return shutil.which(explicit) or explicit
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


# ---------------------------------------------------------------------------------------------
# dist/ and servers


@pytest.fixture(scope="session")
def dist_dir() -> Path:
    given = os.environ.get("BP_DIST")
    if given and (Path(given) / "config.json").is_file():
        return Path(given)
    return build.build(build.DIST)


@pytest.fixture(scope="session")
def _servers():
    servers = []
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def serve(_servers):
    """serve(root, routes=None, isolate=False) -> base URL of a new 127.0.0.1 server (closed at
    session end); isolate: it sends COOP + COEP (the page is cross-origin isolated)."""

    def start(root: Path, routes: dict[str, Path] | None = None, isolate: bool = False) -> str:
        server, url = build.serve_in_thread(Path(root), routes, isolate)
        _servers.append(server)
        return url

    return start


@pytest.fixture(scope="session")
def base_url(serve, dist_dir) -> str:
    return serve(dist_dir)


@pytest.fixture(scope="session")
def harness_root(serve) -> str:
    """tests/browser/ served with /web/ mapped to web/: the widget harnesses (*_harness.html),
    which need no built dist/."""
    return serve(Path(__file__).resolve().parent, {"/web/": ROOT / "web"})


# ---------------------------------------------------------------------------------------------
# Browser


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        no_browser(f"playwright is not installed ({exc})")
    exe = find_chromium()
    pw = sync_playwright().start()
    try:
        try:
            b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_FLAGS)
        except Error as exc:
            first = str(exc).splitlines()[0]
            no_browser(f"cannot launch {exe or 'Playwright Chromium'}: {first}")
        yield b
        b.close()
    finally:
        pw.stop()


class PageLog:
    """What a page did: console messages, uncaught errors, every request URL."""

    def __init__(self):
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.foreign: list[str] = []

    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.errors

    def problems(self, allow_errors: bool) -> list[str]:
        out = [f"request left 127.0.0.1: {url}" for url in self.foreign]
        if not allow_errors:
            out += [f"console error: {text}" for text in self.console_errors()]
        return out


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture
def page(browser, request):
    context = browser.new_context()
    pg = context.new_page()
    log = PageLog()
    pg.bp_log = log
    pg.on("console", lambda msg: log.console.append((msg.type, msg.text)))
    pg.on("pageerror", lambda exc: log.errors.append(f"uncaught: {exc}"))
    pg.on("request", lambda req: log.requests.append(req.url))

    def guard(route):
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            log.foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    request.node.bp_page_log = log
    yield pg
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    log = getattr(item, "bp_page_log", None)
    if log is not None:
        allow = item.get_closest_marker("expect_console_errors") is not None
        problems = log.problems(allow)
        if problems:
            raise AssertionError("page problems:\n  " + "\n  ".join(problems))
    return result


# ---------------------------------------------------------------------------------------------
# Reporting (test_pyodide_unit.py puts the in-Pyodide pytest summary here)

PYODIDE_SUMMARY = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def report_line(pytestconfig):
    """report_line(text): print text near the end of the terminal summary."""

    def put(text: str) -> None:
        pytestconfig.stash[PYODIDE_SUMMARY] = text

    return put


def pytest_terminal_summary(terminalreporter, config):
    summary = config.stash.get(PYODIDE_SUMMARY, None)
    if summary:
        terminalreporter.write_line(summary)
