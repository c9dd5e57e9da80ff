// @ts-check
// The figure for slides: the network diagram, the map and the loss chart as the user sees them
// (their canvases, their words in the page's language, their boxes and colours), painted onto one
// canvas. The page's parts are DOM with canvases inside, so each is painted element by element:
// boxes (background, border), canvases and text where the browser laid them out. SVG icons and
// form controls' chrome are left out; a <select> shows its chosen option's words.
//
//   paintFigure({title, parts: [diagram, map, chart]}, scale) -> HTMLCanvasElement
//     the title line on top, the diagram on the left, the map and the chart on the right

const PAD = 16; // CSS pixels around and between the parts
const TITLE = 28; // the title line's height

/** @param {string} colour */
const visible = (colour) => Boolean(colour) && colour !== "transparent" && !/rgba\(.*,\s*0\)$/.test(colour);

/**
 * Paint `root` and what it holds onto ctx, `origin` (a DOMRect) at (0, 0), in CSS pixels.
 * @param {CanvasRenderingContext2D} ctx @param {Element} root @param {DOMRect} origin
 */
function paintTree(ctx, root, origin) {
  const walk = (/** @type {Element} */ el, /** @type {number} */ opacity) => {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") return;
    const alpha = opacity * Number(style.opacity || 1);
    if (alpha <= 0.01) return;
    if (el instanceof SVGElement) return; // icons: left out
    const r = el.getBoundingClientRect();
    const x = r.left - origin.left, y = r.top - origin.top;
    ctx.globalAlpha = alpha;
    if (visible(style.backgroundColor)) {
      ctx.fillStyle = style.backgroundColor;
      ctx.beginPath();
      ctx.roundRect(x, y, r.width, r.height, parseFloat(style.borderTopLeftRadius) || 0);
      ctx.fill();
    }
    const border = parseFloat(style.borderTopWidth);
    if (border > 0 && visible(style.borderTopColor) && style.borderTopStyle !== "none") {
      ctx.strokeStyle = style.borderTopColor;
      ctx.lineWidth = border;
      ctx.beginPath();
      ctx.roundRect(x + border / 2, y + border / 2, r.width - border, r.height - border, parseFloat(style.borderTopLeftRadius) || 0);
      ctx.stroke();
    }
    if (el instanceof HTMLCanvasElement && el.width && el.height) {
      ctx.drawImage(el, x, y, r.width, r.height);
      return;
    }
    if (el instanceof HTMLSelectElement) {
      const option = el.selectedOptions[0];
      if (option) text(ctx, option.text, x + 6, y + r.height / 2, style, "middle");
      return;
    }
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.textContent && child.textContent.trim()) {
        const range = document.createRange();
        range.selectNodeContents(child);
        const box = range.getBoundingClientRect();
        if (box.width > 0) text(ctx, child.textContent.trim().replace(/\s+/g, " "), box.left - origin.left, box.top - origin.top + box.height / 2, style, "middle");
      } else if (child instanceof Element) {
        walk(child, alpha);
      }
    }
  };
  walk(root, 1);
  ctx.globalAlpha = 1;
}

/** @param {CanvasRenderingContext2D} ctx @param {string} words @param {number} x @param {number} y
 * @param {CSSStyleDeclaration} style @param {CanvasTextBaseline} baseline */
function text(ctx, words, x, y, style, baseline) {
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.fillStyle = style.color;
  ctx.textBaseline = baseline;
  ctx.textAlign = "left";
  ctx.fillText(style.textTransform === "uppercase" ? words.toUpperCase() : words, x, y);
}

/** A part of the page painted on its own canvas (CSS pixels times `scale`). @param {Element} el @param {number} scale */
function paintPart(el, scale) {
  const r = el.getBoundingClientRect();
  const c = document.createElement("canvas");
  c.width = Math.max(1, Math.round(r.width * scale));
  c.height = Math.max(1, Math.round(r.height * scale));
  const ctx = /** @type {CanvasRenderingContext2D} */ (c.getContext("2d"));
  ctx.scale(scale, scale);
  paintTree(ctx, el, r);
  return { canvas: c, width: r.width, height: r.height };
}

/**
 * The figure: the title on top, the first part (the diagram) on the left, the others (the map,
 * the chart) stacked on the right, on the page's background colour.
 * @param {{title: string, parts: Element[], background?: string, colour?: string, into?: HTMLCanvasElement}} what
 * @param {number} scale device pixels per CSS pixel (2 for a picture at twice the size)
 */
export function paintFigure({ title, parts, background = "#fff", colour = "#111", into }, scale) {
  const [left, ...right] = parts.map((p) => paintPart(p, scale));
  const rightWidth = Math.max(0, ...right.map((p) => p.width));
  const rightHeight = right.reduce((h, p) => h + p.height, 0) + PAD * Math.max(0, right.length - 1);
  const width = PAD * 3 + left.width + rightWidth;
  const height = PAD * 2 + TITLE + Math.max(left.height, rightHeight);
  const c = into ?? document.createElement("canvas");
  const w = Math.round(width * scale), h = Math.round(height * scale);
  if (c.width !== w || c.height !== h) Object.assign(c, { width: w, height: h });
  const ctx = /** @type {CanvasRenderingContext2D} */ (c.getContext("2d"));
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.scale(scale, scale);
  ctx.font = `600 16px ${getComputedStyle(document.body).fontFamily}`;
  ctx.fillStyle = colour;
  ctx.textBaseline = "middle";
  ctx.fillText(title, PAD, PAD + TITLE / 2 - 4);
  const top = PAD + TITLE;
  ctx.drawImage(left.canvas, PAD, top, left.width, left.height);
  let y = top;
  for (const p of right) {
    ctx.drawImage(p.canvas, PAD * 2 + left.width, y, p.width, p.height);
    y += p.height + PAD;
  }
  return c;
}
