// @ts-check
// A formula tree (domain/stage-formulas.js: the lesson's, the inspector's and the walk bar's
// one notation) drawn as MathML through widgets/mathml.js: no markup is parsed from a string.
//
//   formulaNode(tree, {number, word}) -> Node   number(name): a named number's text ("#name");
//                                               word(key): a catalogue message (["text", key])
//   pieces(tree) -> [{f, afterGap}]             the tree cut where a narrow screen may wrap

import { fenced, mi, mn, mo, mrow, mspace, mfrac, msub, msup, mtable, mtext, munder, tok } from "./mathml.js";

/**
 * @param {any} f
 * @param {{number?: (name: string) => string, word?: (key: string) => string}} [how]
 * @returns {Node}
 */
export function formulaNode(f, how = {}) {
  const of = (/** @type {any} */ x) => formulaNode(x, how);
  if (typeof f === "string" && f.startsWith("#")) {
    const n = mn(how.number ? how.number(f.slice(1)) : f);
    n.setAttribute("class", "lesson-num");
    n.setAttribute("data-number", f.slice(1)); // which number of numbers.js (tests read it)
    return n;
  }
  if (typeof f === "string") return tok(f);
  const [tag, ...kids] = f;
  switch (tag) {
    case "row": return mrow(...kids.map(of));
    case "sub": return msub(of(kids[0]), of(kids[1]));
    case "sup": return msup(of(kids[0]), of(kids[1]));
    case "frac": return mfrac(of(kids[0]), of(kids[1]));
    case "paren": return fenced(kids.map(of));
    case "bracket": return fenced(kids.map(of), "[", "]");
    case "col": return mtable(kids.map((k) => [of(k)]));
    case "matrix": return mtable(kids.map((row) => row.map(of)));
    case "mi": return mi(kids[0]);
    case "mn": return mn(kids[0]);
    case "sum": return munder(mo("∑"), mi(kids[0]));
    case "text": return mrow(mspace("0.4em"), mtext(how.word ? how.word(kids[0]) : kids[0]), mspace("0.4em"));
    case "gap": case "break": return mspace("1.2em"); // (only inside a piece: see pieces())
    default: throw new Error(`a formula has an unknown part: ${tag}`);
  }
}

/** A formula cut where it may wrap: at its top level's ["gap"] (between two statements) and
 * ["break"] (before an "="). MathML does not break lines; a narrow screen wraps the pieces.
 * @param {any} f @returns {{f: any, afterGap: boolean}[]} */
export function pieces(f) {
  if (!Array.isArray(f) || f[0] !== "row") return [{ f, afterGap: false }];
  const out = [{ f: ["row"], afterGap: false }];
  for (const k of f.slice(1)) {
    if (Array.isArray(k) && (k[0] === "gap" || k[0] === "break")) out.push({ f: ["row"], afterGap: k[0] === "gap" });
    else out[out.length - 1].f.push(k);
  }
  return out.filter((p) => p.f.length > 1);
}
