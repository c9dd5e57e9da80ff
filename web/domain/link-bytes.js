// @ts-check
// The bytes of a share link (web/domain/link.js): base64url without padding, the CRC-32 checksum
// and a bounded pipe through a (de)compression stream. Pure: no DOM.

const FEED = 1024; // compressed bytes handed to the inflater at a time (bounds its output)

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function b64url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const k = Math.min(bytes.length - i, 3) + 1;
    for (let j = 0; j < k; j++) s += B64[(v >> (18 - 6 * j)) & 63];
  }
  return s;
}

export function unb64url(s) {
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < s.length; i++) {
    acc = ((acc << 6) | B64.indexOf(s[i])) & 0xffffff;
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
  }
  return out;
}

let crcTable = null;

/** CRC-32 (the one of zlib, PNG and gzip) of the bytes: an unsigned 32-bit number. */
export function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export async function pipe(bytes, stream, limit) {
  // -> Uint8Array, or "big" past `limit` bytes, or "bad" when the stream errors
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stop = false;
  (async () => {
    try {
      for (let i = 0; i < bytes.length && !stop; i += FEED) await writer.write(bytes.subarray(i, i + FEED));
      if (!stop) await writer.close();
    } catch { /* the reader below sees the error */ }
  })();
  const parts = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      total += chunk.length;
      if (total > limit) {
        stop = true;
        reader.cancel().catch(() => {});
        return "big";
      }
      parts.push(chunk);
    }
  } catch {
    return "bad";
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

