"""The step the step-through takes: plain SGD on one sample, the very step the inspector's
`sgd` numbers predict, checked against the article's worked example."""

import numpy as np
import pytest

from bpcore.presets import SUGGESTED
from bpcore.protocol import Engine


def _article():
    e = Engine()
    e.handle("init", {"settings": {"dataset": "article", **SUGGESTED["article"]}})
    return e


def test_the_step_lands_where_the_inspector_said():
    e = _article()
    before = e.handle("inspect", {"index": 0})
    e.handle("sampleStep", {"index": 0})
    after = e.handle("inspect", {"index": 0})
    assert after["output"] == before["sgd"]["output_after"]
    assert after["loss"] == before["sgd"]["loss_after"]


def test_every_parameter_moves_by_minus_lr_times_its_gradient():
    e = _article()
    s = e.session
    reply = e.handle("inspect", {"index": 1})
    old = [p.copy() for p in s.net.params()]
    epoch = s.epoch
    m = e.handle("sampleStep", {"index": 1})["metrics"]
    lr = s.settings["lr"]
    grads = [g for layer in reply["layers"] for g in (layer["dW"], layer["db"])]
    for p, p0, g in zip(s.net.params(), old, grads):
        np.testing.assert_array_equal(p, p0 - lr * np.array(g))
    assert m["epoch"] == epoch  # a sample step is not an epoch
    assert m["lossTrain"] == pytest.approx(s.metrics()["loss_train"])


def test_a_bad_index_is_refused():
    e = _article()
    with pytest.raises(ValueError, match="index"):
        e.handle("sampleStep", {"index": 2})


def test_the_inspectors_weights_after_are_the_steps_bit_for_bit():
    """inspect's W_after/b_after (what the step-through's update stage shows) are the weights
    sampleStep leaves, and its W/b the weights before: the page computes neither."""
    e = _article()
    reply = e.handle("inspect", {"index": 1})
    before = e.handle("weights", {})
    e.handle("sampleStep", {"index": 1})
    after = e.handle("weights", {})
    for l, layer in enumerate(reply["layers"]):
        assert layer["W"] == before["weights"][l] and layer["b"] == before["biases"][l]
        assert layer["W_after"] == after["weights"][l] and layer["b_after"] == after["biases"][l]


def test_one_sgd_step_function_everywhere():
    """The optimiser, inspect, sample_step and the generated script share optim.sgd_step."""
    import inspect as pyinspect

    from bpcore import inspect as bpinspect
    from bpcore import optim, session
    from bpcore.script import standalone_script

    assert bpinspect.sgd_step is optim.sgd_step and session.sgd_step is optim.sgd_step
    assert "sgd_step(self.params, grads, self.lr" in pyinspect.getsource(optim.SGD.step)
    text = standalone_script({"dataset": "xor", "optimizer": "sgd"}, None, 1)
    # its code, copied in (its English docstring left out: the script's comments are in the
    # page's language)
    body = pyinspect.getsource(optim.sgd_step).split('"""')[2]
    assert body.strip() and body in text
