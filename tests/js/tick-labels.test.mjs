// node --test: which chart tick labels fit (web/domain/tick-labels.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fitLabels, within } from "../../web/domain/tick-labels.js";

test("labels that fit all stay, centred on their ticks", () => {
  const labels = [{ x: 20, width: 10 }, { x: 60, width: 20 }, { x: 100, width: 20 }];
  assert.deepEqual(fitLabels(labels, 0, 200, 4), [{ index: 0, x: 20 }, { index: 1, x: 60 }, { index: 2, x: 100 }]);
});

test("a label at an end is moved inside the plot, never cut", () => {
  const out = fitLabels([{ x: 0, width: 10 }, { x: 100, width: 24 }], 0, 100, 4);
  assert.deepEqual(out, [{ index: 0, x: 5 }, { index: 1, x: 88 }]);
});

test("labels that would touch are left out, the last one kept before its neighbour", () => {
  // "0", "1000", "2000" where 2000 sits just past 1000: "10002000" before
  const labels = [{ x: 5, width: 6 }, { x: 80, width: 24 }, { x: 96, width: 24 }];
  const out = fitLabels(labels, 0, 100, 4);
  assert.deepEqual(out.map((l) => l.index), [0, 2]);
  for (let k = 1; k < out.length; k++) {
    const a = labels[out[k - 1].index];
    const b = labels[out[k].index];
    assert.ok(out[k].x - b.width / 2 >= out[k - 1].x + a.width / 2 + 4);
  }
});

test("a label wider than the plot is not drawn; ticks past the data's ends go", () => {
  assert.deepEqual(fitLabels([{ x: 5, width: 50 }], 0, 40, 4), []);
  assert.deepEqual(within([0, 500, 1000, 1500], 0, 1200), [0, 500, 1000]);
});
