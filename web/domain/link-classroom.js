// @ts-check
// A share link's classroom part (as bpcore/link/classroom.py): the controls and panels it hides
// and a goal for the class. In the payload JSON: "hide": [name, ...] and "goal": {"metric",
// "target"[, "neurons"]}. An unknown name, or a goal the page cannot track, is dropped with a
// notice. What each name hides is web/classroom.css's; the names are CLASSROOM.hideable. Pure.
//
//   hidePart(raw, note) -> names    goalPart(raw, note) -> goal | null
//   checkClassroom(hide, goal) -> {hide, goal} as the payload holds them (throws RangeError)
//   goalProblem(goal) -> why not | null

import { show } from "./link-notices.js";
import { CLASSROOM } from "./settings.js";

export const HIDE_KEY = "hide", GOAL_KEY = "goal";
export const HIDEABLE = /** @type {readonly string[]} */ (CLASSROOM.hideable);
const METRICS = /** @type {Record<string, "below" | "above">} */ (CLASSROOM.goalMetrics);

/** @typedef {{metric: string, target: number, neurons?: number}} Goal */

const isNumber = (/** @type {unknown} */ v) => typeof v === "number" && Number.isFinite(v);

/** A goal as the payload holds it -> null if the page can track it, else why not. @param {unknown} goal */
export function goalProblem(goal) {
  if (typeof goal !== "object" || goal === null || Array.isArray(goal)) return "not a goal";
  const g = /** @type {Record<string, unknown>} */ (goal);
  if (Object.keys(g).some((k) => !["metric", "target", "neurons"].includes(k))) return "not a goal";
  const { metric, target } = g;
  if (typeof metric !== "string" || !Object.hasOwn(METRICS, metric)) return "metric";
  if (!isNumber(target)) return "target";
  const t = /** @type {number} */ (target);
  if (metric.startsWith("acc") && !(t >= 0 && t <= 1)) return "target";
  if (metric.startsWith("r2") && t > 1) return "target";
  if (metric.startsWith("loss") && t <= 0) return "target";
  const n = g.neurons;
  if (Object.hasOwn(g, "neurons") && !(isNumber(n) && Number.isInteger(n) && /** @type {number} */ (n) >= 1 && /** @type {number} */ (n) <= CLASSROOM.maxGoalNeurons)) return "neurons";
  return null;
}

/** The payload object's hidden names, in HIDEABLE's order (a bad entry dropped, named).
 * @param {Record<string, unknown>} raw @param {{add: (code: string, params?: Record<string, any>) => void}} note */
export function hidePart(raw, note) {
  if (!Object.hasOwn(raw, HIDE_KEY)) return [];
  const names = raw[HIDE_KEY];
  if (!Array.isArray(names)) {
    note.add("hide_not_list", { got: show(names), then: "dropped" });
    return [];
  }
  names.forEach((name, index) => {
    if (typeof name !== "string" || !HIDEABLE.includes(name)) note.add("hide_unknown", { index, got: show(name), then: "dropped" });
  });
  return HIDEABLE.filter((h) => names.includes(h));
}

/** The payload object's goal, or null (one the page cannot track is dropped, named).
 * @param {Record<string, unknown>} raw @param {{add: (code: string, params?: Record<string, any>) => void}} note
 * @returns {Goal | null} */
export function goalPart(raw, note) {
  if (!Object.hasOwn(raw, GOAL_KEY)) return null;
  const goal = raw[GOAL_KEY];
  if (goalProblem(goal) !== null) {
    note.add("goal_bad", { got: show(goal), then: "dropped" });
    return null;
  }
  const g = /** @type {Goal} */ (goal);
  return Object.hasOwn(g, "neurons") ? { metric: g.metric, target: g.target, neurons: g.neurons } : { metric: g.metric, target: g.target };
}

/** -> {hide, goal} as the payload holds them; throws RangeError for a name or goal a link cannot
 * hold (as bpcore's encode_link raises). @param {readonly string[] | undefined} hide @param {Goal | null | undefined} goal */
export function checkClassroom(hide = [], goal = null) {
  const bad = hide.find((h) => !HIDEABLE.includes(h));
  if (bad !== undefined) throw new RangeError(`hide: ${JSON.stringify(bad)} is not a control a link can hide`);
  if (goal != null && goalProblem(goal) !== null) throw new RangeError(`goal: ${JSON.stringify(goal)} is not a goal the page can track`);
  return { hide: HIDEABLE.filter((h) => hide.includes(h)), goal: goal ?? null };
}

/** Which way the goal's metric must go: "below" (a loss, at most the target) or "above" (a score, at least). @param {string} metric */
export const goalWay = (metric) => METRICS[metric];
