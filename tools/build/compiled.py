"""Bytecode and the first picture: the vendored Pyodide itself, run once per build under Node
(tools/pycompile.mjs runs tools/pycompile.py); outputs cached by the hash of their inputs.
Also the official Pyodide lock trimmed to the shipped packages."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from .common import TOOLS, BuildError, say, sha256_bytes, write_atomic

PYCOMPILE = TOOLS / "pycompile.mjs"  # runs TOOLS / "pycompile.py" inside Pyodide
STDLIB_AT = "/lib/python312.zip/"  # where Pyodide mounts python_stdlib.zip (code file names)
SITE_AT = "/lib/python3.12/site-packages/"  # where loadPackage unpacks wheels


def lock_packages(data: bytes, keep: list[str]) -> dict[str, dict]:
    """The official lock's entries for the shipped packages and what they depend on."""
    packages = json.loads(data)["packages"]
    wanted, todo = set(), list(keep)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(packages[name]["depends"])
    return {k: packages[k] for k in sorted(wanted)}


def trimmed_pyodide_lock(data: bytes, keep: list[str], sha256s: dict | None = None) -> bytes:
    """The official lock with only the shipped packages (and what they depend on).
    sha256s: file name -> sha256 of a wheel shipped compiled (loadPackage checks the hash)."""
    lock = json.loads(data)
    lock["packages"] = lock_packages(data, keep)
    for entry in lock["packages"].values():
        entry["sha256"] = (sha256s or {}).get(entry["file_name"], entry["sha256"])
    return (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode()


def find_node(needed_for: str = "") -> str | None:
    """Node.js, or None. If `needed_for` says what it is needed for, a missing one is an error."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node or not needed_for:
        return node
    raise BuildError(
        f"Node.js (`node`) is needed to {needed_for}. The build runs the vendored Pyodide under "
        "Node to make the bytecode of the page's Python (3.12, Pyodide's), and esbuild under "
        "Node to bundle the page's modules.\n"
        "Install Node.js 18 or newer (Debian: apt-get install nodejs), or build with "
        "--no-compile --no-bundle (the page then starts slower: its Python ships as source, "
        "with no preview.json, and its modules unbundled)."
    )


def step_tasks(
    lock: dict, runtime: dict[str, Path], bpcore_src: bytes, *, compile_: bool, vendored: bool
) -> dict[str, tuple[str, bytes, str]]:
    """What tools/pycompile.py should make: {output name: (kind, input bytes, prefix)}."""
    tasks = {"preview.json": ("preview", bpcore_src, "")}
    if compile_:
        # bpcore also ships compiled with the CDN variant: the CDN's Python is the same 3.12
        tasks["bpcore.zip"] = ("bpcore", bpcore_src, "")
    if compile_ and vendored:
        tasks["python_stdlib.zip"] = (
            "sourceless",
            runtime["python_stdlib.zip"].read_bytes(),
            STDLIB_AT,
        )
        for wheel in shipped_wheels(lock, runtime):
            tasks[wheel] = ("wheel", runtime[wheel].read_bytes(), SITE_AT)
    return tasks


def shipped_wheels(lock: dict, runtime: dict[str, Path]) -> list[str]:
    entries = lock_packages(runtime["pyodide-lock.json"].read_bytes(), lock["shipped_packages"])
    return sorted(e["file_name"] for e in entries.values())


def pyodide_step(tasks: dict, runtime_dir: Path, cache: Path, lock: dict) -> dict[str, bytes]:
    """tools/pycompile.py's output for each task, from the cache when there. The key hashes the
    input, the tools and the pinned runtime, so a cached rebuild starts no Node at all."""
    salt = sha256_bytes(
        PYCOMPILE.read_bytes()
        + (TOOLS / "pycompile.py").read_bytes()
        + json.dumps(lock["files"], sort_keys=True).encode()
    )
    out, todo = {}, {}
    for name, (kind, data, prefix) in sorted(tasks.items()):
        key = sha256_bytes(f"{salt} {kind} {prefix} {sha256_bytes(data)}".encode())
        cached = cache / "compiled" / key / name
        if cached.is_file():
            out[name] = cached.read_bytes()
        else:
            todo[name] = cached
    if todo:
        made = run_pycompile({n: tasks[n] for n in todo}, runtime_dir, lock["shipped_packages"])
        for name, data in made.items():
            write_atomic(todo[name], data)
            out[name] = data
    return out


def run_pycompile(tasks: dict, runtime_dir: Path, packages: list[str]) -> dict[str, bytes]:
    """ONE Node process for all tasks (booting Pyodide costs ~2 s); files pass through a job
    folder that tools/pycompile.mjs mounts into Pyodide's file system."""
    node = find_node("compile the page's Python and make preview.json")
    with tempfile.TemporaryDirectory(prefix="bp-pycompile-") as tmp:
        job, spec = Path(tmp), []
        (job / "in").mkdir()
        (job / "out").mkdir()
        names = sorted(tasks)
        for i, name in enumerate(names):
            kind, data, prefix = tasks[name]
            (job / "in" / str(i)).write_bytes(data)
            spec.append({"kind": kind, "input": f"in/{i}", "output": f"out/{i}", "prefix": prefix})
        needs = packages if any(t["kind"] == "preview" for t in spec) else []
        (job / "job.json").write_text(json.dumps({"packages": needs, "tasks": spec}))
        say(f"compiling in Pyodide under Node: {', '.join(names)}")
        res = subprocess.run(
            [node, str(PYCOMPILE), str(runtime_dir), str(job)], capture_output=True, text=True
        )
        if res.returncode:
            raise BuildError(
                f"`node tools/{PYCOMPILE.name}` failed (exit {res.returncode}):\n"
                + (res.stderr + res.stdout)[-4000:]
            )
        return {name: (job / "out" / str(i)).read_bytes() for i, name in enumerate(names)}


def check_compiled(name: str, data: bytes, lock: dict, cache: Path) -> None:
    """Compiled Pyodide files are pinned too (pyodide.lock.json, "compiled"): their bytes are a
    function of pinned inputs and tools/pycompile.*, so a difference is a real change."""
    pin = lock.get("compiled", {}).get(name)
    got = sha256_bytes(data)
    if pin is None or pin["sha256"] != got:
        expected = pin["sha256"] if pin else "(no pin)"
        raise BuildError(
            f"sha256 mismatch for the compiled {name}:\n  expected {expected}\n  got      {got}"
            f" ({len(data)} bytes)\nIf you changed tools/pycompile.* or the pinned Pyodide on "
            f'purpose, put the new sha256 and size into pyodide.lock.json\'s "compiled" '
            f"section; else remove {cache / 'compiled'} and build again."
        )
