"""Run an exported script where bpcore cannot be imported (NumPy is all it has) and read its
losses: the shared helper of tests/test_script.py and the page's download test."""

import subprocess
import sys
from pathlib import Path

# bpcore cannot be imported inside the script's Python
NUMPY_ONLY = (
    "import sys, runpy; sys.argv = sys.argv[1:]; sys.modules['bpcore'] = None; "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)


def run_script(path: Path, *args):
    """-> (epochs printed, train losses, test losses) (a test loss is None without a test
    set); fails the test if the script fails. args: the script's own (--epochs N, --every K)."""
    r = subprocess.run(
        [sys.executable, "-c", NUMPY_ONLY, str(path), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=path.parent,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    rows = [line.split() for line in r.stdout.splitlines() if line.startswith("epoch ")]
    epochs = [int(row[1]) for row in rows]
    assert epochs == sorted(set(epochs)) and epochs[0] == 0, epochs
    test = [None if row[5] == "None" else float(row[5]) for row in rows]
    return epochs, [float(row[3]) for row in rows], test
