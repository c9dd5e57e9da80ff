// @ts-check
// What the drawing widget paints on its own canvas, over the data map: an add-stroke's points
// at once (before the page redraws them), the eraser's ring, the keyboard's crosshair. All in
// CSS px: measure() reads the canvas box and sizes its pixels to it. Part of widgets/draw.js.

const DOT_RADIUS = 4; // CSS px, as the data map's points

export class DrawOverlay {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {(label: number) => string} colour an added point's colour
   * @param {number} radius the eraser's, CSS px
   */
  constructor(canvas, colour, radius) {
    this.canvas = canvas;
    this.ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
    this.colour = colour;
    this.radius = radius;
    // the canvas box in CSS px, read once per stroke (reading layout on every move is slow)
    this.width = 1;
    this.height = 1;
    this.left = 0;
    this.top = 0;
  }

  /** Read the box; match the canvas's pixels to it (device pixels). */
  measure() {
    const { canvas } = this;
    const r = canvas.getBoundingClientRect();
    this.width = r.width || canvas.width || 1;
    this.height = r.height || canvas.height || 1;
    this.left = r.left;
    this.top = r.top;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(this.width * dpr));
    const h = Math.max(1, Math.round(this.height * dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    this.ctx.setTransform(canvas.width / this.width, 0, 0, canvas.height / this.height, 0, 0);
  }

  /** A pointer event's position in the box, CSS px. @returns {[number, number]} */
  local(e) {
    return [e.clientX - this.left, e.clientY - this.top];
  }

  clear() {
    const { ctx, canvas } = this;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
  }

  /** A point of label `l` at (px, py). */
  dot(px, py, l) {
    const { ctx } = this;
    ctx.beginPath();
    ctx.arc(px, py, DOT_RADIUS, 0, 2 * Math.PI);
    ctx.fillStyle = this.colour(l);
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.stroke();
  }

  /** The eraser's reach around (px, py). */
  ring(px, py) {
    const { ctx } = this;
    ctx.beginPath();
    ctx.arc(px, py, this.radius, 0, 2 * Math.PI);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "rgba(0,0,0,0.55)";
    ctx.setLineDash([3, 3]);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = "rgba(255,255,255,0.18)";
    ctx.fill();
  }

  /** The keyboard's crosshair at (px, py), with the eraser's ring when erasing. */
  crosshair(px, py, erasing) {
    const { ctx } = this;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "rgba(0,0,0,0.75)";
    ctx.beginPath();
    for (const [dx, dy] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
      ctx.moveTo(px + dx * 10, py + dy * 10);
      ctx.lineTo(px + dx * 3, py + dy * 3);
    }
    ctx.stroke();
    if (erasing) this.ring(px, py);
  }
}
