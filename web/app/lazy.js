// @ts-check
// Actions whose modules load later (the step-through, the hidden layer's picture): the page
// calls them at once, by the same names; a call before the modules have arrived loads them
// and then runs, in the order the calls were made (they all wait on the same promise); one
// that only reads (`idle`) answers at once instead, as the actions would before any use.

/**
 * @template {Record<string, (...args: any[]) => any>} A
 * @param {() => Promise<A>} load makes the actions (called once)
 * @param {(keyof A & string)[]} names the actions' names
 * @param {Partial<Record<keyof A, () => any>>} [idle] what a reading action answers before they load
 * @returns {{actions: A, load: () => Promise<A>}} load: the actions, loading them if not yet
 */
export function lazyActions(load, names, idle = {}) {
  let made = /** @type {A | null} */ (null);
  let loading = /** @type {Promise<A> | null} */ (null);
  const get = () => (loading ??= load().then((a) => (made = a)));
  const actions = /** @type {any} */ ({});
  for (const name of names) {
    const before = idle[name];
    actions[name] = (/** @type {any[]} */ ...args) => {
      if (made) return made[name](...args);
      return before ? before() : get().then((a) => a[name](...args));
    };
  }
  return { actions: /** @type {A} */ (actions), load: get };
}
