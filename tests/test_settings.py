import json
import math

import pytest

from bpcore.errors import CodedError
from bpcore.settings import (
    DEFAULTS,
    LIVE,
    SETTINGS,
    TABLE,
    coerce,
    hidden_activations,
    n_classes,
    resolve_loss,
    validate,
)


def test_defaults_are_the_architecture_table():
    v = validate()
    assert v == validate({}) == validate(None)
    assert v["dataset"] == "circle" and v["problem"] == "classification"
    assert v["features"] == ["x1", "x2"] and v["layers"] == [4, 2]
    assert v["activation"] == ["tanh"] and v["loss"] == "auto" and v["init"] == "uniform"
    assert (v["optimizer"], v["lr"], v["batch_size"], v["reg"], v["reg_rate"]) == (
        "sgd",
        0.03,
        10,
        "none",
        0.0,
    )
    assert (v["classes"], v["noise"], v["n_points"], v["train_ratio"]) == (3, 0, 500, 50)
    assert (v["seed"], v["data_seed"], v["momentum"], v["beta1"], v["beta2"]) == (
        1,
        1,
        0.9,
        0.9,
        0.999,
    )
    assert v["show_test"] is False and v["discretize"] is False


def test_every_default_passes_its_own_row():
    for s in TABLE:
        assert coerce(s.name, s.default) == s.default, s.name
        assert s.help and s.kind in ("choice", "choices", "int", "ints", "float", "floats", "bool")
        assert s.live in ("yes", "no", "view")


def test_live_settings():
    assert LIVE == {
        "optimizer",
        "lr",
        "momentum",
        "beta1",
        "beta2",
        "batch_size",
        "reg",
        "reg_rate",
        "stop_at",
        "stop_loss",
        "patience",
        "restore_best",
        "show_test",
        "discretize",
    }


def test_validate_does_not_change_its_argument():
    given = {"layers": "8,8"}
    validate(given)
    assert given == {"layers": "8,8"}
    assert DEFAULTS["layers"] == [4, 2]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("8,8", [8, 8]),
        ([8, 8], [8, 8]),
        ((3,), [3]),
        ("8, 4 ,2", [8, 4, 2]),
        ("", []),
        ([], []),
        ([8.0, 2.0], [8, 2]),
        (["5", "6"], [5, 6]),
        (7, [7]),
    ],
)
def test_layers_coercion(value, expected):
    assert validate({"layers": value})["layers"] == expected


def test_scalar_coercion():
    v = validate(
        {
            "lr": "0.1",
            "batch_size": 25.0,
            "noise": "10",
            "show_test": "true",
            "discretize": 1,
            "activation": "ReLU",
            "features": "x1,x2,x1x2",
            "optimizer": " adam ",
        }
    )
    assert v["lr"] == 0.1 and v["batch_size"] == 25 and isinstance(v["batch_size"], int)
    assert v["noise"] == 10 and v["show_test"] is True and v["discretize"] is True
    assert v["activation"] == ["relu"] and v["features"] == ["x1", "x2", "x1x2"]
    assert v["optimizer"] == "adam"
    assert validate({"activation": "tanh,relu"})["activation"] == ["tanh", "relu"]


def test_presets_fix_the_problem():
    assert validate({"dataset": "plane"})["problem"] == "regression"
    assert (
        validate({"dataset": "multigauss", "problem": "classification"})["problem"] == "regression"
    )
    assert validate({"dataset": "circle", "problem": "regression"})["problem"] == "classification"
    assert validate({"dataset": "custom", "problem": "regression"})["problem"] == "regression"


@pytest.mark.parametrize(
    "settings, k, loss",
    [
        ({}, 2, "bce"),
        ({"dataset": "blobs"}, 3, "softmax_ce"),
        ({"dataset": "blobs", "classes": 2}, 2, "bce"),
        ({"dataset": "custom", "classes": 5}, 5, "softmax_ce"),
        ({"dataset": "circle", "classes": 5}, 2, "bce"),
        ({"dataset": "plane"}, 0, "mse"),
        ({"dataset": "custom", "problem": "regression"}, 0, "mse"),
        ({"loss": "softmax_ce"}, 2, "softmax_ce"),
    ],
)
def test_auto_loss_and_classes(settings, k, loss):
    v = validate(settings)
    assert n_classes(v) == k and resolve_loss(v) == loss


def test_hidden_activations():
    assert hidden_activations(validate({"layers": [3, 3, 3]})) == ["tanh"] * 3
    v = validate({"layers": [3, 3], "activation": ["relu", "sigmoid"]})
    assert hidden_activations(v) == ["relu", "sigmoid"]
    assert hidden_activations(validate({"layers": []})) == []


@pytest.mark.parametrize(
    "settings, field",
    [
        ({"colour": "red"}, "colour"),
        ({"dataset": "mnist"}, "dataset"),
        ({"dataset": 3}, "dataset"),
        ({"problem": "ranking"}, "problem"),
        ({"classes": 1}, "classes"),
        ({"classes": 6}, "classes"),
        ({"noise": 51}, "noise"),
        ({"noise": 12.5}, "noise"),
        ({"noise": True}, "noise"),
        ({"n_points": 9}, "n_points"),
        ({"train_ratio": 95}, "train_ratio"),
        ({"data_seed": -1}, "data_seed"),
        ({"seed": 2**31}, "seed"),
        ({"seed": "abc"}, "seed"),
        ({"features": []}, "features"),
        ({"features": ""}, "features"),
        ({"features": "x1,x3"}, "features"),
        ({"features": ["x1", "x1"]}, "features"),
        ({"layers": [8, 0]}, "layers"),
        ({"layers": [65]}, "layers"),
        ({"layers": "8,x"}, "layers"),
        ({"layers": [2.5]}, "layers"),
        ({"layers": [1] * 11}, "layers"),
        ({"layers": {"a": 1}}, "layers"),
        ({"activation": "swish"}, "activation"),
        ({"activation": []}, "activation"),
        ({"activation": "tanh,relu,relu"}, "activation"),
        ({"layers": [4], "activation": "tanh,relu"}, "activation"),
        ({"loss": "hinge"}, "loss"),
        ({"loss": "bce", "dataset": "blobs"}, "loss"),
        ({"loss": "mse"}, "loss"),
        ({"loss": "bce", "dataset": "plane"}, "loss"),
        ({"loss": "softmax_ce", "dataset": "multigauss"}, "loss"),
        ({"init": "ones"}, "init"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"lr": 0}, "lr"),
        ({"lr": -0.1}, "lr"),
        ({"lr": 10.5}, "lr"),
        ({"lr": math.nan}, "lr"),
        ({"lr": math.inf}, "lr"),
        ({"lr": "fast"}, "lr"),
        ({"lr": None}, "lr"),
        ({"momentum": 1.0}, "momentum"),
        ({"beta1": -0.1}, "beta1"),
        ({"beta2": 1}, "beta2"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 10001}, "batch_size"),
        ({"reg": "l3"}, "reg"),
        ({"reg_rate": -1}, "reg_rate"),
        ({"reg_rate": 11}, "reg_rate"),
        ({"show_test": "maybe"}, "show_test"),
    ],
)
def test_errors_name_the_field(settings, field):
    with pytest.raises(ValueError) as e:
        validate(settings)
    assert str(e.value).startswith(field + ":"), str(e.value)


def test_settings_must_be_a_dict():
    with pytest.raises(ValueError, match="^settings:"):
        validate([("lr", 0.1)])


def test_table_is_data():
    # one row per name, in the table's order, and each row only holds plain values
    assert list(SETTINGS) == [s.name for s in TABLE]
    for s in TABLE:
        for v in s:
            assert not callable(v), s.name


# ---------------------------------------------------------------- error codes for the page


def _coded(settings):
    with pytest.raises(CodedError) as e:
        validate(settings)
    return e.value


@pytest.mark.parametrize(
    "settings, code, params",
    [
        (
            {"batch_size": 0},
            "range",
            {"field": "batch_size", "lo": 1, "hi": 10000, "lo_open": False, "got": 0},
        ),
        ({"lr": 0}, "range", {"field": "lr", "lo": 0, "hi": 10, "lo_open": True, "got": 0}),
        ({"momentum": 1}, "range", {"field": "momentum", "hi_open": True, "got": 1}),
        ({"seed": 1.5}, "whole", {"field": "seed", "got": 1.5}),
        ({"noise": "lots"}, "number", {"field": "noise", "got": "lots"}),
        ({"lr": float("inf")}, "finite", {"field": "lr"}),
        ({"layers": [8, 0]}, "layer_size", {"field": "layers", "layer": 2, "lo": 1, "hi": 64}),
        ({"layers": "8,abc"}, "number", {"field": "layers", "index": 1, "got": "abc"}),
        ({"layers": [1] * 11}, "length", {"field": "layers", "lo": 0, "hi": 10, "count": 11}),
        ({"dataset": "moon"}, "choice", {"field": "dataset", "got": "moon"}),
        ({"features": ["x1", "x1"]}, "duplicate", {"field": "features"}),
        ({"show_test": "maybe"}, "bool", {"field": "show_test"}),
        ({"speed": 3}, "unknown_setting", {"field": "speed"}),
        ({"layers": [4, 2], "activation": ["tanh"] * 3}, "activation_count", {"layers": 2}),
        ({"dataset": "plane", "loss": "bce"}, "loss_needs_classification", {"loss": "bce"}),
        ({"loss": "mse"}, "loss_needs_regression", {"field": "loss"}),
        ({"dataset": "blobs", "loss": "bce"}, "loss_needs_two_classes", {"classes": 3}),
    ],
)
def test_errors_carry_a_stable_code_and_parameters(settings, code, params):
    e = _coded(settings)
    assert e.code == code
    assert params.items() <= e.params.items()
    data = e.as_data()
    assert data["code"] == code and data["message"] == str(e)
    json.dumps(data)  # the worker sends it as it is


def test_the_cli_keeps_the_english_text():
    assert str(_coded({"batch_size": 0})) == "batch_size: must be in 1..10000, got 0"
    assert str(_coded({"layers": [8, 0]})) == "layers: each entry must be in 1..64, got 0"
    assert isinstance(_coded({"lr": 0}), ValueError)
