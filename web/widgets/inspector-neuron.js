// @ts-check
// One neuron in the inspector: its weights, bias and gradients with the formula of its output,
// and its picture over the input plane. Part of widgets/inspector.js (showNeuron).

import { STAGE, applied, gap, sub, yHat } from "../domain/stage-formulas.js";
import { actName, el, fmt, list, say, sourceText, sourceTitle, sourceTree } from "./inspector-maths.js";
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
  const title = isOut ? say("inspector.output_neuron_title", { n: i + 1 })
    : say("inspector.neuron_title", { layer: l + 1, n: i + 1 });
  const info = el("p", "bpi-sub", say("inspector.neuron_sub", { act: actName(act) }));
  const h = insp._header(title, info);
  h.dataset.ref = insp._ref(ref);

  const body = el("div", "bpi-neuron");
  const left = el("div", "bpi-neuron-main");
  // the formulas are trees in the one notation (domain/stage-formulas.js): y′ the output
  const out = isOut ? yHat : "a";
  const input = l === 0 ? sub("x", "j") : sub("a", "j");
  const sumArg = ["row", ["sum", "j"], sub("w", "j"), input, "+", "b"];
  const main = act === "softmax"
    ? ["row", out, "=", ["sub", applied(act, "z"), String(i + 1)], ",", gap, "z", "=", sumArg, ["text", "inspector.each_output"]]
    : ["row", out, "=", applied(act, sumArg)];
  left.appendChild(insp._maths(main));
  const def = STAGE.definition(act);
  if (def) left.appendChild(insp._maths(def));
  if (w.length <= 6 && act !== "softmax") {
    const terms = [];
    w.forEach((v, j) => {
      if (j) terms.push(v < 0 ? "−" : "+");
      else if (v < 0) terms.push("−");
      terms.push(["mn", fmt(Math.abs(v))], sourceTree(l, j, features));
    });
    terms.push(r.bias < 0 ? "−" : "+", ["mn", fmt(Math.abs(r.bias))]);
    left.appendChild(insp._maths(["row", out, "=", applied(act, ["row", ...terms])]));
  }

  const table = el("table", "bpi-table");
  const caption = say("inspector.neuron_caption");
  table.appendChild(el("caption", "bpi-caption", caption));
  const thead = el("thead");
  const hr = el("tr");
  hr.append(insp._cell("th", say("inspector.col_from")), insp._cell("th", say("inspector.col_value")),
    insp._cell("th", say("inspector.col_gradient"), null, say("inspector.col_gradient_title")));
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
  const bth = insp._cell("th", say("inspector.bias_row"), ref);
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
    canvas.setAttribute("aria-label", isOut ? say("inspector.thumb_label_output", { n: i + 1 })
      : say("inspector.thumb_label", { layer: l + 1, n: i + 1 }));
    paintThumbnail(canvas, thumbnail, act);
    fig.appendChild(canvas);
    const [lo, hi] = thumbnail.view || [-6, 6]; // the window the picture spans (the data set's)
    fig.appendChild(el("figcaption", null, say("inspector.thumb_caption", { lo, hi })));
    body.appendChild(fig);
  }
  insp.container.appendChild(body);
}

function paintThumbnail(canvas, { size, values, range }, act) {
  let [lo, hi] = range ?? (act === "sigmoid" || act === "softmax" ? [0, 1]
    : act === "tanh" || act === "sine" ? [-1, 1] : [0, 0]);
  if (!(hi > lo)) { // unbounded activations: symmetric around 0 over the values shown
    let m = 0;
    for (let k = 0; k < size * size; k++) if (Math.abs(values[k]) > m) m = Math.abs(values[k]);
    [lo, hi] = [-(m || 1), m || 1];
  }
  paintCanvas(canvas, size, (px) => paintValues(px, values, { lo, hi }));
}
