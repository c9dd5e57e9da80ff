// @ts-check
// The input plane as a hidden layer sees it (ConvNetJS's 2-D demo): a lattice of lines over
// the plane and the data points, both mapped through the network up to that layer (bpcore's
// hidden.py computes them). Canvas only: it draws what it is given and decides nothing.

const MARGIN = 0.06; // of the picture's width, so points on the edge stay whole
const LINE_ALPHA = 0.45;

/**
 * @typedef {{lines: number, samples: number, lattice: ArrayLike<number>, points: ArrayLike<number>,
 *   width: number}} PlaneView  x,y pairs; lattice: `lines` horizontal then `lines` vertical lines
 */

export class HiddenPlane {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  }

  /**
   * @param {PlaneView} view
   * @param {(i: number) => string} pointColour the colour of data point i
   * @param {{line: string, axis: string}} ink colours of the lattice and the axes
   */
  draw(view, pointColour, ink) {
    const { canvas, ctx } = this;
    const side = this.fit();
    const box = bounds(view);
    const span = Math.max(box.x1 - box.x0, box.y1 - box.y0) || 1;
    const scale = (side * (1 - 2 * MARGIN)) / span;
    // centre the picture: the same scale on both axes, so angles are true
    const ox = side / 2 - ((box.x0 + box.x1) / 2) * scale;
    const oy = side / 2 + ((box.y0 + box.y1) / 2) * scale;
    const X = (/** @type {number} */ x) => ox + x * scale;
    const Y = (/** @type {number} */ y) => oy - y * scale;
    ctx.clearRect(0, 0, canvas.width, canvas.height);

    ctx.strokeStyle = ink.axis;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, Y(0)); ctx.lineTo(side, Y(0));
    ctx.moveTo(X(0), 0); ctx.lineTo(X(0), side);
    ctx.stroke();

    const { lines, samples, lattice } = view;
    ctx.strokeStyle = ink.line;
    ctx.globalAlpha = LINE_ALPHA;
    ctx.beginPath();
    for (let l = 0; l < 2 * lines; l++) {
      for (let k = 0; k < samples; k++) {
        const at = (l * samples + k) * 2;
        if (k === 0) ctx.moveTo(X(lattice[at]), Y(lattice[at + 1]));
        else ctx.lineTo(X(lattice[at]), Y(lattice[at + 1]));
      }
    }
    ctx.stroke();
    ctx.globalAlpha = 1;

    const { points } = view;
    const r = Math.max(2, side / 110);
    ctx.strokeStyle = "rgba(0,0,0,0.55)";
    for (let i = 0; i < points.length / 2; i++) {
      ctx.fillStyle = pointColour(i);
      ctx.beginPath();
      ctx.arc(X(points[2 * i]), Y(points[2 * i + 1]), r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }

  /** Nothing shown (no picture for this network, or none yet): a blank canvas, never the
   * last network's picture under a caption about another. */
  clear() {
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Size the backing store to the element's CSS box (square) and the device's pixels. */
  fit() {
    const { canvas } = this;
    const css = canvas.clientWidth || canvas.width;
    const side = Math.round(css * (globalThis.devicePixelRatio || 1));
    if (canvas.width !== side) canvas.width = side;
    if (canvas.height !== side) canvas.height = side;
    return side;
  }
}

/** The box around the data points and the lattice (finite values only). @param {PlaneView} view */
export function bounds(view) {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const xy of [view.lattice, view.points]) {
    for (let i = 0; i + 1 < xy.length; i += 2) {
      const x = xy[i], y = xy[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x0 > x1) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  return { x0, x1, y0, y1 };
}
