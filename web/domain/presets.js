// @ts-check
// Picking a data set, as pure data: a preset of the seed article (SUGGESTED) brings its own
// settings, and leaving it gives back what it changed, so a preset never traps the user. A loss
// that cannot apply to the new data (bpcore's rule, domain/loss-fit.js) falls back to
// Automatic, with a notice in plain words.

import { msg } from "./i18n.js";
import { classCount, lossMisfit as misfitOf } from "./loss-fit.js";
import { DEFAULTS, PACE, SUGGESTED } from "./settings.js";

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const preset = (name) => /** @type {Record<string, Record<string, any>>} */ (SUGGESTED)[name];

export { classCount };

/** The page's words for each code of bpcore's loss rule (loss-fit.js). */
const MISFIT_KEYS = {
  loss_needs_classification: "notice.loss_needs_classes",
  loss_needs_regression: "notice.loss_needs_values",
  loss_needs_two_classes: "notice.loss_needs_two",
};

/** Why the chosen loss cannot apply to these settings, as a catalogue message ("" if it can);
 * bpcore's rule (settings.loss_misfit), said for the data-set picker. @param {Record<string, any>} s */
export function lossMisfit(s) {
  const k = classCount(s);
  const misfit = misfitOf(k, s.loss);
  if (!misfit) return "";
  return msg(MISFIT_KEYS[misfit.code], { loss: msg(`choice.${s.loss}`), data: msg(`dataset.${s.dataset}`), count: k });
}

/**
 * @typedef {{preset: string, settings: Record<string, any>}} Before
 *   which preset is in force (also once its points were drawn on) and what it replaced
 */

/**
 * The changes that pick data set `name`, given the shown settings and what a preset replaced.
 * @param {Record<string, any>} settings what the page shows now
 * @param {string} name the data set picked
 * @param {Before | null} before what the preset in force replaced (null: no preset in force)
 * @param {Record<string, any>} [extra] other changes that come with the choice (classes)
 * @returns {{changes: Record<string, any>, before: Before | null, notice: import("./i18n.js").Message}}
 *   before: what to remember from now on
 */
export function pickDataset(settings, name, before, extra = {}) {
  const fromName = preset(settings.dataset) ? settings.dataset : before && before.preset;
  const from = fromName ? preset(fromName) : null;
  const to = preset(name);
  /** @type {Record<string, any>} */
  let changes = { dataset: name, ...extra };
  let kept = before;
  if (to) {
    // remember what the preset replaces, unless an earlier preset already did
    const replaced = before ? before.settings : Object.fromEntries(Object.keys(to).map((k) => [k, settings[k]]));
    kept = { preset: name, settings: replaced };
    changes = { ...changes, ...to };
  } else if (from) {
    // leaving: give back what the preset set and the user has not changed since (with no
    // memory, e.g. after opening a link of the preset, the defaults)
    const back = before ? before.settings : DEFAULTS;
    for (const k of Object.keys(from)) if (same(settings[k], from[k]) && k in back) changes[k] = back[k];
    kept = null;
  }
  /** @type {import("./i18n.js").Message} */
  let notice = "";
  const misfit = lossMisfit({ ...settings, ...changes });
  if (misfit) {
    changes.loss = "auto";
    notice = misfit;
  }
  return { changes, before: kept, notice };
}

/**
 * @typedef {{speed: number, stopAt: number}} Pace epochs per second (0: as fast as possible) and
 *   the epoch Play pauses at (0: none)
 */

/**
 * The pace that comes with picking data set `name`: a lesson example (bpcore's presets.PACE)
 * trains at a speed a person can watch and pauses where the lesson says; leaving it gives back
 * the pace it replaced, unless the user has changed it since.
 * @param {Pace} current the page's pace now
 * @param {string} from the data set shown
 * @param {string} name the data set picked
 * @param {Pace | null} before the pace a lesson example replaced (null: none in force)
 * @returns {{pace: Pace, before: Pace | null, notice: import("./i18n.js").Message}}
 *   notice: what the page says when the pick changed the pace ("" otherwise)
 */
export function pickPace(current, from, name, before) {
  const table = /** @type {Record<string, {speed: number, stop_at: number}>} */ (PACE);
  const to = table[name];
  if (to) {
    const pace = { speed: to.speed, stopAt: to.stop_at };
    const changed = pace.speed !== current.speed || pace.stopAt !== current.stopAt;
    const notice = !changed ? "" : pace.stopAt
      ? msg("notice.pace_stop", { speed: pace.speed, epoch: String(pace.stopAt) }) // digits as the epoch shows them
      : msg("notice.pace", { speed: pace.speed });
    return { pace, before: before || current, notice };
  }
  const was = table[from];
  if (was && before) {
    const untouched = current.speed === was.speed && current.stopAt === was.stop_at;
    return { pace: untouched ? before : current, before: null, notice: "" };
  }
  return { pace: current, before, notice: "" };
}
