"""A user downloads the Python script from the page and runs it where only NumPy is installed:
it prints the losses `python -m bpcore replay` gives for the page's own link."""

import json

import numpy as np
from pages import READY_MS
from scriptrun import run_script

from bpcore.cli import main
from bpcore.link import encode_link


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
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Python script").click()
    script = tmp_path / info.value.suggested_filename
    info.value.save_as(script)
    train, _ = run_script(script)
    epochs = len(train) - 1  # epoch 0, then one line per epoch
    assert epochs >= 1
    assert main(["replay", link, "--epochs", str(epochs), "--json"]) == 0
    want = json.loads(capsys.readouterr().out)
    np.testing.assert_allclose(train[1:], want["loss_train"], rtol=1e-9, atol=0)
