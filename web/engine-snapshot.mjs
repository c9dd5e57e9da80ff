// The engine's memory snapshot: Python with NumPy and bpcore already imported, as a copy of the
// wasm heap. A first visit makes it once the engine is up and keeps it in Cache Storage; a
// later visit restores it instead of booting Python and importing NumPy and bpcore again.
//
// Pyodide 0.27 snapshots only a runtime without packages: NumPy's shared libraries are wasm
// modules of their own, outside the heap. So while NumPy loads on the first visit, each
// library gets a handle (Emscripten's dso record, in the heap) in which the loader writes down
// where it put the library's data and functions. Restoring replays those loads at the same
// places, then puts the heap back as it was (instantiating re-ran the libraries' data segments
// and constructors). Everything here relies on the pinned Pyodide 0.27.7's internals
// (Module.loadDynamicLibrary, LDSO, the snapshot layout), which is why a snapshot is tied to
// the build's snapshotKey and any failure drops it and boots afresh (worker.mjs).

const CACHE = "bp-engine-snapshot"; // one entry per site folder, named by its URL
const MAGIC = 1886286592; // Pyodide's snapshot header: magic, heap offset, JSON length, 0, build id
const HEADER = 48;
const HANDLE_BYTES = 64; // Emscripten's struct dso up to its name: flags, bases, sizes, file data

export class SnapshotStore {
  /** @param {URL} base the site's folder @param {string} key config.json's snapshotKey */
  constructor(base, key) {
    this.url = new URL("engine-snapshot", base).href;
    this.key = key;
    this.usable = Boolean(key && self.caches); // no Cache Storage on plain http, for one
    // the page's hint, in the worker's name (engine.js): whether one was kept for this build
    const hint = self.name || "";
    this.hinted = hint === `snapshot:${key}` || hint === "snapshot:?";
  }

  /** null if no snapshot is kept for this build (quick); else {parts}: a promise of its
   * parts (snapshotParts), still being read, null if it turns out damaged (then dropped):
   * malformed, or its checksum is not the one stored with it. checkMs: what checking took. */
  async find() {
    if (!this.usable || !this.hinted) return null;
    try {
      const hit = await (await caches.open(CACHE)).match(this.url);
      if (!hit || hit.headers.get("x-snapshot-key") !== this.key) return null;
      const sum = hit.headers.get("x-snapshot-sum");
      const parts = hit.arrayBuffer().then((b) => {
        const p = snapshotParts(new Uint8Array(b));
        const t0 = performance.now();
        const ok = Boolean(p && sum && checksum(p.segments) === sum);
        this.checkMs = performance.now() - t0;
        if (!ok) console.warn(`engine snapshot: ${p ? "checksum mismatch" : "malformed"}; booting afresh`);
        return ok ? p : null;
      }, () => null);
      return { parts: parts.then((p) => p || this.drop().then(() => null)) };
    } catch {
      return null; // storage blocked or broken: boot as on a first visit
    }
  }

  /** @param {{blob: Blob, sum: string}} made snapshotBlob's; true once stored */
  async save({ blob, sum }) {
    try {
      const headers = { "content-type": "application/octet-stream", "x-snapshot-key": this.key, "x-snapshot-sum": sum };
      await (await caches.open(CACHE)).put(this.url, new Response(blob, { headers }));
      return true;
    } catch {
      return false; // full or blocked storage: the next visit simply boots without it
    }
  }

  async drop() {
    try {
      await (await caches.open(CACHE)).delete(this.url);
    } catch {
      // nothing to drop
    }
  }
}

/** On a first visit, before packages load: note each shared library the Module M loads and
 * give it a handle. stop() puts the loader back and returns the libraries in load order. */
export function recordLibraries(M) {
  const load = M.loadDynamicLibrary;
  const libs = [];
  M.loadDynamicLibrary = function (name, flags, localScope, handle) {
    if (!handle && !M.LDSO.loadedLibsByName[name]) {
      handle = M.getMemory(HANDLE_BYTES); // zeroed: "not loaded yet", so the loader fills it in
      libs.push({ name, global: Boolean(flags.global), handle });
    }
    return load.call(this, name, flags, localScope, handle);
  };
  return { stop: () => { M.loadDynamicLibrary = load; return libs; } };
}

/** What the snapshot holds, taken where nothing JS-side is held by Python but what Pyodide
 * expects (before the Engine exists): a copy of the heap and of the hiwire state. Cheap (one
 * copy of the heap); snapshotBlob() assembles it later, off the engine's start. */
export function captureSnapshot(py, libs) {
  // Pyodide checks the hiwire table's fixed entries against a fresh runtime's: the record of
  // loaded packages must look empty while it is read
  const packages = { ...py.loadedPackages };
  for (const name of Object.keys(packages)) delete py.loadedPackages[name];
  let state;
  try {
    state = py._api.serializeHiwireState();
  } finally {
    Object.assign(py.loadedPackages, packages);
  }
  const M = py._module;
  return {
    state, libs, packages,
    heap: M.HEAPU8.slice(),
    buildId: py._api.config.BUILD_ID,
    files: () => filesUnder(M.FS, py._api.sitepackages), // unchanged since: read when assembled
  };
}

/** The snapshot as {blob, sum}: Pyodide's layout (header, JSON, heap) with our part in the
 * JSON, then the files the packages put into site-packages (the heap does not hold the file
 * system), each starting at a multiple of 4 bytes; sum: its checksum (stored with it). */
export function snapshotBlob({ state, libs, packages, heap, buildId, files }) {
  const listed = files();
  const sizes = listed.map(([path, data]) => [path, data.length]);
  const json = JSON.stringify({ ...state, bp: { libs, packages, heap: heap.length, files: sizes } });
  const heapAt = Math.ceil((HEADER + 3 * json.length) / 16) * 16; // UTF-8: 3 bytes at most
  const head = new Uint8Array(heapAt);
  const { written } = new TextEncoder().encodeInto(json, head.subarray(HEADER));
  const words = new Uint32Array(head.buffer, 0, HEADER / 4);
  words.set([MAGIC, heapAt, written, 0]);
  for (let i = 0; i < 8; i++) words[4 + i] = parseInt(buildId.slice(8 * i, 8 * i + 8), 16);
  const datas = listed.map(([, data]) => data);
  const sum = checksum([head, heap, ...datas]);
  const padded = datas.flatMap((data) => [data, new Uint8Array(padding(data.length))]);
  return { blob: new Blob([head, heap, ...padded]), sum };
}

/** Bytes after a file of `size`, so the next starts at a multiple of 4 (checksum reads words). */
const padding = (/** @type {number} */ size) => (4 - (size % 4)) % 4;

/** A checksum of the snapshot's parts (header and JSON, heap, each file), against corruption
 * (a changed byte, flipped bits, a cut or a stale part), not tampering: two 32-bit lanes, one
 * a running sum of the little-endian words, the other a sum of the first's mixed values (so
 * order matters and changes do not cancel), each part's length mixed in. ~1 add per byte/4: a
 * 50 MB snapshot in tens of ms. Each part must start at a multiple of 4 bytes. -> 16 hex */
export function checksum(parts) {
  let a = 1;
  let b = 0;
  for (const bytes of parts) {
    const n = bytes.length >> 2;
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, n);
    for (let i = 0; i < n; i++) {
      a = (a + words[i]) | 0;
      b = (b + (a ^ (a >>> 7))) | 0;
    }
    let tail = 0;
    for (let i = bytes.length - 1; i >= 4 * n; i--) tail = (tail << 8) | bytes[i];
    a = (a + tail + bytes.length) | 0;
    b = (Math.imul(b ^ (b >>> 16), 0x45d9f3b) + a) | 0;
  }
  const hex = (/** @type {number} */ x) => (x >>> 0).toString(16).padStart(8, "0");
  return hex(a) + hex(b);
}

/** [[path, bytes]] of every file under dir. */
function filesUnder(FS, dir) {
  const out = [];
  for (const name of FS.readdir(dir)) {
    if (name === "." || name === "..") continue;
    const path = `${dir}/${name}`;
    if (FS.isDir(FS.stat(path).mode)) out.push(...filesUnder(FS, path));
    else out.push([path, FS.readFile(path)]);
  }
  return out;
}

/** The snapshot's parts, or null if the bytes are not a whole snapshot of ours (header, our
 * JSON, whole 64 KiB pages of heap, the files it lists): {meta: {libs, packages, ...},
 * runtime: what loadPyodide restores, heap, files: [[path, bytes]], segments: what the
 * checksum covers}. The checksum itself is find()'s to check. */
export function snapshotParts(bytes) {
  if (bytes.byteLength < HEADER || bytes.byteOffset % 4) return null;
  const [magic, heapAt, length] = new Uint32Array(bytes.buffer, bytes.byteOffset, 3);
  if (magic !== MAGIC || heapAt < HEADER + length || heapAt > bytes.byteLength) return null;
  let meta;
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER, HEADER + length))).bp;
  } catch {
    return null;
  }
  if (!meta || !Array.isArray(meta.libs) || !Array.isArray(meta.files)) return null;
  const { heap } = meta;
  if (!(heap >= 2 ** 24 && heap % 65536 === 0)) return null;
  let at = heapAt + heap;
  const files = [];
  for (const [path, size] of meta.files) {
    if (!(size >= 0) || at + size > bytes.byteLength) return null;
    files.push([path, bytes.subarray(at, at + size)]);
    at += size + padding(size);
  }
  if (at !== bytes.byteLength) return null;
  const heapBytes = bytes.subarray(heapAt, heapAt + heap);
  return {
    meta,
    runtime: bytes.subarray(0, heapAt + heap),
    heap: heapBytes,
    files,
    segments: [bytes.subarray(0, heapAt), heapBytes, ...files.map(([, data]) => data)], // checksum's
  };
}

/** After loadPyodide({_loadSnapshot: parts.runtime}): the packages' files back into the file
 * system, their libraries loaded again where they were, and the heap as the snapshot has it.
 * No Python may run before that: the heap is about to be put back under it. */
export async function restoreLibraries(py, { meta, heap, files }) {
  const M = py._module;
  for (const [path, data] of files) {
    M.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    M.FS.writeFile(path, data);
  }
  const fs = { findObject: (p) => M.FS.findObject(p), readFile: (p) => M.FS.readFile(p) };
  for (const { name, global, handle } of meta.libs) {
    // the handle says "loaded" and where: same data and table addresses as the first time
    // (a handle that does not would put the library somewhere new: refuse instead)
    if (!(handle > 0 && M.HEAPU8[handle + 8] === 1 && M.HEAPU32[(handle + 12) >> 2] > 0)) {
      throw new Error(`the snapshot has no record of where ${name} goes`);
    }
    await M.loadDynamicLibrary(name, { loadAsync: true, nodelete: true, allowUndefined: true, global, fs },
      global ? null : {}, handle);
    const short = M.PATH.basename(name); // as Pyodide's own loader files it too
    M.LDSO.loadedLibsByName[short] ||= M.LDSO.loadedLibsByName[name];
  }
  M.HEAPU8.set(heap); // undo what instantiating the libraries wrote
  Object.assign(py.loadedPackages, meta.packages);
}
