// @ts-check
// The page's own elements from the state: engine status, notices, buttons, setting controls
// (with what the chosen data set allows), the class picker, metrics and the loss chart.

import { DATASETS } from "../domain/settings.js";
import { engineReady, isCustom, staleReason } from "../app/store.js";
import { showNotices } from "../widgets/notices.js";
import { showLoad, showMetrics } from "../widgets/panels.js";
import { say } from "../domain/i18n.js";
import { tr } from "./i18n.js";

const INIT_HINTS = /** @type {Record<string, string>} */ ({ zeros: "init.zeros_hint", tf_playground: "init.tf_playground_hint" });
const SHOW_MS = 4000; // how long a passing status (a copied link) stays
const FADE_MS = 600;

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {{controls: {sync: (s: object) => void}, chart: any, scoreChart: any}} widgets
 * @returns {(s: any, prev: any) => void}
 */
export function pageView({ controls, chart, scoreChart }) {
  let statusTimer = 0;
  return (s, prev) => {
    const t = tr(s.lang);
    if (s.load !== prev.load || s.lang !== prev.lang) showLoad(s.load, t);
    if (s.settings !== prev.settings || s.session !== prev.session || s.label !== prev.label || s.lang !== prev.lang) drawControls(s);
    $("play").classList.toggle("playing", s.playing);
    // pressed during loading, Play is queued: it says so instead of "Pause"
    $("play-label").textContent = t.t(!s.playing ? "ctl.play" : engineReady(s) ? "ctl.pause" : "ctl.starts_when_ready");
    $("play").classList.toggle("queued", s.playing && !engineReady(s)); // two short lines (style.css)
    $("notice").textContent = say(t, s.notice); // a message kept as data: said in the page's language
    $("plugged").hidden = !s.plugged; // the lab's code trains the network (app/plugin.js)
    if (s.plugged) $("plugged-text").textContent = t.t(`plug.badge_${s.plugged.part}`);
    if (s.notices !== prev.notices || s.lang !== prev.lang) showNotices($("notices"), s.notices, (m) => say(t, m), t.lang);
    if (s.linkStatus !== prev.linkStatus) showBriefly($("link-status"), say(t, s.linkStatus)); // Copy link's words (links.js)
    $("draw-mode").setAttribute("aria-pressed", String(s.mode === "add"));
    $("erase-mode").setAttribute("aria-pressed", String(s.mode === "erase"));
    $("undo").disabled = s.history.done.length === 0;
    $("redo").disabled = s.history.undone.length === 0;
    const n = s.drawn.length;
    $("point-count").textContent = isCustom(s) ? t.t("count.drawn", { count: n })
      : s.session ? t.t("count.points", { count: s.session.trainMask.length }) : "";
    // points that cannot train (e.g. all cleared) have no losses: "–", not the old numbers
    const mask = s.session?.trainMask;
    const noTest = Boolean(mask && mask.length && mask.every(Boolean));
    showMetrics(staleReason(s) ? null : s.metrics, chart, s.logScale, scoreChart, t, noTest, s.sampleSteps);
    if (s.speed !== prev.speed) $("speed").value = String(s.speed); // a lesson example sets its pace
    const stopAt = s.settings.stop_at; // "Stop at epoch": empty is 0, no stop
    if (stopAt !== prev.settings?.stop_at && document.activeElement !== $("stop-at")) $("stop-at").value = stopAt ? String(stopAt) : "";
    $("stop-rules").classList.toggle("on", Boolean(s.settings.stop_loss || s.settings.patience)); // marked while a rule is on
    const lossLabel = noTest ? "stop.loss_train_label" : "field.stop_loss"; // no test set: the training loss is watched
    if ($("stop-loss-label").dataset.i18n !== lossLabel || s.lang !== prev.lang) {
      $("stop-loss-label").dataset.i18n = lossLabel;
      $("stop-loss-label").textContent = t.t(lossLabel);
    }
  };

  /** A short-lived message ("Link copied"): shown, then gone after a few seconds. */
  function showBriefly(/** @type {HTMLElement} */ el, /** @type {string} */ text) {
    clearTimeout(statusTimer);
    el.textContent = text;
    el.classList.remove("fading");
    if (text) statusTimer = setTimeout(() => { el.classList.add("fading"); statusTimer = setTimeout(() => { el.textContent = ""; }, FADE_MS); }, SHOW_MS);
  }

  /** @param {any} s */
  function drawControls(s) {
    const set = s.settings;
    controls.sync(set);
    if (document.activeElement !== $("layers") && Array.isArray(set.layers)) $("layers").value = set.layers.join(", ");
    const custom = isCustom(s);
    const meta = DATASETS[set.dataset];
    const regression = custom ? set.problem === "regression" : meta.problem === "regression";
    $("problem").disabled = !custom;
    $("classes").disabled = !meta.takesClasses || regression;
    // a set with fixed classes shows how many it has (the setting only applies to the others);
    // regression has none
    if (!meta.takesClasses && !regression) $("classes").value = String(s.session?.classes || 2);
    /** @type {any} */ ($("classes").closest(".field")).hidden = regression;
    $("noise").disabled = custom || meta.fixed;
    // the article's sets train on every point: no split to choose, the slider says "all"
    const fixed = !custom && meta.fixed;
    $("train_ratio").disabled = fixed;
    if (fixed) $("train_ratio-out").textContent = tr(s.lang).t("field.train_all");
    $("field-momentum").hidden = set.optimizer !== "momentum";
    $("field-betas").hidden = set.optimizer !== "adam";
    // like momentum's and Adam's fields: shown when it applies (keeps the toolbar on one row)
    $("field-reg-rate").hidden = set.reg === "none";
    // what an initialisation whose name says little does: zeros (why nothing breaks the
    // symmetry), TF Playground's (its numbers, too long for the menu)
    const hint = INIT_HINTS[set.init];
    $("init-hint").hidden = !hint;
    if (hint) $("init-hint").textContent = tr(s.lang).t(hint);
    // the class swatches (2..MAX_CLASSES) or the value slider
    const k = meta.takesClasses ? Math.max(2, set.classes) : 2;
    document.querySelectorAll("#class-picker input").forEach((r, i) => {
      /** @type {any} */ (r.closest("label")).hidden = regression || i >= k;
      /** @type {HTMLInputElement} */ (r).checked = i === s.label;
    });
    $("class-picker").hidden = regression;
    $("field-value").hidden = !regression;
  }
}
