// @ts-check
// The "What the hidden layer sees" panel from the state: its layer and axis pickers (as many
// as the network has layers and neurons), the picture and a caption that says what is shown.

import { pointColour } from "../widgets/palette.js";
import { validChoice } from "../domain/plane.js";

const TEXT = {
  layer: (/** @type {number} */ l, /** @type {number} */ n) => `Hidden layer ${l} (${n} neuron${n === 1 ? "" : "s"})`,
  neuron: (/** @type {number} */ i) => `Neuron ${i}`,
  noHidden: "This network has no hidden layer: add one (Network, + layer) to see what it does to the plane.",
  pca: (/** @type {number} */ l, /** @type {string} */ a, /** @type {string} */ b) =>
    `Hidden layer ${l} seen along its two principal components, which carry ${a} and ${b} of the data's variance.`,
  neurons: (/** @type {number} */ l, /** @type {number} */ i, /** @type {number} */ j) =>
    `Hidden layer ${l}: neuron ${i} across, neuron ${j} up.`,
  single: (/** @type {number} */ l) => `Hidden layer ${l} has one neuron: the points sit on one line (its value across).`,
  waiting: "The picture appears when the engine is ready.",
};
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {import("../widgets/hidden-plane.js").HiddenPlane} widget
 * @returns {(s: any, prev: any) => void}
 */
export function hiddenPlaneView(widget) {
  return (s, prev) => {
    if (s.plane === prev.plane && s.session === prev.session) return;
    const sizes = s.session ? s.session.layerSizes : null;
    if (!sizes || sizes !== prev.session?.layerSizes || s.plane !== prev.plane) syncPickers(s.plane, sizes);
    const caption = describe(s.plane, sizes);
    $("plane-caption").textContent = s.plane.error || caption;
    $("plane-canvas").setAttribute("aria-label", caption);
    const view = s.plane.view;
    if (!s.plane.open || !view || !s.session) return;
    const points = s.session.points;
    const colour = pointColour(s.session.problem);
    const css = getComputedStyle(document.documentElement);
    widget.draw(view, (i) => colour(points[3 * i + 2]), {
      line: css.getPropertyValue("--text").trim() || "#333",
      axis: css.getPropertyValue("--line").trim() || "#ccc",
    });
  };
}

/** @param {any} plane @param {number[] | null} sizes */
function syncPickers(plane, sizes) {
  const hidden = sizes ? sizes.length - 2 : 0;
  $("plane-layer").disabled = hidden < 1;
  $("plane-axes").disabled = hidden < 1;
  if (!sizes || hidden < 1) return;
  const choice = validChoice(plane, sizes);
  fill($("plane-layer"), sizes.slice(1, -1).map((n, l) => [String(l), TEXT.layer(l + 1, n)]), String(choice.layer));
  const width = sizes[choice.layer + 1];
  const twoNeurons = choice.axes !== "pca";
  $("plane-axes").value = twoNeurons ? "neurons" : "pca";
  $("plane-axes").disabled = width < 2;
  $("field-plane-neurons").hidden = !twoNeurons;
  const neurons = Array.from({ length: width }, (_, i) => [String(i), TEXT.neuron(i + 1)]);
  if (twoNeurons) {
    fill($("plane-x"), neurons, String(choice.axes[0]));
    fill($("plane-y"), neurons, String(choice.axes[1]));
  }
}

/** Replace a select's options when they changed, and select `value`.
 * @param {HTMLSelectElement} select @param {string[][]} options [value, label] @param {string} value */
function fill(select, options, value) {
  const same = select.options.length === options.length
    && options.every(([v, label], i) => select.options[i].value === v && select.options[i].text === label);
  if (!same) select.replaceChildren(...options.map(([v, label]) => new Option(label, v)));
  select.value = value;
}

/** What the picture shows, in words (the caption and the canvas's accessible name).
 * @param {any} plane @param {number[] | null} sizes */
function describe(plane, sizes) {
  if (!sizes) return TEXT.waiting;
  if (sizes.length < 3) return TEXT.noHidden;
  const { layer, axes } = validChoice(plane, sizes);
  if (sizes[layer + 1] < 2) return TEXT.single(layer + 1);
  if (axes !== "pca") return TEXT.neurons(layer + 1, axes[0] + 1, axes[1] + 1);
  const shares = plane.view?.shares || [0, 0];
  return TEXT.pca(layer + 1, percent.format(shares[0]), percent.format(shares[1]));
}
