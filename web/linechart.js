// A small line chart of a few series over a shared x (e.g. train and test loss per epoch).
// A dumb widget: add points, draw. Keeps at most `maxPoints` by thinning old ones in half.

export class LineChart {
  /** canvas; colours: one css colour per series. */
  constructor(canvas, colours, { maxPoints = 1000 } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.colours = colours;
    this.maxPoints = maxPoints;
    this.reset();
  }

  reset() {
    this.xs = [];
    this.series = this.colours.map(() => []);
  }

  /** x: a number; ys: one number per series (non-finite values are skipped when drawn). */
  add(x, ys) {
    this.xs.push(x);
    ys.forEach((y, k) => this.series[k].push(y));
    if (this.xs.length > this.maxPoints) {
      const keep = (_, i) => i % 2 === 0 || i === this.xs.length - 1;
      this.xs = this.xs.filter(keep);
      this.series = this.series.map((s) => s.filter(keep));
    }
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
    let top = 0;
    for (const s of this.series) for (const y of s) if (Number.isFinite(y) && y > top) top = y;
    if (top <= 0) top = 1;
    const x0 = this.xs[0];
    const span = Math.max(1, this.xs[n - 1] - x0);
    const pad = 2 * dpr;
    const px = (x) => pad + ((x - x0) / span) * (W - 2 * pad);
    const py = (y) => H - pad - (y / top) * (H - 2 * pad);
    ctx.lineWidth = 1.5 * dpr;
    this.series.forEach((s, k) => {
      ctx.strokeStyle = this.colours[k];
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(s[i])) {
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
