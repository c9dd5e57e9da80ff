// @ts-check
// The drawing saved in this browser, and what the user is told about it (storage.js does the
// reading and writing). Nothing saved is lost without a word:
// - a record that cannot be read (or a points record with bad rows: the good ones are kept) is
//   set aside as it was: Download it / Discard;
// - while saving fails (storage full), a notice says so, with the points as CSV to download;
// - a link that replaces a different saved drawing keeps it one step back: Restore;
// - another tab's newer points are never written over unasked: Load them / Keep this tab's.
//
//   const saved = createSaved({store, drawing, session})
//   saved.check()                 at boot, before the link or storage is read
//   const before = saved.beforeLink(); ...open the link...; saved.afterLink(before)
//   saved.storageChanged(key)     a `storage` event: another tab wrote key (null: cleared)

import { msg } from "../domain/i18n.js";
import { sanitizeSettings } from "../domain/link.js";
import { pointsProblem } from "../domain/points.js";
import { DEFAULTS } from "../domain/settings.js";
import { pointsCsv, readPoints, readSettings, sameRows } from "../domain/stored.js";
import { dropNotice, showNotice } from "./notices.js";
import {
  acknowledge, clearAside, clearPrevious, keepPrevious, KEYS, loadPoints, loadPrevious, loadSettings,
  readRaw, asideKey, savePoints, saveSettings, setAside, watchWrites,
} from "./storage.js";
import { isCustom, shownRows } from "./store.js";

// catalogue messages (domain/messages): texts and button labels are said in the page's language
const TEXT = {
  pointsUnreadable: msg("notice.saved_points_unreadable"),
  pointsPartly: (/** @type {number} */ bad, /** @type {number} */ all) => msg("notice.saved_points_partly", { count: bad, all }),
  settingsUnreadable: msg("notice.saved_settings_unreadable"),
  notKeptAside: msg("notice.saved_not_kept_aside"),
  download: msg("notice.download_it"),
  discard: msg("notice.discard"),
  full: msg("notice.not_saved_full"),
  blocked: msg("notice.not_saved_blocked"),
  downloadCsv: msg("notice.download_points_csv"),
  replaced: (/** @type {number} */ n) => msg("notice.link_replaced_drawing", { count: n }),
  restore: msg("notice.restore_drawing"),
  dismiss: msg("notice.dismiss"),
  otherTab: (/** @type {number} */ n) => msg("notice.other_tab", { count: n }),
  load: msg("notice.load_other_tab"),
  keep: msg("notice.keep_this_tab"),
};

const FILES = {
  [KEYS.points]: "saved-drawing.json",
  [KEYS.settings]: "saved-settings.json",
};

/**
 * @param {{store: import("./store.js").Store,
 *   drawing: {replaceDrawn: (rows: number[][]) => void},
 *   session: {apply: (changes: Record<string, any>, opts?: {points?: boolean}) => Promise<any>}}} deps
 */
export function createSaved({ store, drawing, session }) {
  const { get } = store;
  const failing = new Map(); // key -> the reason its last save failed

  /** Settings and points saved as the page's state: the same rules as a boot from storage. */
  function adopt(rows, raw) {
    let settings = raw ? sanitizeSettings(raw).settings : get().settings;
    if (settings.dataset === "custom" && pointsProblem(rows, settings.problem)) {
      settings = { ...settings, dataset: DEFAULTS.dataset };
    }
    drawing.replaceDrawn(rows); // one undoable step
    session.apply(settings, { points: true });
  }

  /** A record this page cannot read: kept aside, with Download / Discard. */
  function offerAside(key, raw, text) {
    const kept = setAside(key, raw).ok;
    showNotice(store, {
      id: asideKey(key),
      text: kept ? text : TEXT.notKeptAside,
      actions: [
        { label: TEXT.download, file: () => ({ text: raw, name: FILES[key], mime: "application/json" }) },
        { label: TEXT.discard, run: () => { clearAside(key); dropNotice(store, asideKey(key)); } },
      ],
    });
  }

  /** At boot: what cannot be read is set aside (and a record set aside before is still offered). */
  function check() {
    for (const key of [KEYS.points, KEYS.settings]) {
      const raw = readRaw(key);
      const pts = key === KEYS.points ? readPoints(raw) : null;
      const problem = pts ? pts.problem : readSettings(raw).problem;
      if (raw !== null && problem) {
        console.warn(`${key}: unreadable (${problem}), kept aside`);
        offerAside(key, raw, pts ? TEXT.pointsUnreadable : TEXT.settingsUnreadable);
      } else if (pts && pts.dropped) {
        offerAside(key, raw, TEXT.pointsPartly(pts.dropped, pts.dropped + pts.rows.length));
      } else {
        const old = readRaw(asideKey(key));
        if (old !== null) offerAside(key, old, key === KEYS.points ? TEXT.pointsUnreadable : TEXT.settingsUnreadable);
      }
    }
  }

  /** Saves that fail are said until they succeed again; another tab's points are not overwritten. */
  watchWrites(({ key, ok, reason }) => {
    if (key !== KEYS.points && key !== KEYS.settings) return;
    if (reason === "conflict") return otherTab();
    if (ok || reason === "too-large" || reason === "invalid") {
      failing.delete(key);
      // the other record failed before: try it again now (storage may have room again)
      if (ok && failing.has(KEYS.points)) savePoints(get().drawn);
      if (ok && failing.has(KEYS.settings)) saveSettings(get().settings);
    } else failing.set(key, reason);
    if (!failing.size) return dropNotice(store, "not-saved");
    showNotice(store, {
      id: "not-saved",
      text: [...failing.values()].includes("quota") ? TEXT.full : TEXT.blocked,
      actions: [{ label: TEXT.downloadCsv, file: () => ({ text: pointsCsv(shownRows(get())), name: "points.csv", mime: "text/csv" }) }],
    });
  });

  /** The saved records before a link replaces the page's state. */
  function beforeLink() {
    return { points: readRaw(KEYS.points), settings: readRaw(KEYS.settings) };
  }

  /** A link was opened: if it replaced a different saved drawing, keep that one step back. */
  function afterLink(/** @type {{points: string | null, settings: string | null}} */ before) {
    const rows = readPoints(before.points).rows;
    const s = get();
    // storage follows the link at once (links.js writes only when the link text changes later),
    // so a reload of this same link finds it there and replaces nothing
    saveSettings(s.settings);
    const wasShown = readSettings(before.settings).settings?.dataset === "custom";
    if (!rows.length || (isCustom(s) ? sameRows(s.drawn, rows) : !wasShown)) return;
    keepPrevious(before);
    showNotice(store, {
      id: "previous",
      text: TEXT.replaced(rows.length),
      actions: [
        { label: TEXT.restore, run: restorePrevious },
        { label: TEXT.dismiss, run: () => dropNotice(store, "previous") },
      ],
    });
  }

  function restorePrevious() {
    const prev = loadPrevious();
    dropNotice(store, "previous");
    if (prev.points === null) return;
    clearPrevious();
    adopt(readPoints(prev.points).rows, readSettings(prev.settings).settings);
  }

  /** Another tab saved points: say so if they differ from this tab's. */
  function storageChanged(/** @type {string | null} */ key) {
    if (key === null || key === KEYS.points) otherTab();
  }

  function otherTab() {
    const raw = readRaw(KEYS.points);
    if (raw === null) return;
    const theirs = readPoints(raw).rows;
    if (sameRows(theirs, get().drawn)) {
      acknowledge();
      return dropNotice(store, "other-tab");
    }
    showNotice(store, {
      id: "other-tab",
      text: TEXT.otherTab(theirs.length),
      actions: [
        {
          label: TEXT.load,
          run: () => {
            dropNotice(store, "other-tab");
            const pts = loadPoints(); // seen: this tab may write over them from now on
            const set = loadSettings();
            adopt(pts.value || [], set.value);
          },
        },
        {
          label: TEXT.keep,
          run: () => {
            dropNotice(store, "other-tab");
            acknowledge();
            savePoints(get().drawn);
            saveSettings(get().settings);
          },
        },
      ],
    });
  }

  return { check, beforeLink, afterLink, storageChanged };
}
