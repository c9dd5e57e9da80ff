"""The page's generated table (bpcore/webtable.py -> web/domain/settings.js): fresh, complete,
and written by the CLI."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bpcore import datasets, features, webtable
from bpcore import settings as st

ROOT = Path(__file__).resolve().parents[1]


def consts(text):
    """{name: JSON value} of the `export const NAME = deepFreeze(JSON);` lines."""
    out = {}
    for m in re.finditer(r"^export const (\w+) = (?:deepFreeze\()?(.+?)\)?;$", text, re.M):
        try:
            out[m.group(1)] = json.loads(m.group(2))
        except json.JSONDecodeError:
            pass  # SETTINGS / DEFAULTS are code
    return out


@pytest.mark.native_only
def test_web_domain_settings_js_is_a_fresh_export():
    """Regenerate: python -m bpcore settings-js web/domain/settings.js"""
    committed = (ROOT / webtable.PATH).read_text(encoding="utf-8")
    assert committed == webtable.settings_js()


def test_every_dataset_choice_has_a_title_and_a_kind():
    sets = consts(webtable.settings_js())["DATASETS"]
    assert list(sets) == list(st.SETTINGS["dataset"].choices)
    for name, d in sets.items():
        assert d["title"], name
        fixed_problem = "regression" if name in st.REGRESSION_DATASETS else "classification"
        assert d["problem"] in (None if name == "custom" else fixed_problem,), name
        assert d["takesClasses"] == (name in st.MULTICLASS_DATASETS), name


def test_features_view_and_limits_come_from_bpcore():
    c = consts(webtable.settings_js())
    assert list(c["FEATURES"]) == list(st.SETTINGS["features"].choices) == list(features.FEATURES)
    assert c["VIEW"] == [datasets.LO, datasets.HI]
    assert (c["MAX_CLASSES"], c["MAX_POINTS"]) == (datasets.MAX_CLASSES, datasets.MAX_POINTS)


@pytest.mark.native_only
def test_the_cli_writes_the_file(tmp_path):
    out = tmp_path / "settings.js"
    r = subprocess.run(
        [sys.executable, "-m", "bpcore", "settings-js", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == webtable.settings_js()


def test_the_link_codec_gets_its_numbers_rules_and_codes_from_bpcore():
    from bpcore.link import limits, notices

    c = consts(webtable.settings_js())
    assert c["LINK"] == limits.exported()
    assert c["LINK"]["MAX_POINTS"] == datasets.MAX_POINTS and c["LINK"]["X_HI"] == datasets.HI
    assert c["LINK_NOTICES"] == list(notices.TEXT) and c["LINK_THEN"] == list(notices.THEN)
    assert c["LOSS_FIT"] == st.LOSS_FIT and set(c["LOSS_FIT"]) == set(st.LOSSES) - {"auto"}
    assert c["AUTO_LOSS"] == st.AUTO_LOSS
    assert (c["MIN_POINTS"], c["MIN_CLASSES"]) == (datasets.MIN_POINTS, datasets.MIN_CLASSES)
