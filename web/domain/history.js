// @ts-check
// Undo/redo of edits to the drawn points, as pure logic: no DOM, no globals, nothing mutated in
// place. A point is [x1, x2, label]; a points array is a plain Array of them.
//
// Actions are data (they are also what draw.js reports at the end of a stroke):
//   {type: "add",   points: [[x1, x2, label], ...]}        appended at the end, in order
//   {type: "erase", removed: [[index, x1, x2, label], ...]} indices into the array BEFORE the
//                                                           erase, ascending
//   {type: "clear" | "import" | "replace", before: [...points], after: [...points]}
//                                                           whole-array swap (clear, CSV import,
//                                                           a new preset, ...)
//
// API
//   applyAction(points, action)  -> new points array (the action done)
//   revertAction(points, action) -> new points array (the action undone)
//   const h = createHistory(limit = 100)
//     h.push(action)        record an action the caller has ALREADY applied; drops the redo branch
//                           and the oldest entries beyond `limit`. Empty actions are ignored.
//     h.undo(points)        -> points with the last action reverted, or null if nothing to undo
//     h.redo(points)        -> points with the next action re-applied, or null
//     h.canUndo(), h.canRedo(), h.clear(), h.size  (number of undoable actions)
//
// Typical use (main.js owns `points`):
//   points = applyAction(points, stroke); history.push(stroke);
//   const p = history.undo(points); if (p) points = p;

function copyPoint(p) {
  return [p[0], p[1], p[2]];
}

/** True if applying the action would change nothing (not worth an undo step). */
export function isEmptyAction(action) {
  if (!action) return true;
  if (action.type === "add") return !action.points || action.points.length === 0;
  if (action.type === "erase") return !action.removed || action.removed.length === 0;
  return false;
}

export function applyAction(points, action) {
  switch (action.type) {
    case "add":
      return points.concat(action.points.map(copyPoint));
    case "erase": {
      const drop = new Set(action.removed.map((r) => r[0]));
      return points.filter((_, i) => !drop.has(i));
    }
    case "clear":
    case "import":
    case "replace":
      return action.after.map(copyPoint);
    default:
      throw new Error(`history: unknown action type ${JSON.stringify(action.type)}`);
  }
}

export function revertAction(points, action) {
  switch (action.type) {
    case "add":
      return points.slice(0, Math.max(0, points.length - action.points.length));
    case "erase": {
      // Re-insert in ascending index order: each index is where the point sat before the erase,
      // so after the earlier ones are back it is exactly the right slot.
      const out = points.slice();
      const rows = action.removed.slice().sort((a, b) => a[0] - b[0]);
      for (const [i, x1, x2, label] of rows) out.splice(i, 0, [x1, x2, label]);
      return out;
    }
    case "clear":
    case "import":
    case "replace":
      return action.before.map(copyPoint);
    default:
      throw new Error(`history: unknown action type ${JSON.stringify(action.type)}`);
  }
}

/** @typedef {{done: object[], undone: object[]}} History  applied actions oldest first;
 * reverted ones most recent last. A value: the functions below return new ones. */

export const EMPTY_HISTORY = Object.freeze({ done: [], undone: [] });
export const HISTORY_LIMIT = 100;

/** The history after `action` was applied (redo is forgotten; at most `limit` kept). */
export function pushed(h, action, limit = HISTORY_LIMIT) {
  if (isEmptyAction(action)) return h;
  const done = [...h.done, action];
  return { done: done.slice(Math.max(0, done.length - Math.max(1, Math.floor(limit)))), undone: [] };
}

/** Undo the last action on `points`: {history, points}, or null if there is none. */
export function undone(h, points) {
  const action = h.done.at(-1);
  if (!action) return null;
  return { history: { done: h.done.slice(0, -1), undone: [...h.undone, action] }, points: revertAction(points, action) };
}

/** Redo the last undone action: {history, points}, or null if there is none. */
export function redone(h, points) {
  const action = h.undone.at(-1);
  if (!action) return null;
  return { history: { done: [...h.done, action], undone: h.undone.slice(0, -1) }, points: applyAction(points, action) };
}

/** The same as a small object that keeps its own history value (widget tests use it). */
export function createHistory(limit = HISTORY_LIMIT) {
  let h = EMPTY_HISTORY;
  return {
    push(action) {
      h = pushed(h, action, limit);
    },
    undo(points) {
      const r = undone(h, points);
      if (r) h = r.history;
      return r && r.points;
    },
    redo(points) {
      const r = redone(h, points);
      if (r) h = r.history;
      return r && r.points;
    },
    canUndo: () => h.done.length > 0,
    canRedo: () => h.undone.length > 0,
    clear() {
      h = EMPTY_HISTORY;
    },
    get size() {
      return h.done.length;
    },
  };
}
