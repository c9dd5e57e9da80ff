// @ts-check
// The links under the pointer: the curve through a given x is known in closed form, so the
// nearest link is found by arithmetic (domain/link-geometry.js pickLink), not by one DOM node
// per link. The link pointed at is traced by a path and named with its weight in a tooltip;
// a click activates it. Part of a LinkLayer.

import { pickLink } from "../../domain/link-geometry.js";
import { el, svg } from "../dom.js";

const PICK_PX = 6; // how far from a link the pointer may be and still pick it

export class LinkPointer {
  /** @param {import("./link-layer.js").LinkLayer} links */
  constructor(links) {
    this.links = links;
    /** @type {SVGPathElement | null} traces the link pointed at (data-l/i/j say which) */
    this.hoverPath = null;
    /** @type {HTMLElement | null} the tooltip: the link's name and weight */
    this.tip = null;
    /** @type {{l: number, i: number, j: number} | null} */
    this.hoverRef = null;
  }

  /** The trace path (first in the links' svg), the tooltip (on the stage), the canvases' events. */
  build(group, stage, canvases) {
    this.hoverRef = null;
    this.hoverPath = /** @type {SVGPathElement} */ (svg("path", "bp-link-hover"));
    this.hoverPath.setAttribute("aria-hidden", "true");
    group.prepend(this.hoverPath);
    this.tip = el("div", "bp-link-tip");
    this.tip.setAttribute("aria-hidden", "true"); // the focused link's name says the same
    this.tip.hidden = true;
    stage.append(this.tip);
    for (const c of canvases) {
      c.addEventListener("pointermove", (e) => this.hoverAt(e));
      c.addEventListener("pointerleave", () => this.hoverAt(null));
    }
  }

  /** The pointer event's position in stage px. */
  stagePoint(e) {
    const box = this.links.stage.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  pick(e) {
    const p = this.stagePoint(e);
    return pickLink(this.links.gaps, this.links.anchors, p.x, p.y, PICK_PX);
  }

  hoverAt(e) {
    const ref = e ? this.pick(e) : null;
    const path = /** @type {SVGPathElement} */ (this.hoverPath);
    this.hoverRef = ref;
    for (const c of this.links.canvas.canvases) c.classList.toggle("is-pointing", !!ref);
    if (!ref) {
      path.removeAttribute("d");
      delete path.dataset.l;
      this.hideTip();
      return;
    }
    this.links.access.point(path, ref);
    Object.assign(path.dataset, { l: String(ref.l), i: String(ref.i), j: String(ref.j) });
    const p = this.stagePoint(e);
    this.showTip({ layer: ref.l, i: ref.i, j: ref.j, value: this.links.valueOf(ref.l, ref.i, ref.j) }, p.x, p.y);
  }

  /** A click on a canvas: the link under it takes the tab stop and focus, and is activated. */
  clickAt(e) {
    const ref = this.pick(e);
    if (!ref) return;
    e.stopPropagation();
    const access = this.links.access;
    access.rovingTo(access.indexOf(ref), true);
    this.links.host.activate(this.links.refOf(/** @type {SVGPathElement} */ (access.hit)));
  }

  /** The tooltip above stage point (x, y), naming `ref` {layer, i, j, value}. */
  showTip(ref, x, y) {
    const tip = /** @type {HTMLElement} */ (this.tip);
    tip.textContent = this.links.host.describe(ref);
    tip.hidden = false;
    const w = tip.offsetWidth;
    tip.style.left = `${Math.max(2, Math.min(x - w / 2, this.links.stage.scrollWidth - w - 2))}px`;
    tip.style.top = `${Math.max(2, y - tip.offsetHeight - 10)}px`;
  }

  hideTip() {
    if (this.tip) this.tip.hidden = true;
  }
}
