// @ts-check
// Links and storage: the address bar follows the ACCEPTED settings and drawn points
// (history.replaceState, debounced: one entry, no history spam), storage mirrors them, and a
// link (page load, hashchange) or, without one, storage gives the state to start from.
//
//   const sync = createLinkSync(() => ({settings, points | null}), {delay: 300, onChange(text)})
//   sync.schedule()      accepted state changed: re-encode soon
//   await sync.flush()   encode now; -> the fragment text ("v1....") or "" if it failed
//   sync.text()          the last fragment written

import { decodeLink, encodeLink, sanitizeSettings } from "../domain/link.js";
import { pointsProblem } from "../domain/points.js";
import { DEFAULTS } from "../domain/settings.js";
import { loadPoints, loadSettings, saveSettings } from "./storage.js";
import { linkState } from "./store.js";

/**
 * @param {() => {settings: object, points: number[][] | null}} get
 * @param {{delay?: number, onChange?: (text: string) => void}} [options]
 */
export function createLinkSync(get, { delay = 300, onChange = (_text) => {} } = {}) {
  let timer = 0;
  let current = "";
  let running = Promise.resolve("");

  async function write() {
    const { settings, points } = get();
    try {
      const text = await encodeLink(settings, points);
      if (text !== current) {
        current = text;
        const url = new URL(location.href);
        url.hash = text;
        history.replaceState(history.state, "", url.href);
        onChange(text);
      }
    } catch {
      // invalid input (e.g. too few drawn points): keep the last good link
    }
    return current;
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => { running = write(); }, delay);
    },
    flush() {
      clearTimeout(timer);
      running = running.then(write);
      return running;
    },
    text: () => current,
    /** Adopt a fragment that arrived from outside (page load, hashchange). */
    adopt(text) {
      current = text;
    },
  };
}

/**
 * The link actions: boot from the link or storage, open a link, commit accepted state.
 * @param {{store: import("./store.js").Store}} deps
 */
export function createLinks({ store }) {
  const { get, update } = store;
  const sync = createLinkSync(() => linkState(get()), {
    delay: 300,
    onChange: () => saveSettings(get().settings),
  });

  /** Settings and points from a link, or without one from storage (drawn points always). */
  async function boot(hash) {
    const stored = loadPoints();
    if (stored.value) update({ drawn: stored.value }); // quantised when drawn
    if (hash.length > 1) return open(hash);
    const saved = loadSettings();
    let settings = saved.value ? sanitizeSettings(saved.value).settings : get().settings;
    if (settings.dataset === "custom" && pointsProblem(get().drawn, settings.problem)) {
      settings = { ...settings, dataset: DEFAULTS.dataset };
    }
    update({ settings });
    sync.schedule();
    return null;
  }

  /** A link's settings and points (notices said); resolves to its drawn points or null. */
  async function open(text) {
    const { settings, points, notices } = await decodeLink(text);
    update({ settings, notice: notices.join(" ") });
    sync.adopt(String(text).replace(/^#/, ""));
    return points;
  }

  return { boot, open, commit: () => sync.schedule(), flush: () => sync.flush(), text: () => sync.text() };
}
