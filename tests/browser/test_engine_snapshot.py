"""The engine's memory snapshot (web/engine-snapshot.mjs): a first visit keeps a snapshot of
Python with NumPy and bpcore imported in Cache Storage; a later visit restores it instead of
booting Python and importing them again, and computes exactly what a fresh engine computes.
A snapshot that is damaged or was made for another build is never used: the engine boots
afresh and keeps a good one instead."""

import pytest
from pages import READY_MS

CACHE = "bp-engine-snapshot"

# The kept snapshot as the worker stores it, {key, size, hint}, or null
KEPT = f"""async () => {{
    const cache = await caches.open("{CACHE}");
    const hit = await cache.match(new URL("engine-snapshot", location.href).href);
    if (!hit) return null;
    const size = (await hit.arrayBuffer()).byteLength;
    // and the page's hint, which names the next visit's worker (engine.js)
    return {{key: hit.headers.get("x-snapshot-key"), size, hint: localStorage.getItem("{CACHE}")}};
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
    after "ready", so the page looks into the cache after each of its writes settles."""
    found = f"""async ([key, ms]) => {{
        const deadline = performance.now() + ms;
        let kept = null;
        while (performance.now() < deadline) {{
            kept = await ({KEPT})();
            const stored = kept && kept.size > 1000000 && kept.hint === kept.key;
            if (stored && (key === null || kept.key === key)) return {{kept}};
            await new Promise((r) => setTimeout(r, 250)); // the next look
        }}
        return {{lastSeen: kept}};
    }}"""
    out = page.evaluate(found, [key, READY_MS])
    assert "kept" in out, f"no snapshot kept (last seen: {out['lastSeen']})"
    return out["kept"]


def snapshot_key(page):
    return page.evaluate("() => fetch('config.json').then((r) => r.json())")["snapshotKey"]


def test_a_second_visit_restores_the_runtime_and_computes_the_same(page, base_url):
    assert visit(page, base_url) == "fresh"
    first = train(page)
    kept = wait_kept(page)
    assert kept["key"] == snapshot_key(page) and kept["size"] > 1_000_000

    assert visit(page, base_url) == "snapshot"
    assert train(page) == first  # bit for bit: the same numbers as a freshly booted engine


# Damages, as JS turning the good snapshot's bytes (a Uint8Array) into the bad ones
DAMAGES = {
    "not a snapshot": "(good) => new Uint8Array(4096).fill(7)",
    # well formed, but made by another Pyodide build: Pyodide itself refuses it on restoring
    "another build id": "(good) => { const b = good.slice(); b[16] ^= 0xff; return b; }",
    # a library's handle (in the JSON) pointing nowhere: loading it again fails
    "a lost library": """(good) => {
        const at = new Uint32Array(good.buffer, 0, 3);
        const text = new TextDecoder().decode(good.subarray(48, 48 + at[2]));
        const json = text.replace(/"handle":\\d+/, '"handle":4');
        const b = good.slice();
        b.set(new TextEncoder().encode(json), 48);
        new Uint32Array(b.buffer, 0, 3)[2] = json.length;
        return b;
    }""",
    # the damages of issue 20: each restored silently, or failed the page, before the checksum
    "32 changed doubles in the heap": """(good) => {
        const [, heapAt] = new Uint32Array(good.buffer, 0, 3);
        const b = good.slice();
        new Float64Array(b.buffer, heapAt + 8 * 2 ** 20, 32).fill(0.5);
        return b;
    }""",
    "100 flipped bits": """(good) => {
        const [, heapAt] = new Uint32Array(good.buffer, 0, 3);
        const b = good.slice();
        for (let i = 0; i < 100; i++) b[heapAt + 4096 + i * 104729] ^= 1 << (i % 8);
        return b;
    }""",
    "a library missing from the list": """(good) => {
        const at = new Uint32Array(good.buffer, 0, 3);
        const text = new TextDecoder().decode(good.subarray(48, 48 + at[2]));
        const json = text.replace(/\\{"name":"[^"]*","global":\\w+,"handle":\\d+\\},/, "");
        if (json === text) throw new Error("no library to drop");
        const b = good.slice();
        b.set(new TextEncoder().encode(json), 48);
        new Uint32Array(b.buffer, 0, 3)[2] = json.length;
        return b;
    }""",
    # a library's bytes among the files after the heap (one of the listed ones, which the
    # restore loads again: files start at multiples of 4 bytes, as the worker stores them)
    "damaged library bytes": """(good) => {
        const [, heapAt, length] = new Uint32Array(good.buffer, 0, 3);
        const meta = JSON.parse(new TextDecoder().decode(good.subarray(48, 48 + length))).bp;
        const libs = meta.libs.map((l) => l.name.split("/").pop());
        let at = heapAt + meta.heap;
        for (const [path, size] of meta.files) {
            if (libs.includes(path.split("/").pop())) {
                const b = good.slice();
                b.fill(0xff, at + 64, at + Math.min(size, 4096));
                return b;
            }
            at += size + ((4 - (size % 4)) % 4);
        }
        throw new Error("no library among the files");
    }""",
}


def damage_kept(page, damage, resum=False):
    """Damage the kept snapshot; resum: store the checksum of the damaged bytes with it too (a
    damage the checksum cannot see, so that restoring it is what fails)."""
    page.evaluate(f"""async () => {{
        const cache = await caches.open("{CACHE}");
        const url = new URL("engine-snapshot", location.href).href;
        const hit = await cache.match(url);
        const bad = ({DAMAGES[damage]})(new Uint8Array(await hit.arrayBuffer()));
        const headers = new Headers(hit.headers);
        if ({str(resum).lower()}) {{
            const {{checksum, snapshotParts}} = await import("./engine-snapshot.mjs");
            headers.set("x-snapshot-sum", checksum(snapshotParts(bad).segments));
        }}
        await cache.put(url, new Response(bad, {{headers}}));
    }}""")


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_snapshot_is_replaced_by_a_fresh_boot(page, base_url, damage):
    visit(page, base_url)
    first = train(page)
    good = wait_kept(page)
    damage_kept(page, damage)
    assert visit(page, base_url) == "fresh"
    assert page.evaluate("() => bp.snapshot().load.status") == "ready"
    assert train(page) == first  # what a fresh engine computes, not what the damage makes
    assert wait_kept(page) == good  # the fresh boot kept a good one again
    assert visit(page, base_url) == "snapshot"


def test_a_restore_that_fails_past_the_checksum_boots_afresh(page, base_url):
    """Any failure while restoring (here a damage stored with its own checksum) is the
    snapshot's fault: a fresh boot, logged, never "pyodide.asm.wasm is missing or corrupt"."""
    visit(page, base_url)
    first = train(page)
    wait_kept(page)
    damage_kept(page, "damaged library bytes", resum=True)
    assert visit(page, base_url) == "fresh"
    assert page.evaluate("() => bp.snapshot().load.status") == "ready"
    assert train(page) == first


def test_another_runtimes_snapshot_is_not_used(page, base_url):
    visit(page, base_url)
    good = wait_kept(page)
    # a real snapshot, filed under another build's runtime key
    page.evaluate(f"""async () => {{
        const cache = await caches.open("{CACHE}");
        const url = new URL("engine-snapshot", location.href).href;
        const bytes = await (await cache.match(url)).arrayBuffer();
        const headers = {{"x-snapshot-key": "0123456789abcdef"}};
        await cache.put(url, new Response(bytes, {{headers}}));
    }}""")
    assert visit(page, base_url) == "fresh"
    assert wait_kept(page, good["key"]) == good
