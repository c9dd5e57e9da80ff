// @ts-check
// The first picture before the engine is ready: build.py runs bpcore once (in the same Pyodide)
// for the default settings and writes dist/preview.json — the engine's `init` reply and the
// initial boundary (`grid`, no neurons) with every typed array as base64 of its raw bytes
// (little-endian). The page shows it at once; the live engine replaces it with the same numbers.

/** @param {string} b64 @returns {ArrayBuffer} */
function bytesOf(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

/**
 * preview.json's text -> {described, grid} with typed arrays, or null if it is not one.
 * @param {any} p the parsed JSON
 */
export function decodePreview(p) {
  if (!p || p.version !== 1 || !p.described || !p.grid) return null;
  const d = p.described;
  const described = { ...d, points: new Float64Array(bytesOf(d.points)), trainMask: new Uint8Array(bytesOf(d.trainMask)) };
  const grid = { size: p.grid.size, output: new Float32Array(bytesOf(p.grid.output)), neurons: [] };
  if (described.points.length !== 3 * described.trainMask.length) return null;
  return { described, grid };
}

/**
 * Does the preview show these settings? (Only the engine's settings matter.)
 * @param {Record<string, unknown>} previewSettings
 * @param {Record<string, unknown>} settings
 */
export function previewMatches(previewSettings, settings) {
  return Object.entries(previewSettings).every(([k, v]) => JSON.stringify(settings[k]) === JSON.stringify(v));
}

/** Fetch and decode the preview; null when there is none (a --cdn build, an old cache). */
export async function loadPreview(url = "preview.json") {
  try {
    const resp = await fetch(url);
    return resp.ok ? decodePreview(await resp.json()) : null;
  } catch {
    return null;
  }
}
