// @ts-check
// "What the hidden layer sees": which layer and axes can be shown for a network. Pure.

/** @typedef {"pca" | [number, number]} Axes */

/** The choice, made valid for a network's layer sizes [inputs, hidden..., output].
 * @param {{layer: number, axes: Axes}} choice @param {number[]} sizes */
export function validChoice({ layer, axes }, sizes) {
  const hidden = sizes.length - 2;
  const l = Math.max(0, Math.min(layer, hidden - 1));
  const width = sizes[l + 1] || 0;
  if (axes === "pca" || width < 2) return { layer: l, axes: /** @type {Axes} */ ("pca") };
  const i = Math.min(axes[0], width - 1);
  let j = Math.min(axes[1], width - 1);
  if (j === i) j = i === 0 ? 1 : 0;
  return { layer: l, axes: /** @type {Axes} */ ([i, j]) };
}
