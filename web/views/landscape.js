// @ts-check
// The loss landscape's panel from the state (slice `landscape`, app/landscape.js): its words in
// the page's language, the progress while it computes, what was computed and when, and the two
// plots of the result (the slice's colour scale chosen here: domain/landscape.js scaleOf).

import { say } from "../domain/i18n.js";
import { scaleOf } from "../domain/landscape.js";
import { tr } from "./i18n.js";

/**
 * @param {import("../widgets/landscape-panel.js").LandscapePanel} panel
 * @returns {(s: any, prev: any) => void}
 */
export function landscapeView(panel) {
  let lang = "";
  let scaled = /** @type {{result: any, scale: any}} */ ({ result: null, scale: null });
  return (s, prev) => {
    const ls = s.landscape;
    const epoch = s.metrics ? s.metrics.epoch : null;
    const changed = ls !== prev.landscape || s.lang !== lang || (ls.result && epoch !== (prev.metrics && prev.metrics.epoch));
    if (!changed || !ls.open) return;
    const t = tr(s.lang);
    if (s.lang !== lang) {
      lang = s.lang;
      panel.setWords(t.t);
    }
    const r = ls.result;
    if (r && scaled.result !== r) scaled = { result: r, scale: scaleOf(r.loss) };
    panel.show({
      computing: ls.status === "computing",
      progress: ls.progress,
      status: statusOf(ls, epoch, t),
      line: r ? r.line : null,
      slice: r ? { loss: r.loss, size: r.size, rows: r.rows, span: r.span, path: r.path, scale: scaled.scale } : null,
      scale: r ? scaled.scale : null,
    });
  };
}

/** What the panel says about the computation. @param {any} ls @param {number | null} epoch
 * @param {ReturnType<typeof tr>} t */
function statusOf(ls, epoch, t) {
  const r = ls.result;
  switch (ls.status) {
    case "computing":
      return t.t("landscape.computing", { percent: t.number(ls.progress, { style: "percent", maximumFractionDigits: 0 }) });
    case "cancelled":
      return t.t("landscape.cancelled");
    case "error":
      return say(t, ls.error);
    case "done": {
      const seconds = t.number((ls.ms || 0) / 1000, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
      const done = t.t("landscape.done", { epoch: r.epoch, size: r.size, params: r.params, seconds });
      return epoch !== null && epoch !== r.epoch ? `${done} ${t.t("landscape.stale")}` : done;
    }
    default:
      return t.t("landscape.idle");
  }
}
