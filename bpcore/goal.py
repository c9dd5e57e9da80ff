"""A classroom link's goal (link/classroom.py) while training: the first epoch the run meets it.

Checked after every epoch, not at the end of each chunk the page asks for: the page's chunks
follow the machine's speed, so a per-chunk check would give each student's computer its own
epoch. Epoch by epoch, the page (the engine's `step` with `goal`) and the native replay say the
same epoch for the same link. Training is unchanged: step(1) repeated trains as step(k).
The page's twin of `met` is web/domain/goal.js (goalMet).
"""

import math

from .link.classroom import GOAL_METRICS


def hidden_neurons(session):
    """The hidden neurons of the session's network, all layers."""
    return sum(session.net.sizes[1:-1])


def met(goal, metrics, hidden):
    """Does a run with these metrics and `hidden` hidden neurons meet the goal?"""
    v = metrics.get(goal["metric"])
    if v is None or not math.isfinite(v) or metrics["diverged"]:
        return False
    if "neurons" in goal and hidden > goal["neurons"]:
        return False
    return v <= goal["target"] if GOAL_METRICS[goal["metric"]] == "below" else v >= goal["target"]


def step(session, epochs, goal):
    """session.step(epochs), watching the goal -> (metrics, the first epoch from the session's
    epoch now on at which the goal is met, or None). Epoch by epoch only until it is met: the
    rest of the chunk trains at full speed. A network with too many neurons never meets it:
    no per-epoch check then."""
    hidden = hidden_neurons(session)
    if "neurons" in goal and hidden > goal["neurons"]:
        return session.step(epochs), None
    start, m = session.epoch, session.metrics()
    if met(goal, m, hidden):
        return session.step(epochs), start
    for _ in range(epochs):
        before = session.epoch
        m = session.step(1)
        if met(goal, m, hidden):
            at, rest = session.epoch, epochs - (session.epoch - start)
            if rest > 0 and not session.stopped:
                m = session.step(rest)
            return m, at
        if session.stopped or m["diverged"] or session.epoch == before:
            break  # a stopping rule ended the chunk, or nothing trains
    return m, None


def reached_in(session, goal, each):
    """The native replay's watch: `each` for replay.train that records the first epoch the goal
    is met (the epoch now counts too) -> (each, reached) where reached() gives it or None
    (without a goal: `each` itself, and None)."""
    if goal is None:
        return each, lambda: None
    hidden, first = hidden_neurons(session), []
    if met(goal, session.metrics(), hidden):
        first.append(session.epoch)

    def watch(m):
        if not first and met(goal, m, hidden):
            first.append(m["epoch"])
        if each:
            each(m)

    return watch, lambda: first[0] if first else None
