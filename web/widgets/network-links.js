// @ts-check
// The diagram's links: building them (width by |weight|, orange negative / blue positive), their
// names for screen readers, keyboard moves between them, the weights written into them, and the
// layout that follows the neurons. Functions of a NetworkView (widgets/network-view.js).

import { svg } from "./dom.js";
import { featureInfo } from "../domain/features.js";
import { metric } from "../domain/format.js";

const MAX_WIDTH_W = 4; // |w| at which a link reaches its widest

export function buildLinks(view) {
  const { layers, outputs } = view.arch;
  const sizes = [view.cols[0].length, ...layers, outputs];
  view.links = [];
  view.biases = [];
  view.linkOrder = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    const g = svg("g", "bp-layer-links");
    const vis = [];
    const hit = [];
    for (let i = 0; i < nOut; i++) {
      view.linkOrder.push({ l, i, j: -1 });
      for (let j = 0; j < nIn; j++) {
        const v = svg("path", "bp-link");
        const h = svg("path", "bp-link-hit");
        h.setAttribute("tabindex", "-1");
        h.setAttribute("role", "button");
        h.dataset.l = String(l);
        h.dataset.i = String(i);
        h.dataset.j = String(j);
        h.setAttribute("aria-label", view.describe({ layer: l, i, j })); // + value on focus
        g.append(v);
        vis.push(v);
        hit.push(h);
        view.linkOrder.push({ l, i, j });
      }
    }
    for (const h of hit) g.append(h); // hit areas above every visible link
    view.svg.append(g);
    view.links.push({
      nIn,
      nOut,
      vis,
      hit,
      values: new Float64Array(nIn * nOut),
      wq: new Int16Array(nIn * nOut).fill(-1),
      cq: new Int8Array(nIn * nOut).fill(-1),
    });
    const els = view.cols[l + 1].map((node) => node.bias);
    els.forEach((b, i) => b.setAttribute("aria-label", view.describe({ layer: l, i, j: -1 })));
    view.biases.push({ els, values: new Float64Array(nOut), cq: new Int8Array(nOut).fill(-1) });
  }
  // one tab stop for all links: the rest are reached with the arrow keys
  view.focusIndex = Math.min(view.focusIndex, view.linkOrder.length - 1);
  view.rovingTo(view.linkOrder.length ? Math.max(0, view.focusIndex) : -1, false);
  view.svg.addEventListener("click", (e) => view.linkEvent(e));
  view.svg.addEventListener("keydown", (e) => view.linkKey(e));
  view.svg.addEventListener("focusin", (e) => view.labelLink(e.target));
  view.stage.addEventListener("click", (e) => {
    if (e.target.classList.contains("bp-bias")) view.linkEvent(e);
  });
  view.stage.addEventListener("keydown", (e) => {
    if (e.target.classList.contains("bp-bias")) view.linkKey(e);
  });
  view.stage.addEventListener("focusin", (e) => {
    if (e.target.classList.contains("bp-bias")) view.labelLink(e.target);
  });
}

export function linkElement(view, ref) {
  if (ref.j < 0) return view.biases[ref.l]?.els[ref.i] ?? null;
  const L = view.links[ref.l];
  return L ? L.hit[ref.i * L.nIn + ref.j] : null;
}

export function refOf(view, elem) {
  const l = Number(elem.dataset.l);
  const i = Number(elem.dataset.i);
  const j = elem.classList.contains("bp-bias") ? -1 : Number(elem.dataset.j);
  const value = j < 0 ? view.biases[l].values[i] : view.links[l].values[i * view.links[l].nIn + j];
  return { layer: l, i, j, value };
}

export function describe(view, ref) {
  const target = (l, i) =>
    l === view.arch.layers.length
      ? view.arch.outputs > 1
        ? `output ${i + 1}`
        : "the output"
      : `layer ${l + 1} neuron ${i + 1}`;
  const source = (l, j) =>
    l === 0 ? featureInfo(view.arch.features[j]).spoken : `layer ${l} neuron ${j + 1}`;
  const value = ref.value === undefined ? "" : `: ${metric(ref.value)}`;
  if (ref.j < 0) return `Bias of ${target(ref.layer, ref.i)}${value}`;
  return `Weight from ${source(ref.layer, ref.j)} to ${target(ref.layer, ref.i)}${value}`;
}

export function labelLink(view, elem) {
  if (!elem.dataset || elem.dataset.l === undefined) return;
  elem.setAttribute("aria-label", view.describe(view.refOf(elem)));
  const k = view.linkOrder.findIndex((r) => view.linkElement({ l: r.l, i: r.i, j: r.j }) === elem);
  if (k >= 0) view.rovingTo(k, false);
}

export function rovingTo(view, k, focus) {
  const old = view.linkOrder[view.focusIndex];
  if (old) view.linkElement(old)?.setAttribute("tabindex", "-1");
  view.focusIndex = k;
  const ref = view.linkOrder[k];
  if (!ref) return;
  const target = view.linkElement(ref);
  target.setAttribute("tabindex", "0");
  if (focus) target.focus();
}

export function linkEvent(view, e) {
  const t = e.target;
  if (!t.dataset || t.dataset.l === undefined) return;
  e.stopPropagation();
  const ref = view.refOf(t);
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
  const order = view.linkOrder;
  const cur = order[view.focusIndex];
  let k = -1;
  if (e.key === "ArrowDown") k = Math.min(order.length - 1, view.focusIndex + 1);
  else if (e.key === "ArrowUp") k = Math.max(0, view.focusIndex - 1);
  else if (e.key === "Home") k = 0;
  else if (e.key === "End") k = order.length - 1;
  else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
    const l = cur.l + (e.key === "ArrowRight" ? 1 : -1);
    if (l < 0 || l >= view.links.length) return;
    const first = order.findIndex((r) => r.l === l);
    const rel = view.focusIndex - order.findIndex((r) => r.l === cur.l);
    const count = view.links[l].nOut * (view.links[l].nIn + 1);
    k = first + Math.min(rel, count - 1);
  } else return;
  e.preventDefault();
  view.rovingTo(k, true);
}

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
    const flat = ArrayBuffer.isView(W);
    for (let i = 0; i < L.nOut; i++) {
      const row = flat ? null : W[i];
      for (let j = 0; j < L.nIn; j++) {
        const k = i * L.nIn + j;
        const w = flat ? W[k] : row[j];
        L.values[k] = w;
        const a = Math.min(Math.abs(w), MAX_WIDTH_W) || 0;
        const wq = Math.round(a * 8); // width steps of 1/8 of a weight unit
        if (wq !== L.wq[k]) {
          L.wq[k] = wq;
          const path = L.vis[k];
          path.setAttribute("stroke-width", (1 + (a / MAX_WIDTH_W) * 7).toFixed(2));
          path.setAttribute("stroke-opacity", (0.3 + 0.7 * Math.min(1, a)).toFixed(2));
        }
        const cq = w < 0 ? 0 : 1;
        if (cq !== L.cq[k]) {
          L.cq[k] = cq;
          L.vis[k].setAttribute("class", cq ? "bp-link pos" : "bp-link neg");
        }
      }
    }
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
  return true;
}

export function queueLayout(view) {
  if (view.frame) return;
  view.frame = requestAnimationFrame(() => {
    view.frame = 0;
    view.layout();
  });
}

export function layout(view) {
  if (!view.stage) return;
  const box = view.stage.getBoundingClientRect();
  const w = Math.ceil(view.stage.scrollWidth);
  const h = Math.ceil(view.stage.scrollHeight);
  view.svg.setAttribute("width", String(w));
  view.svg.setAttribute("height", String(h));
  view.svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const anchors = view.cols.map((col) =>
    col.map((node) => {
      const r = node.canvas.getBoundingClientRect();
      return [r.left - box.left, r.right - box.left, r.top - box.top + r.height / 2];
    }),
  );
  view.links.forEach((L, l) => {
    const src = anchors[l];
    const dst = anchors[l + 1];
    for (let i = 0; i < L.nOut; i++) {
      for (let j = 0; j < L.nIn; j++) {
        const x0 = src[j][1];
        const y0 = src[j][2];
        const x1 = dst[i][0];
        const y1 = dst[i][2];
        const mx = (x0 + x1) / 2;
        const d = `M${x0.toFixed(1)},${y0.toFixed(1)}C${mx.toFixed(1)},${y0.toFixed(1)} ${mx.toFixed(1)},${y1.toFixed(1)} ${x1.toFixed(1)},${y1.toFixed(1)}`;
        L.vis[i * L.nIn + j].setAttribute("d", d);
        L.hit[i * L.nIn + j].setAttribute("d", d);
      }
    }
  });
}
