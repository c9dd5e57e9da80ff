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

export function attachDrawing(canvas, opts = {}) {
  const mode = opts.mode || (() => "add");
  const label = opts.label || (() => 0);
  const getPoints = opts.points || (() => []);
  const domain = opts.domain || (() => VIEW); // asked each time: a preset may zoom the view
  const spacing = Math.max(1, opts.brush?.spacing ?? 10);
  const radius = Math.max(1, opts.brush?.radius ?? 14);
  const onStroke = opts.onStroke || (() => {});
  const onStrokeEnd = opts.onStrokeEnd || (() => {});
  const onCursor = opts.onCursor || (() => {});
  const overlay = new DrawOverlay(canvas, opts.colour || classColour, radius);
  const toData = opts.toData || ((px, py) => pixelToData(domain(), overlay.width, overlay.height, px, py));
  const toPixel = opts.toPixel || ((x1, x2) => dataToPixel(domain(), overlay.width, overlay.height, x1, x2));
  const clamp = (v) => clampTo(domain(), v);

  let stroke = null; // the action being built
  let pointerId = null;
  /** @type {[number, number]} */
  let last = [0, 0]; // where the last point was painted or erased (CSS px)
  let erase = null; // an erase-stroke's eraser (domain/stroke.js), over the points at its start
  let cursor = null; // keyboard crosshair {x1, x2}, or null when hidden
  let hover = null; // eraser ring position while hovering [px, py]
  let fromPointer = false; // focus came from a click: do not show the keyboard crosshair

  /** Redraw the transient marks: eraser ring, keyboard crosshair, an add-stroke's dots. */
  function repaint() {
    overlay.clear();
    if (stroke && stroke.type === "add") {
      for (const p of stroke.points) overlay.dot(...toPixel(p[0], p[1]), p[2]);
    }
    if (hover) overlay.ring(hover[0], hover[1]);
    if (cursor) overlay.crosshair(...toPixel(cursor.x1, cursor.x2), mode() === "erase");
  }

  // -- strokes ----------------------------------------------------------------------------------

  function begin(kind) {
    stroke = kind === "add" ? { type: "add", points: [] } : { type: "erase", removed: [] };
    if (kind === "erase") erase = eraser(getPoints() || [], toPixel, radius);
  }

  function addAt(px, py, delta) {
    const [x1, x2] = toData(px, py);
    const p = [clamp(x1), clamp(x2), label()];
    stroke.points.push(p);
    delta.push(p);
    overlay.dot(px, py, p[2]);
  }

  /** Extend the stroke to (px, py): add-points every `spacing` px along the way, or erase. */
  function extend(px, py, first) {
    const delta = [];
    if (stroke.type === "add") {
      const laid = first ? [/** @type {[number, number]} */ ([px, py])] : spacedPoints(last, [px, py], spacing);
      for (const [x, y] of laid) addAt(x, y, delta);
      if (laid.length) last = laid[laid.length - 1];
    } else {
      for (const [x, y] of sweepPoints(first ? null : last, [px, py], radius)) {
        for (const row of erase.at(x, y)) {
          stroke.removed.push(row);
          delta.push(row);
        }
      }
      last = [px, py];
      hover = [px, py];
      repaint();
    }
    if (delta.length) onStroke(stroke, delta);
  }

  function finish() {
    const done = stroke;
    stroke = null;
    pointerId = null;
    erase = null;
    const action = done && finishedStroke(done);
    if (action) onStrokeEnd(action);
    repaint(); // the page has drawn the committed points by now: drop the preview
  }

  // -- pointer events ---------------------------------------------------------------------------

  function onDown(e) {
    const m = mode();
    if (m !== "add" && m !== "erase") return;
    if (stroke || (e.pointerType === "mouse" && e.button !== 0)) return;
    fromPointer = true;
    e.preventDefault(); // no text selection, no emulated mouse events, no scroll
    canvas.focus({ preventScroll: true, focusVisible: false });
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // synthetic events in tests may have no active pointer to capture
    }
    pointerId = e.pointerId;
    overlay.measure();
    cursor = null;
    begin(m);
    extend(...overlay.local(e), true);
  }

  function onMove(e) {
    if (stroke && e.pointerId === pointerId) {
      extend(...overlay.local(e), false);
      return;
    }
    if (!stroke && mode() === "erase" && e.pointerType !== "touch") {
      if (!hover) overlay.measure();
      hover = overlay.local(e);
      repaint();
    }
  }

  function onUp(e) {
    if (stroke && e.pointerId === pointerId) {
      if (e.type === "pointerup") extend(...overlay.local(e), false);
      if (e.pointerType === "touch") hover = null;
      finish();
    }
  }

  function onLeave(e) {
    if (!stroke && hover && e.pointerType !== "touch") {
      hover = null;
      repaint();
    }
  }

  // -- keyboard ---------------------------------------------------------------------------------

  function onFocus() {
    if (fromPointer) return;
    overlay.measure();
    if (!cursor) cursor = { x1: 0, x2: 0 };
    repaint();
  }

  function onBlur() {
    fromPointer = false;
    cursor = null;
    repaint();
  }

  function keyStroke(kind) {
    overlay.measure();
    begin(kind);
    extend(...toPixel(cursor.x1, cursor.x2), true);
    finish();
  }

  function onKey(e) {
    if (stroke || e.altKey || e.ctrlKey || e.metaKey) return;
    const m = mode();
    const moved = movedCursor(cursor || { x1: 0, x2: 0 }, e.key, e.shiftKey, domain());
    let handled = true;
    if (moved) {
      cursor = moved;
      overlay.measure();
      repaint();
      onCursor({ x1: cursor.x1, x2: cursor.x2 });
    } else if (e.key === "Enter" && (m === "add" || m === "erase")) {
      if (!cursor) cursor = { x1: 0, x2: 0 };
      keyStroke(m);
    } else if ((e.key === "Delete" || e.key === "Backspace") && m !== "off") {
      if (!cursor) cursor = { x1: 0, x2: 0 };
      keyStroke("erase");
    } else if (e.key === "Escape" && cursor) {
      cursor = null;
      repaint();
    } else {
      handled = false;
    }
    if (handled) {
      fromPointer = false;
      e.preventDefault();
      e.stopPropagation();
    }
  }

  // -- wiring -----------------------------------------------------------------------------------

  function update() {
    const m = mode();
    canvas.dataset.mode = m === "add" || m === "erase" ? m : "off";
    if (m !== "erase") hover = null;
    repaint();
  }

  function cancel() {
    stroke = null;
    pointerId = null;
    erase = null;
    repaint();
  }

  const listeners = [
    ["pointerdown", onDown],
    ["pointermove", onMove],
    ["pointerup", onUp],
    ["pointercancel", onUp],
    ["lostpointercapture", onUp],
    ["pointerleave", onLeave],
    ["keydown", onKey],
    ["focus", onFocus],
    ["blur", onBlur],
  ];
  for (const [type, fn] of listeners) canvas.addEventListener(type, fn);
  canvas.classList.add("bp-draw");
  if (!canvas.hasAttribute("tabindex")) canvas.tabIndex = 0;
  if (!canvas.hasAttribute("role")) canvas.setAttribute("role", "application");
  if (!canvas.hasAttribute("aria-label")) {
    canvas.setAttribute(
      "aria-label",
      "Drawing area. Arrow keys move the cursor, Enter adds a point, Delete erases near it.",
    );
  }
  overlay.measure();
  update();

  return {
    update,
    cancel,
    detach() {
      for (const [type, fn] of listeners) canvas.removeEventListener(type, fn);
      canvas.classList.remove("bp-draw");
      overlay.clear();
    },
  };
}
