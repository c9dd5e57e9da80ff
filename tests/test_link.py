"""Share links (bpcore/link.py): test vectors, quantisation, size, hostile input, fuzz.

tests/link_vectors.json is shared with the JS decoder (tests/browser/test_link_js.py).
Regenerate it with `python tests/test_link.py` (only when the format changes on purpose);
every expectation in it is written out below, not copied from the decoder's output.
"""

import base64
import json
import math
import random
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bpcore import link, session, settings  # noqa: E402
from bpcore.datasets import check_points  # noqa: E402

VECTORS = HERE / "link_vectors.json"
MAX_CODE = link.limits.MAX_CODE_BYTES
ROOT = HERE.parent


def raw_link(payload, version="v2", junk=b""):
    """Any payload bytes, deflated and wrapped like a link (to build hostile links); v2 with
    its checksum (over the deflated bytes and any junk after them), v1 without."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(payload) + c.flush() + junk
    if version == "v2":
        data += zlib.crc32(data).to_bytes(4, "big")
    return f"{version}." + base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def as_v1(text):
    """A v2 link without training -> the same state as format v1 wrote it (no checksum)."""
    data = base64.urlsafe_b64decode(text[3:] + "=" * (-len(text[3:]) % 4))[:-4]
    return "v1." + base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def non_defaults(s):
    return {k: v for k, v in s.items() if v != settings.DEFAULTS[k]}


def points_block(kind, n, codes):
    """A points block from explicit code columns [(bits, [codes...]), ...] (MSB first)."""
    bits = "".join(format(q, f"0{b}b") for b, col in codes for q in col)
    bits += "0" * (-len(bits) % 8)
    return bytes([kind, n >> 8, n & 255]) + int(bits or "0", 2).to_bytes(len(bits) // 8, "big")


def check_state(s, pts, notices):
    """What every decode must give: a valid state, plain-string notices."""
    assert settings.validate(s) == s
    assert isinstance(notices, list) and all(isinstance(n, str) for n in notices)
    assert len(notices) <= link.MAX_NOTICES
    assert "internal" not in [getattr(n, "code", n) for n in notices], notices  # codes or Notices
    if s["dataset"] == "custom":
        assert pts is not None and pts.dtype == np.float64 and pts.shape[1] == 3
        check_points(pts, s["problem"], settings.n_classes(s) or None)
        assert np.array_equal(link.quantize_points(pts, s["problem"]), pts)
        assert link.MIN_POINTS <= len(pts) <= link.MAX_POINTS
    else:
        assert pts is None


# ---------------------------------------------------------------- the test vectors


def _load():
    if not VECTORS.is_file():  # only while `python tests/test_link.py` writes it
        return []
    return json.loads(VECTORS.read_text(encoding="utf-8"))["vectors"]


def test_vectors_are_there():
    names = _ids()
    assert len(names) >= 30 and len(set(names)) == len(names)


def _ids():
    return [v["name"] for v in _load()]


@pytest.mark.parametrize("name", _ids())
def test_vector_decodes(name):
    v = next(v for v in _load() if v["name"] == name)
    s, pts, epoch, edits, notices, lab = link.read_link(v["link"])[:6]
    check_state(s, pts, notices)
    assert non_defaults(s) == v["settings"]
    assert (epoch, edits) == (v.get("epoch", 0), v.get("edits", []))
    assert lab == v.get("lab")
    if v["points"] is None:
        assert pts is None
    else:
        assert pts.tolist() == v["points"]  # exact float64 equality
    assert [n.code for n in notices] == v["codes"]
    assert [n.as_data() for n in notices] == v["notices"]
    for part in v["says"]:
        assert any(part in n for n in notices), (part, notices)


def _repairs():
    if not VECTORS.is_file():
        return []
    return json.loads(VECTORS.read_text(encoding="utf-8")).get("repairs", [])


@pytest.mark.parametrize("case", _repairs(), ids=lambda c: json.dumps(c["raw"])[:40])
def test_repair_vector(case):
    s, notices = link.repair(case["raw"])
    assert non_defaults(s) == case["settings"]
    assert [n.as_data() for n in notices] == case["notices"]


@pytest.mark.parametrize("name", [v["name"] for v in _load() if "input" in v])
def test_vector_encodes(name):
    v = next(v for v in _load() if v["name"] == name)
    i = v["input"]
    text = link.encode_link(
        i["settings"], i.get("points"), i.get("epoch", 0), i.get("edits", []), i.get("lab")
    )
    assert text.startswith("v2.")
    s, pts, epoch, edits, notices, lab = link.read_link(text)[:6]
    assert notices == [] and non_defaults(s) == v["settings"]
    assert (epoch, edits, lab) == (v.get("epoch", 0), v.get("edits", []), v.get("lab"))
    assert (pts is None and v["points"] is None) or pts.tolist() == v["points"]


# ---------------------------------------------------------------- quantisation and size


def test_quantize_every_code_is_a_fixed_point():
    for lo, hi, bits in ((link.X_LO, link.X_HI, link.X_BITS), (link.Y_LO, link.Y_HI, link.Y_BITS)):
        q = np.arange(2**bits, dtype=np.float64)
        vals = link.points.values(q, lo, hi, bits)
        assert vals[0] == lo and vals[-1] == hi and np.all(np.diff(vals) > 0)
        assert np.array_equal(link.points.codes(vals, lo, hi, bits), q)


def _drawn(n, k, seed=0, regression=False):
    rng = np.random.default_rng(seed)
    lab = rng.uniform(-1, 1, n) if regression else np.arange(n) % k
    return np.column_stack([rng.uniform(-6.5, 6.5, n), rng.uniform(-6.5, 6.5, n), lab])


@pytest.mark.parametrize("regression", [False, True])
def test_round_trip_equals_quantize_bit_for_bit(regression):
    pts = _drawn(300, 4, seed=3, regression=regression)
    problem = "regression" if regression else "classification"
    pts[:3, :2] = [[-6, 6], [0, 0], [6, -6]]
    if regression:
        pts[:3, 2] = [-1, 0, 1]
    q = link.quantize_points(pts, problem)
    assert np.array_equal(link.quantize_points(q, problem), q)  # idempotent
    assert np.all(np.abs(q[:, :2] - np.clip(pts[:, :2], -6, 6)) <= 6 / 4095 + 1e-12)
    s = {"dataset": "custom", "problem": problem, "classes": 4}
    out, back, notices = link.decode_link(link.encode_link(s, pts))
    assert notices == [] and back.dtype == np.float64
    assert back.tobytes() == q.tobytes()
    # and a link of the quantised points is the same link
    assert link.encode_link(s, q) == link.encode_link(s, pts)


def test_500_drawn_points_stay_under_4_kb():
    pts = _drawn(500, 3, seed=1)
    pts = pts[np.random.default_rng(2).permutation(500)]  # classes interleaved: worst order
    frag = "#" + link.encode_link({"dataset": "custom", "layers": [8, 8, 4], "lr": 0.1}, pts)
    assert len(frag) < 4000 - 100, len(frag)  # room for the page's own URL
    reg = _drawn(500, 0, seed=1, regression=True)
    frag = "#" + link.encode_link({"dataset": "custom", "problem": "regression"}, reg)
    assert len(frag) < 4000 - 100, len(frag)


LARGE = "large: 520 drawn points and a training"  # a real link of about 2,400 characters
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def mutants(text, count=1000, seed=11):
    """`count` copies of text with one character changed: the same list as
    tests/js/link-damage.test.mjs makes (a shared linear congruential generator)."""
    state = seed
    alphabet = B64URL + ".#%= ~"

    def draw(n):
        nonlocal state
        state = (state * 1103515245 + 12345) % 2**31
        return state % n

    out = []
    for _ in range(count):
        at = draw(len(text))
        others = [c for c in alphabet if c != text[at]]
        out.append(text[:at] + others[draw(len(others))] + text[at + 1 :])
    return out


def test_every_one_character_change_is_detected_or_harmless():
    """Issue 11.10: of 1,000 one-character changes to a real 2,401-character v1 link, 905
    decoded to other points without a word. With the checksum every change is either named
    (the link is not used) or decodes to exactly the same state."""
    v = next(v for v in _load() if v["name"] == LARGE)
    assert 2300 <= len(v["link"]) <= 2600, len(v["link"])
    want = link.read_link(v["link"])
    assert want.notices == [] and len(want.points) == 520 and want.epoch == 185
    named = same = 0
    for text in mutants(v["link"]):
        got = link.read_link(text)
        if got.notices:
            assert link.fell_back(got.notices), (text, got.notices)
            named += 1
        else:
            assert got.settings == want.settings and got.points.tobytes() == want.points.tobytes()
            assert (got.epoch, got.edits) == (want.epoch, want.edits)
            same += 1
    assert named + same == 1000 and named >= 990, (named, same)


def test_preset_links_carry_no_points():
    pts = _drawn(20, 2)
    a = link.encode_link({"dataset": "moons", "noise": 30}, pts)
    assert a == link.encode_link({"dataset": "moons", "noise": 30})
    assert len(a) < 60


# ---------------------------------------------------------------- API edges


def test_accepts_url_fragment_and_bare_payload():
    text = link.encode_link({"dataset": "xor", "seed": 7})
    want = link.decode_link(text)[0]
    for form in (f"#{text}", f"https://example.org/bp/index.html?x=1#{text}", f"  {text}\n"):
        s, pts, notices = link.decode_link(form)
        assert (s, pts, notices) == (want, None, [])
    assert want["dataset"] == "xor" and want["seed"] == 7


@pytest.mark.parametrize("text", ["", "#", "https://example.org/#", "  "])
def test_no_link_is_the_plain_page(text):
    assert link.decode_link(text) == (settings.validate({}), None, [])


@pytest.mark.parametrize("text", [None, 5, b"v1.q64FAA", ["v1."], "v1." + "A" * 100_001])
def test_never_raises_on_odd_input(text):
    s, pts, notices = link.decode_link(text)
    check_state(s, pts, notices)
    assert s == settings.validate({}) and len(notices) == 1


def test_encode_rejects_what_validate_rejects():
    with pytest.raises(ValueError, match="lr"):
        link.encode_link({"lr": -1})
    with pytest.raises(ValueError, match="points"):
        link.encode_link({"dataset": "custom"})
    with pytest.raises(ValueError, match="points"):
        link.encode_link({"dataset": "custom"}, _drawn(link.MAX_POINTS + 1, 2))
    with pytest.raises(ValueError):
        link.encode_link({"dataset": "custom", "classes": 2}, _drawn(10, 3))


def test_sanitize_settings_gives_the_nearest_valid():
    s, notices = link.sanitize_settings(
        {
            "dataset": "plane",
            "problem": "classification",
            "layers": [100, 2],
            "activation": ["relu"] * 3,
        }
    )
    assert s["problem"] == "regression" and s["layers"] == [64, 2]
    assert s["activation"] == ["relu", "relu"] and len(notices) == 2
    assert link.sanitize_settings(None) == (settings.validate({}), [])
    assert link.repair is link.sanitize_settings
    assert settings.repair({"lr": 0}) == link.repair({"lr": 0})


def test_notices_are_capped():
    raw = {f"junk{i}": i for i in range(50)}
    s, _, notices = link.decode_link(raw_link(json.dumps(raw).encode()))
    assert len(notices) == link.MAX_NOTICES and notices[-1] == "… and 31 more problems"


@pytest.mark.parametrize(
    "x, js",
    [
        (0.0, "0"),
        (-0.0, "0"),
        (5.0, "5"),
        (0.03, "0.03"),
        (1e-7, "1e-7"),
        (1e-6, "0.000001"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (-2.5e-9, "-2.5e-9"),
        (1.5e300, "1.5e+300"),
        (123.456, "123.456"),
        (math.inf, "Infinity"),
        (math.nan, "NaN"),
    ],
)
def test_numbers_print_as_javascript_prints_them(x, js):
    assert link.notices.fmt(x) == js


def test_decoded_state_starts_a_session():
    for v in _load():
        s, pts, _ = link.decode_link(v["link"])
        session.Session(s, pts)  # replay: no ValueError, whatever the link held


# ---------------------------------------------------------------- fuzz


def _mutate_text(rng, text):
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        i = rng.randrange(len(chars) + 1)
        if op < 0.3 and chars:
            chars[min(i, len(chars) - 1)] = rng.choice(link_alphabet)
        elif op < 0.5:
            chars.insert(i, rng.choice(link_alphabet + "#.=%<>\"' \x00é😀"))
        elif op < 0.7:
            del chars[i : i + rng.randint(1, 20)]
        else:
            chars = chars[:i]
    return "".join(chars)


link_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2,
    0.5,
    -5,
    1e308,
    -1e308,
    1e-320,
    2**53 + 1,
    10**30,
    "",
    "x",
    "<img src=x onerror=alert(1)>",
    "relu",
    "custom",
    "plane",
    [],
    [1] * 12,
    [3, "a", None, 1e9],
    ["relu", "tanh", "relu"],
    ["x1", "x1"],
    {"a": 1},
    [[[]]],
]


def _random_settings_json(rng):
    names = list(settings.SETTINGS) + ["__proto__", "constructor", "0", "17", "<b>"]
    raw = {}
    if rng.random() < 0.3:  # a training, maybe off
        raw["epoch"] = rng.choice([0, 5, 185, 1.5, -1, 10**7, "9"])
        edit = [rng.choice([0, 3, 200]), 0, 1, rng.choice([-1, 0, -2]), rng.choice([0.5, 1e400])]
        change = [
            rng.choice([0, 3, 200]),
            rng.choice(["lr", "optimizer", "batch_size", "layers", "__proto__", 7, "step"]),
            rng.choice([0.1, 0, -0.0, 10, 1e400, "adam", "sgd", 2.5, 30, None, True]),
        ]
        raw["edits"] = rng.choice(
            [[edit], [edit, edit], [], {}, [[1, 2]], [change], [edit, change], [change, change]]
        )
    if rng.random() < 0.2:  # the lab's code, maybe off (link/labpart.py)
        lab = {
            "exercise": rng.choice(["loss", "plug_dense", "__proto__", 3, None]),
            "code": rng.choice(
                ["x = 1", "", 7, "\ud800", "é" * (MAX_CODE // 2 + rng.choice([0, 1]))]
            ),
            "plugged": rng.choice([True, False, 1, None]),
        }
        for k in [k for k in lab if rng.random() < 0.2]:
            del lab[k]
        raw["lab"] = rng.choice([lab, lab, [], "code"])
    for _ in range(rng.randint(0, 8)):
        name = rng.choice(names)
        t = settings.SETTINGS.get(name)
        if t is not None and rng.random() < 0.5:  # a value of the right kind, maybe off
            if t.kind in ("choice", "choices"):
                v = rng.choice(t.choices)
                v = [v] * rng.randint(0, 3) if t.kind == "choices" else v
            elif t.kind == "bool":
                v = rng.random() < 0.5
            elif t.kind == "ints":
                v = [rng.randint(-5, 80) for _ in range(rng.randint(0, 13))]
            else:
                v = rng.uniform(t.lo - 2, t.hi * 1.5)
        else:
            v = rng.choice(_VALUES)
        raw[name] = v
    return json.dumps(raw).encode()


def _random_payload(rng):
    head = _random_settings_json(rng) if rng.random() < 0.8 else rng.randbytes(rng.randint(0, 40))
    if rng.random() < 0.5:
        return head
    kind = rng.choice([0, 0, 1, 1, 2])
    n = rng.choice([0, 1, 2, 5, 30, 5001, 65535])
    lb = 8 if kind == 1 else 3
    body = rng.randbytes(max(0, (n * (24 + lb) + 7) // 8 + rng.choice([-3, 0, 0, 0, 2])))
    if rng.random() < 0.7:
        head = json.dumps({"dataset": "custom", "classes": rng.randint(1, 6)}).encode()
    return head + b"\x00" + bytes([kind, n >> 8, n & 255]) + body


def fuzz_inputs(seed, count):
    """Deterministic hostile inputs: random text, mutated links, random payloads."""
    rng = random.Random(seed)
    good = [v["link"] for v in _load() if not v["codes"]]
    for _ in range(count):
        r = rng.random()
        if r < 0.15:
            yield "".join(rng.choice(link_alphabet + ".#v1") for _ in range(rng.randint(0, 80)))
        elif r < 0.25:
            yield "v1." + "".join(rng.choice(link_alphabet) for _ in range(rng.randint(0, 200)))
        elif r < 0.55:
            yield _mutate_text(rng, rng.choice(good))
        else:
            payload = _random_payload(rng)
            if rng.random() < 0.2 and payload:  # flip a byte after compressing
                text = raw_link(payload)
                i = rng.randrange(3, len(text))
                yield text[:i] + rng.choice(link_alphabet) + text[i + 1 :]
            else:
                yield raw_link(payload)


def test_fuzz_decoder_never_raises_and_gives_valid_states():
    deadline = time.monotonic() + 2.5
    done = 0
    for text in fuzz_inputs(seed=20240601, count=20000):
        s, pts, notices = link.decode_link(text)
        check_state(s, pts, notices)
        done += 1
        if time.monotonic() > deadline:
            break
    assert done >= 300, done


# ---------------------------------------------------------------- writing the vectors


# The notice codes each vector must give, in order (written by hand, as the English above).
_TRAINING_CODES = {
    "epoch not whole": ["epoch_bad"],
    "epoch negative": ["epoch_bad"],
    "epoch too big": ["epoch_bad"],
    "epoch a string": ["epoch_bad"],
    "edits not a list": ["edits_not_list"],
    "edit too short": ["edit_shape"],
    "edit after the epoch": ["edit_epoch"],
    "edit index": ["edit_index"],
    "edit value": ["edit_value"],
    "edits out of order": ["edit_order"],
    "too many edits": ["too_many_edits"],
    "setting change not live": ["edit_setting"],
    "setting change unknown": ["edit_setting"],
    "setting change out of range": ["edit_setting_value"],
    "setting change not a choice": ["edit_setting_value"],
    "setting change int not whole": ["edit_setting_value"],
    "setting change after the epoch": ["edit_epoch"],
    "step on no point": ["edit_step"],
}
CODES = {f"training: {k}": v for k, v in _TRAINING_CODES.items()} | {
    "v2: one character changed": ["checksum"],
    "v2: one character lost": ["checksum"],
    "v2: too short for its checksum": ["checksum"],
    "v2: nothing after the dot": ["checksum"],
    "random bytes": ["checksum"],
    "v1: random bytes": ["not_deflate"],
    "not base64url": ["not_base64"],
    "truncated": ["checksum"],
    "v1: truncated": ["not_deflate"],
    "junk after the data": ["not_deflate"],
    "v1: junk after the data": ["not_deflate"],
    "wrong version": ["format"],
    "not a link": ["not_a_link"],
    "markup in strings": ["not_a_choice", "not_a_choice", "no_entries", "unknown_setting"],
    "absurd numbers": [
        *("above_maximum", "below_minimum", "above_maximum", "must_be_below", "not_whole"),
        *("expected_number", "below_minimum", "expected_number", "must_be_below"),
    ],
    "NaN literal": ["settings_unreadable"],
    "huge integer": ["not_finite"],
    "10000 layers": ["too_many_layers", "too_many_entries"],
    "bad layer entries": [
        *("below_minimum", "expected_number", "above_maximum", "expected_number", "not_whole"),
    ],
    "zip bomb": ["too_big"],
    "deep nesting": ["settings_unreadable"],
    "not an object": ["settings_not_object"],
    "bad UTF-8": ["settings_unreadable"],
    "byte-order mark": ["settings_unreadable"],
    "key order": ["unknown_setting"] * 3,
    "problem against the data set": ["dataset_problem"],
    "loss against the problem": ["loss_needs_classification"],
    "activation count": ["activations_one"],
    "custom without points": ["custom_needs_points"],
    "points with a preset": ["points_ignored"],
    "points of unknown kind": ["points_kind", "custom_needs_points"],
    "points truncated": ["points_short", "custom_needs_points"],
    "point labels out of range": ["points_extra", "points_bad_class", "points_classes"],
    "one class only": ["points_few_classes", "custom_needs_points"],
    "problem against the points": ["points_problem"],
    "list and value repairs": [
        *("appears_twice", "not_a_choice", "no_entries", "expected_list", "expected_bool"),
        "must_be_above",
    ],
    "loss against the class count": ["loss_needs_two_classes"],
    "more activations than layers": ["activations_kept"],
    "one regression point": ["points_too_few", "custom_needs_points", "dataset_problem"],
    "points header cut": ["points_truncated", "custom_needs_points"],
    "too long": ["too_long"],
    "too many notices": ["unknown_setting"] * 19 + ["more_problems"],
}

# Stored or hand-made settings repaired (link.repair / sanitizeSettings): raw -> expected
# non-default settings and notice codes; both languages give the same notices.
REPAIRS = [
    ({}, {}, []),
    (
        {"dataset": "plane", "problem": "classification", "layers": [100, 2]}
        | {"activation": ["relu"] * 3},
        {"dataset": "plane", "problem": "regression", "layers": [64, 2]}
        | {"activation": ["relu", "relu"]},
        ["above_maximum", "activations_kept"],
    ),
    (
        {"lr": 0, "momentum": 1, "features": ["x1"] * 9},
        {"features": ["x1"]},
        ["must_be_above", "must_be_below", "too_many_entries"] + ["appears_twice"] * 6,
    ),
    (
        {"loss": "bce", "dataset": "blobs", "classes": 4},
        {"dataset": "blobs", "classes": 4},
        ["loss_needs_two_classes"],
    ),
    ({"loss": "mse", "dataset": "xor"}, {"dataset": "xor"}, ["loss_needs_regression"]),
    ({"junk": 1, "seed": 2.5}, {"seed": 3}, ["unknown_setting", "not_whole"]),
    (
        {"layers": [], "activation": ["relu", "tanh"]},
        {"layers": [], "activation": ["relu"]},
        ["activations_one"],
    ),
]


def _q(pts, problem="classification"):
    return link.quantize_points(pts, problem).tolist()


def vx(q):
    """A coordinate code's value, by the documented formula (not the decoder's code)."""
    return min(max(-6.0 + q * (12.0 / 4095), -6.0), 6.0)


def make_vectors():
    """The shared test vectors. Expectations are written by hand; the Python decoder is
    checked against them before anything is written."""
    drawn = [
        [-5.9, 4.2, 0],
        [-4.1, 3.3, 0],
        [-3.0, 5.5, 0],
        [0.1, -0.2, 1],
        [0.5, 0.7, 1],
        [1.23456, -1.5, 1],
        [4.4, -4.4, 2],
        [5.5, -3.0, 2],
        [3.3, -5.9, 2],
        [6.0, -6.0, 2],
        [-6.0, 6.0, 0],
        [0.0, 0.0, 1],
    ]
    reg = [
        [-5.0, -5.0, -1.0],
        [-2.5, 1.0, -0.5],
        [0.0, 0.0, 0.0],
        [2.5, -1.0, 0.5],
        [5.0, 5.0, 1.0],
        [1.0, 2.0, 0.123],
        [-3.3, 4.4, -0.777],
        [6.0, -6.0, 0.999],
    ]
    several = {
        "dataset": "spiral",
        "noise": 20,
        "n_points": 800,
        "train_ratio": 70,
        "data_seed": 99,
        "features": ["x1", "x2", "x1sq", "sinx1"],
        "layers": [8, 8, 4],
        "activation": ["relu"],
        "init": "he",
        "seed": 42,
        "optimizer": "adam",
        "lr": 0.003,
        "beta2": 0.99,
        "batch_size": 25,
        "reg": "l2",
        "reg_rate": 0.001,
        "show_test": True,
        "discretize": True,
    }
    out = []

    def add(name, text, want, points=None, notices=(), inp=None, epoch=0, edits=(), lab=None):
        v = {
            "name": name,
            "link": text,
            "settings": want,
            "points": points,
            "says": list(notices),
            "codes": CODES.get(name, []),
        }
        if epoch or edits:
            v |= {"epoch": epoch, "edits": list(edits)}
        if lab is not None:
            v["lab"] = lab
        if inp is not None:
            v["input"] = inp
        out.append(v)

    def enc(name, s, pts=None, want=None, points=None, epoch=0, edits=(), lab=None):
        inp = {"settings": s} | ({"points": pts} if pts is not None else {})
        if epoch or edits:
            inp |= {"epoch": epoch, "edits": list(edits)}
        if lab is not None:
            inp["lab"] = lab
        text = link.encode_link(s, pts, epoch, edits, lab)
        got = None if lab is None else {"plugged": False} | lab
        add(name, text, s if want is None else want, points, inp=inp, epoch=epoch, edits=edits,
            lab=got)  # fmt: skip

    # clean links
    enc("defaults", {})
    enc("several settings", several)
    enc(
        "preset regression",
        {"dataset": "plane", "noise": 10, "layers": []},
        want={"dataset": "plane", "problem": "regression", "noise": 10, "layers": []},
    )
    enc(
        "blobs with five classes",
        {"dataset": "blobs", "classes": 5, "loss": "softmax_ce", "activation": ["relu", "tanh"]},
    )
    enc(
        "drawn points, three classes", {"dataset": "custom", "layers": [6]}, drawn, points=_q(drawn)
    )
    enc(
        "drawn regression points",
        {"dataset": "custom", "problem": "regression", "loss": "mse"},
        reg,
        points=_q(reg, "regression"),
    )
    text = link.encode_link({"dataset": "gaussian", "lr": 0.3})
    add(
        "full URL",
        f"https://example.org/bp/index.html?lang=en#{text}",
        {"dataset": "gaussian", "lr": 0.3},
    )
    # the training to replay (format v2)
    edits = [[0, 0, 1, 0, 0.5], [120, 1, 0, -1, -1.25], [185, 2, 0, 1, 3.0000000000000004]]
    enc("training: epoch and weight edits", {"dataset": "xor"}, epoch=185, edits=edits)
    enc("training: an edit before any epoch", {}, edits=[[0, 0, 0, 0, -2.5]])
    add(
        "training: number forms",
        raw_link(b'{"epoch":12.0,"edits":[[1E1,0.0,1,-1,1e-1]]}'),
        {},
        epoch=12,
        edits=[[10, 0, 1, -1, 0.1]],
    )
    # setting changes on the way (the learning rate, the optimiser...), among weight edits
    changes = [
        [0, 1, 0, 0, 0.5],
        [40, "lr", 0.1],
        [40, "optimizer", "adam"],
        [90, 0, 0, -1, -0.25],
        [90, "batch_size", 3],
        [120, "reg", "l2"],
        [120, "reg_rate", 0.001],
        [150, "momentum", 0],
        [150, "step", 7],
        [155, "step", 4999],
    ]
    enc("training: setting changes", {"dataset": "xor", "seed": 5}, epoch=160, edits=changes)
    add(
        "training: setting change number forms",
        raw_link(b'{"epoch":12,"edits":[[3,"batch_size",4.0],[5,"lr",1],[6,"reg_rate",-0.0]]}'),
        {},
        epoch=12,
        edits=[[3, "batch_size", 4], [5, "lr", 1.0], [6, "reg_rate", 0.0]],
    )
    not_replayed = "; the training is not replayed (epoch 0)"
    for name, body, why in [
        (
            "setting change not live",
            b'{"epoch":5,"edits":[[1,"layers",[3]]],"seed":3}',
            'edits[0]: "layers" is not a setting that changes during training',
        ),
        (
            "setting change unknown",
            b'{"epoch":5,"edits":[[1,"__proto__",1]],"seed":3}',
            'edits[0]: "__proto__" is not a setting that changes during training',
        ),
        (
            "setting change out of range",
            b'{"epoch":5,"edits":[[1,"lr",0]],"seed":3}',
            "edits[0]: 0 is not a valid value of lr",
        ),
        (
            "setting change not a choice",
            b'{"epoch":5,"edits":[[1,"optimizer","rmsprop"]],"seed":3}',
            'edits[0]: "rmsprop" is not a valid value of optimizer',
        ),
        (
            "setting change int not whole",
            b'{"epoch":5,"edits":[[1,"batch_size",2.5]],"seed":3}',
            "edits[0]: 2.5 is not a valid value of batch_size",
        ),
        (
            "step on no point",
            b'{"epoch":5,"edits":[[1,"step",5000]],"seed":3}',
            "edits[0]: the point 5000 of a step is not a whole number 0..4999",
        ),
        (
            "setting change after the epoch",
            b'{"epoch":5,"edits":[[7,"lr",0.1]],"seed":3}',
            "edits[0]: its epoch 7 is not a whole number 0..5",
        ),
        (
            "epoch not whole",
            b'{"epoch":1.5,"seed":3}',
            "epoch: 1.5 is not a whole number 0..1000000",
        ),
        ("epoch negative", b'{"epoch":-4,"seed":3}', "epoch: -4 is not a whole number 0..1000000"),
        (
            "epoch too big",
            b'{"epoch":1e7,"seed":3}',
            "epoch: 10000000 is not a whole number 0..1000000",
        ),
        (
            "epoch a string",
            b'{"epoch":"185","seed":3}',
            'epoch: "185" is not a whole number 0..1000000',
        ),
        (
            "edits not a list",
            b'{"epoch":5,"edits":{},"seed":3}',
            "edits: expected a list, got an object",
        ),
        (
            "edit too short",
            b'{"epoch":5,"edits":[[1,0,0,0]],"seed":3}',
            "edits[0]: expected [epoch, layer, i, j, value] or [epoch, setting, value]",
        ),
        (
            "edit after the epoch",
            b'{"epoch":5,"edits":[[6,0,0,0,1]],"seed":3}',
            "edits[0]: its epoch 6 is not a whole number 0..5",
        ),
        (
            "edit index",
            b'{"epoch":5,"edits":[[1,0,0,-2,1]],"seed":3}',
            "edits[0]: layer, i and j must be whole numbers (j = -1 for a bias)",
        ),
        (
            "edit value",
            b'{"epoch":5,"edits":[[1,0,0,0,1e400]],"seed":3}',
            "edits[0]: the value Infinity is not a finite number",
        ),
        (
            "edits out of order",
            b'{"epoch":5,"edits":[[3,0,0,0,1],[2,0,0,0,1]],"seed":3}',
            "edits[1]: the edits are not in the order of their epochs",
        ),
    ]:
        add(f"training: {name}", raw_link(body), {"seed": 3}, notices=[why + not_replayed])
    many = json.dumps({"epoch": 9, "edits": [[1, 0, 0, 0, 1]] * 101}).encode()
    add(
        "training: too many edits",
        raw_link(many),
        {},
        notices=[
            "edits: 101 changes (weight edits and settings) is more than the maximum 100"
            + not_replayed
        ],
    )

    big = np.round(_drawn(520, 3, seed=5), 6)
    big = big[np.random.default_rng(6).permutation(520)].tolist()
    big_edits = [[60, 0, 2, 1, -0.75], [185, 1, 0, -1, 0.3]]
    big_s = {"dataset": "custom", "layers": [8, 6], "lr": 0.1, "batch_size": 1}
    enc(LARGE, big_s, big, points=_q(big), epoch=185, edits=big_edits)

    # format v1 (no checksum, no training) still opens
    add("v1: defaults", "v1.q64FAA", {}, inp=None)
    add("v1: several settings", as_v1(link.encode_link(several)), several)
    add(
        "v1: drawn points",
        as_v1(link.encode_link({"dataset": "custom", "layers": [6]}, drawn)),
        {"dataset": "custom", "layers": [6]},
        points=_q(drawn),
    )

    # damaged v2 links: the checksum names them
    good = link.encode_link({"dataset": "custom", "lr": 0.1}, drawn, 40)
    mid = len(good) // 2
    changed = good[:mid] + ("A" if good[mid] != "A" else "B") + good[mid + 1 :]
    damaged = "the link is damaged (its checksum does not match"
    add("v2: one character changed", changed, {}, notices=[damaged])
    add("v2: one character lost", good[:mid] + good[mid + 1 :], {}, notices=[damaged])
    add("v2: too short for its checksum", "v2.q64", {}, notices=[damaged])
    add("v2: nothing after the dot", "v2.", {}, notices=[damaged])

    add(
        "JS number forms",
        raw_link(b'{"seed":7.0,"lr":1E-1,"layers":[3.0]}'),
        {"seed": 7, "lr": 0.1, "layers": [3]},
    )

    # hostile links: expected state and notice substrings
    dflt = {}
    add(
        "random bytes",
        "v2."
        + base64.urlsafe_b64encode(bytes(random.Random(7).randrange(256) for _ in range(48)))
        .rstrip(b"=")
        .decode(),
        dflt,
        notices=["damaged"],
    )
    add("v1: random bytes", as_v1(out[-1]["link"] + "AAAAAA"), dflt, notices=["damaged"])
    add("not base64url", "v2.<svg/onload=alert(1)>", dflt, notices=["not base64url"])
    good = link.encode_link({"dataset": "custom"}, drawn)
    add("truncated", good[: len(good) // 2], dflt, notices=["damaged"])
    add("v1: truncated", as_v1(good)[: len(good) // 2], dflt, notices=["damaged"])
    add("junk after the data", raw_link(b'{"seed":5}', junk=b"\0\0\0"), dflt, notices=["damaged"])
    add(
        "v1: junk after the data", raw_link(b'{"seed":5}', "v1") + "AAAA", dflt, notices=["damaged"]
    )
    add(
        "wrong version",
        "v3." + text.split(".", 1)[1],
        dflt,
        notices=["the link has format v3, this page reads v1 and v2"],
    )
    add("not a link", "#section-2", dflt, notices=["not a BP Playground share link"])
    add(
        "markup in strings",
        raw_link(
            json.dumps(
                {
                    "dataset": "<img src=x onerror=alert(1)>",
                    "activation": ["<script>alert(1)</script>"],
                    "<b>bold</b>": 1,
                    "seed": 3,
                }
            ).encode()
        ),
        {"seed": 3},
        notices=[
            'dataset: "<img src=x onerror=alert(1)>" is not one of',
            'activation[0]: "<script>alert(1)</script>" is not one of',
            'unknown setting "<b>bold</b>" ignored',
        ],
    )
    add(
        "absurd numbers",
        raw_link(
            json.dumps(
                {
                    "lr": 1e308,
                    "noise": -5,
                    "n_points": 1e308,
                    "momentum": 5,
                    "batch_size": 2.5,
                    "seed": "NaN",
                    "reg_rate": -1e-9,
                    "train_ratio": True,
                    "beta1": 1,
                }
            ).encode()
        ),
        {"lr": 10.0, "n_points": 2000, "batch_size": 3},
        notices=[
            "lr: 1e+308 is above the maximum 10; using 10",
            "noise: -5 is below the minimum 0; using 0",
            "n_points: 1e+308 is above the maximum 2000; using 2000",
            "momentum: 5 must be below 1; using the default 0.9",
            "batch_size: 2.5 is not a whole number; using 3",
            'seed: expected a number, got "NaN"; using the default 1',
            "reg_rate: -1e-9 is below the minimum 0; using 0",
            "train_ratio: expected a number, got true",
            "beta1: 1 must be below 1",
        ],
    )
    add("NaN literal", raw_link(b'{"lr":NaN,"seed":4}'), dflt, notices=["settings: unreadable"])
    add(
        "huge integer",
        raw_link(b'{"seed":1' + b"0" * 400 + b"}"),
        dflt,
        notices=["seed: Infinity is not a finite number"],
    )
    add(
        "10000 layers",
        raw_link(json.dumps({"layers": [3] * 10000, "activation": ["relu"] * 10000}).encode()),
        {"layers": [3] * 10, "activation": ["relu"] * 10},
        notices=[
            "layers: 10000 hidden layers is more than the maximum 10; kept the first 10",
            "activation: 10000 entries is more than the maximum 10",
        ],
    )
    add(
        "bad layer entries",
        raw_link(b'{"layers":[0,"wide",1000,null,5.5]}'),
        {"layers": [1, 64, 6]},
        notices=[
            "layers[0]: 0 is below the minimum 1; using 1",
            'layers[1]: expected a number, got "wide"; dropped',
            "layers[2]: 1000 is above the maximum 64; using 64",
            "layers[3]: expected a number, got null; dropped",
            "layers[4]: 5.5 is not a whole number; using 6",
        ],
    )
    add(
        "zip bomb",
        raw_link(b'{"seed":2' + b" " * 5_000_000 + b"}"),
        dflt,
        notices=["inflates to more than 262144 bytes"],
    )
    add(
        "deep nesting",
        raw_link(b'{"layers":' + b"[" * 5000 + b"]" * 5000 + b"}"),
        dflt,
        notices=["settings: unreadable"],
    )
    add(
        "not an object",
        raw_link(b'["dataset","xor"]'),
        dflt,
        notices=["settings: not a JSON object"],
    )
    add("bad UTF-8", raw_link(b'{"dataset":"\xff"}'), dflt, notices=["settings: unreadable"])
    add(
        "byte-order mark",
        raw_link(b'\xef\xbb\xbf{"seed":3}'),
        dflt,
        notices=["settings: unreadable"],
    )
    add(
        "key order",
        raw_link(b'{"zz":1,"7":1,"seed":9,"0":2}'),
        {"seed": 9},
        notices=['unknown setting "0"', 'unknown setting "7"', 'unknown setting "zz"'],
    )
    add(
        "problem against the data set",
        raw_link(b'{"dataset":"circle","problem":"regression"}'),
        dflt,
        notices=["problem: circle is a classification data set; using classification"],
    )
    add(
        "loss against the problem",
        raw_link(b'{"dataset":"plane","loss":"bce"}'),
        {"dataset": "plane", "problem": "regression"},
        notices=["loss: bce needs classification; regression uses mse (or auto); using auto"],
    )
    add(
        "activation count",
        raw_link(b'{"layers":[4,4,4],"activation":["relu","sigmoid"]}'),
        {"layers": [4, 4, 4], "activation": ["relu"]},
        notices=["activation: 2 activations for 3 hidden layers; using relu for every layer"],
    )
    add(
        "custom without points",
        raw_link(b'{"dataset":"custom","seed":5}'),
        {"seed": 5},
        notices=["dataset: custom data needs usable points; using circle"],
    )
    add(
        "points with a preset",
        raw_link(
            b'{"dataset":"xor"}\x00' + points_block(0, 2, [(12, [0, 1]), (12, [2, 3]), (3, [0, 1])])
        ),
        {"dataset": "xor"},
        notices=["points: ignored; the xor data set makes its own points"],
    )
    cust = b'{"dataset":"custom"}\x00'
    add(
        "points of unknown kind",
        raw_link(cust + bytes([9, 0, 2]) + b"\x00" * 7),
        dflt,
        notices=["points: unknown kind 9", "dataset: custom data needs usable points"],
    )
    add(
        "points truncated",
        raw_link(
            cust
            + points_block(0, 4, [(12, [1, 2, 3, 4]), (12, [5, 6, 7, 8]), (3, [0, 1, 0, 1])])[:-3]
        ),
        dflt,
        notices=["points: the data of 4 points is truncated"],
    )
    add(
        "point labels out of range",
        raw_link(
            b'{"dataset":"custom","classes":2}\x00'
            + points_block(
                0,
                5,
                [
                    (12, [0, 4095, 2048, 100, 200]),
                    (12, [4095, 0, 2047, 300, 400]),
                    (3, [0, 7, 4, 1, 6]),
                ],
            )
            + b"\x00\x00"
        ),
        {"dataset": "custom", "classes": 5},
        points=[[vx(0), vx(4095), 0.0], [vx(2048), vx(2047), 4.0], [vx(100), vx(300), 1.0]],
        notices=[
            "points: 2 extra bytes after the points ignored",
            "points: dropped 2 points whose class is not 0..4",
            "classes: the points have 5 classes; using 5",
        ],
    )
    add(
        "one class only",
        raw_link(cust + points_block(0, 3, [(12, [1, 2, 3]), (12, [1, 2, 3]), (3, [2, 2, 2])])),
        dflt,
        notices=["points: 3 usable points of fewer than 2 classes are not enough to train on"],
    )
    add(
        "problem against the points",
        raw_link(
            b'{"dataset":"custom","problem":"classification"}\x00'
            + points_block(1, 2, [(12, [0, 4095]), (12, [0, 4095]), (8, [0, 255])])
        ),
        {"dataset": "custom", "problem": "regression"},
        points=[[-6.0, -6.0, -1.0], [6.0, 6.0, 1.0]],
        notices=["problem: the points are regression data; using regression"],
    )
    # repairs of every kind, so both decoders are held to the same codes and params
    add(
        "list and value repairs",
        raw_link(
            b'{"features":["x1","x1","x9"],"activation":[],"layers":"wide","show_test":1,"lr":0}'
        ),
        {"features": ["x1"]},
        notices=[
            'features[1]: "x1" appears twice; dropped',
            'features[2]: "x9" is not one of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2; dropped',
            "activation: no usable entries; using the default tanh",
            'layers: expected a list, got "wide"; using the default 4,2',
            "show_test: expected true or false, got 1; using the default false",
            "lr: 0 must be above 0; using the default 0.03",
        ],
    )
    add(
        "loss against the class count",
        raw_link(b'{"dataset":"blobs","classes":4,"loss":"bce"}'),
        {"dataset": "blobs", "classes": 4},
        notices=["loss: bce needs 2 classes, this problem has 4; use softmax_ce; using auto"],
    )
    add(
        "more activations than layers",
        raw_link(b'{"layers":[4,4],"activation":["relu","tanh","sigmoid"]}'),
        {"layers": [4, 4], "activation": ["relu", "tanh"]},
        notices=["activation: 3 activations for 2 hidden layers; kept the first 2"],
    )
    add(
        "one regression point",
        raw_link(
            b'{"dataset":"custom","problem":"regression"}\x00'
            + points_block(1, 1, [(12, [0]), (12, [0]), (8, [0])])
        ),
        dflt,
        notices=[
            "points: 1 usable points are not enough to train on",
            "dataset: custom data needs usable points; using circle",
            "problem: circle is a classification data set; using classification",
        ],
    )
    add(
        "points header cut",
        raw_link(cust + b"\x00\x05"),
        dflt,
        notices=["points: the point data is truncated; ignored", "using circle"],
    )
    add(
        "too long",
        "v2." + "A" * 100_001,
        dflt,
        notices=["the link is too long (100004 characters, at most 100000); using the defaults"],
    )
    add(
        "too many notices",
        raw_link(json.dumps({f"junk{i}": i for i in range(30)}).encode()),
        dflt,
        notices=["… and 11 more problems"],
    )
    add("empty", "", dflt)
    add("empty fragment", "https://example.org/#", dflt)
    lab_vectors(add, enc, dflt)
    return out


# The lab's code in a link (bpcore/link/labpart.py): shown, never run, by opening the link.
LAB_CODE = (
    'import numpy as np\n\ndef sigmoid(z):\n    """σ(z) — 1/(1+e⁻ᶻ)"""\n'
    "    return 1 / (1 + np.exp(-z))\n"
)
_LAB_CODES = {
    "lab: not an object": ["lab_not_object"],
    "lab: unknown exercise": ["lab_exercise"],
    "lab: code not text": ["lab_code"],
    "lab: code a lone surrogate": ["lab_code_text"],
    "lab: code too long": ["lab_code_long"],
    "lab: plugged without a plug part": ["lab_plugged"],
    "lab: plugged not a bool, with a training": ["lab_plugged"],
}
CODES |= _LAB_CODES


def lab_vectors(add, enc, dflt):
    """Links with the lab's code: clean ones (encoded) and each unusable lab part."""
    enc("lab: an exercise's code", {}, lab={"exercise": "sigmoid", "code": LAB_CODE})
    enc(
        "lab: control characters and quotes",
        {"lr": 0.1},
        lab={"exercise": "loss", "code": 'print("a\\tb\x00\x01\u2028\x7f")\r\n\t# \U0001f600'},
    )
    enc(
        "lab: a plugged run",
        {"dataset": "xor"},
        epoch=30,
        edits=[[10, "lr", 0.1]],
        lab={"exercise": "plug_activation", "code": "def f(z):\n    return z\n", "plugged": True},
    )
    enc("lab: the longest code", {}, lab={"exercise": "forward", "code": "#" * MAX_CODE})
    bad = {
        "lab: not an object": (b'"lab":[1]', ["lab: expected an object, got a list of 1 entry"]),
        "lab: unknown exercise": (
            b'"lab":{"exercise":"__proto__","code":""}',
            ["is not an exercise"],
        ),
        "lab: code not text": (b'"lab":{"exercise":"loss","code":5}', ["the code 5 is not text"]),
        "lab: code a lone surrogate": (
            b'"lab":{"exercise":"loss","code":"a\\ud800"}',
            ["lone surrogate"],
        ),
        "lab: code too long": (
            b'"lab":{"exercise":"loss","code":"' + "é".encode() * (MAX_CODE // 2 + 1) + b'"}',
            [f"the code is {MAX_CODE + 2} bytes, more than the {MAX_CODE}"],
        ),
        "lab: plugged without a plug part": (
            b'"lab":{"exercise":"loss","code":"","plugged":true}',
            ["plugged true is not true or false for loss; the link's code is not used"],
        ),
    }
    for name, (part, says) in bad.items():
        add(name, raw_link(b"{" + part + b"}"), {}, notices=says)
    add(
        "lab: plugged not a bool, with a training",
        raw_link(b'{"epoch":5,"lab":{"exercise":"plug_loss","code":"","plugged":1}}'),
        {},
        notices=["plugged 1 is not true or false for plug_loss; the training is not replayed"],
    )


def write_vectors():
    vectors = make_vectors()
    for v in vectors:  # the Python decoder must meet the hand-written expectations
        s, pts, epoch, edits, notices, lab = link.read_link(v["link"])[:6]
        got = (non_defaults(s), None if pts is None else pts.tolist(), epoch, edits, lab)
        want = (v["settings"], v["points"], v.get("epoch", 0), v.get("edits", []), v.get("lab"))
        assert got == want, (v["name"], got)
        assert [n.code for n in notices] == v["codes"], (v["name"], notices)
        assert all(any(p in n for n in notices) for p in v["says"]), (v["name"], notices)
        v["notices"] = [n.as_data() for n in notices]
    repairs = []
    for raw, want, codes in REPAIRS:
        s, notices = link.repair(raw)
        assert non_defaults(s) == want and [n.code for n in notices] == codes, (raw, notices)
        repairs.append({"raw": raw, "settings": want, "notices": [n.as_data() for n in notices]})
    # which loss fits which problem (K classes, 0: regression): the rule both sides share
    fits = [
        {"classes": k, "loss": loss, "misfit": settings.loss_misfit(k, loss)}
        for k in range(6)
        if k != 1
        for loss in settings.LOSSES
    ]
    assert [f["misfit"] is None for f in fits if f["classes"] == 3] == [True, False, True, False]
    doc = {
        "format": "BP Playground share links v2 (and v1); see docs/ARCHITECTURE.md",
        "about": "link -> expected decoded state. settings: the values that differ from "
        "the defaults; points: exact float64 values or null; codes: the notice codes, in "
        "order (written by hand); says: substrings some notice's English must contain "
        "(written by hand); notices: every notice as {code, params} (bpcore's, checked "
        "against codes and says; the JS decoder must give exactly these); input: what an "
        "encoder was given to make the link; epoch, edits: the training to replay (absent: "
        "0, []). repairs: settings as stored -> the repaired settings (non-defaults) and "
        "notices, for link.repair and sanitizeSettings. loss_fit: K classes (0: regression) "
        "and a loss -> settings.loss_misfit's [code, params] or null",
        "vectors": vectors,
        "repairs": repairs,
        "loss_fit": [f | {"misfit": list(f["misfit"]) if f["misfit"] else None} for f in fits],
    }
    VECTORS.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_vectors()
