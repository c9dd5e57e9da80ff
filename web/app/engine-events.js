// @ts-check
// The engine's events into the state: its loading progress, ready (the session starts), and a
// fatal error (kept as data: the banner says its code in the page's language, widgets/panels.js).

/**
 * @param {{store: import("./store.js").Store, stats: any, start: () => unknown,
 *   onSettled: () => void}} deps start: the session's start once the engine is ready;
 *   onSettled: the engine is ready or failed (offline.js may then fill its cache)
 */
export function createEngineEvents({ store, stats, start, onSettled }) {
  const { get, update } = store;
  return {
    /** @param {{stage: string, percent: number, at: number}} e */
    progress({ stage, percent, at }) {
      stats.progress.push([stage, percent, Math.round(at)]);
      update({ load: { ...get().load, stage, percent } });
    },
    /** @param {any} versions */
    ready(versions) {
      stats.readyAt = performance.now();
      update({ load: { ...get().load, status: "ready", versions } });
      start();
      onSettled();
    },
    /** @param {{message: string, detail?: string, code?: string, params?: object}} e */
    fatal({ message, detail, code, params }) {
      const error = { ...params, code, message, detail };
      update({ load: { ...get().load, status: "fatal", error }, playing: false, session: null });
      onSettled();
    },
  };
}
