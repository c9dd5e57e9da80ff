// @ts-check
// Which of an axis's tick labels fit on one line (no DOM): each label centred on its tick, kept
// inside the plot's ends, none closer than a gap to the one before; the last tick's label is
// kept before its neighbour's (it says how far the axis goes). Used by widgets/linechart.js;
// tests in tests/js/tick-labels.test.mjs.

/**
 * @param {{x: number, width: number}[]} labels in order of x (tick position, text width)
 * @param {number} lo @param {number} hi where a label may start and end
 * @param {number} gap the least space between two labels
 * @returns {{index: number, x: number}[]} the labels to draw: index into `labels`, centre x
 */
export function fitLabels(labels, lo, hi, gap) {
  /** @type {{index: number, x: number, left: number, right: number}[]} */
  const kept = [];
  labels.forEach(({ x, width }, index) => {
    if (width > hi - lo) return;
    const c = Math.min(Math.max(x, lo + width / 2), hi - width / 2);
    const box = { index, x: c, left: c - width / 2, right: c + width / 2 };
    const before = kept[kept.length - 1];
    if (before && box.left < before.right + gap) {
      if (index !== labels.length - 1) return;
      kept.pop(); // the last one stays; its neighbour goes
      const earlier = kept[kept.length - 1];
      if (earlier && box.left < earlier.right + gap) return;
    }
    kept.push(box);
  });
  return kept.map(({ index, x }) => ({ index, x }));
}

/** Ticks of [x0, x0 + span] only (niceTicks may give one past each end). @param {number[]} ticks
 * @param {number} x0 @param {number} span */
export const within = (ticks, x0, span) => ticks.filter((t) => t >= x0 - 1e-9 && t <= x0 + span + 1e-9);
