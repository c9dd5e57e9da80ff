// @ts-check
// The diagram's links, drawn on ONE canvas under the neurons (width by |weight|, orange negative,
// blue positive): the largest network has ~37,000 of them, far too many for one DOM node each
// (that took seconds to build). What the user can touch stays in the DOM: one focusable SVG path
// that follows the link the keyboard is on (two, taking turns, so a screen reader hears each
// move), one path that follows the pointer, and a tooltip with the weight. Pointer picking is
// done here: the curve through a given x is known in closed form, so the nearest link is found
// by arithmetic. Functions of a NetworkView (widgets/network-view.js).

import { el, svg } from "./dom.js";
import { featureInfo } from "../domain/features.js";
import { metric } from "../domain/format.js";

/** The links' words: catalogue keys ("net.*"), said in the view's language (view.t). */
const TEXT = {
  links: "net.links",
  bias: "net.bias",
  biasValue: "net.bias_value",
  weight: "net.weight",
  weightValue: "net.weight_value",
  output: "net.the_output",
  outputOf: "net.output_of",
  neuron: "net.neuron_lower",
};

const MAX_WIDTH_W = 4; // |w| at which a link reaches its widest
const PICK_PX = 6; // how far from a link the pointer may be and still pick it
const DRAW_SHARE = 0.1; // redraws while training take at most this share of the main thread
const WIDTH_STEPS = 16; // links are stroked in batches of equal width and colour
const FRAME_MS = 12; // drawing the links: at most about this much per animation frame

/** Widest line (px) and the opacity factor for a gap between layers of these sizes. */
function gapStyle(nIn, nOut) {
  const n = Math.max(nIn, nOut);
  if (n <= 8) return { min: 1, max: 8, alpha: 1 };
  if (n <= 16) return { min: 0.8, max: 4, alpha: 0.85 };
  if (n <= 32) return { min: 0.6, max: 2.2, alpha: 0.6 };
  return { min: 0.5, max: 1.4, alpha: 0.35 };
}

// -- keyboard order: per weight layer l, per target i: its bias (j = -1), then j = 0 .. nIn-1 ----

function base(view, l) {
  let k = 0;
  for (let m = 0; m < l; m++) k += view.links[m].nOut * (view.links[m].nIn + 1);
  return k;
}

function total(view) {
  return base(view, view.links.length);
}

function indexOf(view, l, i, j) {
  return base(view, l) + i * (view.links[l].nIn + 1) + j + 1;
}

function refAt(view, k) {
  if (k < 0) return null;
  let l = 0;
  for (; l < view.links.length; l++) {
    const count = view.links[l].nOut * (view.links[l].nIn + 1);
    if (k < count) break;
    k -= count;
  }
  if (l >= view.links.length) return null;
  const per = view.links[l].nIn + 1;
  return { l, i: Math.floor(k / per), j: (k % per) - 1 };
}

// -- building -------------------------------------------------------------------------------------

export function buildLinks(view) {
  const { layers, outputs } = view.arch;
  const sizes = [view.cols[0].length, ...layers, outputs];
  view.links = [];
  view.biases = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    view.links.push({ nIn, nOut, values: new Float64Array(nIn * nOut), style: gapStyle(nIn, nOut) });
    const els = view.cols[l + 1].map((node) => node.bias);
    els.forEach((b, i) => b.setAttribute("aria-label", view.describe({ layer: l, i, j: -1 })));
    view.biases.push({ els, values: new Float64Array(nOut), cq: new Int8Array(nOut).fill(-1) });
  }
  view.anchors = [];
  view.drawnAt = -Infinity;
  view.drawCost = 0;

  // one canvas per gap between columns: each is drawn (and rasterised) in its own frame
  view.canvases = view.links.map(() => {
    const c = el("canvas", "bp-net-canvas");
    c.setAttribute("aria-hidden", "true");
    c.addEventListener("pointermove", (e) => hoverAt(view, e));
    c.addEventListener("pointerleave", () => hoverAt(view, null));
    return c;
  });
  view.canvas = view.canvases[0] ?? null;
  view.stage.prepend(...view.canvases);
  view.svg.setAttribute("aria-label", view.t(TEXT.links));
  view.hoverPath = svg("path", "bp-link-hover");
  view.hoverPath.setAttribute("aria-hidden", "true");
  view.hits = [0, 1].map(() => {
    const h = svg("path", "bp-link-hit");
    h.setAttribute("tabindex", "-1"); // a button (role, name) once it stands for a link
    view.svg.append(h);
    return h;
  });
  view.svg.prepend(view.hoverPath);
  view.hit = view.hits[0];
  view.tip = el("div", "bp-link-tip");
  view.tip.setAttribute("aria-hidden", "true"); // the focused link's name says the same
  view.tip.hidden = true;
  view.stage.append(view.tip);

  // one tab stop for all links: the rest are reached with the arrow keys
  const n = total(view);
  view.focusIndex = Math.max(0, Math.min(view.focusIndex, n - 1));
  view.rovingTo(n ? view.focusIndex : -1, false);

  view.svg.addEventListener("click", (e) => view.linkEvent(e));
  view.svg.addEventListener("keydown", (e) => view.linkKey(e));
  view.svg.addEventListener("focusin", (e) => view.labelLink(e.target));
  view.svg.addEventListener("focusout", () => hideTip(view));
  view.stage.addEventListener("click", (e) => {
    if (e.target.classList.contains("bp-bias")) view.linkEvent(e);
    else if (e.target.classList.contains("bp-net-canvas")) clickAt(view, e);
  });
  view.stage.addEventListener("keydown", (e) => {
    if (e.target.classList.contains("bp-bias")) view.linkKey(e);
  });
  view.stage.addEventListener("focusin", (e) => {
    if (e.target.classList.contains("bp-bias")) view.labelLink(e.target);
  });
}

/** The DOM element standing for link `ref` {l, i, j}: a bias square, or a hit path pointed at it. */
export function linkElement(view, ref) {
  if (ref.j < 0) return view.biases[ref.l]?.els[ref.i] ?? null;
  const L = view.links[ref.l];
  if (!L || ref.i >= L.nOut || ref.j >= L.nIn) return null;
  const h = view.hit;
  if (h.dataset.l === String(ref.l) && h.dataset.i === String(ref.i) && h.dataset.j === String(ref.j)) return h;
  // the other path takes this link, so moving focus to it is a real focus change
  const other = view.hits[view.hits[0] === h ? 1 : 0];
  pointPath(view, other, ref);
  other.dataset.l = String(ref.l);
  other.dataset.i = String(ref.i);
  other.dataset.j = String(ref.j);
  other.setAttribute("aria-label", view.describe({ layer: ref.l, i: ref.i, j: ref.j }));
  other.setAttribute("role", "button");
  view.hit = other;
  return other;
}

export function refOf(view, elem) {
  const l = Number(elem.dataset.l);
  const i = Number(elem.dataset.i);
  const j = elem.classList.contains("bp-bias") ? -1 : Number(elem.dataset.j);
  const value = j < 0 ? view.biases[l].values[i] : view.links[l].values[i * view.links[l].nIn + j];
  return { layer: l, i, j, value };
}

export function describe(view, ref) {
  const t = view.t;
  const target = (l, i) =>
    l === view.arch.layers.length
      ? view.arch.outputs > 1
        ? t(TEXT.outputOf, { index: i + 1 })
        : t(TEXT.output)
      : t(TEXT.neuron, { layer: l + 1, index: i + 1 });
  const feature = (name) => (view.tr.has(`feature.${name}`) ? t(`feature.${name}`) : featureInfo(name).spoken);
  const source = (l, j) => (l === 0 ? feature(view.arch.features[j]) : t(TEXT.neuron, { layer: l, index: j + 1 }));
  const value = ref.value === undefined ? null : metric(ref.value);
  if (ref.j < 0) return value === null ? t(TEXT.bias, { target: target(ref.layer, ref.i) }) : t(TEXT.biasValue, { target: target(ref.layer, ref.i), value });
  const words = { source: source(ref.layer, ref.j), target: target(ref.layer, ref.i) };
  return value === null ? t(TEXT.weight, words) : t(TEXT.weightValue, { ...words, value });
}

export function labelLink(view, elem) {
  if (!elem.dataset || elem.dataset.l === undefined) return;
  const ref = view.refOf(elem);
  elem.setAttribute("aria-label", view.describe(ref));
  view.rovingTo(indexOf(view, ref.layer, ref.i, ref.j), false);
  if (ref.j >= 0 && elem.matches(":focus-visible")) {
    const p = linkPoint(view, { l: ref.layer, i: ref.i, j: ref.j }, 0.5);
    if (p) showTip(view, ref, p.x, p.y);
  }
}

export function rovingTo(view, k, focus) {
  const old = refAt(view, view.focusIndex);
  if (old) {
    if (old.j < 0) view.biases[old.l]?.els[old.i]?.setAttribute("tabindex", "-1");
    else view.hit.setAttribute("tabindex", "-1");
  }
  view.focusIndex = k;
  const ref = refAt(view, k);
  if (!ref) return;
  const target = view.linkElement(ref);
  for (const h of view.hits) if (h !== target) h.setAttribute("tabindex", "-1");
  target.setAttribute("tabindex", "0");
  if (focus) target.focus({ preventScroll: true });
}

export function linkEvent(view, e) {
  const t = e.target;
  if (!t.dataset || t.dataset.l === undefined) return;
  e.stopPropagation();
  activate(view, t);
}

function activate(view, elem) {
  const ref = view.refOf(elem);
  if (view.on.onLinkClick) view.on.onLinkClick(ref);
  if (view.on.onWeightEdit) view.editWeight(ref);
}

export function linkKey(view, e) {
  const t = e.target;
  if (!t.dataset || t.dataset.l === undefined) return;
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    e.stopPropagation();
    view.linkEvent(e);
    return;
  }
  const n = total(view);
  const cur = refAt(view, view.focusIndex);
  let k = -1;
  if (e.key === "ArrowDown") k = Math.min(n - 1, view.focusIndex + 1);
  else if (e.key === "ArrowUp") k = Math.max(0, view.focusIndex - 1);
  else if (e.key === "Home") k = 0;
  else if (e.key === "End") k = n - 1;
  else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
    const l = cur.l + (e.key === "ArrowRight" ? 1 : -1);
    if (l < 0 || l >= view.links.length) return;
    const rel = view.focusIndex - base(view, cur.l);
    const count = view.links[l].nOut * (view.links[l].nIn + 1);
    k = base(view, l) + Math.min(rel, count - 1);
  } else return;
  e.preventDefault();
  view.rovingTo(k, true);
}

// -- weights --------------------------------------------------------------------------------------

export function setWeights(view, weights, biases) {
  if (!view.arch || !weights || weights.length !== view.links.length) return false;
  for (let l = 0; l < view.links.length; l++) {
    const L = view.links[l];
    const W = /** @type {any} */ (weights[l]);
    const flat = ArrayBuffer.isView(W); // a flat Float64Array, or nested rows
    const rows = /** @type {{length: number}} */ (W).length;
    if (flat ? rows !== L.nOut * L.nIn : rows !== L.nOut) return false;
    if (!flat && L.nOut > 0 && W[0].length !== L.nIn) return false;
  }
  for (let l = 0; l < view.links.length; l++) {
    const L = view.links[l];
    const W = weights[l];
    if (ArrayBuffer.isView(W)) L.values.set(/** @type {any} */ (W));
    else for (let i = 0; i < L.nOut; i++) L.values.set(W[i], i * L.nIn);
    const B = view.biases[l];
    const b = biases ? biases[l] : null;
    if (!b) continue;
    for (let i = 0; i < B.els.length; i++) {
      const v = b[i];
      B.values[i] = v;
      const cq = v < 0 ? 0 : 1;
      if (cq !== B.cq[i]) {
        B.cq[i] = cq;
        B.els[i].classList.toggle("neg", !cq);
        B.els[i].classList.toggle("pos", !!cq);
      }
    }
  }
  queueDraw(view);
  return true;
}

// -- layout and drawing ---------------------------------------------------------------------------

export function queueLayout(view) {
  if (view.frame) return;
  view.frame = requestAnimationFrame(() => {
    view.frame = 0;
    view.layout();
  });
}

/** Redraw soon; while the weights change fast, keep redraws within DRAW_SHARE of the time. */
function queueDraw(view) {
  if (view.drawFrame) view.dirty = true; // a draw is under way: it starts over when done
  if (view.drawFrame || view.drawTimer) return;
  const wait = view.drawnAt + view.drawCost / DRAW_SHARE - performance.now();
  if (wait > 0) view.drawTimer = setTimeout(() => draw(view), wait);
  else draw(view);
}

export function cancelDraw(view) {
  if (view.drawFrame) cancelAnimationFrame(view.drawFrame);
  if (view.drawTimer) clearTimeout(view.drawTimer);
  view.drawFrame = view.drawTimer = 0;
}

/** Measure where every neuron sits, size the canvas to the stage, and draw. */
export function layout(view) {
  if (!view.stage || !view.canvases) return;
  const box = view.stage.getBoundingClientRect();
  view.anchors = view.cols.map((col) =>
    col.map((node) => {
      const r = node.canvas.getBoundingClientRect();
      return [r.left - box.left, r.right - box.left, r.top - box.top + r.height / 2];
    }),
  );
  // the links' own svg must not hold the stage at an older, wider size
  view.svg.setAttribute("width", "0");
  view.svg.setAttribute("height", "0");
  const w = Math.ceil(view.stage.scrollWidth);
  const h = Math.ceil(view.stage.scrollHeight);
  view.svg.setAttribute("width", String(w));
  view.svg.setAttribute("height", String(h));
  view.svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  view.dpr = dpr;
  view.canvases.forEach((c, l) => {
    // the gap from the left column's right edges to the right column's left edges, and a margin
    const src = view.anchors[l];
    const dst = view.anchors[l + 1];
    const x0 = Math.floor(Math.min(...src.map((a) => a[1]), ...dst.map((a) => a[0])) - 4);
    const x1 = Math.ceil(Math.max(...dst.map((a) => a[0]), ...src.map((a) => a[1])) + 4);
    c.style.left = `${x0}px`;
    c.style.width = `${x1 - x0}px`;
    c.style.height = `${h}px`;
    c.width = Math.round((x1 - x0) * dpr);
    c.height = Math.round(h * dpr);
    c.dataset.x = String(x0);
  });
  for (const hp of view.hits) {
    if (hp.dataset.l !== undefined) pointPath(view, hp, { l: Number(hp.dataset.l), i: Number(hp.dataset.i), j: Number(hp.dataset.j) });
  }
  cancelDraw(view);
  draw(view);
}

/** @returns {[string, string]} the negative and positive colours */
function colours(view) {
  const cs = getComputedStyle(view.root);
  return [cs.getPropertyValue("--bpw-negative").trim() || "#f59322", cs.getPropertyValue("--bpw-positive").trim() || "#0877bd"];
}

/**
 * Draw every gap's links, a few gaps per animation frame (~FRAME_MS of drawing each), so the
 * largest network never holds the main thread long: its ~37,000 links take ~100-300 ms.
 */
export function draw(view) {
  cancelDraw(view);
  view.dirty = false;
  const colour = colours(view);
  let l = 0;
  let spent = 0;
  const step = () => {
    view.drawFrame = 0;
    const t0 = performance.now();
    while (l < view.links.length) {
      drawGap(view, l++, colour);
      if (performance.now() - t0 > FRAME_MS) break;
    }
    spent += performance.now() - t0;
    if (l < view.links.length) view.drawFrame = requestAnimationFrame(step);
    else {
      view.drawnAt = performance.now();
      view.drawCost = spent;
      if (view.dirty) queueDraw(view);
    }
  };
  step();
}

/** One gap's links, batched by colour and width step: one stroke() per batch. */
function drawGap(view, l, [neg, pos]) {
  const canvas = view.canvases[l];
  const L = view.links[l];
  const src = view.anchors[l];
  const dst = view.anchors[l + 1];
  if (!canvas || !src || !dst) return;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(view.dpr, 0, 0, view.dpr, -Number(canvas.dataset.x) * view.dpr, 0);
  ctx.lineCap = L.style.max > 2 ? "round" : "butt";
  const buckets = 2 * (WIDTH_STEPS + 1);
  {
    const n = L.nIn * L.nOut;
    // counting sort of the links into (colour, width step) batches
    const bucket = new Uint8Array(n);
    const counts = new Uint32Array(buckets + 1);
    for (let k = 0; k < n; k++) {
      const w = L.values[k];
      const a = Math.min(Math.abs(w), MAX_WIDTH_W) || 0;
      const b = (w < 0 ? 0 : WIDTH_STEPS + 1) + Math.round((a / MAX_WIDTH_W) * WIDTH_STEPS);
      bucket[k] = b;
      counts[b + 1]++;
    }
    for (let b = 0; b < buckets; b++) counts[b + 1] += counts[b];
    const order = new Uint32Array(n);
    const fill = counts.slice(0, buckets);
    for (let k = 0; k < n; k++) order[fill[bucket[k]]++] = k;
    const { min, max, alpha } = L.style;
    // thin links first, both colours, so the strong ones lie on top whatever their sign
    for (let o = 0; o < buckets; o++) {
      const b = (o % 2) * (WIDTH_STEPS + 1) + (o >> 1);
      if (counts[b] === counts[b + 1]) continue;
      const step = b % (WIDTH_STEPS + 1);
      const a = (step / WIDTH_STEPS) * MAX_WIDTH_W;
      ctx.strokeStyle = b > WIDTH_STEPS ? pos : neg;
      ctx.lineWidth = min + (step / WIDTH_STEPS) * (max - min);
      ctx.globalAlpha = alpha * (0.3 + 0.7 * Math.min(1, a));
      ctx.beginPath();
      for (let m = counts[b]; m < counts[b + 1]; m++) {
        const k = order[m];
        const i = Math.floor(k / L.nIn);
        const s = src[k - i * L.nIn];
        const d = dst[i];
        ctx.moveTo(s[1], s[2]);
        const mx = (s[1] + d[0]) / 2;
        ctx.bezierCurveTo(mx, s[2], mx, d[2], d[0], d[2]);
      }
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
}

// -- geometry: the curve x0,y0 -> x1,y1 with both control points at the middle x ------------------
// x(t) = x0 + (x1 - x0) (1.5t - 1.5t^2 + t^3), y(t) = y0 + (y1 - y0) (3t^2 - 2t^3)

export function curveD(s, d) {
  const mx = ((s[1] + d[0]) / 2).toFixed(1);
  const [x0, y0, x1, y1] = [s[1], s[2], d[0], d[2]].map((v) => v.toFixed(1));
  return `M${x0},${y0}C${mx},${y0} ${mx},${y1} ${x1},${y1}`;
}

function pointPath(view, path, ref) {
  const s = view.anchors[ref.l]?.[ref.j];
  const d = view.anchors[ref.l + 1]?.[ref.i];
  if (s && d) path.setAttribute("d", curveD(s, d));
}

/** The parameter t where the curve from x0 to x1 passes x (u = (x - x0) / (x1 - x0) in 0..1). */
function tAt(u) {
  let t = u;
  for (let n = 0; n < 6; n++) t -= (1.5 * t - 1.5 * t * t + t * t * t - u) / (1.5 - 3 * t + 3 * t * t);
  return Math.min(1, Math.max(0, t));
}

/** A point (stage px) at parameter t on link {l, i, j}, or null. */
export function linkPoint(view, ref, t) {
  const s = view.anchors[ref.l]?.[ref.j];
  const d = view.anchors[ref.l + 1]?.[ref.i];
  if (!s || !d) return null;
  return { x: s[1] + (d[0] - s[1]) * (1.5 * t - 1.5 * t * t + t * t * t), y: s[2] + (d[2] - s[2]) * (3 * t * t - 2 * t * t * t) };
}

/** The link nearest to (x, y) in stage px, within PICK_PX: {l, i, j} or null. */
export function pick(view, x, y) {
  let best = null;
  let bestDist = PICK_PX;
  view.links.forEach((L, l) => {
    const src = view.anchors[l];
    const dst = view.anchors[l + 1];
    if (!src || !dst || !src.length || !dst.length) return;
    if (x < src[0][1] || x > dst[0][0]) return;
    let lastX0 = NaN;
    let lastX1 = NaN;
    let s = 0;
    let slope = 0;
    for (let j = 0; j < L.nIn; j++) {
      const a = src[j];
      for (let i = 0; i < L.nOut; i++) {
        const b = dst[i];
        if (a[1] !== lastX0 || b[0] !== lastX1) {
          // the same for every link of a gap whose columns line up: computed once
          lastX0 = a[1];
          lastX1 = b[0];
          const span = Math.max(1e-6, b[0] - a[1]);
          const t = tAt(Math.min(1, Math.max(0, (x - a[1]) / span)));
          s = 3 * t * t - 2 * t * t * t;
          slope = (6 * t - 6 * t * t) / (span * (1.5 - 3 * t + 3 * t * t));
        }
        const dy = b[2] - a[2];
        const dist = Math.abs(a[2] + dy * s - y) / Math.sqrt(1 + (dy * slope) ** 2);
        if (dist < bestDist) {
          bestDist = dist;
          best = { l, i, j };
        }
      }
    }
  });
  return best;
}

function stagePoint(view, e) {
  const box = view.stage.getBoundingClientRect();
  return { x: e.clientX - box.left, y: e.clientY - box.top };
}

function hoverAt(view, e) {
  const ref = e ? pick(view, stagePoint(view, e).x, stagePoint(view, e).y) : null;
  view.hoverRef = ref;
  for (const c of view.canvases) c.classList.toggle("is-pointing", !!ref);
  if (!ref) {
    view.hoverPath.removeAttribute("d");
    delete view.hoverPath.dataset.l;
    hideTip(view);
    return;
  }
  pointPath(view, view.hoverPath, ref);
  Object.assign(view.hoverPath.dataset, { l: String(ref.l), i: String(ref.i), j: String(ref.j) });
  const value = view.links[ref.l].values[ref.i * view.links[ref.l].nIn + ref.j];
  const p = stagePoint(view, e);
  showTip(view, { layer: ref.l, i: ref.i, j: ref.j, value }, p.x, p.y);
}

function clickAt(view, e) {
  const p = stagePoint(view, e);
  const ref = pick(view, p.x, p.y);
  if (!ref) return;
  e.stopPropagation();
  view.rovingTo(indexOf(view, ref.l, ref.i, ref.j), true);
  activate(view, view.hit);
}

function showTip(view, ref, x, y) {
  view.tip.textContent = view.describe(ref);
  view.tip.hidden = false;
  const w = view.tip.offsetWidth;
  view.tip.style.left = `${Math.max(2, Math.min(x - w / 2, view.stage.scrollWidth - w - 2))}px`;
  view.tip.style.top = `${Math.max(2, y - view.tip.offsetHeight - 10)}px`;
}

function hideTip(view) {
  view.tip.hidden = true;
}
