// @ts-check
// The lesson in English: the path of the seed article (a 2-2-1 sigmoid network, derived then
// worked by hand), told in our own words. Pure data with the same shape as zh-CN.js (a test
// checks it): a paragraph is {p} with places {name} for numbers.js, a formula is {math: id}
// from formulas.js; showMe is the step-through stage the section's button opens on the
// article's example (sample 1), tryPreset a preset the button loads instead. The buttons' names
// (showMe, tryMe) are told apart from the toolbar's "Step through" (which walks the selected
// point of the run shown).

export default {
  title: "Backpropagation, step by step",
  intro:
    "The playground above trains a network; this lesson shows how one training step works, on the small example of the tutorial this playground grew from. Each section has a button that opens the example at that point of the step, so the numbers below are the ones on the diagram and in the inspector.",
  showMe: "Show on the example",
  showMeLabel: "Show on the example: {title}",
  tryMe: "Load this example",
  tryMeLabel: "Load this example: {title}",
  current: "Shown above",
  sections: [
    {
      id: "network",
      title: "1. The network and its names",
      blocks: [
        { p: "Two inputs, one hidden layer of two neurons, one output. Each layer multiplies what it receives by a weight matrix W, adds a bias b and passes the result z through the sigmoid σ, an activation function that squeezes any number into (0, 1). Written as one line:" },
        { math: "network" },
        { p: "We count layers from the input: a₀ = x is the input, a₁ the hidden layer, a₂ = y′ the prediction. The tutorial starts its example from these weights and biases:" },
        { math: "example" },
      ],
      showMe: "forward-1",
    },
    {
      id: "forward",
      title: "2. The forward pass",
      blocks: [
        { p: "Forward means from the input to the output: each layer takes the previous layer's activations and produces its own." },
        { math: "forwardHidden" },
        { math: "sigmoid" },
        { math: "forwardOutput" },
        { p: "For the first sample, x = ({x1_1}, {x1_2}) with target y = {y1}:" },
        { math: "forwardNumbers" },
        { p: "The network is almost sure the answer is 1; the target is 0. Training must fix that." },
      ],
      showMe: "forward-2",
    },
    {
      id: "loss",
      title: "3. The loss",
      blocks: [
        { p: "The loss function measures how wrong a prediction is. For an output between 0 and 1 and a target of 0 or 1 we use binary cross-entropy:" },
        { math: "loss" },
        { p: "The minus sign matters: the logarithms of numbers below 1 are negative, and a loss should be small when the prediction is good. With y = {y1} only the second term is left:" },
        { math: "lossNumber" },
        { p: "A confident wrong answer costs a lot. The second sample, ({x2_1}, {x2_2}) with target {y2}, gets y′ = {y_hat_s2} and a loss of only {loss_s2}; the mean of the two is {mean_loss}, the number the tutorial prints." },
      ],
      showMe: "loss",
    },
    {
      id: "output",
      title: "4. The chain rule at the output",
      blocks: [
        { p: "To lower the loss we need its gradient: how much L changes when each weight changes. The chain rule splits it into small steps. The quantity we carry backwards is δ, the gradient of the loss with respect to a layer's z. At the output two factors meet and simplify:" },
        { math: "chainOutput" },
        { p: "The sigmoid's derivative y′(1 − y′) cancels the denominators of the loss: the output's δ is just prediction minus target. Since z₂ = W₂a₁ + b₂, the weights' gradient is δ times the activation feeding them:" },
        { math: "outputGrads" },
        { math: "outputNumbers" },
      ],
      showMe: "backward-2",
    },
    {
      id: "hidden",
      title: "5. The hidden layer's δ",
      blocks: [
        { p: "Each hidden neuron sent its activation to the output through a weight, so it receives a share of the output's δ through the same weight, backwards. Then it multiplies by its own activation's derivative:" },
        { math: "chainHidden" },
        { p: "⊙ multiplies element by element. For the sigmoid the derivative is a₁(1 − a₁), computed from the activation, not from z. The weights into the hidden layer follow the same rule as before:" },
        { math: "hiddenGrads" },
        { math: "hiddenNumbers" },
        { p: "Each row of ∂L/∂W₁ is one neuron's δ times the input ({x1_1}, {x1_2}): for the first hidden neuron ({dw1_11}, {dw1_12}). A deeper network repeats this step once per layer, from the output back to the input: that is all backpropagation is." },
        { p: "Every activation the playground offers has its own derivative. Where a₁ tells z₁ apart, it is computed from a₁, as for the sigmoid; SiLU, GELU (its tanh form) and sine need z₁ itself:" },
        { math: "activations" },
        { p: "The same step explains why a deep sigmoid network hardly learns. Going back one layer multiplies δ by the sigmoid's derivative a(1 − a), never more than 1/4, and by weights that start small: six layers back, the δ that reaches the first layer is a tiny fraction of the output's. This is the vanishing gradient. ReLU's derivative is 1 wherever a unit is active, so its δ keeps its size on the way back." },
        { p: "The buttons load the AND gate's network made six hidden layers deep, with the sigmoid and then with ReLU. Press Step once and read the number under each column of the diagram, the RMS of ∂L/∂W of the weights into that layer (the chart under the playground, \"Gradient flow\", draws the same numbers over the epochs): with the sigmoid the first layer's is about a million times smaller than the output layer's; the output layer soon learns to answer a quarter for every point, and then nothing moves and the loss stays put. With ReLU the six numbers stay within about ten times of each other and Play learns the gate; a unit or two die on the way (output 0 on all four points: crossed out on the diagram)." },
        { runs: [{ preset: "deep_sigmoid", label: "Load: six sigmoid layers" }, { preset: "deep_relu", label: "Load: six ReLU layers" }] },
      ],
      showMe: "backward-1",
    },
    {
      id: "update",
      title: "6. The update",
      blocks: [
        { p: "Gradient descent moves every weight and bias a small step against its gradient. The step size η is the learning rate:" },
        { math: "update" },
        { p: "With η = {lr}, the first weight into the output becomes:" },
        { math: "updateNumbers" },
        { p: "The same rule gives the second weight {w2_2_new}, the output's bias {b2_new} and the first weight into the hidden layer {w1_11_new}; every parameter moves at once." },
        { p: "After this one step the prediction for the first sample drops from {y_hat} to {y_hat_after} and its loss from {loss} to {loss_after}. Training is this step, repeated." },
      ],
      showMe: "update",
    },
    {
      id: "example",
      title: "7. The worked example, all at once",
      blocks: [
        { p: "The tutorial puts both samples side by side as the columns of one matrix and runs every stage on both. The second sample's hidden activations are ({a1_1_s2}, {a1_2_s2}) and its prediction {y_hat_s2}; the mean loss is {mean_loss}. In this playground a mini-batch of both samples averages their gradients before the update: the gradient of the mean loss." },
        { p: "Use the button to walk the first sample yourself: the step-through moves stage by stage, and the inspector shows every number of this lesson (switch on its full precision to see all the digits)." },
      ],
      showMe: "loss",
    },
    {
      id: "and",
      title: "8. Learning the AND gate",
      blocks: [
        { p: "The tutorial ends by training a 2-4-1 sigmoid network on the AND gate: four points, output 1 only for (1, 1). Weights start at random, biases at 0, learning rate {and_lr}, the four points as one batch. After a thousand steps the outputs sit close to 0, 0, 0 and 1." },
        { p: "The button loads this preset. The playground averages the four points' gradients where the tutorial adds them up, so at the same learning rate each step is four times smaller: press Play, and after some {and_epochs} epochs every output is within a twentieth of its target while the map cuts the corner (1, 1) off from the rest." },
        { p: "The preset trains slowly enough to watch and pauses at epoch {and_epochs}; the table under the map lists the four points with the network's output for each, as it learns. Press Play again to train on." },
      ],
      tryPreset: "and_gate",
    },
    {
      id: "slip",
      title: "9. Two slips in the tutorial",
      blocks: [
        { p: "Its loss is written without the minus sign; its gradients use the right, negated form, so only the formula is off (section 3)." },
        { p: "More serious: its hand-worked backward step multiplies by (1 − z₁)z₁ where the sigmoid's derivative a₁(1 − a₁) belongs. For the first sample:" },
        { math: "slip" },
        { p: "The wrong factor gives δ₁ = ({slip_delta1_1}, {slip_delta1_2}) instead of ({delta1_1}, {delta1_2}): negative and far too large, so the weights it prints after the update are not gradient descent. Its forward numbers and its loss are right, and its class-based code computes the derivative correctly. The inspector shows both factors." },
      ],
      showMe: "backward-1",
    },
  ],
};
