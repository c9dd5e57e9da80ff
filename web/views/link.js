// @ts-check
// What the page says about its link: the progress bar of a link's training being replayed
// (app/replay.js; a labelled <progress>: role progressbar, its label its accessible name, and the
// epochs done, shown only then), and what the link cannot hold, for as long as that is true.

const TEXT = {
  /** @param {number} done @param {number} total */
  count: (done, total) => `epoch ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`,
};

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

export function linkView() {
  /** @param {any} s @param {any} prev */
  return (s, prev) => {
    if (s.linkFit !== prev.linkFit) {
      $("link-fit").hidden = !s.linkFit;
      $("link-fit").textContent = s.linkFit;
    }
    if (s.replay === prev.replay) return;
    const r = s.replay;
    $("replay-progress").hidden = !r;
    if (!r) return;
    const bar = $("replay-bar");
    bar.max = Math.max(r.epoch, 1);
    bar.value = r.done;
    bar.setAttribute("aria-valuetext", TEXT.count(r.done, r.epoch));
    $("replay-count").textContent = TEXT.count(r.done, r.epoch);
  };
}
