// @ts-check
// A classroom link's goal (domain/link-classroom.js): what it asks, whether the run meets it, and
// its words. A loss goal is met at or below its target, a score (accuracy, R²) at or above; a
// goal with `neurons` also asks for at most that many hidden neurons in all. Pure: no DOM.

import { msg } from "./i18n.js";
import { goalWay } from "./link-classroom.js";

/** @typedef {import("./link-classroom.js").Goal} Goal */

/** The hidden neurons of a network, all layers. @param {number[]} layers */
export const hiddenNeurons = (layers) => layers.reduce((a, b) => a + b, 0);

/** Does the run meet the goal now? @param {Goal} goal @param {Record<string, any> | null} metrics @param {number[]} layers */
export function goalMet(goal, metrics, layers) {
  const v = metrics ? metrics[camel(goal.metric)] : null;
  if (typeof v !== "number" || !Number.isFinite(v) || metrics?.diverged) return false;
  if (goal.neurons !== undefined && hiddenNeurons(layers) > goal.neurons) return false;
  return goalWay(goal.metric) === "below" ? v <= goal.target : v >= goal.target;
}

/** The goal a step asks the engine to watch (bpcore/goal.py, epoch by epoch): the classroom's
 * until it is reached. @param {{goal: Goal | null, reached: {epoch: number} | null}} room */
export const goalToWatch = (room) => (room.goal && !room.reached ? room.goal : undefined);

/** The classroom after a step whose reply says `goalAt` (the first epoch the run met the goal,
 * the same whatever the page's chunks): reached there, unless already reached.
 * @template {{goal: Goal | null, reached: {epoch: number} | null}} R @param {R} room @param {unknown} goalAt @returns {R} */
export function withGoalAt(room, goalAt) {
  return typeof goalAt !== "number" || !room.goal || room.reached ? room : { ...room, reached: { epoch: goalAt } };
}

/** loss_test -> lossTest (the metrics' keys). @param {string} name */
export const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** The target as the page writes it: a loss as a number, an accuracy as a percentage. @param {Goal} goal */
export const targetText = (goal) => (goal.metric.startsWith("acc") ? `${Number((100 * goal.target).toFixed(2))}%` : String(goal.target));

/** The goal in words: "Goal: test loss at most 0.1, with at most 8 hidden neurons". @param {Goal} goal */
export function goalMessage(goal) {
  const params = { metric: msg(`goal.metric.${goal.metric}`), target: targetText(goal) };
  const way = goalWay(goal.metric);
  return goal.neurons === undefined ? msg(`goal.text_${way}`, params) : msg(`goal.text_${way}_neurons`, { ...params, count: goal.neurons });
}

/** Why this run can never meet the goal, as a catalogue key, or "": it measures no such score
 * (accuracy in a regression, R² in a classification), or no test set (the article's sets train on
 * every point). @param {Goal} goal @param {Record<string, any> | null} metrics */
export function unreachable(goal, metrics) {
  if (!metrics) return "";
  const v = metrics[camel(goal.metric)];
  if (v === undefined) return goal.metric.startsWith("acc") ? "goal.needs_classification" : "goal.needs_regression";
  return v === null && goal.metric.endsWith("_test") ? "goal.no_test_set" : "";
}

/** Where the run stands: reached (with the epoch), out of reach here, too many neurons, or not
 * yet. @param {Goal} goal @param {{epoch: number} | null} reached @param {number[]} layers
 * @param {Record<string, any> | null} [metrics] the run's (which scores it measures) */
export function goalStatus(goal, reached, layers, metrics = null) {
  if (reached) return msg("goal.reached", { epoch: reached.epoch });
  const why = unreachable(goal, metrics);
  if (why) return msg(why);
  if (goal.neurons !== undefined && hiddenNeurons(layers) > goal.neurons) {
    return msg("goal.too_many_neurons", { count: hiddenNeurons(layers), max: goal.neurons });
  }
  return msg("goal.not_yet");
}
