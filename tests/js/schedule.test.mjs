// node --test: the training pump's policy (web/schedule.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  GRID, MAP_MIN_MS, MAP_SHARE, MAX_CHUNK, THUMB, THUMB_MIN_MS, TRAIN_MS,
  isDue, measured, newClock, nextChunkSize, planStep,
} from "../../web/domain/schedule.js";

test("a chunk aims at TRAIN_MS of training, changing by at most 2x", () => {
  assert.equal(nextChunkSize(10, TRAIN_MS), 10);
  assert.equal(nextChunkSize(10, TRAIN_MS / 4), 20); // capped at 2x
  assert.equal(nextChunkSize(10, TRAIN_MS * 4), 5); // at most halved
  assert.equal(nextChunkSize(10, TRAIN_MS / 1.25), 13);
  assert.equal(nextChunkSize(1, TRAIN_MS * 10), 1); // never below one epoch
  assert.equal(nextChunkSize(MAX_CHUNK, 0), MAX_CHUNK); // nor above the cap
});

test("a chunk that trained nothing keeps the size (it is no measure of speed)", () => {
  // a rule stopped the chunk before it, or the engine was elsewhere: its ~0 ms would double
  // the size every reply, up to MAX_CHUNK epochs that block Pause for seconds
  assert.equal(nextChunkSize(0, 0.01, 40), 40);
  assert.equal(nextChunkSize(-3, 0.01, 40), 40);
  assert.equal(nextChunkSize(40, TRAIN_MS / 4, 40), 80); // one that trained is a measure
});

test("a picture is due after its minimum interval, later when it is costly", () => {
  assert.ok(isDue(0, -Infinity, 0, MAP_MIN_MS, MAP_SHARE));
  assert.ok(!isDue(60, 0, 1, MAP_MIN_MS, MAP_SHARE));
  assert.ok(isDue(67, 0, 1, MAP_MIN_MS, MAP_SHARE));
  // a 30 ms map may take only 15% of the worker: every 200 ms
  assert.ok(!isDue(199, 0, 30, MAP_MIN_MS, MAP_SHARE));
  assert.ok(isDue(200, 0, 30, MAP_MIN_MS, MAP_SHARE));
});

test("the first request brings the map; thumbnails ride on the next chunk", () => {
  let { request, clock } = planStep(newClock(), 1000, { epochs: 3, thumbs: true, focusHidden: false });
  assert.deepEqual(request, { epochs: 3, gridSize: GRID, neurons: false });
  ({ request, clock } = planStep(clock, 1010, { epochs: 3, thumbs: true, focusHidden: false }));
  assert.deepEqual(request, { epochs: 3, thumbSize: THUMB });
  ({ request, clock } = planStep(clock, 1020, { epochs: 3, thumbs: true, focusHidden: false }));
  assert.deepEqual(request, { epochs: 3 }); // nothing due: pure training
  ({ request } = planStep(clock, 1000 + MAP_MIN_MS, { epochs: 3, thumbs: true, focusHidden: false }));
  assert.equal(request.gridSize, GRID);
});

test("no thumbnails while the diagram is hidden; a focused neuron gets the full map", () => {
  let { request, clock } = planStep(newClock(), 0, { epochs: 1, thumbs: false, focusHidden: true });
  assert.deepEqual(request, { epochs: 1, gridSize: GRID, neurons: true });
  ({ request } = planStep(clock, 10, { epochs: 1, thumbs: true, focusHidden: true }));
  assert.equal(request.thumbSize, undefined);
  ({ request } = planStep(clock, THUMB_MIN_MS + 1, { epochs: 1, thumbs: false, focusHidden: false }));
  assert.equal(request.thumbSize, undefined);
});

test("what a picture cost spaces the next one", () => {
  const sent = { epochs: 1, gridSize: GRID, neurons: false };
  const clock = measured({ ...newClock(), mapAt: 0 }, { train: 5, grid: 40, thumbs: 0 }, sent);
  assert.equal(clock.mapMs, 40);
  assert.equal(clock.thumbMs, 0); // not asked for: unchanged
  assert.equal(planStep(clock, 250, { epochs: 1, thumbs: false, focusHidden: false }).request.gridSize, undefined);
  assert.equal(planStep(clock, 40 / MAP_SHARE, { epochs: 1, thumbs: false, focusHidden: false }).request.gridSize, GRID);
});
