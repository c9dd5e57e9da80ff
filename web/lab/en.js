// @ts-check
// The Python lab in English: per exercise (web/lab/exercises.js) its title, statement
// (paragraphs), hints (shown one at a time) and starter code (Python that runs but does not pass
// yet, its comments in English); `messages`: the checker's sentences (sentences.en.js). Pure
// data with the same keys as zh-CN.js (tests/js/lab-content.test.mjs); tests/test_lab_content.py
// checks that each starter runs without an error and fails its check.

import MESSAGES from "./sentences.en.js";

export default {
  exercises: {
    sigmoid: {
      title: "The sigmoid and its derivative",
      statement: [
        "Every neuron of the article's network passes its z through the sigmoid σ(z) = 1 / (1 + e^(−z)), which squeezes any number into (0, 1). Write sigmoid(z) for a NumPy array z of any shape, element by element.",
        "Backpropagation needs its derivative too. Write sigmoid_prime(z), the derivative σ′ at z. It has a neat form: σ′(z) = σ(z)(1 − σ(z)), that is a(1 − a) with a = σ(z).",
        "The check runs both on the article's z₁ = (1.6, 2), on random arrays, on extreme values (±800 must give 0 and 1, never NaN) and on an array of ints, and compares sigmoid_prime with central finite differences.",
      ],
      hints: [
        "np.exp(-z) computes e^(−z) for every element at once; 1 / (1 + …) then works element by element too.",
        "In sigmoid_prime, compute s = sigmoid(z) first, then return s * (1 - s).",
        "(1 - z) * z is the formula for a, applied to z: the article's slip. At z = 2 it gives −2, but σ′(2) ≈ 0.105.",
      ],
      starter: `# Exercise 1: the sigmoid and its derivative.
# NumPy is already imported as np. Both functions take an array z of any shape.

def sigmoid(z):
    # TODO: 1 / (1 + e^(-z)), element by element
    return np.zeros_like(z)


def sigmoid_prime(z):
    # TODO: the derivative of the sigmoid AT z
    return np.zeros_like(z)


z1 = np.array([1.6, 2.0])  # the article's z1 for x = (1, 2)
print(sigmoid(z1))         # the article: [0.83201839 0.88079708]
print(sigmoid_prime(z1))
`,
    },
    forward: {
      title: "The forward pass",
      statement: [
        "The article's network has 2 inputs, a hidden layer of 2 neurons and one output. Write forward(x, W1, b1, W2, b2) that returns (a1, y_hat): a1 = σ(W1 x + b1), then y_hat = σ(W2 a1 + b2).",
        "Shapes: x (n_in,), W1 (hidden, n_in), b1 (hidden,), W2 (1, hidden), b2 (1,); a1 is (hidden,) and y_hat (1,). With the article's numbers (x = (1, 2), W1 = [[0.3, 0.4], [0.5, 0.5]], b1 = (0.5, 0.5), W2 = [[2, 3]], b2 = (0.5,)) you get a1 = (0.83201839, 0.88079708) and y′ = 0.99188931.",
        "The check also uses a random network with 3 inputs and 4 hidden neurons, so take every size from the arguments.",
      ],
      hints: [
        "W1 @ x multiplies the matrix by the vector: one z per hidden neuron.",
        "Each row of W1 holds the weights INTO one hidden neuron, so it is W1 @ x, not W1.T @ x. With the article's square W1 both run, but only one is right.",
        "Return both at once: return a1, y_hat.",
      ],
      starter: `# Exercise 2: the forward pass of the article's network.

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x, W1, b1, W2, b2):
    # TODO: a1 = sigmoid(W1 x + b1), y_hat = sigmoid(W2 a1 + b2)
    a1 = np.zeros(W1.shape[0])
    y_hat = np.zeros(W2.shape[0])
    return a1, y_hat


x = np.array([1.0, 2.0])
W1 = np.array([[0.3, 0.4], [0.5, 0.5]])
b1 = np.array([0.5, 0.5])
W2 = np.array([[2.0, 3.0]])
b2 = np.array([0.5])
a1, y_hat = forward(x, W1, b1, W2, b2)
print(a1, y_hat)  # the article: [0.83201839 0.88079708] [0.99188931]
`,
    },
    loss: {
      title: "The cross-entropy loss",
      statement: [
        "Binary cross-entropy says how wrong a prediction y′ in (0, 1) is for a target y of 0 or 1: L = −[y ln y′ + (1 − y) ln(1 − y′)]. Write loss(y_hat, y) for two arrays of n samples; it returns the MEAN of L over the samples, one number.",
        "The article writes this formula without its leading minus sign (its code has it). Without it the loss is negative and grows as the prediction improves. For the article's two samples, y′ = (0.99188931, 0.99437826) and y = (0, 1), the mean is 2.4101046854144412.",
      ],
      hints: [
        "np.log is the natural logarithm ln, element by element.",
        "np.mean of the per-sample terms gives one number; np.sum would give n times too much.",
        "Mind the minus sign: −y ln y′ − (1 − y) ln(1 − y′).",
      ],
      starter: `# Exercise 3: the binary cross-entropy loss, the mean over the samples.

def loss(y_hat, y):
    # TODO: the mean of -[y ln(y_hat) + (1 - y) ln(1 - y_hat)]
    return 0.0


y_hat = np.array([0.99188931, 0.99437826])  # the article's two predictions
y = np.array([0.0, 1.0])
print(loss(y_hat, y))  # the article prints 2.4101046854144412
`,
    },
    delta_out: {
      title: "The output delta",
      statement: [
        "δ₂ = ∂L/∂z₂ says how the loss of one sample changes with the output neuron's z. By the chain rule it is ∂L/∂y′ · ∂y′/∂z₂ = (−y/y′ + (1 − y)/(1 − y′)) · y′(1 − y′).",
        "Multiply it out: the sigmoid's derivative y′(1 − y′) cancels the loss's denominators and leaves δ₂ = y′ − y. That is why the sigmoid and cross-entropy belong together: the output's error signal is simply prediction minus target, and it does not vanish where the sigmoid is flat.",
        "Write delta_out(y_hat, y) that returns δ₂ for each sample (an array like y_hat, not divided by n). The check compares it with bpcore and with finite differences of each sample's loss.",
      ],
      hints: [
        "The whole function is one line.",
        "−y/y′ + (1 − y)/(1 − y′) is ∂L/∂y′, not ∂L/∂z₂: the sigmoid's factor y′(1 − y′) is still missing. Multiply and simplify.",
        "Prediction minus target: y_hat - y, not y - y_hat.",
      ],
      starter: `# Exercise 4: the output delta, dL/dz2 for each sample.

def delta_out(y_hat, y):
    # TODO: dL/dz2 for a sigmoid output with the cross-entropy loss
    return np.zeros_like(y_hat)


y_hat = np.array([0.99188931, 0.99437826])
y = np.array([0.0, 1.0])
print(delta_out(y_hat, y))  # the article: [ 0.99188931 -0.00562174]
`,
    },
    delta_hidden: {
      title: "The hidden layer's delta",
      statement: [
        "Each hidden neuron sent its activation to the output through a weight of W2, so it gets its share of δ₂ back through the same weight: W2ᵀ δ₂. Then it multiplies by its own activation's derivative: δ₁ = W2ᵀ δ₂ ⊙ σ′(z₁), where ⊙ multiplies element by element and σ′(z₁) = a₁(1 − a₁).",
        "Write delta_hidden(W2, delta2, z1, a1) for one sample: W2 (1, hidden), delta2 (1,), z1 and a1 (hidden,); it returns δ₁ (hidden,). For the article's first sample δ₁ = (0.27726042, 0.31242604).",
        "You are given both z₁ and a₁ because the article used the wrong one: it multiplied by (1 − z₁)z₁ and got δ₁ = (−1.90442747, −5.95133583).",
      ],
      hints: [
        "W2 is (1, hidden) and delta2 is (1,): W2 @ delta2 does not fit, the transpose W2.T (hidden, 1) does.",
        "In NumPy * multiplies element by element: that is the ⊙.",
        "The sigmoid's derivative is a1 * (1 - a1): written with the activation, not with z1.",
      ],
      starter: `# Exercise 5: the hidden layer's delta.

def delta_hidden(W2, delta2, z1, a1):
    # TODO: W2^T delta2, times sigma'(z1) element by element
    return np.zeros_like(a1)


W2 = np.array([[2.0, 3.0]])
delta2 = np.array([0.99188931])
z1 = np.array([1.6, 2.0])
a1 = np.array([0.83201839, 0.88079708])
print(delta_hidden(W2, delta2, z1, a1))  # should be close to [0.27726042 0.31242604]
`,
    },
    gradients: {
      title: "The gradients and one SGD step",
      statement: [
        "z = W a + b, so a weight's gradient is the δ of the neuron it feeds times the activation it carries: ∂L/∂W = δ aᵀ, an outer product with one row per neuron. A bias's gradient is δ itself.",
        "Write gradients(x, a1, delta1, delta2) that returns (dW1, db1, dW2, db2) for one sample: dW1 = δ₁ xᵀ (hidden, n_in), db1 = δ₁, dW2 = δ₂ a₁ᵀ (1, hidden), db2 = δ₂. Then sgd_update(p, dp, lr), which returns the parameter after one step of gradient descent, p − lr·dp, as a new array.",
        "With the article's learning rate 0.01, W2 = [[2, 3]] becomes [[1.99174730, 2.99126347]]. The article multiplies element by element here (grad_w = delta * a), which gives neither the right shape nor the right numbers: its printed W1 after the step is not gradient descent.",
      ],
      hints: [
        "np.outer(u, v) is the matrix u vᵀ: np.outer(delta1, x) has one row per hidden neuron.",
        "A gradient has the shape of its parameter: dW1 like W1, dW2 like W2.",
        "Gradient descent goes downhill: subtract lr * dp.",
      ],
      starter: `# Exercise 6: the gradients of one sample and one SGD step.

def gradients(x, a1, delta1, delta2):
    # TODO: dW1 = delta1 x^T, db1 = delta1, dW2 = delta2 a1^T, db2 = delta2
    dW1 = np.zeros((len(delta1), len(x)))
    db1 = np.zeros_like(delta1)
    dW2 = np.zeros((len(delta2), len(a1)))
    db2 = np.zeros_like(delta2)
    return dW1, db1, dW2, db2


def sgd_update(p, dp, lr):
    # TODO: one step of gradient descent
    return p


x = np.array([1.0, 2.0])
a1 = np.array([0.83201839, 0.88079708])
delta1 = np.array([0.27726042, 0.31242604])
delta2 = np.array([0.99188931])
dW1, db1, dW2, db2 = gradients(x, a1, delta1, delta2)
print(dW2)                                            # should be close to [[0.82527014 0.8736532 ]]
print(sgd_update(np.array([[2.0, 3.0]]), dW2, 0.01))  # and this to [[1.9917473  2.99126347]]
`,
    },
    classes: {
      title: "The article's classes, trained on the AND gate",
      statement: [
        "The article ends with three small classes: a fully connected layer, a loss and a network that trains. Write them in that spirit, with one sample per row (X is (n, n_in)).",
        "Dense(n_in, n_out, rng): W (n_out, n_in) drawn with rng.uniform(0, 1, ...), b zeros. forward(x) returns a = σ(x Wᵀ + b) and keeps x and a. backward(grad_a) takes ∂L/∂a (n, n_out), sets self.dW and self.db (the gradients: it does not change W) and returns ∂L/∂x (n, n_in).",
        "Loss(): forward(y_hat, y) returns the mean cross-entropy; backward() returns ∂L/∂y_hat (n, 1) of that mean. Net(n_in, n_hidden, n_out, rng): train(X, y, epochs, lr) runs full-batch epochs (forward, backward, then W −= lr·dW and b −= lr·db) and returns the loss of each epoch as a list; predict(X) returns the outputs (n, n_out).",
        "The check compares Dense and Loss with finite differences, then trains Net(2, 4, 1) on the AND gate with learning rate 1, 100 epochs at a time, until all four outputs are within 0.05 of 0, 0, 0, 1 (at most 3000 epochs). Your loss curve is drawn.",
      ],
      hints: [
        "In backward, first turn ∂L/∂a into δ = ∂L/∂z: multiply by the sigmoid's derivative self.a * (1 - self.a).",
        "With δ (n, n_out): dW = δᵀ x, db = δ summed over the rows, ∂L/∂x = δ W.",
        "The loss is a mean over n samples, so its gradient is divided by n: (−y/ŷ + (1 − y)/(1 − ŷ)) / n. The article's Loss leaves out the 1/n.",
        "In train, go backwards: grad = self.loss.backward(), then grad = layer.backward(grad) from the last layer to the first; update the weights after that.",
      ],
      starter: `# Exercise 7: the article's class set, trained on the AND gate.

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.W = rng.uniform(0, 1, (n_out, n_in))
        self.b = np.zeros(n_out)

    def forward(self, x):
        # TODO: keep x, compute a = sigmoid(x W^T + b), keep a and return it
        self.x = x
        self.a = np.zeros((len(x), len(self.b)))
        return self.a

    def backward(self, grad_a):
        # TODO: delta = dL/dz; set self.dW and self.db; return dL/dx
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        return np.zeros_like(self.x)


class Loss:
    def forward(self, y_hat, y):
        # TODO: keep y_hat and y, return the mean cross-entropy
        self.y_hat, self.y = y_hat, y
        return 0.0

    def backward(self):
        # TODO: dL/dy_hat of the mean
        return np.zeros_like(self.y_hat)


class Net:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.layers = [Dense(n_in, n_hidden, rng), Dense(n_hidden, n_out, rng)]
        self.loss = Loss()

    def predict(self, X):
        a = X
        for layer in self.layers:
            a = layer.forward(a)
        return a

    def train(self, X, y, epochs, lr):
        losses = []
        for epoch in range(epochs):
            losses.append(self.loss.forward(self.predict(X), y))
            # TODO: backward through the layers, then W -= lr dW and b -= lr db
        return losses


X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = np.array([[0.0], [0.0], [0.0], [1.0]])
net = Net(2, 4, 1, np.random.default_rng(0))
net.train(X, y, 1000, 1.0)
print(net.predict(X))  # close to [[0] [0] [0] [1]] once it learns
`,
    },
    plug_activation: {
      title: "Plug it in: your activation",
      statement: [
        "Now your code can train the playground. Write an activation function f(z) and its derivative df(z): both take an array z of any shape and work element by element. The playground's hidden layers then use your f, and backpropagation your df.",
        "df must be the derivative AT z: the playground hands it z, not a = f(z). (bpcore's own activations write it with a; yours need not.)",
        "Any smooth function will do. Try softplus, f(z) = ln(1 + e^z), whose derivative is the sigmoid. The check compares df with central finite differences of your f, and checks that f works element by element and stays finite for z from −30 to 30. Once it passes, “Use in the playground” trains with it.",
      ],
      hints: [
        "np.logaddexp(0, z) computes ln(e⁰ + e^z) = ln(1 + e^z) without overflow.",
        "A derivative written with a, like 1 − a² for tanh, must be written with z here: 1 - np.tanh(z)**2.",
        "f must not look at the other elements (no z.max() or z.sum()): each neuron's value depends on its own z only.",
      ],
      starter: `# Exercise 8a: your own activation function, plugged into the playground.

def f(z):
    # TODO: your activation, element by element (softplus: ln(1 + e^z))
    return z


def df(z):
    # TODO: its derivative at z
    return np.zeros_like(z)


z = np.array([-2.0, 0.0, 2.0])
print(f(z), df(z))
`,
    },
    plug_loss: {
      title: "Plug it in: your loss",
      statement: [
        "Write the loss of a network with one sigmoid output. loss(y_pred, y) returns the mean over the n rows of y_pred and y (both (n, 1)). delta(y_pred, y) returns ∂L_i/∂z for each row (n, 1): the derivative of that row's loss with respect to the output neuron's z, where y_pred = σ(z). Do not divide it by n: the playground averages over the batch itself.",
        "Cross-entropy gives y_pred − y (exercise 4). Another loss needs its own delta: for the squared error (y′ − y)², ∂L/∂z = 2(y′ − y) · y′(1 − y′).",
        "The check: the loss of a batch is the mean of its rows' losses, a right prediction costs less than a wrong one, and delta matches central finite differences of n · loss through the sigmoid. The playground then trains classification data with it.",
      ],
      hints: [
        "Through the sigmoid: ∂L/∂z = ∂L/∂y′ · y′(1 − y′).",
        "A loss that is lower for a wrong prediction has lost its minus sign.",
        "Do not divide delta by n (len(y)): the check expects each row's own derivative.",
      ],
      starter: `# Exercise 8b: your own loss, plugged into the playground.

def loss(y_pred, y):
    # TODO: the mean over the rows
    return 0.0


def delta(y_pred, y):
    # TODO: dL_i/dz for each row (y_pred = sigmoid(z))
    return np.zeros_like(y_pred)


y_pred = np.array([[0.9], [0.2]])
y = np.array([[1.0], [0.0]])
print(loss(y_pred, y), delta(y_pred, y))
`,
    },
    plug_dense: {
      title: "Plug it in: a dense layer's backward pass",
      statement: [
        "The last piece is the step every layer of the playground's network takes backwards. Given a_prev (n, n_in), the activations into the layer, its weights W (n_out, n_in) and delta (n, n_out) = ∂L/∂z of the layer, return (dW, db, delta_prev).",
        "dW = deltaᵀ a_prev (n_out, n_in), db = delta summed over the rows (n_out,), and delta_prev = delta W (n, n_in): the gradient with respect to the layer's input, before the previous layer multiplies it by its activation's derivative. delta already carries the 1/n of the mean loss, so sums are right.",
        "The check compares with bpcore on the article's output layer and on random layers, and with finite differences; the playground then trains with your backward in every layer.",
      ],
      hints: [
        "Follow the shapes: (n_out, n_in) = (n_out, n) @ (n, n_in), so dW = delta.T @ a_prev.",
        "delta.sum(axis=0) adds up the rows: one number per neuron.",
        "delta_prev = delta @ W: (n, n_out) @ (n_out, n_in).",
      ],
      starter: `# Exercise 8c: the backward pass of a dense layer, plugged into the playground.

def backward(a_prev, W, delta):
    # TODO: dW = delta^T a_prev, db = delta summed over the rows, delta_prev = delta W
    dW = np.zeros_like(W)
    db = np.zeros(W.shape[0])
    delta_prev = np.zeros_like(a_prev)
    return dW, db, delta_prev


a_prev = np.array([[0.83201839, 0.88079708]])  # the article's a1, one row
W = np.array([[2.0, 3.0]])                     # its W2
delta = np.array([[0.99188931]])               # its delta2
print(backward(a_prev, W, delta))
`,
    },
  },
  messages: MESSAGES,
};
