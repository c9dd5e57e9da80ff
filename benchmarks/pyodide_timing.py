"""One timing code, run natively and inside Pyodide under Node (the page's engine), for the
benchmarks that compare the two (bench_gradflow.py, bench_lab.py).

`code` is Python text that defines the timing function; it sees ROOT, the repository's folder
(as a string). `call` is the expression to time, e.g. "measure(15, 50.0, 0)": its value must be
JSON. Both return {"version": "Python x, NumPy y", "result": the call's value}.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NODE_JS = r"""
const [dir, root, code, call] = process.argv.slice(1);
const {pathToFileURL} = await import("node:url");
const {loadPyodide} = await import(pathToFileURL(dir + "/pyodide.mjs").href);
const py = await loadPyodide({indexURL: dir + "/"});
await py.loadPackage("numpy", {messageCallback: () => {}});
py.FS.mkdirTree("/repo");
py.FS.mount(py.FS.filesystems.NODEFS, {root}, "/repo");
py.runPython(`ROOT = "/repo"\n` + code);
const version = py.runPython(
  "import numpy, sys; f'Python {sys.version.split()[0]}, NumPy {numpy.__version__}'");
const result = JSON.parse(py.runPython(`import json; json.dumps(${call})`));
console.log(JSON.stringify({version, result}));
"""


def native(code, call):
    """The call's value in this process (one BLAS thread, as the browser has)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    scope = {"ROOT": str(ROOT)}
    exec(code, scope)
    import numpy

    version = f"Python {sys.version.split()[0]}, NumPy {numpy.__version__}"
    return {"version": version, "result": eval(call, scope)}


def pyodide(folder, code, call, timeout=1800):
    """The call's value inside Pyodide from `folder` (dist/pyodide/, made by build.py)."""
    node = shutil.which("node")
    if node is None:
        sys.exit("--pyodide needs node")
    args = [node, "--input-type=module", "-e", NODE_JS, str(folder), str(ROOT), code, call]
    r = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        sys.exit(f"the Pyodide run failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])
