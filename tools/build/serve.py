"""Serving a dist/ folder: the MIME types the page needs, its CSP as a header, extra routes for
tests; and the flags headless Chromium runs with in tests and benchmarks."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import urllib.parse
import urllib.request
from pathlib import Path

MIME = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",  # the bundle's source maps
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".py": "text/plain; charset=utf-8",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the MIME types the page needs; URL prefixes may map to other folders.
    The root's files carry its page's CSP as a header too: a <meta> CSP does not reach the
    worker, whose policy comes from worker.mjs's own response (see README, deployment)."""

    routes: dict[str, Path] = {}
    csp: str | None = None
    quiet = False
    isolate = False  # send COOP + COEP: the page is then cross-origin isolated

    def guess_type(self, path):
        return MIME.get(Path(str(path)).suffix.lower()) or super().guess_type(path)

    def _route(self, path: str):
        url = path.split("?", 1)[0].split("#", 1)[0]
        for prefix, folder in sorted(self.routes.items(), key=lambda kv: -len(kv[0])):
            if prefix != "/" and url.startswith(prefix):
                return url, prefix, folder
        return url, None, None

    def translate_path(self, path):
        url, prefix, folder = self._route(path)
        if prefix:
            return str(_safe_join(folder, url[len(prefix) :]))
        return super().translate_path(path)

    def end_headers(self):
        # a local dev server: always revalidate, as rebuilds change files in place
        self.send_header("Cache-Control", "no-cache")
        if self.csp and not self._route(self.path)[1]:
            self.send_header("Content-Security-Policy", self.csp)
        if self.isolate:
            # crossOriginIsolated: SharedArrayBuffer, so the lab's Stop can use Pyodide's
            # interrupt buffer (web/lab-runner.js); every file is same-origin, so no CORP needed
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)


def page_csp(root: Path) -> str | None:
    """The Content-Security-Policy of root/index.html's <meta> tag, if any. For a --cdn build
    the worker loads Pyodide from the CDN, so its origin joins script-src and connect-src."""
    try:
        html = (Path(root) / "index.html").read_text(encoding="utf-8")
    except OSError:
        return None
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    config = Path(root) / "config.json"
    base = json.loads(config.read_text())["pyodideBase"] if config.is_file() else ""
    parts = urllib.parse.urlsplit(base)
    if not meta or not parts.netloc:
        return meta and meta.group(1)
    origin = f"{parts.scheme}://{parts.netloc}"
    return re.sub(r"\b(script-src|connect-src)([^;]*)", rf"\1\2 {origin}", meta.group(1))


def _safe_join(folder: Path, rel: str) -> Path:
    parts = [p for p in urllib.request.url2pathname(rel).split("/") if p not in ("", ".", "..")]
    return Path(folder).joinpath(*parts)


def make_server(
    root: Path,
    port: int = 0,
    routes: dict[str, Path] | None = None,
    quiet: bool = True,
    isolate: bool = False,
) -> http.server.ThreadingHTTPServer:
    """A server for `root` on 127.0.0.1 (port 0: any free port). Call serve_forever() on it.
    isolate: send COOP + COEP (`build.py serve` does, unless --no-isolate; the tests' servers
    do not, as most static hosts do not, unless a test asks)."""
    attrs = {
        "routes": dict(routes or {}),
        "quiet": quiet,
        "csp": page_csp(root),
        "isolate": isolate,
    }
    handler = type("BoundHandler", (Handler,), attrs)
    factory = functools.partial(handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), factory)
    server.daemon_threads = True
    return server


# Headless Chromium on a closed network, as root (tests and benchmarks): no sandbox, no GPU, and
# none of its own network traffic.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve_in_thread(root: Path, routes: dict[str, Path] | None = None, isolate: bool = False):
    """Start a quiet server in a daemon thread; returns (server, base URL ending in /)."""
    server = make_server(root, 0, routes, isolate=isolate)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
