"""Pages for module-scoped fixtures: a visitor's fresh context, and the playground opened."""

READY_MS = 120_000  # Pyodide's first start on a loaded 2-core machine


def new_context_page(browser, locale="en-US", viewport=(1280, 800)):
    """A fresh context (a visitor with this browser language and window) and its page; the
    page's uncaught errors and console errors collect in page.bp_errors. Module-scoped
    fixtures share one such page between tests."""
    width, height = viewport
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.bp_errors = []
    pg.on("pageerror", lambda exc: pg.bp_errors.append(str(exc)))
    pg.on("console", lambda m: m.type == "error" and pg.bp_errors.append(m.text))
    return context, pg


def open_index(pg, base_url, query=""):
    """index.html, once the page can take actions (window.bp, a session or its preview)."""
    pg.goto(base_url + "index.html" + query)
    pg.wait_for_function("() => window.bp && bp.snapshot().epoch !== null", timeout=READY_MS)
