// @ts-check
// A scrollbar of our own under a diagram too wide for its box: phones overlay (and hide) the
// native one, so nothing would say there is more. Pointer only; the keyboard scrolls by focus.
// Part of a NetworkView.

import { el } from "../dom.js";

export class ScrollTrack {
  /** @param {HTMLElement} scroller the box that scrolls sideways */
  constructor(scroller) {
    this.scroller = scroller;
    this.el = el("div", "bp-net-track");
    this.thumb = el("div", "bp-net-track-thumb");
    this.el.append(this.thumb);
    this.el.setAttribute("aria-hidden", "true");
    this.el.hidden = true;
    const track = this.el;
    const scrollTo = (/** @type {PointerEvent} */ e) => {
      const r = track.getBoundingClientRect();
      const f = (e.clientX - r.left) / r.width;
      scroller.scrollLeft = f * scroller.scrollWidth - scroller.clientWidth / 2;
    };
    track.addEventListener("pointerdown", (e) => {
      track.setPointerCapture(e.pointerId);
      scrollTo(e);
    });
    track.addEventListener("pointermove", (e) => {
      if (track.hasPointerCapture(e.pointerId)) scrollTo(e);
    });
    scroller.addEventListener("scroll", () => this.update(), { passive: true });
  }

  /** Shown only while the content is wider than the box; the thumb is the part in view. */
  update() {
    const { scrollWidth, clientWidth, scrollLeft } = this.scroller;
    const over = scrollWidth > clientWidth + 1;
    this.el.hidden = !over;
    if (!over) return;
    this.thumb.style.width = `${(clientWidth / scrollWidth) * 100}%`;
    this.thumb.style.left = `${(scrollLeft / scrollWidth) * 100}%`;
  }
}
