// node --test: the diagram's column widths (web/domain/column-width.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_COL, MIN_COL, MIN_GAP, NARROW_COL, clampColumn, columnShare, guessColumns, shrinkColumns } from "../../web/domain/column-width.js";

test("hidden columns share what the fixed columns and the gaps leave", () => {
  assert.equal(columnShare(1000, 200, 4), Math.floor((1000 - 200 - 5 * MIN_GAP) / 4));
  assert.equal(clampColumn(500), MAX_COL);
  assert.equal(clampColumn(3), MIN_COL);
  assert.equal(clampColumn(50), 50);
});

test("the guess before building: wide, narrow, clamped, or nothing to fit", () => {
  assert.equal(guessColumns(0, 3), null);
  assert.equal(guessColumns(800, 0), null);
  assert.deepEqual(guessColumns(1280, 2), { width: MAX_COL, narrow: false });
  // 10 layers at 1280 px: (1280 - 180 - 44) / 10 = 105 -> MAX_COL
  assert.deepEqual(guessColumns(1280, 10), { width: MAX_COL, narrow: false });
  // a phone: narrow headers, and the narrower fixed columns leave more
  const g = /** @type {{width: number, narrow: boolean}} */ (guessColumns(400, 4));
  assert.equal(g.narrow, true);
  assert.ok(columnShare(400, 180, 4) < NARROW_COL);
  assert.equal(g.width, clampColumn(columnShare(400, 140, 4)));
  assert.deepEqual(guessColumns(360, 10), { width: MIN_COL, narrow: true });
});

test("an overflow is taken back from the hidden columns, never below MIN_COL", () => {
  assert.equal(shrinkColumns(80, 41, 4), 80 - 11);
  assert.equal(shrinkColumns(32, 100, 4), MIN_COL);
});
