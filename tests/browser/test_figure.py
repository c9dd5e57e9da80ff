"""The figure for slides (issue 24.4): "Save picture" downloads a PNG of the diagram, the map and
the loss chart at twice their size; "Record" while training runs shows a recording indicator and
downloads, on Stop, a video that plays and whose frames change; in the page's language.

Fails on the page before the figure: there are no Save picture or Record buttons.
"""

import base64
import struct

import pytest
from pages import READY_MS, new_context_page, painted, wait_snapshot

READY = "() => window.bp && bp.engine.status === 'ready' && bp.stats.sessionAt"


@pytest.fixture(scope="module")
def page_(browser, base_url):
    context, pg = new_context_page(browser, viewport=(1280, 900))
    pg.goto(base_url + "index.html")
    pg.wait_for_function(READY, timeout=READY_MS)
    painted(pg)
    yield pg
    context.close()


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_save_picture_writes_the_figure_at_twice_its_size(page_, tmp_path):
    pg = page_
    with pg.expect_download() as d:
        pg.get_by_role("button", name="Save picture").click()
    assert d.value.suggested_filename.endswith(".png")
    d.value.save_as(tmp_path / "figure.png")
    width, height = png_size((tmp_path / "figure.png").read_bytes())
    diagram = pg.locator("#network-view").bounding_box()
    the_map = pg.locator(".map-frame").bounding_box()
    # twice the CSS size of the diagram and the map side by side (plus margins and a title)
    both = diagram["width"] + the_map["width"]
    assert 2 * both <= width <= 2 * (both + 80)
    assert height >= 2 * max(diagram["height"], the_map["height"])
    wait_snapshot(pg, "s.notice.includes('PNG')")


def test_record_three_seconds_of_training_into_a_playable_video(page_, browser, tmp_path):
    pg = page_
    pg.evaluate("() => bp.play()")
    record = pg.get_by_role("button", name="Record")
    record.click()
    indicator = pg.locator("#recording")
    indicator.wait_for(state="visible")
    assert pg.get_by_role("button", name="Stop recording").get_attribute("aria-pressed") == "true"
    pg.wait_for_function(
        "() => document.querySelector('#recording').textContent.includes('3 s of 60 s')",
        timeout=30_000,
    )
    with pg.expect_download() as d:
        pg.get_by_role("button", name="Stop recording").click()
    pg.evaluate("() => bp.pause()")
    name = d.value.suggested_filename
    assert name.endswith((".mp4", ".webm"))
    path = tmp_path / name
    d.value.save_as(path)
    indicator.wait_for(state="hidden")
    wait_snapshot(pg, "s.notice.includes('nothing was uploaded')")
    # plays in a plain page: a duration of about 3 s, and its frames change while training ran
    mime = "video/mp4" if name.endswith(".mp4") else "video/webm"
    url = f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()
    context = browser.new_context()
    try:
        player = context.new_page()
        player.set_content("<video id=v muted></video><canvas id=c></canvas>")
        result = player.evaluate(
            """async (url) => {
                const v = document.getElementById("v");
                v.src = url;
                await new Promise((ok, no) => {
                    v.onloadeddata = ok;
                    v.onerror = () => no(v.error && v.error.message);
                });
                if (!Number.isFinite(v.duration)) {  // a WebM without its length: seek past the end
                    v.currentTime = 1e6;
                    await new Promise((ok) => { v.ondurationchange = ok; setTimeout(ok, 2000); });
                }
                const grab = async (t) => {
                    v.currentTime = t;
                    await new Promise((ok) => { v.onseeked = ok; });
                    const c = document.getElementById("c");
                    c.width = v.videoWidth; c.height = v.videoHeight;
                    const ctx = c.getContext("2d");
                    ctx.drawImage(v, 0, 0);
                    return Array.from(ctx.getImageData(0, 0, c.width, c.height).data);
                };
                const a = await grab(0.2), b = await grab(Math.max(0.5, v.duration - 0.3));
                let differ = 0;
                for (let i = 0; i < a.length; i += 4) {
                    if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) > 30) differ += 1;
                }
                return {duration: v.duration, width: v.videoWidth, height: v.videoHeight, differ};
            }""",
            url,
        )
    finally:
        context.close()
    assert 2.5 <= result["duration"] <= 10, result
    assert result["width"] > 400 and result["height"] > 300, result
    assert result["differ"] > 500, result  # training moved the map, the chart, the epoch
    assert pg.bp_errors == []


def test_the_buttons_speak_chinese(browser, base_url):
    context, pg = new_context_page(browser, locale="zh-CN", viewport=(1280, 900))
    try:
        pg.goto(base_url + "index.html?lang=zh-CN")
        pg.wait_for_function(READY, timeout=READY_MS)
        assert pg.get_by_role("button", name="保存图片").is_visible()
        assert pg.get_by_role("button", name="录制").is_visible()
    finally:
        context.close()
