// node --test: the hidden-layer view's choice always fits the network (web/domain/plane.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { validChoice } from "../../web/domain/plane.js";

test("a layer past the last hidden one is the last; neurons past the width are the last two", () => {
  assert.deepEqual(validChoice({ layer: 5, axes: "pca" }, [2, 4, 3, 1]), { layer: 1, axes: "pca" });
  assert.deepEqual(validChoice({ layer: 0, axes: [6, 7] }, [2, 4, 1]), { layer: 0, axes: [3, 0] });
  assert.deepEqual(validChoice({ layer: 1, axes: [2, 1] }, [2, 4, 3, 1]), { layer: 1, axes: [2, 1] });
});

test("two different neurons, and principal components for a layer of one", () => {
  assert.deepEqual(validChoice({ layer: 0, axes: [1, 1] }, [2, 3, 1]), { layer: 0, axes: [1, 0] });
  assert.deepEqual(validChoice({ layer: 0, axes: [0, 0] }, [2, 3, 1]), { layer: 0, axes: [0, 1] });
  assert.deepEqual(validChoice({ layer: 0, axes: [0, 1] }, [2, 1, 1]), { layer: 0, axes: "pca" });
});
