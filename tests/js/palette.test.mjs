// node --test: the one palette and grid painter (web/widgets/palette.js, pure maths).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BLUE, CLASS_TABLES, DIVERGING, GREY, MAP_TABLE, ORANGE, STEPS, classColour, divergingColour,
  paintClasses, paintValues, pointColour, tint,
} from "../../web/widgets/palette.js";

const entry = (table, k) => Array.from(table.subarray(k * 3, k * 3 + 3));

test("the diverging table runs orange, grey, blue", () => {
  assert.deepEqual(entry(DIVERGING, 0), ORANGE);
  assert.deepEqual(entry(DIVERGING, STEPS - 1), BLUE);
  assert.deepEqual(entry(MAP_TABLE, STEPS - 1), tint(BLUE, 0.63));
  assert.deepEqual(entry(CLASS_TABLES[2], 0), GREY);
  assert.equal(divergingColour(-5), `rgb(${ORANGE.join(",")})`);
  assert.equal(classColour(1), `rgb(${BLUE.join(",")})`);
  assert.equal(pointColour("regression"), divergingColour);
});

test("paintValues maps lo..hi onto the table, NaN to grey, discrete to the ends", () => {
  const px = new Uint8ClampedArray(4 * 4);
  paintValues(px, [0, 1, NaN, 0.6], { lo: 0, hi: 1 });
  assert.deepEqual(Array.from(px.subarray(0, 4)), [...ORANGE, 255]);
  assert.deepEqual(Array.from(px.subarray(4, 8)), [...BLUE, 255]);
  const mid = entry(DIVERGING, Math.round((STEPS - 1) / 2));
  assert.deepEqual(Array.from(px.subarray(8, 11)), mid);
  paintValues(px, [0, 1, NaN, 0.6], { lo: 0, hi: 1, discrete: true });
  assert.deepEqual(Array.from(px.subarray(12, 15)), BLUE);
});

test("paintClasses: a sure cell is its class colour, an unsure one near grey", () => {
  const px = new Uint8ClampedArray(2 * 4);
  // two cells, three classes, class-major: cell 0 sure of class 2, cell 1 undecided
  paintClasses(px, [0, 1 / 3, 0, 1 / 3, 1, 1 / 3], 3, { alpha: 1 });
  assert.deepEqual(Array.from(px.subarray(0, 3)), [0, 158, 115]);
  const grey = Array.from(px.subarray(4, 7));
  grey.forEach((v, c) => assert.ok(Math.abs(v - GREY[c]) < 60, `${grey} vs ${GREY}`));
});
