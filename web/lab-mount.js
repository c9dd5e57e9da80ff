// @ts-check
// The Python lab in the page: its actions exist from the start (app/lazy.js), but its modules
// (the panel, the editor with CodeMirror, the exercises' content, the lab worker's client) are a
// lazy chunk loaded only when the lab opens: its button, a lesson's "Try it in the lab", the
// `#lab` / `#lab/<exercise>` deep link (domain/lab-address.js), bp.lab.open(), or a page that was
// left with the lab open (storage). Nothing of it is in the first paint.
//
//   const lab = mountLab({store, redraw, plugIn?});
//   lab.take(hash)   -> the fragment for the share link, null for a lab link (it opens the lab)
//   lab.resume()     after the first picture: reopen the lab if it was left open
//   lab.draw(s, prev) its view (draws nothing until the chunk is here); lab.actions

import { lazyActions } from "./app/lazy.js";
import { labRunner } from "./app/lab-runtime.js";
import { LAB_KEY, loadLab } from "./app/lab-saved.js";
import { labTarget } from "./domain/lab-address.js";

const NAMES = /** @type {const} */ (["open", "choose", "close", "setCode", "reset", "hint", "run", "check", "stop", "use", "flush", "code", "state", "adopt", "fromLink", "mine"]);

/**
 * @param {{store: import("./app/store.js").Store, redraw: () => void,
 *   plugIn?: (exercise: string, source: string) => Promise<unknown>}} deps
 */
export function mountLab({ store, redraw, plugIn }) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const section = $("lab");
  let draw = (/** @type {any} */ _s, /** @type {any} */ _prev) => {};
  let panel = /** @type {any} */ (null);

  const { actions, load } = lazyActions(async () => {
    $("lab-loading").hidden = false;
    try {
      // the runner (its worker starts now) is the page's one, shared with bp.lab (app/lab-runtime.js)
      const [app, view, widget, content, runner] = await Promise.all([import("./app/lab.js"), import("./views/lab.js"),
        import("./widgets/lab-panel.js"), import("./views/lab-content.js"), labRunner()]);
      const lab = app.createLab({ store, ids: content.IDS, plugs: content.PLUGS, starter: content.starterIn, runner, plugIn });
      panel = new widget.LabPanel($("lab-root"), {
        onChoose: lab.choose, onCode: lab.setCode, onRun: lab.run, onCheck: lab.check, onStop: lab.stop,
        onReset: lab.reset, onHint: lab.hint,
        // plugged in: up to the playground, where the badge and the training are
        onUse: () => lab.use().then((r) => r && scrollUp()),
      });
      draw = view.labView(panel, { contentIn: content.contentIn, ids: content.IDS, plugs: content.PLUGS, plugAvailable: Boolean(plugIn), section });
      store.update({ lab: { ...store.get().lab, loaded: true } });
      redraw();
      return lab;
    } finally {
      $("lab-loading").hidden = true;
    }
  }, [...NAMES], {
    state: () => structuredClone({ ...store.get().lab, plugAvailable: Boolean(plugIn) }),
    code: () => null,
    flush: () => ({ ok: true }),
  });

  /** Open the lab where the user asked for it: scrolled to, its exercise's title focused (a
   * screen reader hears where they are). @param {string} [exercise] */
  async function openHere(exercise) {
    await actions.open(exercise);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      section.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
      /** @type {HTMLElement | null} */ (section.querySelector(".lab-title"))?.focus({ preventScroll: true });
    }));
  }

  const scrollUp = () => document.querySelector(".toolbar")?.scrollIntoView({ block: "start", behavior: "auto" });

  $("lab-open").addEventListener("click", () => openHere());
  // another tab saved its lab code: this one takes what it has not changed itself (once loaded)
  window.addEventListener("storage", (e) => e.key === LAB_KEY && store.get().lab.loaded && actions.adopt());
  $("lab-close").addEventListener("click", () => {
    actions.close();
    $("lab-open").focus();
  });

  return {
    actions,
    openHere,
    load,
    draw: (/** @type {any} */ s, /** @type {any} */ prev) => {
      $("lab-open").hidden = s.lab.open;
      $("lab-close").hidden = !s.lab.open;
      draw(s, prev);
    },
    /** The fragment as the share link sees it: a lab link opens the lab and is none (null).
     * @param {string} hash @returns {string | null} */
    take(hash) {
      const target = labTarget(hash);
      if (!target) return hash;
      openHere(target.exercise ?? undefined);
      return null;
    },
    /** After the first picture: the lab again if the page was left with it open. */
    resume() {
      const kept = loadLab();
      if (kept.value && kept.value.open && !store.get().lab.open) actions.open();
    },
  };
}
