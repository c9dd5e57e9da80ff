// @ts-check
// What the loss landscape's two plots share: a canvas sized to its box at the screen's pixel
// ratio, the plot rectangle inside room for tick labels, the ticks and their labels, the
// sequential colour ramp of the losses (low: dark violet, high: yellow; after viridis, readable
// in greyscale and with any colour vision), and a readout moved by the keyboard.

import { significant } from "../domain/format.js";
import { fitToBox } from "./dom.js";

/** @typedef {{left: number, right: number, top: number, bottom: number, dpr: number}} Box */

/** viridis's ends and three stops between them, r g b */
const STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

/** The ramp's colour at t in 0..1 as [r, g, b]. @param {number} t */
export function ramp(t) {
  const x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(x)), f = x - k;
  return STOPS[k].map((c, i) => Math.round(c + (STOPS[k + 1][i] - c) * f));
}

/** Size the canvas to its CSS box (device pixels); its 2-D context, cleared, and the plot box.
 * @param {HTMLCanvasElement} canvas @param {{left: number, bottom: number, top?: number}} room CSS px for labels */
export function fitCanvas(canvas, room) {
  const { W, H, dpr } = fitToBox(canvas);
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  const style = getComputedStyle(canvas);
  ctx.font = `${Math.round(10 * dpr)}px ${style.fontFamily || "sans-serif"}`;
  /** @type {Box} */
  const box = { left: room.left * dpr, right: W - 8 * dpr, top: (room.top ?? 8) * dpr, bottom: H - room.bottom * dpr, dpr };
  return { ctx, box, ink: style.color || "#555", grid: style.getPropertyValue("--chart-grid").trim() || "rgba(128,128,128,0.25)" };
}

/**
 * Tick labels and grid lines on both axes, then the frame.
 * @param {CanvasRenderingContext2D} ctx @param {Box} box
 * @param {{x: number[], y: number[], px: (x: number) => number, py: (y: number) => number,
 *   label?: (v: number) => string, ink: string, grid: string}} ticks
 */
export function drawAxes(ctx, box, { x, y, px, py, label = (v) => significant(v, 3), ink, grid }) {
  const { left, right, top, bottom, dpr } = box;
  ctx.lineWidth = 1;
  ctx.strokeStyle = grid;
  ctx.fillStyle = ink;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of y) {
    const at = Math.round(py(v)) + 0.5;
    if (at < top - 1 || at > bottom + 1) continue;
    ctx.beginPath();
    ctx.moveTo(left, at);
    ctx.lineTo(right, at);
    ctx.stroke();
    ctx.fillText(label(v), left - 4 * dpr, Math.max(top + 4 * dpr, Math.min(bottom, at)));
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const v of x) {
    const at = Math.round(px(v)) + 0.5;
    if (at < left - 1 || at > right + 1) continue;
    ctx.beginPath();
    ctx.moveTo(at, top);
    ctx.lineTo(at, bottom);
    ctx.stroke();
    ctx.fillText(label(v), Math.max(left, Math.min(right - 6 * dpr, at)), bottom + 3 * dpr);
  }
  ctx.strokeStyle = ink;
  ctx.strokeRect(left + 0.5, top + 0.5, right - left, bottom - top);
}

/**
 * Arrow keys (Shift: 5 at a time), Home and End move a cursor over `count()` positions of a
 * focusable canvas; `onMove(i)` shows it (-1: none, on blur).
 * @param {HTMLCanvasElement} canvas @param {() => number} count
 * @param {(i: number, key: string) => number} move the next index from the current one and the key
 * @param {(i: number) => void} onMove
 */
export function keyCursor(canvas, count, move, onMove) {
  let at = -1;
  canvas.addEventListener("focus", () => { at = Math.max(0, at); onMove(count() ? at : -1); });
  canvas.addEventListener("blur", () => onMove(-1));
  canvas.addEventListener("keydown", (e) => {
    const n = count();
    if (!n || !["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    at = Math.max(0, Math.min(n - 1, move(Math.max(0, at), (e.shiftKey ? "Shift+" : "") + e.key)));
    onMove(at);
  });
  return { set: (/** @type {number} */ i) => { at = i; } };
}
