// A heatmap of an n x n grid of values with points on top. A dumb widget: it knows colours and
// coordinates, nothing about networks. Row 0 of the grid is the top of the view.

const ORANGE = [245, 147, 34];
const GREY = [232, 234, 235];
const BLUE = [8, 119, 189];
// more classes (blobs, drawn data): orange and blue first, as in the two-class case, then
// Okabe-Ito's bluish green, reddish purple and yellow: told apart with any colour vision
export const CLASS_COLOURS = [ORANGE, BLUE, [0, 158, 115], [204, 121, 167], [230, 200, 20]];
const BG_ALPHA = 0.63; // the map is a tint over white, so the points stand out
const STEPS = 256;

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

function tint(rgb, alpha = BG_ALPHA) {
  return rgb.map((v) => Math.round(255 + (v - 255) * alpha));
}

/** STEPS colours from orange (-1) through grey (0) to blue (+1), as TensorFlow Playground. */
function divergingTable(alpha) {
  const table = new Uint8ClampedArray(STEPS * 3);
  for (let k = 0; k < STEPS; k++) {
    const t = (k / (STEPS - 1)) * 2 - 1;
    const c = tint(t < 0 ? mix(GREY, ORANGE, -t) : mix(GREY, BLUE, t), alpha);
    table.set(c, k * 3);
  }
  return table;
}

const MAP = divergingTable(BG_ALPHA);
const SOLID = divergingTable(1);

/** The solid colour for a value in [-1, 1] as "rgb(...)". */
export function divergingColour(v) {
  const k = Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * (STEPS - 1));
  return `rgb(${SOLID[k * 3]},${SOLID[k * 3 + 1]},${SOLID[k * 3 + 2]})`;
}

export class Heatmap {
  /** canvas: the visible canvas; domain: the view [lo, hi] on both axes. */
  constructor(canvas, { domain = [-6, 6] } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.domain = domain;
    this.image = null; // the grid, one canvas pixel per cell
    this.points = null; // {xy: Float64Array n*3, train: Uint8Array n, colour(i) -> css}
    this.showTest = false;
    this.resize();
  }

  /** Match the backing store to the CSS size and the device pixel ratio. */
  resize() {
    const r = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round((r.width || this.canvas.width) * dpr));
    const h = Math.max(1, Math.round((r.height || this.canvas.height) * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
  }

  _cells(size) {
    if (!this.image || this.image.width !== size) {
      this.image = new OffscreenCanvas(size, size);
      this.imageCtx = this.image.getContext("2d");
      this.pixels = this.imageCtx.createImageData(size, size);
    }
    return this.pixels.data;
  }

  /** values: Float32Array size*size mapped linearly from [lo, hi] onto orange..blue.
   *  discrete: two colours only (the sign). */
  setValues(values, size, { lo = -1, hi = 1, discrete = false } = {}) {
    const px = this._cells(size);
    const scale = (STEPS - 1) / (hi - lo);
    const mid = (STEPS - 1) / 2;
    for (let i = 0, n = size * size; i < n; i++) {
      let k = (values[i] - lo) * scale;
      k = k !== k ? mid : k < 0 ? 0 : k > STEPS - 1 ? STEPS - 1 : k; // NaN -> grey
      if (discrete) k = k < mid ? 0 : STEPS - 1;
      const c = (k | 0) * 3;
      const p = i * 4;
      px[p] = MAP[c];
      px[p + 1] = MAP[c + 1];
      px[p + 2] = MAP[c + 2];
      px[p + 3] = 255;
    }
    this.imageCtx.putImageData(this.pixels, 0, 0);
  }

  /** probs: Float32Array classes*size*size, class-major; each cell is the classes' colours
   *  blended by their probabilities (grey where the network is unsure); discrete: the likeliest
   *  class's colour only. */
  setClasses(probs, size, classes, { discrete = false } = {}) {
    const px = this._cells(size);
    const n = size * size;
    const cols = CLASS_COLOURS.slice(0, classes).map((c) => tint(c));
    const grey = tint(GREY);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let r = 0, g = 0, b = 0;
      for (let c = 0; c < classes; c++) {
        const p = probs[c * n + i];
        if (p > probs[best * n + i]) best = c;
        r += p * cols[c][0];
        g += p * cols[c][1];
        b += p * cols[c][2];
      }
      const q = i * 4;
      if (discrete) {
        px[q] = cols[best][0]; px[q + 1] = cols[best][1]; px[q + 2] = cols[best][2];
      } else {
        // the blend, pulled towards grey as the likeliest class's probability falls to 1/K
        const sure = Math.max(0, (probs[best * n + i] - 1 / classes) / (1 - 1 / classes));
        const u = 0.35 + 0.65 * sure;
        px[q] = grey[0] + (r - grey[0]) * u;
        px[q + 1] = grey[1] + (g - grey[1]) * u;
        px[q + 2] = grey[2] + (b - grey[2]) * u;
      }
      px[q + 3] = 255;
    }
    this.imageCtx.putImageData(this.pixels, 0, 0);
  }

  /** xy: Float64Array n*3 [x1, x2, label]; train: Uint8Array n (1 = training point);
   *  colour(label) -> css colour. */
  setPoints(xy, train, colour) {
    this.points = xy ? { xy, train, colour } : null;
  }

  clear() {
    this.image = null;
  }

  /** Paint the map, then the training points (white ring) and, if shown, the test points
   *  (dark ring). */
  draw() {
    const { ctx, canvas } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, W, H);
    if (this.image) {
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(this.image, 0, 0, W, H);
    }
    if (!this.points) return;
    const { xy, train, colour } = this.points;
    const [lo, hi] = this.domain;
    const sx = W / (hi - lo);
    const sy = H / (hi - lo);
    const r = Math.max(2, W / 110);
    ctx.lineWidth = Math.max(1, r / 3);
    for (const pass of [1, 0]) {
      if (pass === 0 && !this.showTest) break;
      ctx.strokeStyle = pass ? "#fff" : "#222";
      for (let i = 0, n = train.length; i < n; i++) {
        if (train[i] !== pass) continue;
        const x = (xy[i * 3] - lo) * sx;
        const y = (hi - xy[i * 3 + 1]) * sy;
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fillStyle = colour(xy[i * 3 + 2]);
        ctx.fill();
        ctx.stroke();
      }
    }
  }

  /** Ring the point with this index (the inspected one), after draw(). */
  mark(index) {
    if (!this.points || index < 0 || index * 3 >= this.points.xy.length) return;
    const { ctx, canvas } = this;
    const [lo, hi] = this.domain;
    const x = ((this.points.xy[index * 3] - lo) / (hi - lo)) * canvas.width;
    const y = ((hi - this.points.xy[index * 3 + 1]) / (hi - lo)) * canvas.height;
    const r = Math.max(2, canvas.width / 110) * 2.2;
    ctx.lineWidth = Math.max(1.5, r / 4);
    ctx.strokeStyle = "#111";
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.stroke();
  }
}
