"""The lab's content (web/lab/) fits its checker (bpcore/lab): the same exercises, a sentence in
both languages for every key a check can answer (with the places its params fill), and starter
code that runs without an error yet does not pass."""

import ast
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lab_solutions import load

from bpcore.lab import EXERCISES, check, run

# reads web/ through node, which the Pyodide run has neither of
pytestmark = pytest.mark.native_only

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "zh-CN")


@pytest.fixture(scope="module")
def content():
    """{"exercises": [...], "en": {...}, "zh-CN": {...}} as the page imports them."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing (CI installs it with npm)")
        pytest.skip("node is not installed")
    script = (
        "const [{EXERCISES}, en, zh] = await Promise.all(['exercises', 'en', 'zh-CN']"
        ".map((m) => import(`./web/lab/${m}.js`)));"
        "console.log(JSON.stringify({exercises: EXERCISES, en: en.default, 'zh-CN': zh.default}));"
    )
    r = subprocess.run([node, "--input-type=module", "-e", script], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)  # fmt: skip
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_exercises_js_is_bpcores_table(content):
    page = [(e["id"], tuple(e["names"]), e["plug"]) for e in content["exercises"]]
    assert page == [(e.id, e.names, e.plug) for e in EXERCISES]


def keys_in_the_checker():
    """Every sentence key bpcore/lab can answer, read from its source: c.add / c.close (and
    its _differs) / c.note / _bad calls, compare.CASES, and the error kinds explain.py
    returns."""
    keys = set()

    def strings(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return strings(node.body) + strings(node.orelse)
        return []

    for path in (ROOT / "bpcore" / "lab").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
                name, args = node.func.attr, node.args
                if name in ("add", "close"):
                    keys |= {f"lab.check.{k}" for k in strings(args[0])}
                if name == "close":
                    keys |= {f"lab.check.{k}{end}" for k in strings(args[0])
                             for end in ("_differs", "_number_differs")}  # fmt: skip
                if name == "note":
                    keys |= {f"lab.mistake.{k}" for k in strings(args[0])}
                if name == "_bad" and len(args) > 1:
                    keys |= {f"lab.check.{k}" for k in strings(args[1])}
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "CASES":
                cases = [k for elt in node.value.elts for k in strings(elt)]
                ends = ("", "_differs", "_number_differs")
                keys |= {f"lab.check.{k}{end}" for k in cases for end in ends}
            if path.name == "explain.py" and isinstance(node, ast.Return):
                if isinstance(node.value, ast.Tuple) and node.value.elts:
                    keys |= {f"lab.error.{k}" for k in strings(node.value.elts[0])}
            if path.name == "explain.py" and isinstance(node, ast.Assign):
                target = node.targets[0]
                first = target.elts[0] if isinstance(target, ast.Tuple) else target
                if isinstance(first, ast.Name) and first.id == "kind":
                    value = node.value.elts[0] if isinstance(node.value, ast.Tuple) else node.value
                    keys |= {f"lab.error.{k}" for k in strings(value)}
    return keys


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_the_checker_can_answer_has_a_sentence(content, lang):
    keys = keys_in_the_checker()
    assert len(keys) > 60, sorted(keys)  # the scan found the checker's keys
    messages = content[lang]["messages"]
    assert sorted(keys - set(messages)) == []
    assert sorted(set(messages) - keys) == []  # and no sentence is for a key never answered


def answers():
    """(key, params) of every sentence the solutions and a few errors bring back."""
    out = []
    for sol in load():
        r = check(sol.exercise, sol.source)
        out += [(c["key"], c["params"]) for c in r["checks"]]
        out += [(x["key"], x["params"]) for x in (r["mistake"], r["error"]) if x]
    for src in ("x = [1.0] * 0.5\n", "def f(:\n", "y = np.ones((2, 3)) + np.ones(2)\n"):
        err = run(src)["error"]
        out.append((err["key"], err["params"]))
    return out


def test_each_sentence_has_its_params(content):
    seen = set()
    for key, params in answers():
        seen.add(key)
        for lang in LANGS:
            text = content[lang]["messages"][key]
            missing = set(re.findall(r"\{(\w+)\}", text)) - set(params)
            assert not missing, (lang, key, missing, params)
    assert len(seen) > 40


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ex", [e.id for e in EXERCISES])
def test_the_starter_runs_but_does_not_pass(content, lang, ex):
    starter = content[lang]["exercises"][ex]["starter"]
    r = run(starter)
    assert r["error"] is None, r["error"]
    result = check(ex, starter)
    assert not result["passed"] and result["error"] is None, result
    assert any(not c["passed"] for c in result["checks"])
