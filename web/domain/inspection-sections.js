// @ts-check
// What the backprop inspector shows for one sample, as data: bpcore's `inspect` reply ->
// sections (headings, a layer's forward or backward part, the loss, the SGD step, the article
// note), each with its formulas (trees of the one table, domain/stage-formulas.js), its words
// (catalogue keys with their places) and its tables of numbers (looked up in the reply, never
// computed). Pure: widgets/inspector.js draws the sections.
//
// Shapes:
//   Msg       {key, params?}: a catalogue message
//   Head      a formula tree (a column's or a row's head) or a Msg
//   Table     {caption: Msg, corner: Msg, groups: [{head, title, cols?: [{head, title, ref}]}],
//              rows: [{head, title, ref, values: number[]}]}  (values: the groups' cells in order)
//   Line      {key, nums: {place: number | number[]}, params?}  a sentence with numbers in it
//   Section   {type: "heading", text: Msg}
//           | {type: "details", stage?, summary: Msg, open, formulas: Formula[], table: Table}
//           | {type: "block", stage, formulas: Formula[], lines: Line[]}
//           | {type: "note", title: Msg, text: Msg, lines: Line[]}
//   A ref names a neuron as the diagram does: {kind: "feature", layer: -1, index, feature} |
//   {kind: "hidden" | "output", layer (weight layer, from 0), index}.

import { featureInfo } from "./features.js";
import { STAGE, joined, sub, subscript, yHat } from "./stage-formulas.js";

const OPEN_MAX = 16; // a layer's part starts open when both its sizes are at most this

/** @param {any} v @returns {number[]} */
const list = (v) => Array.from(v ?? [], Number);
/** @param {string} key @param {Record<string, unknown>} [params] */
const msg = (key, params) => (params ? { key, params } : { key });
/** An activation's name as the inspector says it (a message). @param {string} act */
const actName = (act) => msg(`inspector.act_${act}`);

/**
 * The sections of one sample's inspection.
 * @param {any} r the `inspect` reply
 * @param {{article?: boolean, settings?: any, meanLoss?: number | null}} [opts]
 *   article: the article preset is shown (its note on the (1 - z)z slip); settings: reg and
 *   reg_rate name the penalty's term; meanLoss: the training set's mean loss
 */
export function sampleSections(r, { article = false, settings = null, meanLoss = null } = {}) {
  const layers = r.layers;
  const L = layers.length; // weight layers; the output is layer L in the text
  const a0 = list(r.a0);
  const features = r.features ?? [];
  const sizes = [a0.length, ...layers.map((x) => list(x.z).length)];
  const refOf = (/** @type {number} */ l) => (/** @type {number} */ i) => (l === L - 1
    ? { kind: "output", layer: l, index: i } : { kind: "hidden", layer: l, index: i });
  const srcRef = (/** @type {number} */ l, /** @type {number} */ j) => (l === 0
    ? { kind: "feature", layer: -1, index: j, feature: features[j] }
    : { kind: "hidden", layer: l - 1, index: j });
  const label = (/** @type {number} */ j) => (features[j] ? featureInfo(features[j]).label : `x${j + 1}`);
  const srcHead = (/** @type {number} */ l, /** @type {number} */ j) => (l ? sub("a", `${l},${j + 1}`) : label(j));
  const srcTitle = (/** @type {number} */ l, /** @type {number} */ j) => (l
    ? msg("inspector.from_neuron", { layer: l, n: j + 1 }) : msg("inspector.input", { name: label(j) }));
  const srcCols = (/** @type {number} */ l) => Array.from({ length: sizes[l] }, (_, j) => ({
    head: srcHead(l, j), title: srcTitle(l, j), ref: srcRef(l, j),
  }));
  const neuronRows = (/** @type {number} */ l, /** @type {(i: number) => number[]} */ values) =>
    Array.from({ length: sizes[l + 1] }, (_, i) => ({ head: String(i + 1), title: null, ref: refOf(l)(i), values: values(i) }));
  const open = (/** @type {number} */ l) => sizes[l + 1] <= OPEN_MAX && sizes[l] <= OPEN_MAX;
  /** @type {any[]} */
  const sections = [];

  // ---- dropout: the neurons this training step drops (bpcore's mask, 0 where dropped)
  const masked = layers.map((x, l) => [l, x.mask]).filter(([, m]) => m !== undefined);
  if (masked.length) {
    sections.push({
      type: "note", title: msg("field.dropout"), text: msg("dropout.inspector"),
      lines: masked.map(([l, m]) => {
        const off = list(m).flatMap((v, i) => (v === 0 ? [i + 1] : []));
        return off.length ? { key: "dropout.inspector_layer", nums: {}, params: { layer: l + 1, neurons: off.join(", ") } }
          : { key: "dropout.inspector_none", nums: {}, params: { layer: l + 1 } };
      }),
    });
  }

  // ---- input and forward, layer by layer
  sections.push({ type: "heading", text: msg("inspector.forward") });
  sections.push({
    type: "details", summary: msg("inspector.input_summary", { count: a0.length }), open: true,
    formulas: [["row", sub("a", 0), "=", "x"]],
    table: {
      caption: msg("inspector.input_caption"), corner: msg("inspector.col_feature"),
      groups: [{ head: sub("a", 0), title: null }],
      rows: a0.map((v, j) => ({ head: label(j), title: srcTitle(0, j), ref: srcRef(0, j), values: [v] })),
    },
  });
  layers.forEach((layer, l) => {
    const k = l + 1;
    const out = l === L - 1;
    const act = layer.activation;
    const def = STAGE.definition(act);
    const activation = def ? ["row", ...STAGE.activation(k, act, out).slice(1), ",", ["text", "formula.where_def"], ...def.slice(1)]
      : STAGE.activation(k, act, out);
    const W = layer.W.map(list);
    const b = list(layer.b);
    const z = list(layer.z);
    const a = list(layer.a);
    sections.push({
      type: "details", stage: `forward-${k}`, open: open(l),
      summary: msg(out ? "inspector.output_summary" : "inspector.hidden_summary", { layer: k, count: sizes[k], act: actName(act) }),
      formulas: [STAGE.forward(k), activation],
      table: {
        caption: msg("inspector.forward_caption", { layer: k }), corner: msg("inspector.col_neuron"),
        groups: [
          { head: sub("W", k), title: msg("inspector.w_title", { layer: k }), cols: srcCols(l) },
          { head: sub("b", k), title: msg("inspector.b_title", { layer: k }) },
          { head: sub("z", k), title: msg("inspector.z_title", { layer: k }) },
          { head: out ? yHat : sub("a", k), title: msg("inspector.a_title", { name: out ? "y′" : `a${k}` }) },
        ],
        rows: neuronRows(l, (i) => [...W[i], b[i], z[i], a[i]]),
      },
    });
  });

  // ---- output and loss
  const y = list(r.output);
  const t = list(r.target);
  sections.push({ type: "heading", text: msg("inspector.output_loss") });
  const plugged = { y: t, y_hat: y, loss: Number(r.data_loss) };
  /** @type {{key: string, nums: Record<string, number | number[]>, params?: Record<string, unknown>}[]} */
  const lines = [r.penalty
    ? { key: "inspector.plug_penalty", nums: { ...plugged, penalty: Number(r.penalty), total: Number(r.loss) } }
    : { key: "inspector.plug", nums: plugged }];
  if (typeof meanLoss === "number") lines.push({ key: "inspector.mean_loss", nums: { loss: meanLoss } });
  sections.push({ type: "block", stage: "loss", formulas: [STAGE.loss(r.loss_name, y.length)], lines });

  // ---- backward, from the output
  sections.push({ type: "heading", text: msg("inspector.backward") });
  const reg = settings?.reg && settings.reg !== "none" && settings.reg_rate ? settings.reg : r.penalty ? "other" : null;
  for (let l = L - 1; l >= 0; l--) {
    const k = l + 1;
    const layer = layers[l];
    const out = l === L - 1;
    const delta = list(layer.delta);
    const dW = layer.dW.map(list);
    const db = list(layer.db);
    const error = list(r.error);
    const back = list(layer.backprop);
    const dfz = list(layer.dfz);
    /** @type {any[]} */
    const formulas = out ? [STAGE.deltaOutput(k, r.loss_name, y.length)]
      : [joined(STAGE.deltaHidden(k), STAGE.derivative(layer.activation, k))];
    formulas.push(STAGE.grads(k, reg));
    /** @type {{head: any, title: any, cols?: any[]}[]} */
    const groups = out
      ? [{ head: ["row", yHat, "−", "y"], title: msg("inspector.error_title") }]
      : [
        { head: ["row", ["sup", sub("W", k + 1), "T"], sub("δ", k + 1)], title: `W${k + 1}ᵀ δ${k + 1}` },
        { head: ["row", ["sup", "f", "′"], ["paren", sub("z", k)]],
          title: msg("inspector.df_title", { k, df: msg(`inspector.df_${layer.activation}`) }) },
      ];
    groups.push(
      { head: sub("δ", k), title: `δ${k} = ∂L/∂z${k}` },
      { head: ["row", "∂L/∂", sub("W", k)], title: msg("inspector.dw_title", { k }), cols: srcCols(l) },
      { head: ["row", "∂L/∂", sub("b", k)], title: `∂L/∂b${k} = δ${k}` },
    );
    sections.push({
      type: "details", stage: `backward-${k}`, open: open(l),
      summary: msg(out ? "inspector.back_summary_output" : "inspector.back_summary", { k: subscript(k) }),
      formulas,
      table: {
        caption: msg("inspector.backward_caption", { layer: k }), corner: msg("inspector.col_neuron"), groups,
        rows: neuronRows(l, (i) => [...(out ? [error[i]] : [back[i], dfz[i]]), delta[i], ...dW[i], db[i]]),
      },
    });
  }

  // ---- one SGD step
  if (r.sgd) {
    sections.push({ type: "heading", text: msg("inspector.sgd") });
    sections.push({
      type: "block", stage: "update", formulas: [joined(STAGE.update(), ["row", "η", "=", ["mn", String(r.sgd.lr)]])],
      lines: [{ key: "inspector.sgd_line", params: { lr: String(r.sgd.lr) },
        nums: { before: Number(r.loss), after: Number(r.sgd.loss_after), y, y_after: list(r.sgd.output_after) } }],
    });
  }

  // ---- the article's slip: (1 - z) z where the sigmoid's derivative is a (1 - a)
  if (article) {
    const h = layers[0];
    sections.push({
      type: "note", title: msg("inspector.article"), text: msg("inspector.article_slip"),
      lines: h.article ? [
        { key: "inspector.article_here", nums: { delta: list(h.delta), dfz: list(h.dfz) } },
        { key: "inspector.article_would", nums: { dfz: list(h.article.dfz), delta: list(h.article.delta) } },
      ] : [],
    });
  }
  return sections;
}
