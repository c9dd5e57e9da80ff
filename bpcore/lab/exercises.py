"""The lab's exercises, in the order of the article (web/lab/exercises.js lists the same ids).

`names` are what the student's code defines and the checks call; `plug` is the part of the
playground a passed exercise can replace (plug_parts), None for the others.
"""

from typing import NamedTuple


class Exercise(NamedTuple):
    id: str
    names: tuple[str, ...]
    plug: str | None = None  # None | "activation" | "loss" | "dense"


EXERCISES = (
    Exercise("sigmoid", ("sigmoid", "sigmoid_prime")),
    Exercise("forward", ("forward",)),
    Exercise("loss", ("loss",)),
    Exercise("delta_out", ("delta_out",)),
    Exercise("delta_hidden", ("delta_hidden",)),
    Exercise("gradients", ("gradients", "sgd_update")),
    Exercise("classes", ("Dense", "Loss", "Net")),
    Exercise("plug_activation", ("f", "df"), "activation"),
    Exercise("plug_loss", ("loss", "delta"), "loss"),
    Exercise("plug_dense", ("backward",), "dense"),
)
BY_ID = {e.id: e for e in EXERCISES}
