// @ts-check
// A small line chart of a few series over a shared x (e.g. train and test loss per epoch).
// A dumb widget: add points, draw. Long runs stay cheap: when `maxPoints` is reached, neighbouring
// pairs are merged (x of the later one, the mean of the ys), so the history keeps its shape
// in half the points. `log` draws the y axis on a log scale (non-positive values are skipped).

export class LineChart {
  /** canvas; colours: one css colour per series (or a function returning them, read per draw). */
  constructor(canvas, colours, { maxPoints = 1000 } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.colours = colours;
    this.maxPoints = maxPoints;
    this.log = false;
    this.reset();
  }

  reset() {
    this.xs = [];
    const n = typeof this.colours === "function" ? this.colours().length : this.colours.length;
    this.series = Array.from({ length: n }, () => []);
  }

  /** x: a number; ys: one number per series (null and non-finite values are gaps). */
  add(x, ys) {
    const last = this.xs.length - 1;
    if (last >= 0 && this.xs[last] === x) {
      ys.forEach((y, k) => { this.series[k][last] = y; }); // same x again: replace
      return;
    }
    this.xs.push(x);
    ys.forEach((y, k) => this.series[k].push(y));
    if (this.xs.length > this.maxPoints) this._halve();
  }

  _halve() {
    const n = this.xs.length;
    const pairs = (arr, merge) => {
      const out = [];
      for (let i = 0; i + 1 < n; i += 2) out.push(merge(arr[i], arr[i + 1]));
      if (n % 2) out.push(arr[n - 1]);
      return out;
    };
    const mean = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? (a + b) / 2 : Number.isFinite(b) ? b : a);
    this.xs = pairs(this.xs, (a, b) => b);
    this.series = this.series.map((s) => pairs(s, mean));
  }

  get length() {
    return this.xs.length;
  }

  draw() {
    const { canvas, ctx } = this;
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const W = Math.max(1, Math.round((r.width || canvas.width) * dpr));
    const H = Math.max(1, Math.round((r.height || canvas.height) * dpr));
    if (canvas.width !== W || canvas.height !== H) {
      canvas.width = W;
      canvas.height = H;
    }
    ctx.clearRect(0, 0, W, H);
    const n = this.xs.length;
    if (n < 1) return;
    const log = this.log;
    const ok = (y) => Number.isFinite(y) && (!log || y > 0);
    const f = log ? Math.log10 : (y) => y;
    let top = -Infinity;
    let bottom = Infinity;
    for (const s of this.series) {
      for (const y of s) {
        if (!ok(y)) continue;
        const v = f(y);
        if (v > top) top = v;
        if (v < bottom) bottom = v;
      }
    }
    if (top === -Infinity) return;
    if (!log) bottom = 0;
    if (top - bottom < 1e-12) top = bottom + (log ? 1 : Math.max(1, Math.abs(bottom)));
    const x0 = this.xs[0];
    const span = Math.max(1, this.xs[n - 1] - x0);
    const pad = 2 * dpr;
    const px = (x) => pad + ((x - x0) / span) * (W - 2 * pad);
    const py = (y) => H - pad - ((f(y) - bottom) / (top - bottom)) * (H - 2 * pad);
    const colours = typeof this.colours === "function" ? this.colours() : this.colours;
    ctx.lineWidth = 1.5 * dpr;
    ctx.lineJoin = "round";
    this.series.forEach((s, k) => {
      ctx.strokeStyle = colours[k];
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < n; i++) {
        if (!ok(s[i])) {
          pen = false;
          continue;
        }
        if (pen) ctx.lineTo(px(this.xs[i]), py(s[i]));
        else ctx.moveTo(px(this.xs[i]), py(s[i]));
        pen = true;
      }
      ctx.stroke();
    });
  }
}
