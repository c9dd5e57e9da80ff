"""A user downloads the Python script from the page and runs it where only NumPy is installed:
it prints the losses `python -m bpcore replay` gives for the page's own link, written as the
lesson writes it (issue 19.9): z = W a + b with a sample a column, sigmoid 1 / (1 + e^-z),
comments in the page's language, a default run of a few seconds and the page's epoch on request."""

import json
import re

import numpy as np
from pages import READY_MS, wait_quiet
from scriptrun import run_script

from bpcore.cli import main
from bpcore.link import encode_link


def download(page, name, tmp_path):
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    script = tmp_path / info.value.suggested_filename
    info.value.save_as(script)
    return script


def test_the_downloaded_script_runs_alone_and_matches_replay(page, base_url, tmp_path, capsys):
    settings = {
        "dataset": "moons",
        "layers": [5, 3],
        "optimizer": "adam",
        "lr": 0.01,
        "batch_size": 8,
        "n_points": 120,
    }
    page.goto(base_url + "index.html#" + encode_link(settings))
    page.wait_for_function(
        "() => window.bp && bp.engine.status === 'ready' && bp.stats.sessionAt", timeout=READY_MS
    )
    link = page.evaluate("() => bp.flushLink()")
    script = download(page, "Download Python script", tmp_path)
    printed, train, _ = run_script(script)
    assert printed == list(range(0, 101, 10))  # not trained yet: 100 epochs, every 10
    assert main(["replay", link, "--epochs", "100", "--json"]) == 0
    want = json.loads(capsys.readouterr().out)["loss_train"]
    np.testing.assert_allclose(train[1:], want[9::10], rtol=1e-9, atol=0)


def test_a_chinese_page_s_script_speaks_chinese_and_knows_the_page_s_epoch(
    page, base_url, tmp_path, capsys
):
    settings = {"dataset": "xor", "layers": [4], "activation": ["sigmoid"], "batch_size": 5}
    page.goto(base_url + "index.html?lang=zh-CN#" + encode_link(settings))
    wait_quiet(page)
    page.evaluate("() => bp.play()")
    page.wait_for_function("() => bp.snapshot().epoch >= 300", timeout=READY_MS)
    page.evaluate("() => bp.pause()")
    wait_quiet(page)
    epoch = page.evaluate("() => bp.snapshot().epoch")
    link = page.evaluate("() => bp.flushLink()")
    text = download(page, "下载 Python 脚本", tmp_path).read_text(encoding="utf-8")
    assert "记号与课程相同" in text and f"页面当时在第 {epoch:,} 轮" in text
    assert f"--epochs {epoch}" in text
    assert "z.append(W[l] @ a[l] + b[l])" in text and "1 / (1 + np.exp(-z))" in text
    assert "tanh" not in text
    default = int(re.search(r"^EPOCHS = (\d+)$", text, re.M).group(1))
    assert 100 <= default <= epoch  # 250 points in batches of 5: 200 epochs of 50 steps
    path = tmp_path / "run.py"
    path.write_text(text, encoding="utf-8")
    printed, train, _ = run_script(path, "--epochs", 60, "--every", 20)
    assert printed == [0, 20, 40, 60]
    assert main(["replay", link, "--epochs", "60", "--json"]) == 0
    want = json.loads(capsys.readouterr().out)["loss_train"]
    np.testing.assert_allclose(train[1:], want[19::20], rtol=1e-9, atol=0)


def test_a_run_whose_learning_rate_changed_mid_run_downloads_as_it_ran(
    page, base_url, tmp_path, capsys
):
    """The learning rate changed with its control mid-run: the script makes that change at the
    same epoch, so trained to the page's epoch it prints the page's link's losses."""
    settings = {"dataset": "xor", "layers": [4, 2], "batch_size": 10, "lr": 0.01}
    page.goto(base_url + "index.html#" + encode_link(settings))
    wait_quiet(page)
    for until, lr in [(60, "0.1"), (150, None)]:
        page.evaluate("() => bp.play()")
        page.wait_for_function(f"() => bp.snapshot().epoch >= {until}", timeout=60_000)
        page.evaluate("() => bp.pause()")
        wait_quiet(page)
        if lr:
            page.locator("#lr").select_option(lr)
            page.wait_for_function(f"() => bp.snapshot().settings.lr === {lr}")
            wait_quiet(page)
    epoch = page.evaluate("() => bp.snapshot().epoch")
    link = page.evaluate("() => bp.flushLink()")
    script = download(page, "Download Python script", tmp_path)
    assert "CHANGES = [" in script.read_text(encoding="utf-8")
    printed, train, test = run_script(script, "--epochs", epoch, "--every", epoch)
    assert printed == [0, epoch]
    assert main(["replay", link, "--json"]) == 0
    want = json.loads(capsys.readouterr().out)["final"]
    assert want["epoch"] == epoch
    np.testing.assert_allclose(train[-1], want["loss_train"], rtol=1e-9, atol=0)
    np.testing.assert_allclose(test[-1], want["loss_test"], rtol=1e-9, atol=0)
