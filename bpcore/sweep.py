"""The learning-rate sweep: short runs at log-spaced rates from one run's initial parameters.

Each run is the session's run again with another learning rate: its data and split, its
settings, its initial parameters (`Session.start_flat`) and its mini-batch order (the model
RNG where a new session's is once it has drawn its weights), so a sweep's run at rate r is
bit for bit the run `Session({**settings, "lr": r})` trains (tests/test_sweep.py). The session
itself is never touched: every run is a Session of its own.

A run "diverged" when its training loss ended above where it started (the loss at the initial
parameters, the same for every run) or overflowed: a rate too large for the problem makes the
loss climb, or jump about above its start, long before anything overflows (tanh and sigmoid
keep the outputs finite), and the plot marks such a run instead of drawing its loss.

The worker trains a sweep a few epochs per request (`sweepStep`), so the page shows progress
and can cancel between requests: messages sweepStart, sweepStep, sweepEnd (HANDLERS).
"""

import math
import time

import numpy as np

from .payload import fields, whole
from .session import Session
from .settings import SETTINGS, validate

LO, HI, COUNT = 0.001, 10.0, 9  # the default range: 0.001, 0.0032, 0.01, ..., 3.2, 10
MAX_RATES = 25
STEPS = 500  # the default epochs give each run about this many mini-batch steps
MIN_EPOCHS, MAX_AUTO_EPOCHS, MAX_EPOCHS = 5, 200, 1000
MAX_CHUNK = 10_000  # epochs per sweepStep request: a sanity bound (the page sends ~100 ms)


def rates(lo=LO, hi=HI, count=COUNT):
    """`count` log-spaced rates from lo to hi (both kept), each rounded to 2 significant
    digits (rates a person can read, type and share); a rate rounding to one already listed
    is dropped."""
    out = []
    for r in np.geomspace(lo, hi, count):
        r = float(f"{r:.2g}")
        if r not in out:
            out.append(r)
    return out


def default_epochs(s):
    """Epochs per run: about STEPS mini-batch steps (fewer epochs for a bigger training set),
    at least MIN_EPOCHS, at most MAX_AUTO_EPOCHS."""
    n = len(s.train_idx)
    batches = math.ceil(n / min(s.settings["batch_size"], n))
    return max(MIN_EPOCHS, min(MAX_AUTO_EPOCHS, math.ceil(STEPS / batches)))


def run_at(s, lr):
    """A new Session: `s`'s data, split, settings and plugged code with learning rate `lr`,
    at epoch 0 with `s`'s initial parameters (s.start_flat)."""
    run = Session.__new__(Session)
    run.settings = validate({**s.settings, "lr": lr})
    run.plug = s.plug
    run._build_data(s.points, split_idx=(s.train_idx, s.test_idx))
    run._build_model()  # the model RNG drawn as a new run draws it: the same batches
    run.net.flat[...] = s.start_flat
    run.start_flat = s.start_flat.copy()
    return run


class Sweep:
    """One sweep: `rates`, `epochs` per run, trained from the state `s` had when it began."""

    def __init__(self, s, rates, epochs):
        self.source = run_at(s, rates[0])  # a copy: the session may change during the sweep
        self.rates, self.epochs = list(rates), int(epochs)
        self.start_loss = float(self.source.metrics()["loss_train"])
        self.results = []
        self.run = None  # the run in progress

    @property
    def total(self):
        return len(self.rates) * self.epochs

    @property
    def done(self):
        """Epochs trained so far (a run that diverged early counts whole)."""
        return len(self.results) * self.epochs + (self.run.epoch if self.run else 0)

    @property
    def finished(self):
        return len(self.results) == len(self.rates)

    def advance(self, budget):
        """Train at most `budget` epochs, run after run; -> the runs finished meanwhile."""
        new = []
        while budget > 0 and not self.finished:
            if self.run is None:
                self.run = run_at(self.source, self.rates[len(self.results)])
            k = min(budget, self.epochs - self.run.epoch)
            before = self.run.epoch
            self.run.step(k)
            budget -= k
            # over: its epochs trained, diverged, or stopped short (a rule of Session.step)
            if self.run.epoch in (before, self.epochs) or self.run.diverged:
                new.append(self._result(self.run))
                self.results.append(new[-1])
                self.run = None
        return new

    def _result(self, run):
        m = run.metrics()
        loss, test = m["loss_train"], m["loss_test"]
        overflow = bool(run.diverged) or not math.isfinite(loss)
        return {
            "lr": run.settings["lr"],
            "loss": None if overflow else float(loss),  # JSON has no inf or NaN
            "lossTest": None if overflow or test is None else float(test),
            "diverged": overflow or loss > self.start_loss,
            "overflow": overflow,
            "epochs": int(run.epoch),
        }


# ------------------------------------------------------------ the worker's messages


def _rate(name, value):
    spec = SETTINGS["lr"]
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or not spec.lo < value <= spec.hi:
        raise ValueError(
            f"{name}: expected a learning rate in ({spec.lo}, {spec.hi}], got {value!r}"
        )
    return float(value)


def _sweep_start(engine, payload):
    """{lo?, hi?, count?, epochs?} -> {rates, epochs, startLoss, total}: a new sweep of the
    engine's session (one at a time: a new one replaces the last)."""
    p = fields(payload, optional=("lo", "hi", "count", "epochs"))
    s = engine._s
    lo, hi = _rate("lo", p.get("lo", LO)), _rate("hi", p.get("hi", HI))
    if lo >= hi:
        raise ValueError(f"hi: must be more than lo ({lo}), got {hi}")
    count = whole("count", p.get("count", COUNT), 2, MAX_RATES)
    epochs = p.get("epochs")
    epochs = default_epochs(s) if epochs is None else whole("epochs", epochs, 1, MAX_EPOCHS)
    engine.sweep = Sweep(s, rates(lo, hi, count), epochs)
    sw = engine.sweep
    return {"rates": sw.rates, "epochs": sw.epochs, "startLoss": sw.start_loss, "total": sw.total}


def _sweep_step(engine, payload):
    """{epochs} -> {results: the runs finished by this request, done, total, finished, ms}."""
    p = fields(payload, ("epochs",))
    sw = getattr(engine, "sweep", None)
    if sw is None:
        raise ValueError("no sweep: send sweepStart first")
    budget = whole("epochs", p["epochs"], 1, MAX_CHUNK)
    t0 = time.perf_counter()
    with np.errstate(all="ignore"):
        new = sw.advance(budget)
    ms = (time.perf_counter() - t0) * 1000
    return {"results": new, "done": sw.done, "total": sw.total, "finished": sw.finished, "ms": ms}


def _sweep_end(engine, payload):
    """{} -> {}: the sweep is dropped (finished or cancelled)."""
    fields(payload)
    engine.sweep = None
    return {}


HANDLERS = {"sweepStart": _sweep_start, "sweepStep": _sweep_step, "sweepEnd": _sweep_end}
