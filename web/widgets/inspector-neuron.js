// @ts-check
// One neuron in the inspector: its weights, bias and gradients with the formula of its output,
// and its picture over the input plane. Part of widgets/inspector.js (showNeuron).

import { mi, mn, mo, mrow, msub, munder } from "./mathml.js";
import { applied, definition, el, fmt, list, minus, numbers, sep, sourceMath, sourceText, sourceTitle, sub, words } from "./inspector-maths.js";
import { paintCanvas, paintValues } from "./palette.js";

/** Fill `insp` (an Inspector) with the `inspectNeuron` reply r. */
export function showNeuronIn(insp, r, thumbnail = null, { features = null, output = null } = {}) {
  insp._reset();
  const l = r.layer;
  const i = r.index;
  const act = r.activation;
  const isOut = output ?? Boolean(r.output);
  const ref = isOut ? { kind: "output", layer: l, index: i } : { kind: "hidden", layer: l, index: i };
  const w = list(r.weights);
  const gw = list(r.grad_weights);
  const title = isOut ? `Output neuron ${i + 1}` : `Layer ${l + 1}, neuron ${i + 1}`;
  const info = el("p", "bpi-sub", `Activation: ${act}. Gradients are of the training loss `
    + "(mean over the training points), at the current weights.");
  const h = insp._header(title, info);
  h.dataset.ref = insp._ref(ref);

  const body = el("div", "bpi-neuron");
  const left = el("div", "bpi-neuron-main");
  const outName = () => (isOut ? mi("y") : mi("a"));
  const sumArg = mrow(munder(mo("∑"), mi("j")), msub(mi("w"), mi("j")),
    l === 0 ? msub(mi("x"), mi("j")) : msub(mi("a"), mi("j")), mo("+"), mi("b"));
  const softmaxNote = act === "softmax"
    ? [...sep(), mi("z"), mo("="), sumArg, ...words("for each output neuron")] : [];
  left.appendChild(insp._formula([outName(), mo("="),
    act === "softmax" ? msub(applied(act, mi("z")), mn(String(i + 1))) : applied(act, sumArg),
    ...softmaxNote], `${isOut ? "y" : "a"} = ${act}(sum of w_j times input j, plus b)`));
  const def = definition(act);
  if (def) left.appendChild(insp._formula(def, `${act} definition`));
  if (w.length <= 6 && act !== "softmax") {
    const terms = [];
    w.forEach((v, j) => {
      if (j) terms.push(mo(v < 0 ? "−" : "+"));
      else if (v < 0) terms.push(minus());
      terms.push(mn(fmt(Math.abs(v))), sourceMath(l, j, features));
    });
    terms.push(mo(r.bias < 0 ? "−" : "+"), mn(fmt(Math.abs(r.bias))));
    left.appendChild(insp._formula([outName(), mo("="), applied(act, mrow(...terms))],
      "the same with the current numbers"));
  }

  const table = el("table", "bpi-table");
  const caption = "Incoming weights, bias and gradients";
  table.appendChild(el("caption", "bpi-caption", caption));
  const thead = el("thead");
  const hr = el("tr");
  hr.append(insp._cell("th", "from"), insp._cell("th", "value"),
    insp._cell("th", "gradient", null, "∂L/∂(value): gradient of the training loss"));
  for (const th of hr.children) th.scope = "col";
  thead.appendChild(hr);
  table.appendChild(thead);
  const tbody = el("tbody");
  w.forEach((v, j) => {
    const src = l === 0 ? { kind: "feature", layer: -1, index: j, feature: features?.[j] }
      : { kind: "hidden", layer: l - 1, index: j };
    const tr = el("tr");
    const label = el("span");
    label.append("w", el("sub", null, String(j + 1)), " · ", sourceText(l, j, features ?? []));
    const th = insp._cell("th", label, src, sourceTitle(l, j, features ?? []));
    th.scope = "row";
    tr.append(th, insp._cell("td", v, src), insp._cell("td", gw[j], src));
    tbody.appendChild(tr);
  });
  const br = el("tr", "bpi-bias");
  const bth = insp._cell("th", "bias b", ref);
  bth.scope = "row";
  br.append(bth, insp._cell("td", Number(r.bias), ref), insp._cell("td", Number(r.grad_bias), ref));
  tbody.appendChild(br);
  table.appendChild(tbody);
  left.appendChild(insp._scroll(table, caption));
  body.appendChild(left);

  if (thumbnail && thumbnail.size > 0 && thumbnail.values?.length >= thumbnail.size ** 2) {
    const fig = el("figure", "bpi-thumb");
    const canvas = el("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `Output of ${title.toLowerCase()} over the input plane`);
    paintThumbnail(canvas, thumbnail, act);
    fig.appendChild(canvas);
    fig.appendChild(el("figcaption", null, "Output over the plane (x₁, x₂ from −6 to 6)"));
    body.appendChild(fig);
  }
  insp.container.appendChild(body);
}

function paintThumbnail(canvas, { size, values, range }, act) {
  let [lo, hi] = range ?? (act === "sigmoid" || act === "softmax" ? [0, 1]
    : act === "tanh" ? [-1, 1] : [0, 0]);
  if (!(hi > lo)) { // unbounded activations: symmetric around 0 over the values shown
    let m = 0;
    for (let k = 0; k < size * size; k++) if (Math.abs(values[k]) > m) m = Math.abs(values[k]);
    [lo, hi] = [-(m || 1), m || 1];
  }
  paintCanvas(canvas, size, (px) => paintValues(px, values, { lo, hi }));
}
