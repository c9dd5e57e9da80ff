"""A link's classroom part (issue 24): the controls and panels it hides, and a goal for the class.

In the payload JSON: "hide": [name, ...] (names of HIDEABLE, in any order) and "goal": {"metric":
one of GOAL_METRICS, "target": number[, "neurons": most hidden neurons]}. A hidden control keeps
its value (the page only stops showing it); a goal is shown, tracked while training and marked
reached with the epoch. Both stay in the links the student shares back. An unknown name is
dropped with a notice; a goal the page cannot track is dropped with one. TF Playground's
`<name>_hide` keys use the same names (link/tfplay.py); web/domain/link-classroom.js is the twin,
and web/classroom.css says what each name hides."""

import math

from .notices import show

HIDE_KEY, GOAL_KEY = "hide", "goal"
TF_HIDEABLE = (  # TF Playground's own names (its `<name>_hide` keys)
    "showTestData discretize playButton stepButton resetButton learningRate activation "
    "regularization regularizationRate problem dataset percTrainData noise batchSize "
    "numHiddenLayers"
).split()
HIDEABLE = (
    *TF_HIDEABLE,
    *(  # ours, for everything else
        "stepThrough speed stopAt stopRules optimizer loss init seed dropout layers classes "
        "regenerate drawing dataFiles charts confusion figure lesson inspector hiddenPlane "
        "insight compare modelFiles lab language"
    ).split(),
)
TF_TEXT = "lesson"  # TF's hideText hides its article; ours is the lesson
# metric -> which way it must go: a loss at most the target, a score at least
GOAL_METRICS = {
    "loss_test": "below",
    "loss_train": "below",
    "acc_test": "above",
    "acc_train": "above",
    "r2_test": "above",
    "r2_train": "above",
}
MAX_GOAL_NEURONS = 640  # 10 hidden layers of 64


def _number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def goal_problem(goal):
    """A goal as the payload holds it -> None if the page can track it, else why not (text)."""
    if not isinstance(goal, dict) or set(goal) - {"metric", "target", "neurons"}:
        return "not a goal"
    metric, target = goal.get("metric"), goal.get("target")
    if metric not in GOAL_METRICS:
        return "metric"
    if not _number(target):
        return "target"
    if metric.startswith("acc") and not 0 <= target <= 1:
        return "target"
    if metric.startswith("r2") and target > 1:
        return "target"
    if metric.startswith("loss") and target <= 0:
        return "target"
    n = goal.get("neurons")
    if "neurons" in goal and not (_number(n) and n == int(n) and 1 <= n <= MAX_GOAL_NEURONS):
        return "neurons"
    return None


def hide_part(raw, note):
    """The payload object's hidden names, in HIDEABLE's order (a bad entry dropped, named)."""
    if HIDE_KEY not in raw:
        return []
    names = raw[HIDE_KEY]
    if not isinstance(names, list):
        note.add("hide_not_list", got=show(names), then="dropped")
        return []
    for i, name in enumerate(names):
        if not isinstance(name, str) or name not in HIDEABLE:
            note.add("hide_unknown", index=i, got=show(name), then="dropped")
    return [h for h in HIDEABLE if h in names]


def goal_part(raw, note):
    """The payload object's goal, or None (one the page cannot track is dropped, named)."""
    if GOAL_KEY not in raw:
        return None
    goal = raw[GOAL_KEY]
    if goal_problem(goal) is not None:
        note.add("goal_bad", got=show(goal), then="dropped")
        return None
    out = {"metric": goal["metric"], "target": float(goal["target"])}
    if "neurons" in goal:
        out["neurons"] = int(goal["neurons"])
    return out


def check_classroom(hide, goal):
    """-> (hide, goal) as the payload holds them, or ValueError: what encode_link accepts."""
    hide = list(hide or ())
    bad = [h for h in hide if h not in HIDEABLE]
    if bad:
        raise ValueError(f"hide: {bad[0]!r} is not a control a link can hide")
    if goal is not None and goal_problem(goal) is not None:
        raise ValueError(f"goal: {goal!r} is not a goal the page can track")
    return [h for h in HIDEABLE if h in hide], goal


def exported():
    """For the page's twin (web/domain/settings.js `CLASSROOM`)."""
    return {
        "hideable": list(HIDEABLE),
        "tfHideable": TF_HIDEABLE,
        "tfText": TF_TEXT,
        "goalMetrics": GOAL_METRICS,
        "maxGoalNeurons": MAX_GOAL_NEURONS,
    }
