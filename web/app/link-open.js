// @ts-check
// Opening a link: at boot (the address's fragment, else storage) and on hashchange. Its settings
// and points replace the page's; a drawing of the user's it replaced can be restored (saved.js);
// a running engine starts over on them. A lesson example's link trains at its pace. A link's
// lab code is shown in the lab, never run until Run; a plugged run's waits for consent
// (app/link-lab.js).

import { pickPace } from "../domain/presets.js";
import { PACE } from "../domain/settings.js";
import { createLinkLab } from "./link-lab.js";

/**
 * @param {{store: import("./store.js").Store, engine: any, links: any, saved: any, drawing: any,
 *   restart: () => unknown, lab: any, plugin: any, replay: any}} deps restart: start the session
 *   over (with a link's training); lab, plugin, replay: for a link's lab code
 */
export function createLinkOpening({ store, engine, links, saved, drawing, restart, lab, plugin, replay }) {
  createLinkLab({ store, lab, plugin, replay });
  /** A lesson example opened from a link or storage trains at its pace too (shown by the
   * Speed and Stop at controls), as when picked; leaving one gives the pace back.
   * @param {string} from the data set shown before @param {number} stopFrom its stop_at */
  function paceOf(from, stopFrom) {
    const s = store.get();
    if (s.settings.dataset === from) return;
    const p = pickPace({ speed: s.speed, stopAt: stopFrom }, from, s.settings.dataset, s.paceBefore);
    // the stop is a setting, the link's: a lesson example's link without one (an older link)
    // gets its pace's
    const lesson = s.settings.dataset in PACE;
    const stop_at = s.settings.stop_at || (lesson ? p.pace.stopAt : 0);
    store.update({ speed: p.pace.speed, settings: { ...s.settings, stop_at }, paceBefore: p.before });
  }

  /** A link's drawn points replace the page's (an undoable step if there were some).
   * @param {number[][] | null} points */
  function takePoints(points) {
    if (points) (store.get().drawn.length ? drawing.replaceDrawn : drawing.setDrawn)(points);
  }

  /** A link opened while the page runs (hashchange): a running engine starts over.
   * @param {string} text */
  async function open(text) {
    const before = saved.beforeLink(), from = store.get().settings.dataset, stopFrom = store.get().settings.stop_at;
    const points = await links.open(text);
    if (links.unusable()) return; // a link that cannot be used changes nothing (the notice says so)
    takePoints(points);
    paceOf(from, stopFrom);
    saved.afterLink(before); // a different saved drawing it replaced: one step back
    if (engine.status === "ready") restart();
  }

  /** The page's first state: the fragment's link, else what storage kept. Unreadable saved
   * records are set aside first. @param {string} hash */
  async function boot(hash) {
    saved.check();
    const before = saved.beforeLink(), from = store.get().settings.dataset, stopFrom = store.get().settings.stop_at;
    takePoints(await links.boot(hash));
    paceOf(from, stopFrom);
    if (hash.length > 1) saved.afterLink(before);
  }

  return { open, boot };
}
