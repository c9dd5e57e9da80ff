"""build.py's parts, each readable alone: common (paths, hashing, zips), fetch (pinned files),
compiled (bytecode and preview.json by Pyodide under Node), bundle (the page's modules by
esbuild), dist (dist/ itself), serve (the static server), testrun (.venv, npm ci, pytest).
Standard library only."""
