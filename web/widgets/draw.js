// @ts-check
// Paint and erase data points with a mouse, pen, finger or the keyboard. A dumb widget: it never
// owns the points; it reports strokes as history.js actions and paints a preview immediately on
// its own canvas (an overlay stacked on the data map), so a new point shows within one frame.
//
//   const pen = attachDrawing(overlayCanvas, {
//     mode: () => "add" | "erase" | "off",   // asked at every stroke start and key press
//     label: () => 0,                        // label of added points (class index or value)
//     points: () => [[x1, x2, label], ...],  // the page's current points (erase hit-tests them;
//                                            // taken once per stroke: do not change them mid-stroke)
//     colour: (label) => "css colour",       // preview colour of an added point
//     domain: () => [-6, 6],                 // the view window on both axes, x2 pointing up
//     toData: (px, py) => [x1, x2],          // optional; CSS px inside the canvas -> data
//     toPixel: (x1, x2) => [px, py],         // optional; its inverse (give both or neither)
//     brush: {spacing: 10, radius: 14},      // CSS px between painted points; eraser radius
//     onStroke(stroke, delta),               // while drawing: the stroke so far, and what this
//                                            // event added ([[x1,x2,label]]) or removed
//                                            // ([[index,x1,x2,label]], indices into points())
//     onStrokeEnd(stroke),                   // once per non-empty stroke: one undoable action,
//                                            //   {type: "add", points: [[x1, x2, label], ...]} or
//                                            //   {type: "erase", removed: [[index, x1, x2, label]...]}
//                                            // (ascending indices into the points at stroke start)
//     onCursor({x1, x2}),                    // optional: the keyboard cursor moved (announce it)
//   });
//   pen.update();   // call after the mode changes: syncs touch-action/cursor (data-mode attribute)
//   pen.cancel();   // drop a stroke in progress (nothing is reported)
//   pen.detach();   // remove every listener
//
// attachDrawing returns a Pen: its fields are the stroke under way, the pointer drawing it, the
// keyboard's cursor and the eraser's hover ring.
//
// The page applies each finished stroke (history.applyAction), pushes it to its history and
// redraws the data map; erased points only vanish when the page redraws (do it in onStroke for
// a live preview, e.g. heatmap points = applyAction(pointsAtStart, stroke)).
//
// Keyboard (the canvas is focusable): arrow keys move a crosshair by 0.25 (Shift: by 1); Enter
// adds a point there (mode "add") or erases around it (mode "erase"); Delete or Backspace erases
// around it; Escape hides it. Space is left alone (the page uses it for play/pause).
//
// The stroke's arithmetic is domain/stroke.js; what is painted, draw-overlay.js.

import { VIEW } from "../domain/geometry.js";
import { clampTo, dataToPixel, eraser, finishedStroke, movedCursor, pixelToData, spacedPoints, sweepPoints } from "../domain/stroke.js";
import { DrawOverlay } from "./draw-overlay.js";
import { classColour } from "./palette.js";

const OFF = () => {};

export class Pen {
  constructor(canvas, opts = {}) {
    this.canvas = canvas;
    this.mode = opts.mode || (() => "add");
    this.label = opts.label || (() => 0);
    this.points = opts.points || (() => []);
    this.domain = opts.domain || (() => VIEW); // asked each time: a preset may zoom the view
    this.spacing = Math.max(1, opts.brush?.spacing ?? 10);
    this.radius = Math.max(1, opts.brush?.radius ?? 14);
    this.onStroke = opts.onStroke || OFF;
    this.onStrokeEnd = opts.onStrokeEnd || OFF;
    this.onCursor = opts.onCursor || OFF;
    const overlay = new DrawOverlay(canvas, opts.colour || classColour, this.radius);
    this.overlay = overlay;
    /** CSS px in the canvas -> data [x1, x2], and back */
    this.toData = opts.toData || ((px, py) => pixelToData(this.domain(), overlay.width, overlay.height, px, py));
    this.toPixel = opts.toPixel || ((x1, x2) => dataToPixel(this.domain(), overlay.width, overlay.height, x1, x2));
    /** @type {any} the action being built: {type: "add", points} | {type: "erase", removed} */
    this.stroke = null;
    this.pointerId = null;
    /** @type {[number, number]} where the last point was painted or erased (CSS px) */
    this.last = [0, 0];
    /** @type {any} an erase-stroke's eraser (domain/stroke.js), over the points at its start */
    this.eraser = null;
    /** @type {{x1: number, x2: number} | null} the keyboard's crosshair, null when hidden */
    this.cursor = null;
    /** @type {number[] | null} the eraser's ring while hovering [px, py] */
    this.hover = null;
    this.fromPointer = false; // focus came from a click: do not show the keyboard crosshair
    /** @type {[string, (e: any) => void][]} */
    this.listeners = [
      ["pointerdown", (e) => this.onDown(e)],
      ["pointermove", (e) => this.onMove(e)],
      ["pointerup", (e) => this.onUp(e)],
      ["pointercancel", (e) => this.onUp(e)],
      ["lostpointercapture", (e) => this.onUp(e)],
      ["pointerleave", (e) => this.onLeave(e)],
      ["keydown", (e) => this.onKey(e)],
      ["focus", () => this.onFocus()],
      ["blur", () => this.onBlur()],
    ];
    for (const [type, fn] of this.listeners) canvas.addEventListener(type, fn);
    canvas.classList.add("bp-draw");
    if (!canvas.hasAttribute("tabindex")) canvas.tabIndex = 0;
    if (!canvas.hasAttribute("role")) canvas.setAttribute("role", "application");
    if (!canvas.hasAttribute("aria-label")) {
      canvas.setAttribute("aria-label", "Drawing area. Arrow keys move the cursor, Enter adds a point, Delete erases near it.");
    }
    overlay.measure();
    this.update();
  }

  /** Redraw the transient marks: eraser ring, keyboard crosshair, an add-stroke's dots. */
  repaint() {
    const { overlay, stroke, hover, cursor } = this;
    overlay.clear();
    if (stroke && stroke.type === "add") {
      for (const p of stroke.points) overlay.dot(...this.toPixel(p[0], p[1]), p[2]);
    }
    if (hover) overlay.ring(hover[0], hover[1]);
    if (cursor) overlay.crosshair(...this.toPixel(cursor.x1, cursor.x2), this.mode() === "erase");
  }

  // -- strokes ----------------------------------------------------------------------------------

  begin(kind) {
    this.stroke = kind === "add" ? { type: "add", points: [] } : { type: "erase", removed: [] };
    if (kind === "erase") this.eraser = eraser(this.points() || [], this.toPixel, this.radius);
  }

  addAt(px, py, delta) {
    const [x1, x2] = this.toData(px, py);
    const domain = this.domain();
    const p = [clampTo(domain, x1), clampTo(domain, x2), this.label()];
    this.stroke.points.push(p);
    delta.push(p);
    this.overlay.dot(px, py, p[2]);
  }

  /** Extend the stroke to (px, py): add-points every `spacing` px along the way, or erase. */
  extend(px, py, first) {
    const delta = [];
    const stroke = this.stroke;
    if (stroke.type === "add") {
      const laid = first ? [/** @type {[number, number]} */ ([px, py])] : spacedPoints(this.last, [px, py], this.spacing);
      for (const [x, y] of laid) this.addAt(x, y, delta);
      if (laid.length) this.last = laid[laid.length - 1];
    } else {
      for (const [x, y] of sweepPoints(first ? null : this.last, [px, py], this.radius)) {
        for (const row of this.eraser.at(x, y)) {
          stroke.removed.push(row);
          delta.push(row);
        }
      }
      this.last = [px, py];
      this.hover = [px, py];
      this.repaint();
    }
    if (delta.length) this.onStroke(stroke, delta);
  }

  finish() {
    const done = this.stroke;
    this.stroke = null;
    this.pointerId = null;
    this.eraser = null;
    const action = done && finishedStroke(done);
    if (action) this.onStrokeEnd(action);
    this.repaint(); // the page has drawn the committed points by now: drop the preview
  }

  // -- pointer events ---------------------------------------------------------------------------

  onDown(e) {
    const m = this.mode();
    if (m !== "add" && m !== "erase") return;
    if (this.stroke || (e.pointerType === "mouse" && e.button !== 0)) return;
    this.fromPointer = true;
    e.preventDefault(); // no text selection, no emulated mouse events, no scroll
    this.canvas.focus({ preventScroll: true, focusVisible: false });
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // synthetic events in tests may have no active pointer to capture
    }
    this.pointerId = e.pointerId;
    this.overlay.measure();
    this.cursor = null;
    this.begin(m);
    this.extend(...this.overlay.local(e), true);
  }

  onMove(e) {
    if (this.stroke && e.pointerId === this.pointerId) {
      this.extend(...this.overlay.local(e), false);
      return;
    }
    if (!this.stroke && this.mode() === "erase" && e.pointerType !== "touch") {
      if (!this.hover) this.overlay.measure();
      this.hover = this.overlay.local(e);
      this.repaint();
    }
  }

  onUp(e) {
    if (this.stroke && e.pointerId === this.pointerId) {
      if (e.type === "pointerup") this.extend(...this.overlay.local(e), false);
      if (e.pointerType === "touch") this.hover = null;
      this.finish();
    }
  }

  onLeave(e) {
    if (!this.stroke && this.hover && e.pointerType !== "touch") {
      this.hover = null;
      this.repaint();
    }
  }

  // -- keyboard ---------------------------------------------------------------------------------

  onFocus() {
    if (this.fromPointer) return;
    this.overlay.measure();
    if (!this.cursor) this.cursor = { x1: 0, x2: 0 };
    this.repaint();
  }

  onBlur() {
    this.fromPointer = false;
    this.cursor = null;
    this.repaint();
  }

  /** A one-point stroke at the keyboard's cursor. */
  keyStroke(kind) {
    this.overlay.measure();
    this.begin(kind);
    const cursor = this.cursor || (this.cursor = { x1: 0, x2: 0 });
    this.extend(...this.toPixel(cursor.x1, cursor.x2), true);
    this.finish();
  }

  onKey(e) {
    if (this.stroke || e.altKey || e.ctrlKey || e.metaKey) return;
    const m = this.mode();
    const moved = movedCursor(this.cursor || { x1: 0, x2: 0 }, e.key, e.shiftKey, this.domain());
    let handled = true;
    if (moved) {
      this.cursor = moved;
      this.overlay.measure();
      this.repaint();
      this.onCursor({ x1: moved.x1, x2: moved.x2 });
    } else if (e.key === "Enter" && (m === "add" || m === "erase")) {
      this.keyStroke(m);
    } else if ((e.key === "Delete" || e.key === "Backspace") && m !== "off") {
      this.keyStroke("erase");
    } else if (e.key === "Escape" && this.cursor) {
      this.cursor = null;
      this.repaint();
    } else {
      handled = false;
    }
    if (handled) {
      this.fromPointer = false;
      e.preventDefault();
      e.stopPropagation();
    }
  }

  // -- the page's calls -------------------------------------------------------------------------

  /** After the mode changes: touch-action and cursor follow (the data-mode attribute). */
  update() {
    const m = this.mode();
    this.canvas.dataset.mode = m === "add" || m === "erase" ? m : "off";
    if (m !== "erase") this.hover = null;
    this.repaint();
  }

  /** Drop a stroke in progress (nothing is reported). */
  cancel() {
    this.stroke = null;
    this.pointerId = null;
    this.eraser = null;
    this.repaint();
  }

  /** Remove every listener. */
  detach() {
    for (const [type, fn] of this.listeners) this.canvas.removeEventListener(type, fn);
    this.canvas.classList.remove("bp-draw");
    this.overlay.clear();
  }
}

/** Drawing on `canvas` with `opts` (above): a Pen. */
export function attachDrawing(canvas, opts = {}) {
  return new Pen(canvas, opts);
}
