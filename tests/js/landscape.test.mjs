// The loss landscape's arithmetic (web/domain/landscape.js): band sizes, the colour scale and
// its levels, the lattice's coordinates, and marching squares against known crossings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FIRST_BAND, TARGET_MS, contourSegments, coordinate, levelsOf, nextBand, position, scaleOf, valueAt } from "../../web/domain/landscape.js";

test("a band is about TARGET_MS of work, at least one point, at most the points left", () => {
  assert.equal(nextBand(1681, null), FIRST_BAND);
  assert.equal(nextBand(2, null), 2);
  assert.equal(nextBand(1681, TARGET_MS / 10), 10);
  assert.equal(nextBand(1681, 10 * TARGET_MS), 1); // a slow network: a point at a time
  assert.equal(nextBand(5, 0.001), 5);
  assert.equal(nextBand(1681, 0), FIRST_BAND); // not measured
});

test("the scale spans the finite losses, log from a factor of 4", () => {
  assert.deepEqual(scaleOf([0.5, NaN, 1.5, Infinity]), { lo: 0.5, hi: 1.5, log: false });
  assert.deepEqual(scaleOf([0.1, 0.4, 2]), { lo: 0.1, hi: 2, log: true });
  assert.equal(scaleOf([NaN, Infinity]), null);
  const flat = scaleOf([0.3, 0.3]);
  assert.ok(flat && flat.hi > flat.lo); // one value: a scale all the same
  assert.equal(scaleOf([-1, 3])?.log, false); // negative values: never log
});

test("position and valueAt are inverses, clipped at the ends", () => {
  for (const scale of [{ lo: 0.1, hi: 10, log: true }, { lo: -2, hi: 2, log: false }]) {
    for (const t of [0, 0.25, 0.5, 1]) assert.ok(Math.abs(position(scale, valueAt(scale, t)) - t) < 1e-12);
    assert.equal(position(scale, scale.hi * 100), 1);
    assert.equal(position(scale, Infinity), 1);
    assert.ok(Number.isNaN(position(scale, NaN)));
  }
  assert.ok(Math.abs(valueAt({ lo: 0.1, hi: 10, log: true }, 0.5) - 1) < 1e-12); // geometric middle
});

test("levels lie strictly inside the scale, evenly spaced on it", () => {
  const scale = { lo: 1, hi: 11, log: false };
  assert.deepEqual(levelsOf(scale, 4), [3, 5, 7, 9]);
  const log = levelsOf({ lo: 0.01, hi: 100, log: true }, 3);
  assert.deepEqual(log.map((v) => Number(v.toPrecision(6))), [0.1, 1, 10]);
});

test("the lattice runs from -span to span with 0 in the middle", () => {
  assert.equal(coordinate(2, 41, 0), -2);
  assert.equal(coordinate(2, 41, 20), 0);
  assert.equal(coordinate(2, 41, 40), 2);
  assert.equal(coordinate(2, 1, 0), 0);
});

test("marching squares: a circle's level set crosses each edge where the values say", () => {
  // a bowl v = x^2 + y^2 on a 5 x 5 lattice around (2, 2): the level 1.5 is a closed ring
  const n = 5, v = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v.push((i - 2) ** 2 + (j - 2) ** 2);
  const seg = contourSegments(v, n, n, 1.5);
  assert.equal(seg.length % 4, 0);
  assert.ok(seg.length / 4 >= 8); // the ring passes through 8 cells (around the centre)
  for (let k = 0; k < seg.length; k += 2) {
    const r2 = (seg[k] - 2) ** 2 + (seg[k + 1] - 2) ** 2;
    assert.ok(r2 > 1 - 1e-9 && r2 < 2 + 1e-9, `point at r^2 = ${r2}`); // between the lattice's rings
  }
  // an edge from 1 to 2 (cells next to the centre) is cut at its middle for 1.5
  assert.ok(seg.some((x, k) => k % 2 === 0 && Math.abs(x - 2.5) < 1e-12 && seg[k + 1] === 1)
    || seg.some((x, k) => k % 2 === 0 && Math.abs(x - 1.5) < 1e-12 && seg[k + 1] === 1));
});

test("marching squares: a cell with a value that is not finite draws nothing, a saddle two lines", () => {
  assert.deepEqual(contourSegments([0, 1, NaN, 1], 2, 2, 0.5), []);
  const saddle = contourSegments([0, 1, 1, 0], 2, 2, 0.5); // row-major: a=0 b=1 / d=1 c=0
  assert.equal(saddle.length, 8);
  assert.deepEqual(contourSegments([0, 0, 0, 0], 2, 2, 0.5), []);
});
