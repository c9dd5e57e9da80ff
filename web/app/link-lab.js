// @ts-check
// A share link's lab code (domain/link-lab.js), once links.js has opened the link: the lab
// opens on its exercise with the code in the editor (the student's own code kept, with "Back
// to my code": app/lab.js fromLink) and nothing runs until they press Run. A plugged run's
// link opens at epoch 0 with bpcore's parts and offers "Check and plug this code, then
// replay": accepted, the engine checks the code (bpcore.lab.plug_parts), plugs it in and the
// link's training is replayed (app/replay.js); refused by its check, the notice says why and
// the page stays at epoch 0. A reload of the page's own link leaves the lab as storage kept it.
//
//   createLinkLab({store, lab, plugin, replay})   (before the page's link is opened)

import { msg } from "../domain/i18n.js";
import { LAB_IDS } from "../domain/link-lab.js";
import { dropNotice, showNotice } from "./notices.js";

const OFFER = "link-lab";

/**
 * @param {{store: import("./store.js").Store,
 *   lab: {openHere: (id?: string) => Promise<void>, actions: {fromLink: (id: string, code: string) => Promise<unknown> | unknown}},
 *   plugin: {plugIn: (exercise: string, source: string) => Promise<unknown>},
 *   replay: {run: () => Promise<void>}}} deps
 */
export function createLinkLab({ store, lab, plugin, replay }) {
  const { get, update } = store;

  /** Show the link's code in the lab (never run). @param {{exercise: string, code: string}} l */
  const show = (l) => lab.openHere(l.exercise).then(() => lab.actions.fromLink(l.exercise, l.code));

  /** The user agreed: check and plug the link's code in, then replay the link's training. */
  async function consent() {
    const l = get().linkLab;
    if (!l || !l.plugged) return false;
    dropNotice(store, OFFER);
    const plugged = await plugin.plugIn(l.exercise, l.code);
    if (get().linkLab !== l) return false; // another link opened meanwhile
    if (!plugged) {
      // refused (its check failed, or the engine is not ready): said, and offered again
      const why = get().notice;
      offer(l);
      update({ notice: msg("link_lab.refused", { why }) });
      return false;
    }
    update({ linkLab: null, replay: l.epoch || l.edits.length ? { epoch: l.epoch, edits: l.edits, done: 0, left: null, changed: false, own: false } : null });
    await replay.run();
    return true;
  }

  /** @param {{exercise: string}} l */
  function offer(l) {
    showNotice(store, {
      id: OFFER,
      text: msg("link_lab.offer", { exercise: LAB_IDS.indexOf(l.exercise) + 1 }),
      actions: [
        { label: msg("link_lab.consent"), run: () => void consent() },
        { label: msg("link_lab.decline"), run: () => { update({ linkLab: null }); dropNotice(store, OFFER); } },
      ],
    });
  }

  store.subscribe((s, prev) => {
    // trained with bpcore's parts before consenting: the link's training can no longer be
    // replayed on top, so the offer goes (the page is the user's own run now)
    if (s.linkLab && s.linkLab.plugged && !s.plugged && s.metrics && s.metrics.epoch > 0) return update({ linkLab: null });
    if (s.linkLab === prev.linkLab) return;
    if (!s.linkLab) return dropNotice(store, OFFER);
    if (prev.linkLab && prev.linkLab.n === s.linkLab.n) return;
    const l = s.linkLab;
    // the page's own link come back (a reload): the lab's storage has the student's code and
    // where they were; only a plugged run (never kept across a reload) asks again
    if (l.own && !l.plugged) return update({ linkLab: null });
    show(l);
    if (l.plugged) offer(l);
    else update({ linkLab: null }); // shown: nothing waits
  });

  return { consent };
}
