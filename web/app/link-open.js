// @ts-check
// Opening a link: at boot (the address's fragment, else storage) and on hashchange. Its settings
// and points replace the page's; a drawing of the user's it replaced can be restored (saved.js);
// a running engine starts over on them.

/**
 * @param {{store: import("./store.js").Store, engine: any, links: any, saved: any, drawing: any,
 *   restart: () => unknown}} deps restart: start the session over (with a link's training)
 */
export function createLinkOpening({ store, engine, links, saved, drawing, restart }) {
  /** A link's drawn points replace the page's (an undoable step if there were some).
   * @param {number[][] | null} points */
  function takePoints(points) {
    if (points) (store.get().drawn.length ? drawing.replaceDrawn : drawing.setDrawn)(points);
  }

  /** A link opened while the page runs (hashchange): a running engine starts over.
   * @param {string} text */
  async function open(text) {
    const before = saved.beforeLink();
    const points = await links.open(text);
    if (links.unusable()) return; // a link that cannot be used changes nothing (the notice says so)
    takePoints(points);
    saved.afterLink(before); // a different saved drawing it replaced: one step back
    if (engine.status === "ready") restart();
  }

  /** The page's first state: the fragment's link, else what storage kept. Unreadable saved
   * records are set aside first. @param {string} hash */
  async function boot(hash) {
    saved.check();
    const before = saved.beforeLink();
    takePoints(await links.boot(hash));
    if (hash.length > 1) saved.afterLink(before);
  }

  return { open, boot };
}
