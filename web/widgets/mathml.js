// @ts-check
// Tiny helpers that build MathML with createElementNS (no markup strings, no external service).
// Browsers with MathML Core (Chromium 109+, Firefox, Safari) lay it out natively.
//
//   math([msub("z", 1), "=", msub("W", 1), msub("a", 0), "+", msub("b", 1)], {label: "..."})
//
// A child may be a Node or a string; a string becomes a token by its look: digits -> <mn>,
// letters -> <mi>, anything else -> <mo>. Use mi/mn/mo/mtext to choose explicitly.

export const MATHML_NS = "http://www.w3.org/1998/Math/MathML";

function node(tag, children = []) {
  const e = document.createElementNS(MATHML_NS, tag);
  for (const c of children) e.appendChild(tok(c));
  return e;
}

function leaf(tag, text) {
  const e = document.createElementNS(MATHML_NS, tag);
  e.textContent = String(text);
  return e;
}

/** A Node stays as it is; a string or number becomes <mn>, <mi> or <mo> by its look. */
export function tok(x) {
  if (x instanceof Node) return x;
  if (typeof x === "number") return mn(x);
  const s = String(x);
  if (/^[0-9]+(\.[0-9]+)?$/.test(s)) return mn(s);
  if (/^[\p{L}]+$/u.test(s)) return mi(s);
  return mo(s);
}

export const mi = (t) => leaf("mi", t);
export const mn = (t) => leaf("mn", t);
export const mo = (t) => leaf("mo", t);
export const mtext = (t) => leaf("mtext", t);
export const mspace = (width = "0.5em") => {
  const e = node("mspace");
  e.setAttribute("width", width);
  return e;
};

export const mrow = (...kids) => node("mrow", kids);
export const msub = (base, sub) => node("msub", [base, sub]);
export const msup = (base, sup) => node("msup", [base, sup]);
export const msubsup = (base, sub, sup) => node("msubsup", [base, sub, sup]);
export const mfrac = (num, den) => node("mfrac", [num, den]);
export const munder = (base, under) => node("munder", [base, under]);

/** ( ... ) around kids; other fences by name. */
export function fenced(kids, open = "(", close = ")") {
  return mrow(mo(open), ...(Array.isArray(kids) ? kids : [kids]), mo(close));
}

/** A bracketed table of cells: rows is an array of arrays of children. */
export function mtable(rows, { open = "[", close = "]" } = {}) {
  const t = node("mtable");
  for (const r of rows) {
    const tr = node("mtr");
    for (const c of r) tr.appendChild(node("mtd", [c]));
    t.appendChild(tr);
  }
  return open || close ? mrow(mo(open), t, mo(close)) : t;
}

/** A column vector of numbers, formatted with fmt. */
export function columnVector(values, fmt = String) {
  return mtable(values.map((v) => [mn(fmt(v))]));
}

/** <math> holding the kids; display "block" or "inline"; label = a plain-text reading. */
export function math(kids, { display = "block", label = "" } = {}) {
  const m = node("math", Array.isArray(kids) ? kids : [kids]);
  m.setAttribute("display", display);
  if (label) m.setAttribute("aria-label", label);
  return m;
}
