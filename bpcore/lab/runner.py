"""Running a student's source: a fresh namespace, its output captured and clipped.

The source is compiled with the file name FILENAME, so the error explainer (explain.py) can
tell the student's frames from ours. NumPy is imported for them as `np`. Whatever the code
does to NumPy's module (`np.exp = ...`) or to the builtins (`builtins.len = ...`) is undone
after it has run and after each call the checks make into it, so it cannot change the
checker's own numbers or the next run.
KeyboardInterrupt (the lab worker's Stop) is not caught: it ends the run as the worker expects.
"""

import builtins
import contextlib
import types
import warnings

import numpy as np

from .explain import explain, explain_syntax

FILENAME = "<lab>"
MAX_OUTPUT = 20_000


class Output:
    """A text stream that keeps the first `limit` characters and counts the rest."""

    def __init__(self, limit=MAX_OUTPUT):
        self.limit = max(int(limit), 0)
        self.parts, self.kept, self.dropped = [], 0, 0

    def write(self, text):
        text = str(text)
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(len(text), room)
        self.dropped += max(len(text) - max(room, 0), 0)
        return len(text)

    def flush(self):
        pass

    def text(self):
        return "".join(self.parts)


class Sandbox:
    """One run: stdout and stderr into `out`, warnings written as the student's line, floating
    point warnings off NumPy's default (they print, they do not raise), NumPy restored after.

    with Sandbox(out) as box: box.ns is the namespace; box.call(fn, *args) -> value
    """

    def __init__(self, out, source=""):
        self.out = out
        self.lines = source.splitlines()
        self.ns = {"__name__": "__lab__", "__builtins__": builtins, "np": np}
        self._stack = None
        self._saved = []

    def __enter__(self):
        self._saved = [(m, dict(m.__dict__)) for m in (np, builtins)]
        stack = contextlib.ExitStack()
        stack.enter_context(contextlib.redirect_stdout(self.out))
        stack.enter_context(contextlib.redirect_stderr(self.out))
        stack.enter_context(warnings.catch_warnings())
        warnings.simplefilter("default")  # once per line of the student's code
        warnings.showwarning = self._warning
        stack.enter_context(np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"))
        self._stack = stack
        return self

    def __exit__(self, *exc):
        self._stack.close()
        self.restore()
        return False

    def restore(self):
        """Undo what the student's code did to NumPy's and the builtins' modules (after each
        call into it)."""
        for module, saved in self._saved:
            restore_module(module, saved)

    def _warning(self, message, category, filename, lineno, file=None, line=None):
        where = f"line {lineno}: " if filename == FILENAME else ""
        self.out.write(f"{where}{category.__name__}: {message}\n")

    def exec(self, source):
        """Run the source in the namespace; None, or the Error it raised (explain.py)."""
        try:
            code = compile(source, FILENAME, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte in the source
            return explain_syntax(exc, self.lines)
        try:
            exec(code, self.ns)
        except KeyboardInterrupt:  # the lab worker's Stop ends the run
            raise
        except BaseException as exc:  # SystemExit, GeneratorExit, BaseException() too
            return explain(exc, self.lines)
        finally:
            self.restore()
        return None


def restore_module(module, saved):
    """Put a module's namespace back as it was (student code may have assigned to it).
    Submodules imported lazily meanwhile (np.ma, np.fft) stay: without its attribute, a
    submodule already in sys.modules sends NumPy's __getattr__ into endless recursion."""
    current = module.__dict__
    if current.keys() == saved.keys() and all(current[k] is v for k, v in saved.items()):
        return
    for k in [k for k, v in current.items() if k not in saved]:
        if not isinstance(current[k], types.ModuleType):
            del current[k]
    current.update(saved)


def run(source, *, max_output=MAX_OUTPUT):
    """Run the student's source: {"output": str, "clipped": bool, "error": None | Error}."""
    out = Output(max_output)
    if not isinstance(source, str):
        source = ""
    with Sandbox(out, source) as box:
        error = box.exec(source)
    return {"output": out.text(), "clipped": out.dropped > 0, "error": error}
