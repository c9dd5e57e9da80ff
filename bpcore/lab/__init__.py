"""The Python lab: run a student's code, check it exercise by exercise, plug it into training.

  EXERCISES                     the ordered table (exercises.py)
  run(source) -> {output, clipped, error}
  check(exercise, source, seed=0) -> {exercise, passed, output, clipped, checks, mistake,
                                      error, curve}
  plug_parts(exercise, source)  the passed code's callables for the playground (plug.py)

Every sentence key a result can hold (lab.check.*, lab.mistake.*, lab.error.*) has a
sentence in web/lab/en.js and web/lab/zh-CN.js (tests/test_lab_content.py).
"""

import numpy as np

from ..errors import CodedError
from .exercises import BY_ID, EXERCISES, Exercise
from .explain import explain
from .runner import MAX_OUTPUT, Output, Sandbox, run

__all__ = ["EXERCISES", "Exercise", "check", "plug_parts", "run"]


def _checks(exercise):
    from .check_steps import CHECKS

    fn = CHECKS.get(exercise)
    if fn is None:
        from .check_classes import check_classes
        from .check_plug import PLUG_CHECKS

        fn = {"classes": check_classes, **PLUG_CHECKS}[exercise]
    return fn


def exercise_of(exercise):
    """The Exercise with this id, else CodedError lab_unknown_exercise."""
    ex = BY_ID.get(exercise) if isinstance(exercise, str) else None
    if ex is None:
        raise CodedError("lab_unknown_exercise", f"exercise: unknown exercise {exercise!r}",
                         got=str(exercise))  # fmt: skip
    return ex


def check_run(exercise, source, *, seed=0, max_output=MAX_OUTPUT):
    """(result, namespace): check()'s dict and the namespace the source ran in."""
    ex = exercise_of(exercise)
    from .compare import Checker

    if not isinstance(source, str):
        source = ""
    out = Output(max_output)
    with Sandbox(out, source) as box:
        c = Checker(box)
        c.error = box.exec(source)
        if c.error is None:
            try:
                _checks(ex.id)(c, np.random.default_rng(seed))
            except KeyboardInterrupt:  # the lab worker's Stop
                raise
            except BaseException as exc:  # an object of theirs broke a check: say so, go on
                c.error = c.error or explain(exc, box.lines)
                c.add("unreadable", False, type=type(exc).__name__)
        if not c.passed and c.mistake is None and "//" in source:
            line = next(i for i, t in enumerate(box.lines, 1) if "//" in t)
            c.note("floor_division", line=line)
    result = {
        "exercise": ex.id,
        "passed": c.passed,
        "output": out.text(),
        "clipped": out.dropped > 0,
        "checks": c.checks,
        "mistake": c.mistake,
        "error": c.error,
        "curve": c.curve,
    }
    return result, box.ns


def check(exercise, source, *, seed=0, max_output=MAX_OUTPUT):
    """Run the source, then the exercise's checks (see the module docstring)."""
    return check_run(exercise, source, seed=seed, max_output=max_output)[0]


def plug_parts(exercise, source):
    """The passed exercise's callables for training; CodedError lab_not_passed otherwise."""
    from .check_plug import plug_parts as parts

    return parts(exercise, source)
