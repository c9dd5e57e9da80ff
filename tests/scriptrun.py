"""Run an exported script where bpcore cannot be imported (NumPy is all it has) and read its
losses: the shared helper of tests/test_script.py and the page's download test."""

import subprocess
import sys
from pathlib import Path

# bpcore cannot be imported inside the script's Python
NUMPY_ONLY = (
    "import sys, runpy; sys.modules['bpcore'] = None; "
    "runpy.run_path(sys.argv[1], run_name='__main__')"
)


def run_script(path: Path):
    """-> (train losses, test losses) for epoch 0, 1, ... (a test loss is None without a
    test set); fails the test if the script fails."""
    r = subprocess.run(
        [sys.executable, "-c", NUMPY_ONLY, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=path.parent,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    rows = [line.split() for line in r.stdout.splitlines() if line.startswith("epoch ")]
    assert [int(row[1]) for row in rows] == list(range(len(rows)))
    test = [None if row[5] == "None" else float(row[5]) for row in rows]
    return [float(row[3]) for row in rows], test
