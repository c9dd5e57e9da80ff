// @ts-check
// Drawn data: strokes (the pen's actions), undo/redo, clear, the problem type of drawn points,
// CSV import and export. Drawing on a preset first makes its points the drawn set, so a stroke
// edits what the user sees, and says so; drawn points that land in the test set (bpcore's split:
// per point, so adding one never moves another) stay in sight as light rings (views/map.js).

import { applyAction, pushed, redone, undone } from "../domain/history.js";
import { msg } from "../domain/i18n.js";
import { quantizePoints } from "../domain/link.js";
import { classesUsed, convertLabels, toRows } from "../domain/points.js";
import { pickDataset, pickPace } from "../domain/presets.js";
import { decodeText } from "../domain/text.js";
import { MAX_CLASSES, MAX_CSV_CHARS, MAX_POINTS } from "../domain/settings.js";
import { savePoints } from "./storage.js";
import { engineReady, isCustom, noticeOf, problemOf, shownRows } from "./store.js";

const TEXT = {
  noPointsYet: msg("notice.no_points_yet"),
};

/**
 * @param {{store: import("./store.js").Store, engine: any,
 *   session: ReturnType<typeof import("./session.js").createSessionActions>}} deps
 */
export function createDrawing({ store, engine, session }) {
  const { get, update } = store;

  /** New drawn points (saved at once; storage never throws) and the history after them. */
  function setDrawn(rows, history = get().history) {
    savePoints(rows);
    update({ drawn: rows, history });
  }

  /** Replace the drawn points as one undoable step. */
  function replaceDrawn(rows) {
    setDrawn(rows, pushed(get().history, { type: "replace", before: get().drawn, after: rows }));
  }

  /** The settings that make the shown preset the drawn set (its points copied, quantised).
   * "Show test data" stays as the user had it: drawn test points are shown anyway, lightly
   * (views/map.js), so none vanishes. */
  function customFromPreset() {
    const s = get();
    const problem = problemOf(s);
    replaceDrawn(quantizePoints(shownRows(s), problem));
    return { dataset: "custom", problem, classes: Math.max(2, (s.session && s.session.classes) || 2) };
  }

  /** What a stroke changed beyond its points, said: a preset became "Your own points", and a
   * trained network starts again (new data: the link could not replay the run otherwise).
   * @param {string} from the data set before the stroke @param {number} epoch the epoch before */
  function sayStroke(from, epoch) {
    const n = get().drawn.length;
    if (from !== "custom") update({ notice: msg("notice.drawn_on_preset", { data: msg(`dataset.${from}`), count: n, epoch }) });
    else if (epoch > 0) update({ notice: msg("notice.drawn_restart", { epoch }) });
  }

  /** A finished stroke from the pen: one undoable action. Drawing on a preset adds to its
   * points, also during loading (the build-time preview shows them); with no points shown yet
   * there is nothing to add to, and the notice says so. */
  function commitStroke(action) {
    if (!isCustom(get()) && !get().session) {
      update({ erasing: null, notice: TEXT.noPointsYet });
      return;
    }
    const from = get().settings.dataset, epoch = get().metrics ? get().metrics.epoch : 0;
    const changes = isCustom(get()) ? {} : customFromPreset();
    const problem = changes.problem || get().settings.problem;
    const act = action.type === "add" ? { ...action, points: quantizePoints(action.points, problem) } : action;
    const drawn = applyAction(get().drawn, act);
    setDrawn(drawn, pushed(get().history, act));
    update({ erasing: null });
    if (problem === "classification") {
      changes.classes = Math.max(changes.classes || get().settings.classes, classesUsed(drawn));
    }
    session.apply(changes, { points: true }).then((r) => r && r.rebuilt && sayStroke(from, epoch));
  }

  /** While erasing: the points as they would be after the stroke so far. */
  function previewStroke(stroke) {
    if (stroke.type === "erase") update({ erasing: applyAction(shownRows(get()), stroke) });
  }

  /** @param {boolean} redo */
  function undoRedo(redo) {
    const s = get();
    const r = redo ? redone(s.history, s.drawn) : undone(s.history, s.drawn);
    if (!r) return;
    setDrawn(r.points, r.history);
    session.apply({ dataset: "custom" }, { points: true });
  }

  function clear() {
    replaceDrawn([]);
    session.apply({ dataset: "custom" }, { points: true });
  }

  /** Toggle a drawing mode ("add" | "erase"). @param {string} mode */
  function setMode(mode) {
    update({ mode: get().mode === mode ? "off" : mode });
  }

  /** A data set picked in the menu, with what that choice implies: an article preset brings
   * its settings, leaving it gives them back, and a loss that cannot apply falls back (with a
   * notice), so every data set is reachable from every other. @param {string} name */
  async function chooseDataset(name) {
    const s = get();
    const extra = {};
    if (name === "custom" && s.settings.problem !== "regression") {
      extra.classes = Math.min(MAX_CLASSES, Math.max(2, classesUsed(s.drawn), s.settings.classes));
    }
    const pick = pickDataset(s.settings, name, s.presetBefore, extra);
    // a lesson example trains at a pace a person can watch (and says so); leaving gives it back
    const pace = pickPace({ speed: s.speed, stopAt: s.settings.stop_at }, s.settings.dataset, name, s.paceBefore);
    update({ presetBefore: pick.before, speed: pace.pace.speed, paceBefore: pace.before });
    if (name === "custom" && s.mode === "off") setMode("add");
    await session.apply({ ...pick.changes, stop_at: pace.pace.stopAt }); // the stop is a setting
    const notice = pick.notice || pace.notice;
    if (notice && !get().notice) update({ notice });
  }

  /** The drawn points' problem type changed: carry the labels across. @param {string} to */
  function setProblem(to) {
    replaceDrawn(convertLabels(get().drawn, to, get().settings.classes));
    session.apply({ problem: to, loss: "auto" }, { points: true });
  }

  /** A CSV file's points replace the drawn ones. The file says what it is (the engine infers
   * it: whole numbers 0..4 are classes, other labels values in [-1, 1]) and the notice says
   * what was read. @param {File | undefined} file */
  async function importCsv(file) {
    if (!file || !engineReady(get())) return;
    if (file.size > MAX_CSV_CHARS) { // refused unread: a huge file would only keep the engine busy
      const mb = (/** @type {number} */ n) => Math.round(n / 1e5) / 10;
      const reason = { code: "csv_too_big", mb: mb(file.size), max_points: MAX_POINTS, max_mb: mb(MAX_CSV_CHARS) };
      update({ notice: msg("notice.csv_refused", { file: file.name, reason }) });
      return;
    }
    try {
      // its own encoding (UTF-16 too), or refused: a notice never quotes raw NUL characters
      const text = decodeText(new Uint8Array(await file.arrayBuffer()));
      if (text === null) {
        update({ notice: msg("notice.csv_refused", { file: file.name, reason: { code: "csv_not_text" } }) });
        return;
      }
      const r = await engine.request("parseCsv", { text });
      const rows = quantizePoints(toRows(r.points), r.problem);
      replaceDrawn(rows);
      const regression = r.problem === "regression";
      const k = regression ? Math.max(get().settings.classes, 2) : r.classes;
      await session.apply({ dataset: "custom", problem: r.problem, classes: k }, { points: true });
      const labels = toRows(r.points).map((p) => p[2]); // the file's own values, not quantised ones
      const [lo, hi] = [Math.min(...labels), Math.max(...labels)];
      update({ notice: regression
        ? msg("notice.imported_values", { count: r.count, file: file.name, lo, hi })
        : msg("notice.imported_classes", { count: r.count, file: file.name, classes: k, hi }) });
    } catch (err) {
      update({ notice: msg("notice.csv_refused", { file: file.name, reason: noticeOf(err) }) });
    }
  }

  /** The engine's points as CSV text, or null (the notice says why). */
  async function exportCsv() {
    if (!engineReady(get())) return null;
    try {
      return (await engine.request("exportCsv", {})).text;
    } catch (err) {
      update({ notice: noticeOf(err) });
      return null;
    }
  }

  return { commitStroke, previewStroke, undoRedo, clear, setMode, chooseDataset, setProblem, importCsv, exportCsv, setDrawn, replaceDrawn };
}
