// @ts-check
// The "What the hidden layer sees" panel from the state: its layer and axis pickers (as many
// as the network has layers and neurons), the picture and a caption that says what is shown.

import { pointColour } from "../widgets/palette.js";
import { validChoice } from "../domain/plane.js";
import { say } from "../domain/i18n.js";
import { tr } from "./i18n.js";

/** @typedef {ReturnType<typeof tr>} Translator */

// the words are catalogue messages (domain/messages, plane.*), said in the page's language

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {import("../widgets/hidden-plane.js").HiddenPlane} widget
 * @returns {(s: any, prev: any) => void}
 */
export function hiddenPlaneView(widget) {
  return (s, prev) => {
    if (s.plane === prev.plane && s.session === prev.session && s.lang === prev.lang) return;
    const t = tr(s.lang);
    const sizes = s.session ? s.session.layerSizes : null;
    if (!sizes || sizes !== prev.session?.layerSizes || s.plane !== prev.plane || s.lang !== prev.lang) syncPickers(s.plane, sizes, t);
    const caption = describe(s.plane, sizes, t);
    $("plane-caption").textContent = s.plane.error ? say(t, s.plane.error) : caption;
    $("plane-canvas").setAttribute("aria-label", caption);
    const view = s.plane.view;
    if (!view || !sizes || sizes.length < 3) return widget.clear(); // stale picture: gone
    if (!s.plane.open) return;
    const points = s.session.points;
    const colour = pointColour(s.session.problem);
    const css = getComputedStyle(document.documentElement);
    widget.draw(view, (i) => colour(points[3 * i + 2]), {
      line: css.getPropertyValue("--text").trim() || "#333",
      axis: css.getPropertyValue("--line").trim() || "#ccc",
    });
  };
}

/** @param {any} plane @param {number[] | null} sizes @param {Translator} t */
function syncPickers(plane, sizes, t) {
  const hidden = sizes ? sizes.length - 2 : 0;
  $("plane-layer").disabled = hidden < 1;
  $("plane-axes").disabled = hidden < 1;
  if (!sizes || hidden < 1) return;
  const choice = validChoice(plane, sizes);
  fill($("plane-layer"), sizes.slice(1, -1).map((n, l) => [String(l), t.t("plane.layer_option", { layer: l + 1, count: n })]), String(choice.layer));
  const width = sizes[choice.layer + 1];
  const twoNeurons = choice.axes !== "pca";
  $("plane-axes").value = twoNeurons ? "neurons" : "pca";
  $("plane-axes").disabled = width < 2;
  $("field-plane-neurons").hidden = !twoNeurons;
  const neurons = Array.from({ length: width }, (_, i) => [String(i), t.t("plane.neuron_option", { neuron: i + 1 })]);
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
 * @param {any} plane @param {number[] | null} sizes @param {Translator} t */
function describe(plane, sizes, t) {
  if (!sizes) return t.t("plane.waiting");
  if (sizes.length < 3) return t.t("plane.no_hidden");
  const { layer, axes } = validChoice(plane, sizes);
  if (sizes[layer + 1] < 2) return t.t("plane.single", { layer: layer + 1 });
  if (axes !== "pca") return t.t("plane.two_neurons", { layer: layer + 1, across: axes[0] + 1, up: axes[1] + 1 });
  const shares = plane.view?.shares;
  if (!shares) return t.t("plane.pca_pending", { layer: layer + 1 }); // not "0% and 0%"
  const percent = (/** @type {number} */ x) => t.number(x, { style: "percent", maximumFractionDigits: 0 });
  return t.t("plane.pca_caption", { layer: layer + 1, a: percent(shares[0]), b: percent(shares[1]) });
}
