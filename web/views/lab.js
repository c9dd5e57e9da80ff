// @ts-check
// The lab's panel from the state: the exercises, the chosen one in the page's language (its
// content: web/lab/, one data module per language), the code, and the last run's or check's
// result said in words: the lab's sentences (`lab.check.*`, `lab.mistake.*`, `lab.error.*`,
// with their numbers) come from the lab's content, the panel's own words from the catalogue
// (`lab.ui.*`, domain/messages/). Draws when the lab's state or the language changes.

import { tr } from "./i18n.js";

/**
 * The lab's content in one language (views/lab-content.js makes it from web/lab/).
 * @typedef {{title: (id: string) => string, statement: (id: string) => string[],
 *   hints: (id: string) => string[], starter: (id: string) => string,
 *   say: (key: string, params?: Record<string, unknown>) => string}} LabContent
 *   say: "" for a key the content has no sentence for (then the panel's general words)
 */

/** The worker's status in words (lab-runner.js's statuses). */
const STATUS = { booting: "lab.ui.status_booting", ready: "lab.ui.status_ready", running: "lab.ui.status_running",
  restarting: "lab.ui.status_restarting", failed: "lab.ui.status_failed" };
/** Why a run has no result. */
const FAILED = { lab_stopped: "lab.ui.stopped", lab_time_limit: "lab.ui.time_limit" };

/** A relative error as a short number ("3.2E-10"). @param {ReturnType<typeof tr>} t @param {number} x */
const relNumber = (t, x) => (x === 0 ? t.number(0) : t.number(x, { notation: "scientific", maximumSignificantDigits: 2 }));

/**
 * The result's part of the panel. @param {ReturnType<typeof tr>} t @param {LabContent} c
 * @param {any} result the state's lab.result (null: nothing run yet)
 * @returns {import("../widgets/lab-results.js").LabResultsModel}
 */
export function resultsModel(t, c, result) {
  const words = {
    output: t.t("lab.ui.output"), noOutput: t.t("lab.ui.no_output"), showAll: t.t("lab.ui.show_all"),
    showLess: t.t("lab.ui.show_less"), clipped: t.t("lab.ui.python_clipped"), checks: t.t("lab.ui.checks"),
    traceback: t.t("lab.ui.traceback"), curve: t.t("lab.ui.curve"), curveName: t.t("lab.ui.curve_name"),
    epochLoss: (/** @type {number} */ x, /** @type {string} */ v) => t.t("lab.ui.curve_readout", { epoch: String(x), loss: v }),
  };
  const none = { words, key: "", output: null, pythonClipped: false, error: null, verdict: "", verdictPassed: null, checks: [], mistake: "", curve: null,
    format: (/** @type {number} */ y) => t.number(y, { maximumSignificantDigits: 4 }) };
  if (!result) return none;
  const key = String(result.n);
  if (result.kind === "failed") {
    const e = result.error;
    const verdict = e.code in FAILED ? t.t(FAILED[/** @type {"lab_stopped"} */ (e.code)], e.params) : t.t("lab.ui.failed", { message: e.message });
    return { ...none, key, verdict, verdictPassed: false };
  }
  const v = result.value;
  const error = v.error && {
    message: c.say(v.error.key, v.error.params) || t.t("lab.ui.error_unexplained"),
    where: v.error.line ? t.t("lab.ui.error_line", { line: v.error.line }) : "",
    codeLine: v.error.code_line || "",
    traceback: v.error.traceback || "",
  };
  const ms = Math.round(v.ms || 0);
  let verdict;
  let verdictPassed = null;
  if (result.kind === "check") {
    const failed = v.checks.filter((/** @type {any} */ k) => !k.passed).length;
    verdictPassed = Boolean(v.passed);
    if (v.passed) verdict = t.t("lab.ui.passed_all", { count: v.checks.length, ms });
    else if (v.error && !v.checks.length) verdict = t.t("lab.ui.check_error");
    else verdict = t.t("lab.ui.failed_some", { count: failed, total: v.checks.length });
  } else {
    verdict = v.error ? t.t("lab.ui.run_error") : t.t("lab.ui.ran", { ms });
    verdictPassed = v.error ? false : null;
  }
  const checks = (v.checks || []).map((/** @type {any} */ k) => ({
    passed: Boolean(k.passed),
    text: c.say(k.key, k.params) || t.t(k.passed ? "lab.ui.check_holds" : "lab.ui.check_fails"),
    relError: typeof k.rel_error === "number" ? t.t("lab.ui.rel_error", { value: relNumber(t, k.rel_error) }) : "",
  }));
  return {
    ...none, key, output: v.output ?? "", pythonClipped: Boolean(v.clipped), error, verdict, verdictPassed, checks,
    mistake: v.mistake ? c.say(v.mistake.key, v.mistake.params) : "",
    curve: Array.isArray(v.curve) ? v.curve : null,
  };
}

/**
 * @param {import("../widgets/lab-panel.js").LabPanel} panel
 * @param {{contentIn: (lang: string) => LabContent, ids: string[], plugs: Record<string, boolean>,
 *   plugAvailable: boolean, section: HTMLElement}} deps section: #lab (shown open or closed)
 * @returns {(s: any, prev: any) => void}
 */
export function labView(panel, { contentIn, ids, plugs, plugAvailable, section }) {
  return (s, prev) => {
    const lab = s.lab;
    if (lab === prev.lab && s.lang === prev.lang) return;
    section.classList.toggle("is-open", lab.open);
    if (!lab.open || !lab.exercise) return;
    const t = tr(s.lang);
    const c = contentIn(s.lang);
    const id = lab.exercise;
    const seen = Math.min(lab.hints[id] || 0, c.hints(id).length);
    const title = c.title(id);
    const passed = lab.progress[id] === "passed";
    panel.show({
      words: {
        exercises: t.t("lab.ui.exercises"), passed: t.t("lab.ui.passed"), hint: t.t("lab.ui.hint"),
        hintsHead: t.t("lab.ui.hints"), noHintsLeft: t.t("lab.ui.no_hints_left"), run: t.t("lab.ui.run"),
        check: t.t("lab.ui.check"), stop: t.t("lab.ui.stop"), reset: t.t("lab.ui.reset"),
        usePlayground: t.t("lab.ui.use"), editorHelp: t.t("lab.ui.editor_help"),
        editorLabel: t.t("lab.ui.editor_label", { title }), code: t.t("lab.ui.code"),
      },
      exercises: ids.map((x, i) => ({ id: x, title: t.t("lab.ui.numbered", { n: i + 1, title: c.title(x) }),
        passed: lab.progress[x] === "passed", current: x === id })),
      exercise: { key: `${s.lang} ${id} ${seen}`, id, title, statement: c.statement(id), hints: c.hints(id).slice(0, seen),
        hintsLeft: c.hints(id).length - seen },
      code: lab.code[id] ?? c.starter(id),
      running: Boolean(lab.running),
      busy: lab.status === "booting" || lab.status === "restarting",
      status: lab.status in STATUS ? t.t(STATUS[/** @type {"ready"} */ (lab.status)]) : "",
      plug: { shown: Boolean(plugs[id] && passed && plugAvailable), note: t.t("lab.ui.use_note") },
      results: resultsModel(t, c, lab.result && lab.result.exercise === id ? lab.result : null),
    });
  };
}
