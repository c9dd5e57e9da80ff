"""Stopping rules: stop at an epoch (`stop_at`), once the watched loss is at most a target
(`stop_loss`), or once it has not improved for `patience` epochs (early stopping, giving back
the best epoch's weights when `restore_best`). 0 turns a rule off.

The watched loss is the test loss, or the training loss when the run has no test set (the
article's sets: every point trains); a stop says which. The rules are checked after every epoch
inside Session.step, and a step ends at the epoch a rule fires: `session.stopped` then says
why. Only the loss rules cost anything (one forward pass over the test set per epoch); with
every rule off Session.step trains exactly as before.

A rule that fired does not fire again at once, so Play trains on past it:
- stop_at fires when a step reaches that epoch from below (a stop already passed lets training
  go on; Reset, epoch 0, brings it back);
- stop_loss fires once per target: it fires again only after its value changes (or Reset);
- patience counts afresh after firing: it fires again after `patience` more epochs without
  beating the best (the best is the lowest watched loss seen while patience was on).
Training is deterministic and step(a) + step(b) trains as step(a + b), so a link's replay and
the exported script stop at the same epochs with the same weights.
"""

import numpy as np

from . import plugin

RULES = ("stop_at", "stop_loss", "patience")


class Rules:
    """The rules' state in one run (kept in snapshots): the best watched loss while patience
    was on, its epoch and parameters, the epochs since, and the target loss already reached."""

    def __init__(self):
        self.best = None  # float, or None before patience first looked
        self.best_epoch = 0
        self.best_flat = None  # the parameters at best_epoch (net.flat)
        self.wait = 0  # epochs since best_epoch without a lower loss
        self.reached = None  # the stop_loss target that fired (spent until the target changes)

    def as_data(self):
        flat = None if self.best_flat is None else self.best_flat.tolist()
        return {
            "best": self.best,
            "best_epoch": self.best_epoch,
            "best_flat": flat,
            "wait": self.wait,
            "reached": self.reached,
        }

    @classmethod
    def from_data(cls, d, size):
        """From as_data(); ValueError naming the field when it does not fit `size` parameters."""
        r = cls()
        if not isinstance(d, dict):
            raise ValueError("snapshot: stopping must be an object")
        best, flat = d.get("best"), d.get("best_flat")
        if best is not None:
            if flat is None or len(flat) != size:
                raise ValueError(f"snapshot: stopping.best_flat must be {size} numbers")
            r.best, r.best_flat = float(best), np.asarray(flat, dtype=np.float64)
        r.best_epoch, r.wait = int(d.get("best_epoch", 0)), int(d.get("wait", 0))
        reached = d.get("reached")
        r.reached = None if reached is None else float(reached)
        return r


def on(settings):
    """Is any rule on?"""
    return any(settings[k] for k in RULES)


def watched(s):
    """("test" | "train", the mean data loss of that set now): the test set's, or the
    training set's when there is none."""
    n = len(s._X1_train)
    if len(s._X1_all) > n:
        X1, T, which = s._X1_all[n:], s._T_test, "test"
    else:
        X1, T, which = s._X1_train, s._T_train, "train"
    z, y = s.net.forward1(X1)
    return which, float(s.net.data_loss(z, y, T))


def _check(s, which, loss):
    """After an epoch: the stop a loss rule makes now, or None (patience's bookkeeping)."""
    st, r = s.settings, s.rules
    target = st["stop_loss"]
    stop = None
    if target and r.reached != target and loss <= target:
        r.reached = target
        stop = {"rule": "stop_loss", "target": target}
    if st["patience"]:
        if r.best is None or loss < r.best:
            r.best, r.best_epoch, r.best_flat, r.wait = loss, s.epoch, s.net.flat.copy(), 0
        elif stop is None:
            r.wait += 1
            if r.wait >= st["patience"]:
                r.wait = 0  # counts afresh: Play trains on for `patience` more epochs at least
                restored = bool(st["restore_best"])
                if restored:
                    s.net.flat[...] = r.best_flat
                stop = {
                    "rule": "patience",
                    "patience": st["patience"],
                    "best_epoch": r.best_epoch,
                    "best_loss": r.best,
                    "restored": restored,
                }
    if stop is not None:
        stop.update(epoch=s.epoch, watch=which, loss=loss)
    return stop


def train(s, epochs):
    """Train up to `epochs` epochs of session `s` with its rules checked after each one;
    -> why it stopped early ({rule, epoch, watch, loss, ...}) or None."""
    st = s.settings
    run = s._train if s.plug is None else (lambda k: plugin.guarded_step(s, k))
    start, end = s.epoch, s.epoch + epochs
    stop_at = st["stop_at"]
    if stop_at and start < stop_at < end:
        end = stop_at  # the chunk ends there
    if not (st["stop_loss"] or st["patience"]):
        run(end - start)
    else:
        if st["patience"] and s.rules.best is None:  # the loss when patience first looks
            r = s.rules
            r.best, r.best_epoch, r.best_flat, r.wait = watched(s)[1], s.epoch, s.net.flat.copy(), 0
        while s.epoch < end and not s.diverged:
            run(1)
            if s.diverged:
                break
            stop = _check(s, *watched(s))
            if stop is not None:
                return stop
    if stop_at and start < stop_at == s.epoch and not s.diverged:
        which, loss = watched(s)
        return {"rule": "stop_at", "epoch": s.epoch, "watch": which, "loss": loss}
    return None


def said(stop):
    """A stop in English words (the CLI's; the page says it from the data, in its language)."""
    e, watch = stop["epoch"], stop["watch"]
    why = f"the stop at epoch {e}"
    if stop["rule"] == "stop_loss":
        why = f"the {watch} loss {stop['loss']:.6g} reached the target {stop['target']:g}"
    elif stop["rule"] == "patience":
        why = f"the {watch} loss has not improved for {stop['patience']} epochs"
        if stop["restored"]:
            why += f"; restored the best weights, from epoch {stop['best_epoch']}"
    return f"stopped at epoch {e}: {why}"
