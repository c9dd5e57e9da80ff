// @ts-check
// A time span as a message, rounded as a person says an estimate: "40 seconds", "12 minutes",
// "3 hours", "2 days" (the catalogue's plural forms). Pure: no DOM.

import { msg } from "./i18n.js";

const UNITS = /** @type {[string, number][]} */ ([
  ["time.days", 86_400_000],
  ["time.hours", 3_600_000],
  ["time.minutes", 60_000],
]);

/** ms -> a message with its count in the largest unit that is at least 1 (seconds below a
 * minute, at least 1). @param {number} ms @returns {import("./i18n.js").Message} */
export function duration(ms) {
  for (const [key, size] of UNITS) {
    if (ms >= size) return msg(key, { count: Math.round(ms / size) });
  }
  return msg("time.seconds", { count: Math.max(1, Math.round(ms / 1000)) });
}
