// @ts-check
// What the hidden layer sees: the user's choice of layer and axes, and the engine's picture of
// it, fetched only while its panel is open: after every change of the weights or the data, at
// most every PLANE_MS, one request in flight (a slow picture never queues up behind training).

import { validChoice } from "../domain/plane.js";
import { engineReady, noticeOf } from "./store.js";

/** @typedef {import("../domain/plane.js").Axes} Axes */

export const PLANE_MS = 150; // about 6 pictures a second while training

/** @param {{store: import("./store.js").Store, engine: any}} deps */
export function createHiddenPlane({ store, engine }) {
  const { get, update } = store;
  let inFlight = false;
  let again = false;
  let at = -Infinity;
  let timer = /** @type {any} */ (0);

  /** @param {Partial<ReturnType<typeof get>["plane"]>} patch */
  const patchPlane = (patch) => update({ plane: { ...get().plane, ...patch } });

  function fetchPicture() {
    const s = get();
    if (!s.plane.open || !engineReady(s) || !s.session) return;
    const sizes = s.session.layerSizes;
    if (sizes.length < 3) return patchPlane({ view: null }); // no hidden layer: nothing to see
    if (inFlight) {
      again = true;
      return;
    }
    const wait = at + PLANE_MS - performance.now();
    if (wait > 0) {
      timer ||= setTimeout(() => { timer = 0; fetchPicture(); }, wait);
      return;
    }
    inFlight = true;
    at = performance.now();
    const choice = validChoice(s.plane, sizes);
    const network = sizes.join();
    engine.request("hidden", choice).then(
      (/** @type {any} */ view) => {
        inFlight = false;
        // a picture of the network before the last change is not shown: the next one comes
        if (get().session?.layerSizes?.join() === network) patchPlane({ view });
        if (again) { again = false; fetchPicture(); }
      },
      (/** @type {any} */ err) => { inFlight = false; patchPlane({ view: null, error: noticeOf(err) }); }, // error: said in the page's language
    );
  }

  store.subscribe((s, prev) => {
    // another network: the picture of the last one no longer says anything about it
    const sizes = s.session?.layerSizes?.join();
    if (s.plane.view && sizes !== prev.session?.layerSizes?.join()) patchPlane({ view: null });
    if (!s.plane.open) return;
    if (s.metrics !== prev.metrics || s.session !== prev.session || s.weights !== prev.weights) fetchPicture();
  });

  return {
    /** The panel was opened or closed: fetch on open, stop fetching on close. @param {boolean} open */
    setOpen(open) {
      patchPlane({ open });
      if (open) fetchPicture();
    },
    /** A new layer and/or axes. @param {{layer?: number, axes?: Axes}} choice */
    choose(choice) {
      patchPlane({ ...choice, error: "" });
      at = -Infinity;
      fetchPicture();
    },
  };
}
