// @ts-check
// A text file's bytes -> its text, whatever Unicode encoding it was saved in: a byte order mark
// says UTF-8, UTF-16LE or UTF-16BE; without one, NUL bytes at every other position say UTF-16
// (ASCII text saved as UTF-16, as spreadsheet programs do), else UTF-8. Text that still holds
// NUL characters is not text (null): no notice ever quotes raw control characters. Pure: no DOM.

/** @param {Uint8Array} b @returns {string | null} */
export function decodeText(b) {
  let enc = "utf-8", skip = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) skip = 3;
  else if (b[0] === 0xff && b[1] === 0xfe) [enc, skip] = ["utf-16le", 2];
  else if (b[0] === 0xfe && b[1] === 0xff) [enc, skip] = ["utf-16be", 2];
  else enc = sixteen(b) || enc;
  const text = new TextDecoder(enc).decode(b.subarray(skip));
  return text.includes("\u0000") ? null : text;
}

/** UTF-16 without a byte order mark: in the first bytes, most even (BE) or odd (LE) positions
 * NUL and the others not. @param {Uint8Array} b @returns {string | null} */
function sixteen(b) {
  const n = Math.min(b.length, 512) & ~1;
  if (n < 2) return null;
  let even = 0, odd = 0;
  for (let k = 0; k < n; k += 2) {
    if (b[k] === 0 && b[k + 1] !== 0) even += 1;
    if (b[k + 1] === 0 && b[k] !== 0) odd += 1;
  }
  const pairs = n / 2;
  if (even > 0.9 * pairs) return "utf-16be";
  if (odd > 0.9 * pairs) return "utf-16le";
  return null;
}
