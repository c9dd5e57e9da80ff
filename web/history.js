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

export function createHistory(limit = 100) {
  const max = Math.max(1, Math.floor(limit));
  let done = []; // actions applied, oldest first
  let undone = []; // actions reverted, most recent last

  return {
    push(action) {
      if (isEmptyAction(action)) return;
      done.push(action);
      if (done.length > max) done = done.slice(done.length - max);
      undone = [];
    },
    undo(points) {
      const action = done.pop();
      if (!action) return null;
      undone.push(action);
      return revertAction(points, action);
    },
    redo(points) {
      const action = undone.pop();
      if (!action) return null;
      done.push(action);
      return applyAction(points, action);
    },
    canUndo: () => done.length > 0,
    canRedo: () => undone.length > 0,
    clear() {
      done = [];
      undone = [];
    },
    get size() {
      return done.length;
    },
  };
}
