// @ts-check
// One animation-frame scheduler for every view: a state change asks for a frame; in it each
// view is called once with (state, the state it last drew), so a burst of changes draws once.

/**
 * @param {import("../app/store.js").Store} store
 * @param {((s: any, prev: any) => void)[]} views
 * @param {{onFrame?: () => void}} [opts]
 * @returns {{redraw: () => void}} redraw: draw everything again (resize, colour scheme)
 */
export function startRendering(store, views, { onFrame = () => {} } = {}) {
  let drawn = /** @type {any} */ (null); // the state of the last frame; null: draw everything
  let requested = false;
  const frame = () => {
    requested = false;
    onFrame();
    const s = store.get();
    const prev = drawn || {};
    drawn = s;
    for (const view of views) view(s, prev);
  };
  const request = () => {
    if (!requested) {
      requested = true;
      requestAnimationFrame(frame);
    }
  };
  store.subscribe(request);
  request();
  return {
    redraw() {
      drawn = null;
      request();
    },
  };
}
