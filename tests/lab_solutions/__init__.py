"""Solutions to the lab's exercises, right and wrong, as test data (native and browser tests).

tests/lab_solutions/<exercise>/<name>.py is what a student could type; its first line says
what the checker must answer:
  # expect: pass
  # expect: fail <key> <key> ...   keys the result must hold: its mistake's, a failed check's
                                   or its error's (lab.mistake.*, lab.check.*, lab.error.*)
Each exercise has a correct solution, the article's slip where it made one, and wrong ones.
"""

from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent


class Solution(NamedTuple):
    exercise: str
    name: str
    source: str
    passes: bool
    keys: tuple[str, ...]  # keys a failing result must hold


def load(exercise=None):
    """Every Solution (of one exercise), sorted by exercise then name."""
    out = []
    for path in sorted(HERE.glob("*/*.py")):
        if exercise is not None and path.parent.name != exercise:
            continue
        source = path.read_text(encoding="utf-8")
        first = source.splitlines()[0].split()
        if first[:2] != ["#", "expect:"] or first[2] not in ("pass", "fail"):
            raise ValueError(f"{path}: the first line must be '# expect: pass|fail ...'")
        out.append(Solution(path.parent.name, path.stem, source, first[2] == "pass",
                            tuple(first[3:])))  # fmt: skip
    return out


def keys_of(result):
    """Every sentence key in a check result: its mistake's, failed checks', its error's."""
    keys = {c["key"] for c in result["checks"] if not c["passed"]}
    for c in result["checks"]:
        if not c["passed"] and c["params"].get("error"):
            keys.add(c["params"]["error"])
    if result["mistake"]:
        keys.add(result["mistake"]["key"])
    if result["error"]:
        keys.add(result["error"]["key"])
    return keys
