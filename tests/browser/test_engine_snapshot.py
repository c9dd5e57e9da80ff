"""The engine's memory snapshot (web/worker.mjs): a first visit keeps a snapshot of the booted
Python runtime in Cache Storage; a later visit restores it instead of booting Python again,
and computes exactly what a fresh engine computes. A snapshot that is damaged or was made
for another runtime is never used: the engine boots afresh and keeps a good one instead."""

import time

import pytest
from pages import READY_MS

CACHE = "bp-engine-snapshot"

# The kept snapshot as the worker stores it: {key, size}, or null
KEPT = f"""async () => {{
    const cache = await caches.open("{CACHE}");
    const hit = await cache.match(new URL("engine-snapshot", location.href).href);
    if (!hit) return null;
    return {{key: hit.headers.get("x-runtime-key"), size: (await hit.arrayBuffer()).byteLength}};
}}"""


def visit(page, base_url):
    """Open the page and wait for its engine; how it booted."""
    page.goto(base_url + "index.html")
    page.wait_for_function(
        "() => window.bp && bp.engine.status === 'ready' && bp.snapshot().epoch !== null",
        timeout=READY_MS,
    )
    return page.evaluate("() => bp.engine.boot")


def train(page):
    """25 epochs of the default session, straight from the engine: its metrics."""
    return page.evaluate("() => bp.engine.request('step', {epochs: 25}).then((r) => r.metrics)")


def wait_kept(page, key=None):
    """The kept snapshot once there is a real one (under key, if given): the worker stores it
    after "ready", so poll the cache until it is there."""
    deadline = time.monotonic() + READY_MS / 1000
    while time.monotonic() < deadline:
        kept = page.evaluate(KEPT)
        if kept and kept["size"] > 1_000_000 and key in (None, kept["key"]):
            return kept
        page.wait_for_timeout(100)  # the next look, not a guess at how long storing takes
    raise AssertionError(f"no snapshot kept (last seen: {kept})")


def runtime_key(page):
    return page.evaluate("() => fetch('config.json').then((r) => r.json())")["runtimeKey"]


def test_a_second_visit_restores_the_runtime_and_computes_the_same(page, base_url):
    assert visit(page, base_url) == "fresh"
    first = train(page)
    kept = wait_kept(page)
    assert kept["key"] == runtime_key(page) and kept["size"] > 1_000_000

    assert visit(page, base_url) == "snapshot"
    assert train(page) == first  # bit for bit: the same numbers as a freshly booted engine


# Damages, as JS turning the good snapshot's bytes (a Uint8Array) into the bad ones
DAMAGES = {
    "not a snapshot": "(good) => new Uint8Array(4096).fill(7)",
    # well formed, but made by another Pyodide build: Pyodide itself refuses it on restoring
    "another build id": "(good) => { const b = good.slice(); b[16] ^= 0xff; return b; }",
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_snapshot_is_replaced_by_a_fresh_boot(page, base_url, damage):
    visit(page, base_url)
    good = wait_kept(page)
    page.evaluate(f"""async () => {{
        const cache = await caches.open("{CACHE}");
        const url = new URL("engine-snapshot", location.href).href;
        const hit = await cache.match(url);
        const bad = ({DAMAGES[damage]})(new Uint8Array(await hit.arrayBuffer()));
        await cache.put(url, new Response(bad, {{headers: hit.headers}}));
    }}""")
    assert visit(page, base_url) == "fresh"
    assert page.evaluate("() => bp.snapshot().load.status") == "ready"
    assert wait_kept(page) == good  # the fresh boot kept a good one again
    assert visit(page, base_url) == "snapshot"


def test_another_runtimes_snapshot_is_not_used(page, base_url):
    visit(page, base_url)
    good = wait_kept(page)
    # a real snapshot, filed under another build's runtime key
    page.evaluate(f"""async () => {{
        const cache = await caches.open("{CACHE}");
        const url = new URL("engine-snapshot", location.href).href;
        const bytes = await (await cache.match(url)).arrayBuffer();
        const headers = {{"x-runtime-key": "0123456789abcdef"}};
        await cache.put(url, new Response(bytes, {{headers}}));
    }}""")
    assert visit(page, base_url) == "fresh"
    assert wait_kept(page, good["key"]) == good
