"""The page's import graph (web/): no cycles, and every import goes down the layers that
docs/ARCHITECTURE.md names:

    main.js        boot: may import anything
    views/         renderers: widgets, domain, lesson, app/store.js (reads the state, never
                   changes it)
    app/           the store and the actions: domain, app, engine.js, lab-runner.js (no
                   widgets, no views)
    widgets/       DOM widgets: widgets, domain (never app/ or views/)
    domain/        pure: domain only (no DOM: no document/window/canvas)
    lesson/        the lesson's content, pure data: lesson, domain (no DOM)
"""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.native_only
WEB = Path(__file__).resolve().parents[1] / "web"
IMPORT = re.compile(
    r"""^\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']"""
    r"""|^\s*import\s*["']([^"']+)["']""",
    re.M,
)
MAY_IMPORT = {
    "views": {"views", "widgets", "domain", "lesson", "app/store.js"},
    "app": {"app", "domain", "engine.js", "lab-runner.js"},
    "widgets": {"widgets", "domain"},
    "domain": {"domain"},
    "lesson": {"lesson", "domain"},
}
DOM_WORDS = re.compile(r"\b(document|window|HTMLElement|getContext|requestAnimationFrame)\b")


def modules():
    return sorted(p for p in WEB.rglob("*.js") if p.name not in ("offline.js",))


def imports(path):
    out = []
    for m in IMPORT.finditer(path.read_text(encoding="utf-8")):
        spec = m.group(1) or m.group(2)
        if spec.startswith("."):
            out.append((path.parent / spec).resolve().relative_to(WEB).as_posix())
    return out


def layer(rel):
    return rel.split("/")[0] if "/" in rel else rel


def test_imports_go_down_the_layers():
    bad = []
    for path in modules():
        rel = path.relative_to(WEB).as_posix()
        allowed = MAY_IMPORT.get(layer(rel))
        if allowed is None:
            continue  # main.js, engine.js: the top
        for target in imports(path):
            if layer(target) not in allowed and target not in allowed:
                bad.append(f"{rel} imports {target}")
    assert bad == []


def test_no_import_cycles():
    graph = {p.relative_to(WEB).as_posix(): imports(p) for p in modules()}
    state = {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in graph.get(node, []):
            if state.get(nxt) == "open":
                raise AssertionError("cycle: " + " -> ".join(stack[stack.index(nxt) :] + [nxt]))
            if nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [node])


def test_domain_modules_touch_no_dom():
    for path in sorted([*(WEB / "domain").rglob("*.js"), *(WEB / "lesson").glob("*.js")]):
        code = re.sub(r"//.*|/\*[\s\S]*?\*/", "", path.read_text(encoding="utf-8"))
        assert not DOM_WORDS.search(code), f"{path.name} uses the DOM"


def test_every_module_exists_where_it_is_imported():
    for path in modules():
        for target in imports(path):
            assert (WEB / target).is_file(), f"{path.relative_to(WEB)} imports a missing {target}"
