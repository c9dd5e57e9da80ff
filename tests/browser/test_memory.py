"""The worker does not leak while training: Python objects alive after gc and the wasm heap
stay flat over hundreds of chunks. (The old check read sys.getallocatedblocks(), which is 0
under Pyodide at every sample, so it could never fail.)"""

from pages import READY_MS

RUN = """async (n) => {
    const e = window.bp.engine;
    for (let i = 0; i < n; i++) {
        await e.request("step", {epochs: 1, gridSize: 100, neurons: false, thumbSize: 25});
    }
    return await e.request("memory");
}"""


def test_worker_memory_stays_flat_over_hundreds_of_chunks(page, base_url):
    page.goto(base_url + "index.html")
    page.wait_for_function(
        "() => window.bp && bp.engine.status === 'ready' && bp.stats.sessionAt", timeout=READY_MS
    )
    before = page.evaluate(RUN, 50)  # warm-up: buffers, caches and the heap's high-water mark
    after = page.evaluate(RUN, 300)
    assert before["objects"] > 1000 and before["heap"] > 10_000_000, before  # real readings
    # a leaked result per chunk would be >= 600 objects (a dict and a list each) and ~40 KB of
    # grid each: 12 MB of heap
    assert after["objects"] - before["objects"] < 150, (before, after)
    assert after["heap"] - before["heap"] <= 4 * 2**20, (before, after)
