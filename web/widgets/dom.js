// @ts-check
// Small DOM builders the widgets share (createElement only; text goes in as textContent).

const SVG_NS = "http://www.w3.org/2000/svg";

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

export function svg(tag, cls) {
  const e = document.createElementNS(SVG_NS, tag);
  if (cls) e.setAttribute("class", cls);
  return e;
}

export function button(cls, text, label, key) {
  const b = el("button", cls, text);
  b.type = "button";
  b.setAttribute("aria-label", label);
  b.dataset.key = key;
  return b;
}

export function setUnavailable(b, off) {
  if (off) b.setAttribute("aria-disabled", "true");
  else b.removeAttribute("aria-disabled");
}

/** Size a canvas's backing store to its CSS box in device pixels (its attributes when it has no
 * box yet) and clear it: -> {W, H, dpr}. */
export function fitToBox(canvas) {
  const r = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const W = Math.max(1, Math.round((r.width || canvas.width) * dpr));
  const H = Math.max(1, Math.round((r.height || canvas.height) * dpr));
  if (canvas.width !== W || canvas.height !== H) {
    canvas.width = W;
    canvas.height = H;
  }
  canvas.getContext("2d").clearRect(0, 0, W, H);
  return { W, H, dpr };
}
