// @ts-check
// The Python lab's actions (its panel: views/lab.js, widgets/lab-panel.js): open it on an
// exercise, edit the code, Run / Check it in the lab's own worker (web/lab-runner.js: never the
// training engine's), Stop it, reveal hints, reset to the starter code, and hand passed plug
// code to the playground (plugIn, app/plugin.js). The code and progress per exercise are kept
// in localStorage (app/lab-saved.js): a failed save says so and the code stays in the page.
//
//   const lab = createLab({store, ids, starter, runner, plugIn?});
//   lab.open(id?) choose(id) close() setCode(text) code() run() check() stop() reset() hint()
//   lab.use() state()
//   lab.fromLink(id, code)  a share link's code shown on its exercise, not run (app/link-lab.js)
//   lab.mine()              back to the student's own code for it

import { msg } from "../domain/i18n.js";
import { showNotice, sayAbout, dropNotice } from "./notices.js";
import { LAB_KEY, labAside, labOther, loadLab, saveLab } from "./lab-saved.js";

/** How long after the last keystroke the code is saved (ms). */
export const SAVE_DELAY = 400;

/** @typedef {import("./lab-state.js").LabState} LabState */

/**
 * @param {{store: import("./store.js").Store, ids: string[], starter: (id: string, lang: string) => string,
 *   plugs: Record<string, boolean>,
 *   runner: {run: (source: string) => Promise<any>, check: (exercise: string, source: string) => Promise<any>,
 *     stop: () => Promise<void>, onStatus: ((status: string) => void) | null, status: string},
 *   plugIn?: (exercise: string, source: string) => Promise<unknown>, storage?: Storage}} deps
 */
export function createLab({ store, ids, starter, plugs, runner, plugIn, storage }) {
  const { get, update } = store;
  const lab = () => get().lab;
  /** @param {Partial<LabState>} patch */
  const set = (patch) => update({ lab: { ...lab(), ...patch } });
  const valid = (/** @type {unknown} */ id) => typeof id === "string" && ids.includes(id);
  /** @type {Set<string>} the exercises whose code or hints this tab changed since it saved */
  const changed = new Set();
  /** @type {Record<string, string | undefined>} the code per exercise as this tab last read or wrote it */
  let seen = {};
  let timer = /** @type {any} */ (0);
  let results = 0; // numbers the results: a view tells a new one from the last

  // the runner's status, followed by the panel
  runner.onStatus = (status) => set({ status });
  set({ status: runner.status });

  /** The code shown for an exercise: the student's, else the starter in the page's language. */
  const codeOf = (/** @type {string} */ id) => lab().code[id] ?? starter(id, get().lang);
  const current = () => /** @type {string} */ (lab().exercise);

  function save() {
    clearTimeout(timer);
    const s = lab();
    const r = saveLab({ exercise: s.exercise, open: s.open, code: s.code, progress: s.progress, hints: s.hints }, changed, seen, storage);
    if (r.ok) {
      changed.clear();
      seen = { ...r.stored.code };
      dropNotice(store, "lab-save");
      if (r.conflicts.length) {
        // another tab saved other code for an exercise this tab changed too: this tab's is
        // saved, the other's kept (lab-saved.js) and offered
        showNotice(store, {
          id: "lab-other-tab",
          text: msg("lab.ui.other_tab", { exercises: r.conflicts.map((id) => ids.indexOf(id) + 1).join(", ") }),
          actions: [
            { label: msg("lab.ui.download_other"), file: () => ({ text: labOther(storage) || "{}", name: "lab-code-other-tab.json", mime: "application/json" }) },
            { label: msg("notice.dismiss"), run: () => dropNotice(store, "lab-other-tab") },
          ],
        });
      }
    } else {
      // the code stays in the page (and in the editor): say it is not kept across a reload
      const why = "reason" in r && r.reason === "quota" ? "quota" : "blocked";
      sayAbout(store, "lab-save", msg("lab.ui.save_failed", { reason: msg(`lab.ui.save_${why}`) }));
    }
    return r;
  }
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY);
  };
  // a reload or a closed tab does not wait for the timer
  globalThis.addEventListener?.("pagehide", () => timer && save());

  /** What storage kept: the code, progress and hints (an unreadable record is set aside and
   * said, with a way to download it). */
  function restore() {
    const kept = loadLab(storage);
    if (kept.value) {
      const { code, progress, hints, exercise } = kept.value;
      seen = { ...code };
      set({ code, progress, hints, exercise: valid(exercise) ? exercise : lab().exercise });
    } else if (kept.reason === "corrupt" || kept.reason === "invalid") {
      const text = /** @type {string} */ (kept.text);
      const aside = saveAsideOnce(text);
      showNotice(store, {
        id: "lab-unreadable",
        text: msg(aside ? "lab.ui.unreadable" : "lab.ui.unreadable_not_kept"),
        actions: [
          { label: msg("lab.ui.download_record"), file: () => ({ text: labAside(storage) ?? text, name: "lab-code.json", mime: "application/json" }) },
          { label: msg("notice.dismiss"), run: () => dropNotice(store, "lab-unreadable") },
        ],
      });
    }
  }
  /** @param {string} text */
  function saveAsideOnce(text) {
    try {
      const s = storage || globalThis.localStorage;
      s.setItem(`${LAB_KEY}:aside`, text);
      s.removeItem(LAB_KEY);
      return true;
    } catch {
      return false;
    }
  }

  /** Open the lab (on an exercise, else the last one, else the first). @param {string} [id] */
  function open(id) {
    const exercise = valid(id) ? id : lab().exercise && valid(lab().exercise) ? lab().exercise : ids[0];
    set({ open: true, exercise });
    saveSoon();
  }

  /** @param {string} id */
  function choose(id) {
    if (!valid(id) || id === lab().exercise) return;
    set({ exercise: id });
    saveSoon();
  }

  /** The editor's text changed (typed, undone, pasted). @param {string} text */
  function setCode(text) {
    const id = current();
    if (codeOf(id) === text) return;
    set({ code: { ...lab().code, [id]: String(text) } });
    changed.add(id);
    saveSoon();
  }

  /** Back to the starter code (the editor can undo it). */
  function reset() {
    const id = current();
    const { [id]: _gone, ...code } = lab().code;
    set({ code });
    changed.add(id);
    saveSoon();
  }

  function hint() {
    const id = current();
    set({ hints: { ...lab().hints, [id]: (lab().hints[id] || 0) + 1 } });
    changed.add(id);
    saveSoon();
  }

  /**
   * Run or check the current code in the lab's worker; the result (or why there is none) goes
   * into the state. One at a time: a press while code runs is ignored (Stop ends it).
   * @param {"run" | "check"} kind
   */
  async function execute(kind) {
    if (lab().running) return null;
    const exercise = current();
    const source = codeOf(exercise);
    set({ running: kind });
    try {
      const value = kind === "run" ? await runner.run(source) : await runner.check(exercise, source);
      const progress = { ...lab().progress };
      if (kind === "check") progress[exercise] = value.passed || progress[exercise] === "passed" ? "passed" : "tried";
      set({ running: null, progress, result: { kind, exercise, n: ++results, value } });
      if (kind === "check") saveSoon();
      return value;
    } catch (err) {
      const e = /** @type {any} */ (err);
      const error = { code: (e && e.code) || "lab_failed", message: String((e && e.message) || err), params: (e && e.params) || {} };
      set({ running: null, result: { kind: "failed", exercise, n: ++results, error } });
      return null;
    }
  }

  /** @type {{exercise: string, own: string | undefined} | null} the student's code a link's replaced */
  let linked = null;

  /**
   * Show a share link's code on its exercise (the lab opens there). It does not run: the notice
   * says it came with the link and runs only on Run. It is not saved as the student's code
   * unless they edit it (storage keeps theirs), and "Back to my code" gives theirs again.
   * @param {string} id @param {string} code
   */
  function fromLink(id, code) {
    if (!valid(id) || typeof code !== "string") return false;
    open(id);
    if (codeOf(id) === code) return true; // their own code (e.g. the page's own link reloaded)
    if (!linked || linked.exercise !== id) linked = { exercise: id, own: lab().code[id] };
    set({ code: { ...lab().code, [id]: code }, result: null });
    showNotice(store, {
      id: "lab-link-code",
      text: msg("lab.ui.link_code", { exercise: ids.indexOf(id) + 1 }),
      actions: [
        { label: msg("lab.ui.link_code_mine"), run: mine },
        { label: msg("notice.dismiss"), run: () => dropNotice(store, "lab-link-code") },
      ],
    });
    return true;
  }

  /** The student's own code again, in place of a link's (their starter code if they had none). */
  function mine() {
    if (!linked) return false;
    const { exercise, own } = linked;
    const { [exercise]: _link, ...rest } = lab().code;
    set({ code: own === undefined ? rest : { ...rest, [exercise]: own } });
    changed.add(exercise);
    saveSoon();
    linked = null;
    dropNotice(store, "lab-link-code");
    return true;
  }

  /** Hand the passed plug exercise's code to the playground's training (app/plugin.js). */
  async function use() {
    const id = current();
    if (!plugIn || !plugs[id] || lab().progress[id] !== "passed") return null;
    return plugIn(id, codeOf(id));
  }

  /** Another tab saved the lab: its code for the exercises this tab has not changed since it
   * saved is taken (the editor shows it), its progress joined. */
  function adopt() {
    const kept = loadLab(storage);
    if (!kept.value) return;
    const theirs = kept.value;
    const code = { ...lab().code };
    for (const id of new Set([...Object.keys(code), ...Object.keys(theirs.code)])) {
      if (changed.has(id)) continue; // this tab's change, not saved yet: its base stays what it saw
      if (theirs.code[id] === undefined) delete code[id];
      else code[id] = theirs.code[id];
      seen[id] = theirs.code[id];
    }
    const progress = { ...theirs.progress };
    for (const [id, p] of Object.entries(lab().progress)) if (p === "passed" || !progress[id]) progress[id] = p;
    set({ code, progress });
  }

  restore();
  return {
    adopt,
    open,
    choose,
    close: () => { set({ open: false }); saveSoon(); },
    setCode,
    reset,
    hint,
    run: () => execute("run"),
    check: () => execute("check"),
    stop: () => runner.stop(),
    use,
    fromLink,
    mine,
    /** Save now (the facade, before a reload). */
    flush: save,
    /** The code shown for the current exercise. */
    code: () => codeOf(current()),
    /** The lab as plain data (a copy). */
    state: () => structuredClone({ ...lab(), code: { ...lab().code }, plugAvailable: Boolean(plugIn) }),
  };
}
