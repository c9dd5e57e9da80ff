// @ts-check
// Links and storage: the address bar follows the ACCEPTED settings, drawn points and the
// training so far (history.replaceState, debounced: one entry, no history spam; while training
// plays it waits for the pause), storage mirrors the settings, and a link (page load,
// hashchange) or, without one, storage gives the state to start from. A link that cannot be
// used at all changes nothing: the page keeps what it had and says why. When the state does not
// fit in a link (more points than a link holds), a notice says so for as long as it is true.
//
//   const sync = createLinkSync(() => ({state, why}), {delay: 300, onChange(text), onFit(why)})
//   sync.schedule()      accepted state changed: re-encode soon
//   await sync.flush()   encode now; -> the fragment text ("v2....") or "" if it failed
//   sync.text()          the last fragment written

import { decodeLink, encodeLink, fellBack, liveSettings, MAX_EDITS, MAX_EPOCH, MAX_POINTS, sanitizeSettings } from "../domain/link.js";
import { msg } from "../domain/i18n.js";
import { codeFits, LAB_IDS, MAX_CODE_BYTES } from "../domain/link-lab.js";
import { noticeMessage, noticesMessages } from "../domain/link-notices.js";
import { pointsProblem } from "../domain/points.js";
import { DEFAULTS } from "../domain/settings.js";
import { sayAbout } from "./notices.js";
import { loadPoints, loadSettings, saveSettings } from "./storage.js";
import { linkState } from "./store.js";

// catalogue messages (domain/messages): the page says them in its language
const TEXT = {
  /** @param {import("../domain/i18n.js").Message} why the decoder's notice */
  unusable: (why) => msg("notice.link_unusable", { why }),
  /** @param {number} n @param {number} max */
  tooManyPoints: (n, max) => msg("notice.link_too_many_points", { count: n, max }),
  copiedAll: msg("notice.link_copied"),
  /** @param {number} epoch */
  copiedTraining: (epoch) => msg("notice.link_copied_training", { epoch }),
  /** @param {number} n */
  copiedSettingsOnly: (n) => msg("notice.link_copied_settings_only", { count: n }),
  plugged: msg("notice.link_plugged"),
  copiedPlugged: msg("notice.link_copied_plugged"),
  /** @param {number} exercise its number in the lab */
  copiedCode: (exercise) => msg("notice.link_copied_code", { exercise }),
  /** @param {number} exercise @param {number} epoch */
  copiedPluggedCode: (exercise, epoch) => msg("notice.link_copied_plugged_code", { exercise, epoch }),
  codeTooLong: msg("notice.link_code_too_long", { max: MAX_CODE_BYTES }),
  pluggedLate: msg("notice.link_plugged_late"),
  // why a link opens at epoch 0, in plain words: all a page can do and a link cannot replay
  loaded: msg("notice.link_not_replayable"),
  pluggedBefore: msg("notice.link_trained_plugged"),
  full: msg("notice.link_too_many_changes", { max: MAX_EDITS }),
  long: msg("notice.link_too_many_epochs", { max: MAX_EPOCH }),
  copiedNoTraining: msg("notice.link_copied_no_training"),
  selected: msg("notice.link_select"),
};

/** The lab's part of the link (domain/link-lab.js): the code that trains the run when it is
 * plugged in; else, while the lab is open, the student's code of the exercise shown (what a
 * teacher sees is what the student gets); a link opened with a plugged run not yet consented
 * to keeps its code and training while the page is untouched. -> {lab, why}
 * @param {import("./store.js").State} s */
function labPart(s) {
  const pending = s.linkLab;
  const untouched = !(s.metrics && s.metrics.epoch) && !s.trail.edits.length && !s.replay;
  if (pending && pending.plugged && !s.plugged && untouched) {
    return { lab: { exercise: pending.exercise, code: pending.code, plugged: true }, held: pending, why: "" };
  }
  if (s.plugged) {
    const code = s.pluggedSource;
    if (typeof code === "string" && codeFits(code)) return { lab: { exercise: s.plugged.exercise, code, plugged: true }, held: null, why: "" };
    return { lab: null, held: null, why: TEXT.plugged }; // opens with bpcore's parts, at epoch 0
  }
  const ex = s.lab.open ? s.lab.exercise : null;
  const code = ex ? s.lab.code[ex] : undefined;
  if (!ex || typeof code !== "string") return { lab: null, held: null, why: "" };
  return codeFits(code) ? { lab: { exercise: ex, code, plugged: false }, held: null, why: "" } : { lab: null, held: null, why: TEXT.codeTooLong };
}

/** What a link can hold of the page's state: -> {state for encodeLink, why: "" | what is left
 * out, said while it is true}. @param {import("./store.js").State} s */
export function fitting(s) {
  const { lab, held, why: labWhy } = labPart(s);
  const room = { hide: s.classroom.hide, goal: s.classroom.goal }; // always kept
  const st = { ...linkState(s), lab, compare: s.compare ? s.compare.overrides : null, ...room }; // run B's own settings
  if (st.points && st.points.length > MAX_POINTS) {
    // settings only: a custom data set without its points would open as the default preset
    const settings = { ...st.settings, dataset: DEFAULTS.dataset };
    return { state: { settings, points: null, epoch: 0, edits: [], lab, ...room }, why: TEXT.tooManyPoints(st.points.length, MAX_POINTS) };
  }
  if (held) return { state: { ...st, epoch: held.epoch, edits: held.edits }, why: "" }; // as it came
  // the lab's code trains it (app/plugin.js) and does not fit: it opens with bpcore's parts
  if (s.plugged && !lab && !s.replay) return { state: { ...st, epoch: 0, edits: [] }, why: labWhy };
  const epoch = s.session && !s.session.preview && s.metrics ? s.metrics.epoch : 0;
  if (!s.replay && epoch > 0 && (!s.trail.replayable || epoch > MAX_EPOCH)) {
    // plugged in on the way: the code travels, not the training (a run unplugged since: no code)
    const late = s.trail.why === "plugged" && s.plugged ? TEXT.pluggedLate : null;
    const why = epoch > MAX_EPOCH ? TEXT.long : late || { full: TEXT.full, plugged: TEXT.pluggedBefore }[s.trail.why] || TEXT.loaded;
    return { state: { ...st, settings: s.settings, epoch: 0, edits: [] }, why };
  }
  return { state: st, why: labWhy };
}

/** Did this page load come back to the page's own address (a reload, Back/Forward), rather
 * than open a link from elsewhere? */
function ownReturn() {
  const nav = globalThis.performance?.getEntriesByType?.("navigation")?.[0];
  const type = nav && /** @type {any} */ (nav).type;
  return type === "reload" || type === "back_forward";
}

/** What the downloaded script makes of the run besides its settings (exportScript's start and
 * edits): the live settings it started with and its changes up to the epoch shown, as its link
 * holds them; nothing when a link cannot replay it either. @param {import("./store.js").State} s */
export function scriptTrail(s) {
  const { state } = fitting(s);
  const epoch = s.metrics ? s.metrics.epoch : 0;
  const edits = state.edits.filter((e) => e[0] <= epoch);
  return state.epoch || edits.length ? { start: liveSettings(state.settings), edits } : {};
}

/**
 * @typedef {import("../domain/i18n.js").Message} Message
 * @param {() => {state: {settings: any, points: number[][] | null, epoch: number, edits: any[], lab?: any, compare?: any, hide?: string[], goal?: any}, why: Message}} get
 * @param {{delay?: number, onChange?: (text: string) => void, onFit?: (why: Message) => void}} [options]
 *   onFit: after each write, "" or why the link holds less than the page
 */
export function createLinkSync(get, { delay = 300, onChange = (_text) => {}, onFit = (_why) => {} } = {}) {
  let timer = 0;
  let current = "";
  let running = Promise.resolve("");

  async function write() {
    const { state, why } = get();
    try {
      const { epoch, edits, lab, compare, hide, goal } = state;
      const text = await encodeLink(state.settings, state.points, { epoch, edits, lab, compare, hide, goal });
      onFit(why);
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
  let unusable = false; // the last link opened could not be used at all
  let opened = 0; // links opened with lab code: each is new to app/link-lab.js
  const sync = createLinkSync(() => fitting(get()), {
    delay: 300,
    onChange: () => saveSettings(get().settings),
    // a message is new data each time: compared by its content, so the store changes only with it
    onFit: (why) => JSON.stringify(why) !== JSON.stringify(get().linkFit) && update({ linkFit: why }), // views/link.js says it
  });

  // The training goes into the link when it pauses (and on Copy link), not at every chunk.
  store.subscribe((s, prev) => {
    const epochMoved = (s.metrics && s.metrics.epoch) !== (prev.metrics && prev.metrics.epoch);
    if ((epochMoved && !s.playing && !s.training) || (prev.training && !s.training) ||
        s.trail !== prev.trail || (prev.replay && !s.replay) || s.plugged !== prev.plugged ||
        s.classroom.hide !== prev.classroom.hide || s.classroom.goal !== prev.classroom.goal) sync.schedule();
  });

  /** The settings (and drawn points) kept in storage, as the plain page starts. */
  function fromStorage() {
    const saved = loadSettings();
    let settings = saved.value ? sanitizeSettings(saved.value).settings : get().settings;
    if (settings.dataset === "custom" && pointsProblem(get().drawn, settings.problem)) {
      settings = { ...settings, dataset: DEFAULTS.dataset };
    }
    update({ settings });
    sync.schedule();
  }

  /** Settings and points from a link, or without one from storage (drawn points always). A
   * reload (or Back to the page) opens the page's own link: its run comes back, not a shared one. */
  async function boot(hash) {
    const stored = loadPoints();
    if (stored.value) update({ drawn: stored.value }); // quantised when drawn
    if (hash.length > 1) {
      const points = await open(hash, ownReturn());
      if (!unusable) return points;
    }
    fromStorage(); // no link, or an unusable one: the page starts as it would without one
    return null;
  }

  /** A link's settings, points and training (notices said); resolves to its drawn points or
   * null. A link that cannot be used at all leaves the page as it was.
   * @param {string} text @param {boolean} [own] the page's own link (a reload): said so */
  async function open(text, own = false) {
    const { settings, points, epoch, edits, notices, lab, compare, hide, goal } = await decodeLink(text);
    const failed = fellBack(notices);
    unusable = failed.length > 0;
    if (unusable) {
      const { then: _, ...why } = failed[0].params; // not the ending: the page keeps what it had
      update({ notice: TEXT.unusable(noticeMessage({ code: failed[0].code, params: why })) });
      sync.adopt(String(text).replace(/^#/, "")); // so the next write replaces it:
      sync.schedule(); // the address bar shows what the page holds, not the broken link
      return null;
    }
    // a plugged run's training waits for consent to check and plug its code (app/link-lab.js)
    const held = Boolean(lab && lab.plugged);
    const replay = !held && (epoch || edits.length) ? { epoch, edits, done: 0, left: null, changed: notices.length > 0, own } : null;
    const linkLab = lab ? { ...lab, epoch, edits, n: ++opened, own } : null; // its code shown, never run
    update({ settings, replay, notice: "", linkLab, compare: compare ? { pending: true, overrides: compare } : null, classroom: { hide, goal, reached: null } });
    // notices about this link replace the last link's (app/notices.js), said in the page's language
    sayAbout(store, "link", noticesMessages(notices));
    sayAbout(store, "link-training", "");
    // a TensorFlow Playground link: the address shows ours from now on
    if (notices.some((n) => n.code.startsWith("tf_link"))) sync.schedule();
    else sync.adopt(String(text).replace(/^#/, ""));
    return points;
  }

  /** Copy link's words: what the link holds. @param {"copied" | "selected"} how */
  function copiedText(how) {
    if (how !== "copied") return TEXT.selected;
    const { state, why } = fitting(get());
    const n = get().drawn.length;
    if (why && n > MAX_POINTS && get().settings.dataset === "custom") return TEXT.copiedSettingsOnly(n);
    if (why === TEXT.plugged) return TEXT.copiedPlugged;
    if (why && why !== TEXT.codeTooLong) return TEXT.copiedNoTraining;
    if (state.lab) {
      const n = LAB_IDS.indexOf(state.lab.exercise) + 1;
      return state.lab.plugged ? TEXT.copiedPluggedCode(n, state.epoch) : TEXT.copiedCode(n);
    }
    if (why) return why;
    return state.epoch ? TEXT.copiedTraining(state.epoch) : TEXT.copiedAll;
  }

  return {
    boot, open, commit: () => sync.schedule(), flush: () => sync.flush(), text: () => sync.text(), copiedText,
    /** The last link opened could not be used at all (the page kept what it had). */
    unusable: () => unusable,
  };
}
