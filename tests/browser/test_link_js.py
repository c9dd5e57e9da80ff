"""web/domain/link.js in the real Chromium: the shared vectors, cross-language round trips, fuzz.

Every check compares the JS decoder with bpcore/link/ on the same input: the same settings,
the same float64 points (compared as bytes) and the very same notices ({code, params}).
"""

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
for p in (str(ROOT), str(TESTS)):
    if p not in sys.path:
        sys.path.insert(0, p)

import test_link as T  # noqa: E402  (vectors, fuzz inputs, state checks)

from bpcore import link, settings  # noqa: E402

# JS helpers run in the page: float64 values travel as hex bytes, so nothing is rounded.
HELPERS = """
async () => {
  window.L = await import("/domain/link.js");
  window.hex64 = (rows) => Array.from(new Uint8Array(new Float64Array(rows.flat()).buffer),
    (b) => b.toString(16).padStart(2, "0")).join("");
  window.dec = async (text) => {
    const r = await L.decodeLink(text);
    return {settings: r.settings, points: r.points === null ? null : hex64(r.points),
            n: r.points === null ? 0 : r.points.length, notices: r.notices,
            epoch: r.epoch, edits: r.edits, lab: r.lab};
  };
}
"""


@pytest.fixture
def js(page, dist_dir, serve):
    """A page with web/domain/link.js imported as window.L (from dist/, or web/ while dist/ has no
    page yet: build.py copies web/ only once web/index.html exists)."""
    root = dist_dir if (dist_dir / "domain" / "link.js").is_file() else ROOT / "web"
    url = serve(root)
    page.goto(url + "domain/link.js")
    page.evaluate(HELPERS)
    return page


def hex64(pts):
    return None if pts is None else np.ascontiguousarray(pts, dtype="<f8").tobytes().hex()


def py_state(text):
    s, pts, epoch, edits, notices, lab = link.read_link(text)[:6]
    return {
        "settings": s,
        "points": hex64(pts),
        "notices": [n.as_data() for n in notices],
        "epoch": epoch,
        "edits": edits,
        "lab": lab,
    }


def js_states(page, texts):
    return page.evaluate(
        "async (texts) => { const out = [];"
        " for (const t of texts) out.push(await dec(t)); return out; }",
        texts,
    )


def assert_same(text, got, want):
    got = {k: got[k] for k in ("settings", "points", "notices", "epoch", "edits", "lab")}
    assert got == want, f"link {text[:120]!r}:\n JS {got}\n PY {want}"


def test_js_decoder_passes_the_vectors(js):
    vectors = T._load()
    got = js_states(js, [v["link"] for v in vectors])
    for v, g in zip(vectors, got, strict=True):
        assert T.non_defaults(g["settings"]) == v["settings"], v["name"]
        want_pts = v["points"]
        assert g["points"] == (None if want_pts is None else hex64(np.array(want_pts))), v["name"]
        assert g["notices"] == v["notices"], (v["name"], g["notices"])
        assert_same(v["link"], g, py_state(v["link"]))  # code for code as Python


def test_js_encoder_output_decodes_alike_in_both(js):
    rng = np.random.default_rng(5)
    cases = [
        (
            v["input"]["settings"],
            v["input"].get("points"),
            v.get("epoch", 0),
            v.get("edits", []),
            v["input"].get("lab"),
        )  # fmt: skip
        for v in T._load()
        if "input" in v
    ]
    for n, k in ((500, 3), (2, 2), (37, 5)):
        pts = np.column_stack([rng.uniform(-7, 7, (n, 2)), np.arange(n) % k])
        cases.append(
            ({"dataset": "custom", "classes": k}, pts.tolist(), n, [[1, 0, 0, -1, 0.1]], None)
        )
    reg = np.column_stack([rng.uniform(-6, 6, (300, 2)), rng.uniform(-1, 1, 300)])
    cases.append(({"dataset": "custom", "problem": "regression"}, reg.tolist(), 0, [], None))
    texts = js.evaluate(
        "async (cases) => Promise.all(cases.map(([s, p, epoch, edits, lab]) =>"
        " L.encodeLink(s, p, {epoch, edits, lab})))",
        cases,
    )
    py_texts = [link.encode_link(*c) for c in cases]
    js_of_py = js_states(js, py_texts)
    for (s, p, *_), text, py_text, jp in zip(cases, texts, py_texts, js_of_py, strict=True):
        assert text.startswith("v2.")
        want = py_state(py_text)
        assert want["notices"] == [] and want["settings"] == settings.validate(s)
        assert_same(text, {**py_state(text)}, want)  # JS-encoded -> Python decoder
        assert_same(py_text, jp, want)  # Python-encoded -> JS decoder
        if p is not None:
            problem = want["settings"]["problem"]
            assert want["points"] == hex64(link.quantize_points(p, problem))


def test_500_drawn_points_link_from_js_is_under_4_kb(js):
    rng = np.random.default_rng(11)
    pts = np.column_stack([rng.uniform(-6, 6, (500, 2)), rng.integers(0, 3, 500)]).tolist()
    text = js.evaluate("([p]) => L.encodeLink({dataset: 'custom'}, p)", [pts])
    assert len("#" + text) < 3900, len(text)


def test_quantize_is_identical_in_both_languages(js):
    rng = np.random.default_rng(2)
    edge = [-6.5, -6, -6 + 1e-12, -0.0, 0.0, 6 / 4095, 3 / 4095, 6 - 1e-12, 6, 7, 1e300]
    xs = np.concatenate([edge, rng.uniform(-6.2, 6.2, 3000)])
    labels = np.concatenate([np.clip(edge, -1.5, 1.5), rng.uniform(-1.1, 1.1, 3000)])
    pts = np.column_stack([xs, xs[::-1], labels])
    for problem in ("classification", "regression"):
        got = js.evaluate(
            "([p, problem]) => { const q = L.quantizePoints(p, problem);"
            " return [hex64(q), hex64(L.quantizePoints(q, problem))]; }",
            [pts.tolist(), problem],
        )
        want = link.quantize_points(pts, problem)
        assert got[0] == hex64(want) and got[1] == got[0]


def test_js_fuzz_matches_python_word_for_word(js):
    texts = list(T.fuzz_inputs(seed=777, count=1500))
    texts += ["", "#", None, 5, "v1." + "A" * 100_001, "\x1cv1.q64FAA", "v1.q64FAA\u2028"]
    got = []
    for i in range(0, len(texts), 250):
        got += js_states(js, texts[i : i + 250])
    for text, g in zip(texts, got, strict=True):
        want = py_state(text)
        if not isinstance(text, str):  # type names differ: "int" / "number"
            for n in g["notices"] + want["notices"]:
                n["params"].pop("type", None)
        assert_same(str(text), g, want)
        T.check_state(
            g["settings"],
            None
            if g["points"] is None
            else np.frombuffer(bytes.fromhex(g["points"]), "<f8").reshape(-1, 3),
            [n["code"] for n in g["notices"]],
        )


def test_js_fuzz_in_page_never_throws(js):
    """Random mutations made in the page itself for ~2 s: decodeLink always resolves."""
    seeds = T._load()
    good = [v["link"] for v in seeds if not v["codes"]]
    result = js.evaluate(
        """async (good) => {
      let s = 12345; const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
      const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#=<>\\"'é😀";
      const states = []; let n = 0, thrown = 0; const end = performance.now() + 2000;
      while (performance.now() < end) {
        let t = good[Math.floor(rnd() * good.length)];
        for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
          const i = Math.floor(rnd() * (t.length + 1));
          const op = rnd();
          if (op < 0.4) t = t.slice(0, i) + abc[Math.floor(rnd() * abc.length)] + t.slice(i + 1);
          else if (op < 0.7) t = t.slice(0, i) + t.slice(i + 1 + Math.floor(rnd() * 8));
          else t = t.slice(0, i) + abc[Math.floor(rnd() * abc.length)] + t.slice(i);
        }
        try { const r = await dec(t); n++; if (n % 20 === 0) states.push([t, r]); }
        catch (e) { thrown++; }
      }
      return {n, thrown, states};
    }""",
        good,
    )
    assert result["thrown"] == 0 and result["n"] > 200, result["n"]
    for text, g in result["states"]:
        assert_same(text, g, py_state(text))


def test_decoding_markup_touches_no_dom(js):
    js.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    before = js.evaluate("document.documentElement.outerHTML")
    hostile = [v["link"] for v in T._load() if "markup" in v["name"] or "base64" in v["name"]]
    js_states(js, hostile)
    assert js.evaluate("document.documentElement.outerHTML") == before


def test_link_js_runs_nothing_from_a_link():
    src = "".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "web" / "domain").glob("link*.js"))
    )
    for word in (
        "eval(",
        "innerHTML",
        "outerHTML",
        "Function(",
        "document.",
        "insertAdjacent",
        "setTimeout(",
        "import(",
    ):
        assert word not in src, word


def test_fuzz_inputs_are_deterministic():
    assert list(T.fuzz_inputs(3, 50)) == list(T.fuzz_inputs(3, 50))


def test_sanitize_settings_matches_python(js):
    cases = [
        {},
        {
            "dataset": "plane",
            "problem": "classification",
            "layers": [100, 2],
            "activation": ["relu"] * 3,
        },
        {"lr": 0, "momentum": 1, "features": ["x1"] * 9},
        {"loss": "bce", "dataset": "blobs", "classes": 4},
        {"junk": 1, "seed": 2.5},
    ]
    got = js.evaluate("(cases) => cases.map((c) => L.sanitizeSettings(c))", cases)
    for case, g in zip(cases, got, strict=True):
        s, notices = link.repair(case)
        assert (g["settings"], g["notices"]) == (s, [n.as_data() for n in notices]), case
