// @ts-check
// The loss landscape's actions (store slice `landscape`): compute it around the current weights
// and cancel. The engine computes every loss (bpcore/landscape_messages.py): `landscape` gives
// the plan and the training path projected, then `landscapeLine` the line and `landscapeSlice`
// the slice band by band (domain/landscape.js nextBand: ~150 ms each, two in flight), so
// progress shows, Cancel stops between bands and no request is long, however big the network. Training is paused while it computes and goes on
// afterwards if it was playing. A new network (another session) drops the picture of the old one.

import { nextBand } from "../domain/landscape.js";
import { engineReady, noticeOf, until } from "./store.js";

/** @typedef {import("./landscape-state.js").Result} Result */
/** @typedef {ReturnType<typeof import("./landscape-state.js").initialLandscape>} Landscape */

export const SIZE = 41; // points per side of the slice

/**
 * @param {{store: import("./store.js").Store, engine: any,
 *   training: {setPlaying: (on: boolean) => void}}} deps
 */
export function createLandscape({ store, engine, training }) {
  const { get, update } = store;
  let run = 0; // the computation in progress; a cancel or a new one ends the older
  let paused = false; // training was playing when a computation began: it goes on at the end
  /** @param {Partial<Landscape>} patch */
  const patch = (patch) => update({ landscape: { ...get().landscape, ...patch } });

  store.subscribe((s, prev) => {
    // another network: the picture of the last one says nothing about it
    if (s.session !== prev.session && s.landscape.result && s.landscape.status !== "computing") {
      patch({ result: null, status: "idle", progress: 0 });
    }
  });

  /** Compute the landscape around the current weights (a new draw: other directions).
   * Resolves once it is drawn, cancelled or failed. @param {{draw?: number}} [opts] */
  async function compute({ draw = 0 } = {}) {
    if (!engineReady(get())) return patch({ status: "error", error: { key: "landscape.not_ready" } });
    const mine = ++run;
    const t0 = performance.now();
    patch({ status: "computing", progress: 0, error: "", bands: 0, resumed: false });
    try {
      if (get().playing) {
        paused = true;
        training.setPlaying(false);
      }
      await until(store, () => !get().training); // the chunks in flight land first
      if (mine !== run) return;
      const head = await engine.request("landscape", { size: SIZE, draw });
      const { size, t } = head, points = size * size;
      const empty = (/** @type {number} */ n) => new Float64Array(n).fill(NaN);
      const result = /** @type {Result} */ ({
        size, span: head.span, draw: head.draw, epoch: head.epoch, params: head.params, path: head.path,
        line: { t, train: empty(t.length), test: head.test ? empty(t.length) : null }, loss: empty(points), rows: 0,
      });
      let done = 0, bands = 0;
      /** One kind of band after the other, each of `count` points. @param {string} type @param {number} count
       * @param {(r: any) => void} take @returns {Promise<boolean>} false: cancelled */
      const all = async (type, count, take) => {
        // two bands in flight: the worker starts the next while the page takes in the last
        let msPer = /** @type {number | null} */ (null), asked = 0, got = 0;
        const inFlight = /** @type {{n: number, reply: Promise<any>}[]} */ ([]);
        while (got < count) {
          while (inFlight.length < 2 && asked < count) {
            const from = asked, to = (asked = from + nextBand(count - from, msPer));
            const reply = engine.timed(type, { from, to });
            reply.catch(() => {}); // a band still in flight when an earlier one failed: said once
            inFlight.push({ n: to - from, reply });
          }
          const { n, reply } = /** @type {typeof inFlight[0]} */ (inFlight.shift());
          const { result: r, ms } = await reply;
          if (mine !== run) return false;
          take(r);
          got += n;
          done += n;
          msPer = ms / n;
          bands += 1;
          patch({ progress: done / (t.length + points), result: { ...result }, bands });
        }
        return true;
      };
      const line = result.line;
      if (!await all("landscapeLine", t.length, (r) => { line.train.set(r.train, r.from); if (r.test) line.test?.set(r.test, r.from); })) return;
      if (!await all("landscapeSlice", points, (r) => { result.loss.set(r.loss, r.from); result.rows = Math.floor(r.to / size); })) return;
      patch({ status: "done", ms: performance.now() - t0 });
    } catch (err) {
      if (mine === run) patch({ status: "error", error: noticeOf(err) });
    } finally {
      if (mine === run) resume();
    }
  }

  /** Training goes on if a computation paused it. */
  function resume() {
    if (!paused) return;
    paused = false;
    training.setPlaying(true);
    patch({ resumed: true });
  }

  /** Stop computing: no further band is asked for; the partial slice is dropped. */
  function cancel() {
    if (get().landscape.status !== "computing") return;
    run += 1;
    patch({ status: "cancelled", progress: 0, result: null });
    resume();
  }

  return {
    /** The <details> was opened or closed. @param {boolean} open */
    setOpen: (open) => patch({ open }),
    compute,
    cancel,
  };
}
