// node --test: the diagram's link geometry (web/domain/link-geometry.js): the curve, picking the
// nearest link (checked against a dense sampling of the curves), the keyboard order, the widths.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  MAX_WIDTH_W, WIDTH_STEPS, batchLooks, curvePath, curvePoint, ease, gapStyle, linkAt, linkCount, linkIndex,
  linkKeyTarget, pickLink, rise, tAt, widthBatches,
} from "../../web/domain/link-geometry.js";

const close = (a, b, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test("a link runs from its source's right edge to its target's left edge, level at both ends", () => {
  const s = [10, 40, 100];
  const d = [200, 260, 20];
  assert.deepEqual(curvePoint(s, d, 0), { x: 40, y: 100 });
  assert.deepEqual(curvePoint(s, d, 1), { x: 200, y: 20 });
  const mid = curvePoint(s, d, 0.5);
  close(mid.x, 120);
  close(mid.y, 60);
  // the Bézier with both control points at the middle x, evaluated from its definition
  const bez = (p0, p1, p2, p3, t) => (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t * t * p2 + t ** 3 * p3;
  for (const t of [0.1, 0.3, 0.77]) {
    close(curvePoint(s, d, t).x, bez(40, 120, 120, 200, t));
    close(curvePoint(s, d, t).y, bez(100, 100, 20, 20, t));
  }
  assert.equal(curvePath(s, d), "M40.0,100.0C120.0,100.0 120.0,20.0 200.0,20.0");
});

test("tAt inverts the horizontal basis", () => {
  for (let u = 0; u <= 1; u += 0.05) close(ease(tAt(u)), u, 1e-9);
  assert.equal(tAt(0), 0);
  assert.equal(tAt(1), 1);
  close(rise(0.5), 0.5);
});

/** Anchors of columns of sizes `sizes`, columns `gap` px apart, neurons `dy` px apart. */
function anchors(sizes, gap = 120, dy = 30) {
  return sizes.map((n, c) => Array.from({ length: n }, (_, k) => [c * gap, c * gap + 20, 15 + k * dy + (c % 2) * 7]));
}

/** The nearest link by sampling every curve densely: [distance, {l, i, j}]. */
function nearestBySampling(gaps, A, x, y) {
  let best = [Infinity, null];
  gaps.forEach((g, l) => {
    for (let i = 0; i < g.nOut; i++) {
      for (let j = 0; j < g.nIn; j++) {
        for (let k = 0; k <= 4000; k++) {
          const p = curvePoint(A[l][j], A[l + 1][i], k / 4000);
          const dist = Math.hypot(p.x - x, p.y - y);
          if (dist < best[0]) best = [dist, { l, i, j }];
        }
      }
    }
  });
  return best;
}

test("picking finds the link under the pointer, as a dense sampling of the curves does", () => {
  const sizes = [3, 4, 2];
  const gaps = [{ nIn: 3, nOut: 4 }, { nIn: 4, nOut: 2 }];
  const A = anchors(sizes);
  // on a link: that link
  for (const [l, i, j, t] of [[0, 2, 1, 0.3], [1, 1, 3, 0.6], [0, 0, 2, 0.9]]) {
    const p = curvePoint(A[l][j], A[l + 1][i], t);
    assert.deepEqual(pickLink(gaps, A, p.x, p.y, 6), { l, i, j });
  }
  // anywhere between the columns (links are picked only there): the nearest within 6 px, or
  // none (ties aside: a margin of 0.5 px each way)
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  let picked = 0;
  for (let n = 0; n < 150; n++) {
    const x = n % 2 ? 20 + rand() * 100 : 140 + rand() * 100;
    const y = rand() * 120;
    const [dist, ref] = nearestBySampling(gaps, A, x, y);
    const got = pickLink(gaps, A, x, y, 6);
    if (dist < 5.5) {
      assert.ok(got, `nothing picked at ${x},${y} (a link ${dist} px away)`);
      const [gotDist] = nearestBySampling([gaps[got.l]], [A[got.l], A[got.l + 1]], x, y);
      assert.ok(gotDist <= dist + 0.5, `picked a link ${gotDist} px away, ${JSON.stringify(ref)} is ${dist}`);
      picked++;
    } else if (dist > 6.5) {
      assert.equal(got, null);
    }
  }
  assert.ok(picked > 10, `only ${picked} points near a link`);
});

test("the keyboard order: per gap, per target, its bias then each source", () => {
  const gaps = [{ nIn: 2, nOut: 3 }, { nIn: 3, nOut: 1 }];
  assert.equal(linkCount(gaps), 3 * 3 + 1 * 4);
  assert.deepEqual(linkAt(gaps, 0), { l: 0, i: 0, j: -1 });
  assert.deepEqual(linkAt(gaps, 4), { l: 0, i: 1, j: 0 });
  assert.deepEqual(linkAt(gaps, 9), { l: 1, i: 0, j: -1 });
  assert.equal(linkAt(gaps, 13), null);
  assert.equal(linkAt(gaps, -1), null);
  for (let k = 0; k < linkCount(gaps); k++) {
    const r = /** @type {any} */ (linkAt(gaps, k));
    assert.equal(linkIndex(gaps, r.l, r.i, r.j), k);
  }
  assert.equal(linkKeyTarget(gaps, 3, "ArrowDown"), 4);
  assert.equal(linkKeyTarget(gaps, 12, "ArrowDown"), 12);
  assert.equal(linkKeyTarget(gaps, 0, "ArrowUp"), 0);
  assert.equal(linkKeyTarget(gaps, 5, "Home"), 0);
  assert.equal(linkKeyTarget(gaps, 5, "End"), 12);
  assert.equal(linkKeyTarget(gaps, 2, "ArrowRight"), 9 + 2); // the same place in the next gap
  assert.equal(linkKeyTarget(gaps, 7, "ArrowRight"), 12); // ... or its last link
  assert.equal(linkKeyTarget(gaps, 11, "ArrowLeft"), 2);
  assert.equal(linkKeyTarget(gaps, 11, "ArrowRight"), -1); // no gap after the last
  assert.equal(linkKeyTarget(gaps, 1, "ArrowLeft"), -1);
  assert.equal(linkKeyTarget(gaps, 1, "a"), null);
});

test("weights go into batches by sign and width step; thin ones are drawn first", () => {
  const values = [0, -0.1, 4, 9, -2, 0.25, -4, NaN];
  const { order, starts } = widthBatches(values);
  assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
  const batchOf = new Map();
  for (let b = 0; b + 1 < starts.length; b++) for (let m = starts[b]; m < starts[b + 1]; m++) batchOf.set(order[m], b);
  const P = WIDTH_STEPS + 1;
  assert.equal(batchOf.get(0), P); // 0 counts as positive, thinnest
  assert.equal(batchOf.get(1), Math.round((0.1 / MAX_WIDTH_W) * WIDTH_STEPS));
  assert.equal(batchOf.get(2), P + WIDTH_STEPS);
  assert.equal(batchOf.get(3), P + WIDTH_STEPS); // clipped at MAX_WIDTH_W
  assert.equal(batchOf.get(4), WIDTH_STEPS / 2);
  assert.equal(batchOf.get(6), WIDTH_STEPS);
  assert.equal(batchOf.get(7), P); // NaN: the thinnest
  const looks = batchLooks(gapStyle(2, 3));
  assert.equal(looks.length, 2 * P);
  assert.deepEqual(looks.slice(0, 3).map((x) => [x.b, x.positive]), [[0, false], [P, true], [1, false]]);
  for (let o = 2; o < looks.length; o++) assert.ok(looks[o].width >= looks[o - 2].width);
  assert.equal(looks.at(-1)?.width, gapStyle(2, 3).max);
  assert.equal(looks[0].width, gapStyle(2, 3).min);
  assert.ok(gapStyle(64, 64).max < gapStyle(8, 8).max);
});

test("picking measures the distance across a steep link, not straight down", () => {
  // one link from (20, 0) to (100, 240): at its middle it climbs 3 px per px
  const gaps = [{ nIn: 1, nOut: 1 }];
  const A = [[[0, 20, 0]], [[100, 120, 240]]];
  const mid = curvePoint(A[0][0], A[1][0], 0.5);
  const slope = (240 * (6 * 0.5 - 6 * 0.25)) / (80 * (1.5 - 1.5 + 0.75)); // dy/dt over dx/dt
  assert.equal(slope, 6);
  const n = [slope / Math.hypot(1, slope), -1 / Math.hypot(1, slope)]; // unit normal
  for (const [off, hit] of [[5.5, true], [-5.5, true], [6.5, false], [-6.5, false]]) {
    const got = pickLink(gaps, A, mid.x + n[0] * off, mid.y + n[1] * off, 6);
    assert.equal(!!got, hit, `${off} px across`);
  }
});
