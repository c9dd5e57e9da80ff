// @ts-check
// The links as the keyboard and a screen reader meet them: ONE tab stop for all links and
// biases (the arrow keys move on, domain/link-geometry.js's order), held by a bias square or by
// one of two focusable SVG paths that follow the link the keyboard is on (taking turns, so a
// screen reader hears each move); each named in words (linkName). Part of a LinkLayer.

import { featureInfo } from "../../domain/features.js";
import { metric, metricWords } from "../../domain/format.js";
import { curvePath, linkAt, linkCount, linkIndex, linkKeyTarget } from "../../domain/link-geometry.js";
import { svg } from "../dom.js";

/**
 * A link's (or bias's) name in words, with its weight if ref.value is given: catalogue keys
 * "net.*" said by translator `tr` (domain/i18n.js).
 * @param {any} tr @param {{features: string[], layers: number[], outputs: number}} arch
 * @param {{layer: number, i: number, j: number, value?: number}} ref
 */
export function linkName(tr, arch, ref) {
  const t = (/** @type {string} */ key, /** @type {any} */ params) => tr.t(key, params);
  const target = (l, i) =>
    l === arch.layers.length
      ? arch.outputs > 1 ? t("net.output_of", { index: i + 1 }) : t("net.the_output")
      : t("net.neuron_lower", { layer: l + 1, index: i + 1 });
  const feature = (name) => (tr.has(`feature.${name}`) ? t(`feature.${name}`) : featureInfo(name).spoken);
  const source = (l, j) => (l === 0 ? feature(arch.features[j]) : t("net.neuron_lower", { layer: l, index: j + 1 }));
  const value = ref.value === undefined ? null : metric(ref.value, metricWords(tr)); // a NaN in the page's words
  const to = target(ref.layer, ref.i);
  if (ref.j < 0) return value === null ? t("net.bias", { target: to }) : t("net.bias_value", { target: to, value });
  const words = { source: source(ref.layer, ref.j), target: to };
  return value === null ? t("net.weight", words) : t("net.weight_value", { ...words, value });
}

/** Is `elem` one of the links' focusable stand-ins (a bias square or a hit path)? */
export const isLinkElement = (/** @type {any} */ elem) => !!elem.dataset && elem.dataset.l !== undefined;

export class LinkAccess {
  /** @param {import("./link-layer.js").LinkLayer} links */
  constructor(links) {
    this.links = links;
    /** @type {SVGPathElement[]} the two paths that take turns standing for the keyboard's link */
    this.hits = [];
    /** @type {SVGPathElement | null} the one that stands for it now */
    this.hit = null;
    this.focusIndex = 0; // the link (keyboard order) that holds tabindex=0; kept across rebuilds
  }

  /** The two hit paths in the links' svg; the tab stop on the link it had (or the nearest). */
  build(group) {
    this.hits = [0, 1].map(() => {
      const h = /** @type {SVGPathElement} */ (svg("path", "bp-link-hit"));
      h.setAttribute("tabindex", "-1"); // a button (role, name) once it stands for a link
      group.append(h);
      return h;
    });
    this.hit = this.hits[0];
    const n = linkCount(this.links.gaps);
    this.focusIndex = Math.max(0, Math.min(this.focusIndex, n - 1));
    this.rovingTo(n ? this.focusIndex : -1, false);
  }

  /** The DOM element standing for link `ref` {l, i, j}: a bias square, or a hit path pointed at it. */
  element(ref) {
    const { gaps, biases } = this.links;
    if (ref.j < 0) return biases[ref.l]?.els[ref.i] ?? null;
    const gap = gaps[ref.l];
    if (!gap || ref.i >= gap.nOut || ref.j >= gap.nIn) return null;
    const h = /** @type {SVGPathElement} */ (this.hit);
    if (h.dataset.l === String(ref.l) && h.dataset.i === String(ref.i) && h.dataset.j === String(ref.j)) return h;
    // the other path takes this link, so moving focus to it is a real focus change
    const other = this.hits[this.hits[0] === h ? 1 : 0];
    this.point(other, ref);
    other.dataset.l = String(ref.l);
    other.dataset.i = String(ref.i);
    other.dataset.j = String(ref.j);
    other.setAttribute("aria-label", this.links.host.describe({ layer: ref.l, i: ref.i, j: ref.j }));
    other.setAttribute("role", "button");
    this.hit = other;
    return other;
  }

  /** Lay `path` along link ref {l, i, j} (if both its ends are placed). */
  point(path, ref) {
    const s = this.links.anchors[ref.l]?.[ref.j];
    const d = this.links.anchors[ref.l + 1]?.[ref.i];
    if (s && d) path.setAttribute("d", curvePath(s, d));
  }

  /** After a layout: the hit paths follow their links. */
  follow() {
    for (const hp of this.hits) {
      if (hp.dataset.l !== undefined) this.point(hp, { l: Number(hp.dataset.l), i: Number(hp.dataset.i), j: Number(hp.dataset.j) });
    }
  }

  /** Move the tab stop to link k (keyboard order); focus it too if `focus`. */
  rovingTo(k, focus) {
    const { gaps, biases } = this.links;
    const old = linkAt(gaps, this.focusIndex);
    if (old) {
      if (old.j < 0) biases[old.l]?.els[old.i]?.setAttribute("tabindex", "-1");
      else this.hit?.setAttribute("tabindex", "-1");
    }
    this.focusIndex = k;
    const ref = linkAt(gaps, k);
    if (!ref) return;
    const target = this.element(ref);
    for (const h of this.hits) if (h !== target) h.setAttribute("tabindex", "-1");
    target.setAttribute("tabindex", "0");
    if (focus) target.focus({ preventScroll: true });
  }

  /** Link ref {l, i, j} as the keyboard index. */
  indexOf(ref) {
    return linkIndex(this.links.gaps, ref.l, ref.i, ref.j);
  }

  /** A link element got focus: name it afresh (its weight now), hold the tab stop, show the tip. */
  focused(elem) {
    if (!isLinkElement(elem)) return;
    const ref = this.links.refOf(elem);
    elem.setAttribute("aria-label", this.links.host.describe(ref));
    this.rovingTo(this.indexOf({ l: ref.layer, i: ref.i, j: ref.j }), false);
    if (ref.j >= 0 && elem.matches(":focus-visible")) {
      const p = this.links.point({ l: ref.layer, i: ref.i, j: ref.j }, 0.5);
      if (p) this.links.pointer.showTip(ref, p.x, p.y);
    }
  }

  /** Enter or Space activates the link; the arrows, Home and End move along. */
  onKey(e) {
    if (!isLinkElement(e.target)) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      e.stopPropagation();
      this.onClick(e);
      return;
    }
    const k = linkKeyTarget(this.links.gaps, this.focusIndex, e.key);
    if (k === null || k < 0) return;
    e.preventDefault();
    this.rovingTo(k, true);
  }

  /** A click on (or Enter at) a link element: the link is activated. */
  onClick(e) {
    if (!isLinkElement(e.target)) return;
    e.stopPropagation();
    this.links.host.activate(this.links.refOf(e.target));
  }
}
