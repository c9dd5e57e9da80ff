"""What every build step shares: the project's paths, errors, hashing, the lock, zips."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "pyodide.lock.json"
DIST = ROOT / "dist"
TOOLS = ROOT / "tools"
VENV = ROOT / ".venv"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # earliest date a zip can hold: no build time leaks in


class BuildError(Exception):
    """A build step failed; the message says which file and what to do."""


def say(msg: str) -> None:
    print(f"[build] {msg}", file=sys.stderr, flush=True)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_lock(path: Path = LOCK) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def default_cache_dir() -> Path:
    if os.environ.get("BP_CACHE_DIR"):
        return Path(os.environ["BP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bp-playground"


def pip_command() -> list[str]:
    """A pip that works: this interpreter's, else the project venv's, else pip3 on PATH."""
    candidates = [[sys.executable, "-m", "pip"], [str(VENV / "bin" / "python"), "-m", "pip"]]
    for cmd in candidates:
        if (
            Path(cmd[0]).exists()
            and subprocess.run([*cmd, "--version"], capture_output=True).returncode == 0
        ):
            return cmd
    for name in ("pip3", "pip"):
        if shutil.which(name):
            return [shutil.which(name)]
    raise BuildError("no pip found (install python3-pip, or run `python3 build.py test` once)")


def deterministic_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A zip whose bytes depend only on the names and contents: sorted, fixed dates, stored."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for arcname, data in sorted(files):
            info = zipfile.ZipInfo(arcname, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, whatever the build machine
            zf.writestr(info, data)
    return buf.getvalue()


def source_files(folder: Path, prefix: str = "") -> list[tuple[str, bytes]]:
    """(archive name, bytes) for every file under folder, without caches and dotfiles."""
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
            continue
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            out.append((prefix + rel.as_posix(), path.read_bytes()))
    return out


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary name, so a crash (or a parallel build) never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
