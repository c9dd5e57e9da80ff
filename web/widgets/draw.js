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

import { VIEW } from "../domain/geometry.js";
import { classColour } from "./palette.js";

const KEY_STEP = 0.25;
const KEY_STEP_BIG = 1;
const DOT_RADIUS = 4; // CSS px, as the data map's points

export function attachDrawing(canvas, opts = {}) {
  const mode = opts.mode || (() => "add");
  const label = opts.label || (() => 0);
  const getPoints = opts.points || (() => []);
  const colour = opts.colour || classColour;
  const domain = opts.domain || (() => VIEW); // asked each time: a preset may zoom the view
  const spacing = Math.max(1, opts.brush?.spacing ?? 10);
  const radius = Math.max(1, opts.brush?.radius ?? 14);
  const onStroke = opts.onStroke || (() => {});
  const onStrokeEnd = opts.onStrokeEnd || (() => {});
  const onCursor = opts.onCursor || (() => {});
  const ctx = canvas.getContext("2d");

  // Canvas box in CSS px, read once per stroke (reading layout on every move is slow).
  let boxW = 1;
  let boxH = 1;
  let boxLeft = 0;
  let boxTop = 0;
  const toData = opts.toData || ((px, py) => {
    const [lo, hi] = domain();
    return [lo + (px / boxW) * (hi - lo), hi - (py / boxH) * (hi - lo)];
  });
  const toPixel = opts.toPixel || ((x1, x2) => {
    const [lo, hi] = domain();
    return [((x1 - lo) / (hi - lo)) * boxW, ((hi - x2) / (hi - lo)) * boxH];
  });

  let stroke = null; // the action being built
  let pointerId = null;
  let lastX = 0; // where the last point was painted (CSS px)
  let lastY = 0;
  let base = null; // points at stroke start (erase)
  let basePx = null; // their pixel positions, x y interleaved
  let removedMask = null;
  let cursor = null; // keyboard crosshair {x1, x2}, or null when hidden
  let hover = null; // eraser ring position while hovering [px, py]
  let fromPointer = false; // focus came from a click: do not show the keyboard crosshair

  function measure() {
    const r = canvas.getBoundingClientRect();
    boxW = r.width || canvas.width || 1;
    boxH = r.height || canvas.height || 1;
    boxLeft = r.left;
    boxTop = r.top;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(boxW * dpr));
    const h = Math.max(1, Math.round(boxH * dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.setTransform(canvas.width / boxW, 0, 0, canvas.height / boxH, 0, 0);
  }

  function clamp(v) {
    const [lo, hi] = domain();
    return Math.min(hi, Math.max(lo, v));
  }

  // -- painting the overlay ---------------------------------------------------------------------

  function clear() {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
  }

  function dot(px, py, l) {
    ctx.beginPath();
    ctx.arc(px, py, DOT_RADIUS, 0, 2 * Math.PI);
    ctx.fillStyle = colour(l);
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.stroke();
  }

  function ring(px, py) {
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "rgba(0,0,0,0.55)";
    ctx.setLineDash([3, 3]);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = "rgba(255,255,255,0.18)";
    ctx.fill();
  }

  function crosshair() {
    if (!cursor) return;
    const [px, py] = toPixel(cursor.x1, cursor.x2);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "rgba(0,0,0,0.75)";
    ctx.beginPath();
    ctx.moveTo(px - 10, py);
    ctx.lineTo(px - 3, py);
    ctx.moveTo(px + 3, py);
    ctx.lineTo(px + 10, py);
    ctx.moveTo(px, py - 10);
    ctx.lineTo(px, py - 3);
    ctx.moveTo(px, py + 3);
    ctx.lineTo(px, py + 10);
    ctx.stroke();
    if (mode() === "erase") ring(px, py);
  }

  /** Redraw the transient marks: eraser ring, keyboard crosshair, an add-stroke's dots. */
  function repaint() {
    clear();
    if (stroke && stroke.type === "add") {
      for (const p of stroke.points) {
        const [px, py] = toPixel(p[0], p[1]);
        dot(px, py, p[2]);
      }
    }
    if (hover) ring(hover[0], hover[1]);
    crosshair();
  }

  // -- strokes ----------------------------------------------------------------------------------

  function begin(kind) {
    stroke = kind === "add" ? { type: "add", points: [] } : { type: "erase", removed: [] };
    if (kind === "erase") {
      base = getPoints() || [];
      basePx = new Float64Array(base.length * 2);
      for (let k = 0; k < base.length; k++) {
        const [px, py] = toPixel(base[k][0], base[k][1]);
        basePx[2 * k] = px;
        basePx[2 * k + 1] = py;
      }
      removedMask = new Uint8Array(base.length);
    }
  }

  function addAt(px, py, delta) {
    const [x1, x2] = toData(px, py);
    const p = [clamp(x1), clamp(x2), label()];
    stroke.points.push(p);
    delta.push(p);
    dot(px, py, p[2]);
  }

  function eraseAt(px, py, delta) {
    const r2 = radius * radius;
    for (let k = 0; k < removedMask.length; k++) {
      if (removedMask[k]) continue;
      const dx = basePx[2 * k] - px;
      const dy = basePx[2 * k + 1] - py;
      if (dx * dx + dy * dy <= r2) {
        removedMask[k] = 1;
        const p = base[k];
        const row = [k, p[0], p[1], p[2]];
        stroke.removed.push(row);
        delta.push(row);
      }
    }
  }

  /** Extend the stroke to (px, py): add-points every `spacing` px along the way, or erase. */
  function extend(px, py, first) {
    const delta = [];
    if (stroke.type === "add") {
      if (first) {
        addAt(px, py, delta);
        lastX = px;
        lastY = py;
      } else {
        let dx = px - lastX;
        let dy = py - lastY;
        let dist = Math.hypot(dx, dy);
        while (dist >= spacing) {
          lastX += (dx / dist) * spacing;
          lastY += (dy / dist) * spacing;
          addAt(lastX, lastY, delta);
          dx = px - lastX;
          dy = py - lastY;
          dist = Math.hypot(dx, dy);
        }
      }
    } else {
      // sweep the eraser along the segment so a fast drag does not skip points
      const steps = first ? 0 : Math.floor(Math.hypot(px - lastX, py - lastY) / (radius / 2));
      for (let s = 1; s <= steps; s++) {
        const t = s / (steps + 1);
        eraseAt(lastX + (px - lastX) * t, lastY + (py - lastY) * t, delta);
      }
      eraseAt(px, py, delta);
      lastX = px;
      lastY = py;
      hover = [px, py];
      repaint();
    }
    if (delta.length) onStroke(stroke, delta);
  }

  function finish() {
    const done = stroke;
    stroke = null;
    pointerId = null;
    base = basePx = removedMask = null;
    if (done) {
      if (done.type === "erase") done.removed.sort((a, b) => a[0] - b[0]);
      const empty = done.type === "add" ? done.points.length === 0 : done.removed.length === 0;
      if (!empty) onStrokeEnd(done);
    }
    repaint(); // the page has drawn the committed points by now: drop the preview
  }

  // -- pointer events ---------------------------------------------------------------------------

  function local(e) {
    return [e.clientX - boxLeft, e.clientY - boxTop];
  }

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
    measure();
    cursor = null;
    begin(m);
    const [px, py] = local(e);
    extend(px, py, true);
  }

  function onMove(e) {
    if (stroke && e.pointerId === pointerId) {
      const [px, py] = local(e);
      extend(px, py, false);
      return;
    }
    if (!stroke && mode() === "erase" && e.pointerType !== "touch") {
      if (!hover) measure();
      hover = local(e);
      repaint();
    }
  }

  function onUp(e) {
    if (stroke && e.pointerId === pointerId) {
      if (e.type === "pointerup") extend(...local(e), false);
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
    measure();
    if (!cursor) cursor = { x1: 0, x2: 0 };
    repaint();
  }

  function onBlur() {
    fromPointer = false;
    cursor = null;
    repaint();
  }

  function keyStroke(kind) {
    measure();
    begin(kind);
    const [px, py] = toPixel(cursor.x1, cursor.x2);
    extend(px, py, true);
    finish();
  }

  function onKey(e) {
    if (stroke || e.altKey || e.ctrlKey || e.metaKey) return;
    const m = mode();
    const step = e.shiftKey ? KEY_STEP_BIG : KEY_STEP;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    let handled = true;
    if (e.key in moves) {
      if (!cursor) cursor = { x1: 0, x2: 0 };
      cursor.x1 = clamp(cursor.x1 + moves[e.key][0]);
      cursor.x2 = clamp(cursor.x2 + moves[e.key][1]);
      measure();
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
    base = basePx = removedMask = null;
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
  measure();
  update();

  return {
    update,
    cancel,
    detach() {
      for (const [type, fn] of listeners) canvas.removeEventListener(type, fn);
      canvas.classList.remove("bp-draw");
      clear();
    },
  };
}
