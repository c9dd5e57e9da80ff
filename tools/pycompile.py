"""Runs INSIDE the vendored Pyodide (tools/pycompile.mjs starts it), never natively.

Reads /job/job.json, written by build.py: {"tasks": [{"kind", "input", "output", "prefix"?}]},
paths relative to /job (the host's job folder, mounted). Kinds:
  sourceless  a zip whose .py entries become sourceless .pyc (python_stdlib.zip)
  wheel       the same for a wheel, with its RECORD regenerated
  bpcore      bpcore.zip keeping its .py, plus __pycache__/<mod>.cpython-312.pyc
  preview     preview.json: the engine's answer to init and grid for the default settings
Every output depends only on the input bytes and this Pyodide: fixed dates, fixed order, and
the zips are written by Pyodide's own zlib (a host zlib, e.g. zlib-ng, could deflate differently).
"""

import base64
import csv
import hashlib
import importlib.util
import io
import json
import marshal
import sys
import tempfile
import zipfile

JOB = "/job/"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Unchecked-hash pycs (PEP 552): never compared with a source, so no stat or mtime matters.
UNCHECKED_HASH = 0b01


def pyc(source: bytes, dfile: str) -> bytes:
    """The .pyc bytes of `source`: the 16-byte header (magic, flags, source hash) + marshal."""
    code = compile(source, dfile, "exec", dont_inherit=True, optimize=0)
    return (
        importlib.util.MAGIC_NUMBER
        + UNCHECKED_HASH.to_bytes(4, "little")
        + importlib.util.source_hash(source)
        + marshal.dumps(code)
    )


def entry(info: zipfile.ZipInfo, name: str | None = None) -> zipfile.ZipInfo:
    """A copy of `info` (or of its attributes under a new name) with nothing time-dependent."""
    out = zipfile.ZipInfo(name or info.filename, date_time=ZIP_DATE)
    out.external_attr = info.external_attr
    out.create_system = 3
    out.compress_type = zipfile.ZIP_STORED if out.is_dir() else zipfile.ZIP_DEFLATED
    return out


def sourceless(data: bytes, prefix: str) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """Every entry of the zip, in its order, each module's .py replaced by its sourceless .pyc.
    prefix: where the zip's names live at run time (the code objects' file names)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            body = zf.read(info)
            if info.filename.endswith(".py"):
                try:
                    body = pyc(body, prefix + info.filename)
                    info = entry(info, info.filename + "c")
                except SyntaxError as exc:  # keep what 3.12 cannot compile as it is
                    print(f"kept as source: {info.filename}: {exc}")
            out.append((entry(info), body))
    return out


def record(entries: list[tuple[zipfile.ZipInfo, bytes]], name: str) -> bytes:
    """A wheel's RECORD for these entries (PEP 376/427: path,sha256=urlsafe-b64,size)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for info, body in entries:
        if info.is_dir() or info.filename == name:
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=").decode()
        writer.writerow([info.filename, f"sha256={digest}", len(body)])
    writer.writerow([name, "", ""])
    return buf.getvalue().encode()


def wheel(data: bytes, prefix: str) -> list[tuple[zipfile.ZipInfo, bytes]]:
    entries = sourceless(data, prefix)
    name = next(i.filename for i, _ in entries if i.filename.endswith(".dist-info/RECORD"))
    return [(i, record(entries, name) if i.filename == name else b) for i, b in entries]


def bpcore(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """bpcore keeps its .py files: tracebacks the page shows (errors, the inspector) then quote
    the source lines, and the sources are small. Its pycs sit in __pycache__ as unchecked-hash
    pycs, so importing never reads the source nor compares times (extraction sets new ones)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            body = zf.read(info)
            out.append((entry(info), body))
            if info.filename.endswith(".py"):
                # co_filename is replaced by the real source path at import, so relative is fine
                cached = importlib.util.cache_from_source(info.filename)
                out.append((entry(info, cached), pyc(body, info.filename)))
    out.sort(key=lambda e: e[0].filename)
    for info, _ in out:  # small and extracted at once: stored, like the source-only zip
        info.compress_type = zipfile.ZIP_STORED
    return out


def write_zip(entries: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info, body in entries:
            zf.writestr(info, body)
    return buf.getvalue()


def b64(array) -> str:
    """A NumPy array's raw little-endian bytes in standard base64 (the page decodes them)."""
    return base64.b64encode(array.astype(array.dtype.newbyteorder("<")).tobytes()).decode()


def preview(data: bytes) -> bytes:
    """What the engine answers for the default settings, so the page can draw it at once."""
    folder = tempfile.mkdtemp()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        zf.extractall(folder)
    sys.path.insert(0, folder)
    from bpcore.protocol import Engine

    e = Engine()
    d = e.handle("init", {})
    g = e.handle("grid", {"size": 100, "neurons": False})
    keys = ("settings", "layerSizes", "classes", "problem", "loss", "epoch", "metrics")
    described = {k: d[k] for k in keys}
    described.update(points=b64(d["points"]), trainMask=b64(d["trainMask"]))
    grid = {"size": g["size"], "output": b64(g["output"]), "neurons": []}
    doc = {"version": 1, "described": described, "grid": grid}
    return (json.dumps(doc, sort_keys=True, allow_nan=False, separators=(",", ":")) + "\n").encode()


def run(task: dict) -> bytes:
    with open(JOB + task["input"], "rb") as f:
        data = f.read()
    kind = task["kind"]
    if kind == "sourceless":
        return write_zip(sourceless(data, task["prefix"]))
    if kind == "wheel":
        return write_zip(wheel(data, task["prefix"]))
    if kind == "bpcore":
        return write_zip(bpcore(data))
    if kind == "preview":
        return preview(data)
    raise ValueError(f"unknown task kind {kind!r}")


def main() -> None:
    with open(JOB + "job.json") as f:
        tasks = json.load(f)["tasks"]
    # previews import bpcore and NumPy; compile everything before that, so every output
    # comes from the same interpreter state whatever else this run does
    for task in sorted(tasks, key=lambda t: t["kind"] == "preview"):
        with open(JOB + task["output"], "wb") as f:
            f.write(run(task))


main()
