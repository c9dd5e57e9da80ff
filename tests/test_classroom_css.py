"""What a classroom link hides is written once, in web/classroom.css (one rule per name of
bpcore/link/classroom.py HIDEABLE): every name has a rule, and no rule names an unknown one."""

import re
from pathlib import Path

import pytest

from bpcore.link.classroom import HIDEABLE

pytestmark = pytest.mark.native_only
CSS_FILE = Path(__file__).resolve().parents[1] / "web" / "classroom.css"


def test_every_hideable_name_has_a_rule_and_no_rule_an_unknown_name():
    named = set(re.findall(r'\[data-hide~="([A-Za-z]+)"\]', CSS_FILE.read_text(encoding="utf-8")))
    assert named == set(HIDEABLE)


def test_hidden_means_gone_from_the_flow():
    rules = CSS_FILE.read_text(encoding="utf-8").split("}")
    hiding = [r for r in rules if "data-hide~=" in r and "display: none !important" in r]
    assert hiding, "the hiding rules must take the elements out of the layout (display: none)"
