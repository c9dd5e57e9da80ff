"""The page's modules bundled for delivery by esbuild (pinned in package.json, installed by
`npm ci`; tools/bundle.mjs drives it): early.js, main.js, offline.js, worker.mjs and
lab-worker.mjs keep their names, shared and lazy chunks are chunk-<hash>.js, index.html's
stylesheets are one page.css (in their order: the same cascade), each with a source map
pointing to web/. index.html's modulepreload of engine.js becomes one per chunk the page's
entries import, so the browser fetches them at once instead of one import level at a time."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .common import ROOT, TOOLS, BuildError, say, sha256_bytes
from .compiled import find_node

BUNDLER = TOOLS / "bundle.mjs"
ENTRIES = ("early.js", "main.js")  # what index.html loads at once (offline.js waits for idle)
PRELOAD = '<link rel="modulepreload" href="engine.js">'
SHEET = re.compile(r'<link rel="stylesheet" href="([\w.-]+\.css)">\n')


def ensure_node_tools() -> None:
    """node_modules/ from package-lock.json (the bundler and the JS type checker; the page needs
    none of it), unless already installed from the same lock or npm is missing."""
    lock = ROOT / "package-lock.json"
    npm = shutil.which("npm")
    if not lock.is_file() or not npm:
        return
    stamp = ROOT / "node_modules" / ".bp-installed"
    want = sha256_bytes(lock.read_bytes())
    if stamp.is_file() and stamp.read_text().strip() == want:
        return
    say("installing the JS dev tools (npm ci)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT, check=True)
    stamp.write_text(want + "\n")


def bundle(index_html: bytes) -> dict[str, bytes]:
    """dist/'s bundled files (entries, chunks, maps) and its index.html preloading the chunks."""
    node = find_node("bundle the page's modules")
    ensure_node_tools()
    if not (ROOT / "node_modules" / "esbuild" / "package.json").is_file():
        raise BuildError(
            "esbuild is not installed: run `npm ci` in the project folder (it needs npm), "
            "or build with --no-bundle (the page then loads its ~75 modules one by one)"
        )
    with tempfile.TemporaryDirectory(prefix="bp-bundle-") as tmp:
        res = subprocess.run(
            [node, str(BUNDLER), str(ROOT), tmp, *SHEET.findall(index_html.decode("utf-8"))],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if res.returncode:
            raise BuildError(f"esbuild failed (exit {res.returncode}):\n{res.stderr[-4000:]}")
        meta = json.loads((Path(tmp) / "meta.json").read_text())
        folder = Path(tmp) / "files"
        files = {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }
    replaced = {"index.html", "early.js", "main.js", "offline.js", "worker.mjs", "lab-worker.mjs"}
    clash = sorted(n for n in files if n not in replaced and (ROOT / "web" / n).exists())
    if clash:
        raise BuildError(f"web/ must not hold these names the bundle makes: {', '.join(clash)}")
    html = preload_chunks(index_html, static_chunks(meta["outputs"]))
    files["index.html"] = one_stylesheet(html) if "page.css" in files else html
    say(f"bundled the page: {len([n for n in files if not n.endswith('.map')]) - 1} files")
    return files


def static_chunks(outputs: dict) -> list[str]:
    """The chunks the page's entries import statically, directly or not, in a stable order."""
    seen: list[str] = []
    todo = [
        imp["path"]
        for e in ENTRIES
        for imp in outputs[e]["imports"]
        if imp["kind"] == "import-statement"
    ]
    while todo:
        name = todo.pop(0)
        if name not in seen:
            seen.append(name)
            todo += [i["path"] for i in outputs[name]["imports"] if i["kind"] == "import-statement"]
    return seen


def preload_chunks(html: bytes, chunks: list[str]) -> bytes:
    text = html.decode("utf-8")
    if text.count(PRELOAD) != 1:
        raise BuildError(
            f"web/index.html must hold `{PRELOAD}` once: the bundle's preloads go there"
        )
    links = "\n".join(f'<link rel="modulepreload" href="{c}">' for c in chunks)
    return text.replace(PRELOAD + "\n", links + "\n" if links else "").encode()


def one_stylesheet(html: bytes) -> bytes:
    """The stylesheet links as one, where the first one was."""
    text = html.decode("utf-8")
    first = SHEET.search(text)
    assert first is not None  # page.css is made only from these links
    rest = SHEET.sub("", text[first.end() :])
    return (text[: first.start()] + '<link rel="stylesheet" href="page.css">\n' + rest).encode()
