// @ts-check
// Every number the lesson quotes, written once, as the text it shows. The prose and the formulas
// name them by place ("{a1_1}" in a paragraph, "#a1_1" in a formula), so both languages quote
// the same digits. tests/test_lesson_numbers.py checks each one against bpcore: the article's
// worked example (presets.py) from its starting weights, sample 1 = x (1, 2) -> 0, the sample
// the "Show me" buttons walk; sample 2 = x (2, 3) -> 1. Eight decimals, as the article prints.

/** @type {Readonly<Record<string, string>>} */
export const NUMBERS = Object.freeze({
  // the example: two samples, the starting weights and biases, the learning rate
  x1_1: "1", x1_2: "2", y1: "0",
  x2_1: "2", x2_2: "3", y2: "1",
  w1_11: "0.3", w1_12: "0.4", w1_21: "0.5", w1_22: "0.5",
  b1_1: "0.5", b1_2: "0.5",
  w2_1: "2", w2_2: "3", b2: "0.5",
  lr: "0.01",
  // forward, sample 1
  z1_1: "1.6", z1_2: "2",
  a1_1: "0.83201839", a1_2: "0.88079708",
  z2: "4.80642800",
  y_hat: "0.99188931",
  // forward, sample 2 (the article computes both at once)
  a1_1_s2: "0.90887704", a1_2_s2: "0.95257413",
  y_hat_s2: "0.99437826",
  // the loss: sample 1, sample 2, their mean (the article's printed value, every digit)
  loss: "4.81457177",
  loss_s2: "0.00563760",
  mean_loss: "2.4101046854144412",
  // backward, output layer (sample 1)
  delta2: "0.99188931",
  dw2_1: "0.82527014", dw2_2: "0.87365320",
  // backward, hidden layer (sample 1)
  back_1: "1.98377861", back_2: "2.97566792",
  dfz_1: "0.13976379", dfz_2: "0.10499359",
  delta1_1: "0.27726042", delta1_2: "0.31242604",
  dw1_11: "0.27726042", dw1_12: "0.55452084",
  // the update (sample 1, learning rate lr)
  w2_1_new: "1.99174730", w2_2_new: "2.99126347", b2_new: "0.49008111",
  w1_11_new: "0.29722740",
  y_hat_after: "0.99160228", loss_after: "4.77979479",
  // the article's slip: (1 - z1) z1 in place of a1 (1 - a1), and the delta it gives
  slip_1: "-0.96", slip_2: "-2",
  slip_delta1_1: "-1.90442747", slip_delta1_2: "-5.95133583",
  // the AND gate preset: its learning rate; the epochs (in thousands) until every output is
  // within 0.05 of its target in the playground (mean gradients: 4x the tutorial's 1000 steps)
  and_lr: "0.1",
  and_epochs: "4000",
});

/** A number as the page shows it: a true minus sign. @param {string} name */
export function shown(name) {
  const text = NUMBERS[name];
  if (text === undefined) throw new Error(`the lesson quotes an unknown number: ${name}`);
  return text.replace(/^-/, "\u2212");
}
