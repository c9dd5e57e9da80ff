// @ts-check
// Python 实验室的中文版：与 en.js 结构相同（同样的练习、同样的句子键和 {占位符}，
// tests/js/lab-content.test.mjs 会检查）。每个练习有标题、题目（段落）、提示（一次显示一条）
// 和初始代码（能运行但还通不过检查，注释用中文）；然后是检查器（bpcore/lab）的句子。
// 术语用原文的（反向传播、前向计算、激活函数、损失函数、梯度）和通用的（学习率、隐藏层、
// 神经元、权重、偏置）；名字保持原样（NumPy、sigmoid、SGD）。

import MESSAGES from "./sentences.zh-CN.js";

export default {
  exercises: {
    sigmoid: {
      title: "sigmoid 函数及其导数",
      statement: [
        "原文网络的每个神经元都把它的 z 送进 sigmoid 函数 σ(z) = 1 / (1 + e^(−z))，它把任何数压到 0 和 1 之间。请写出 sigmoid(z)：z 是任意形状的 NumPy 数组，逐元素计算。",
        "反向传播还需要它的导数。请写出 sigmoid_prime(z)，即 σ 在 z 处的导数 σ′。它有一个简洁的形式：σ′(z) = σ(z)(1 − σ(z))，也就是 a(1 − a)，其中 a = σ(z)。",
        "检查会在原文的 z₁ = (1.6, 2)、随机数组、极端值（±800 必须得到 0 和 1，不能是 NaN）和整数数组上运行这两个函数，并把 sigmoid_prime 与中心有限差分比较。",
      ],
      hints: [
        "np.exp(-z) 一次算出每个元素的 e^(−z)；1 / (1 + …) 同样逐元素计算。",
        "在 sigmoid_prime 里先算 s = sigmoid(z)，再返回 s * (1 - s)。",
        "(1 - z) * z 是写给 a 的公式却用在了 z 上：这正是原文的笔误。z = 2 时它给出 −2，而 σ′(2) ≈ 0.105。",
      ],
      starter: `# 练习 1：sigmoid 函数及其导数。
# NumPy 已经以 np 的名字导入。两个函数的参数 z 都是任意形状的数组。

def sigmoid(z):
    # 待完成：1 / (1 + e^(-z))，逐元素计算
    return np.zeros_like(z)


def sigmoid_prime(z):
    # 待完成：sigmoid 在 z 处的导数
    return np.zeros_like(z)


z1 = np.array([1.6, 2.0])  # 原文中 x = (1, 2) 时的 z1
print(sigmoid(z1))         # 原文：[0.83201839 0.88079708]
print(sigmoid_prime(z1))
`,
    },
    forward: {
      title: "前向计算",
      statement: [
        "原文的网络有 2 个输入、一个有 2 个神经元的隐藏层和一个输出。请写出 forward(x, W1, b1, W2, b2)，返回 (a1, y_hat)：a1 = σ(W1 x + b1)，然后 y_hat = σ(W2 a1 + b2)。",
        "形状：x 为 (n_in,)，W1 为 (hidden, n_in)，b1 为 (hidden,)，W2 为 (1, hidden)，b2 为 (1,)；a1 为 (hidden,)，y_hat 为 (1,)。用原文的数（x = (1, 2)，W1 = [[0.3, 0.4], [0.5, 0.5]]，b1 = (0.5, 0.5)，W2 = [[2, 3]]，b2 = (0.5,)）得到 a1 = (0.83201839, 0.88079708)，y′ = 0.99188931。",
        "检查还会用一个 3 个输入、4 个隐藏神经元的随机网络，所以每个尺寸都要从参数中取得。",
      ],
      hints: [
        "W1 @ x 是矩阵乘以向量：每个隐藏神经元得到一个 z。",
        "W1 的每一行是进入一个隐藏神经元的权重，所以是 W1 @ x，不是 W1.T @ x。原文的 W1 是方阵，两种写法都能运行，但只有一种是对的。",
        "两个一起返回：return a1, y_hat。",
      ],
      starter: `# 练习 2：原文网络的前向计算。

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x, W1, b1, W2, b2):
    # 待完成：a1 = sigmoid(W1 x + b1)，y_hat = sigmoid(W2 a1 + b2)
    a1 = np.zeros(W1.shape[0])
    y_hat = np.zeros(W2.shape[0])
    return a1, y_hat


x = np.array([1.0, 2.0])
W1 = np.array([[0.3, 0.4], [0.5, 0.5]])
b1 = np.array([0.5, 0.5])
W2 = np.array([[2.0, 3.0]])
b2 = np.array([0.5])
a1, y_hat = forward(x, W1, b1, W2, b2)
print(a1, y_hat)  # 原文：[0.83201839 0.88079708] [0.99188931]
`,
    },
    loss: {
      title: "交叉熵损失函数",
      statement: [
        "二元交叉熵衡量一个在 0 和 1 之间的预测 y′ 对目标 y（0 或 1）错得有多厉害：L = −[y ln y′ + (1 − y) ln(1 − y′)]。请写出 loss(y_hat, y)，参数是 n 个样本的两个数组，返回 L 在这些样本上的平均值，一个数。",
        "原文写这个公式时漏了前面的负号（它的代码里有）。没有负号，损失是负的，而且预测越好损失越大。原文的两个样本 y′ = (0.99188931, 0.99437826)、y = (0, 1) 的平均损失是 2.4101046854144412。",
      ],
      hints: [
        "np.log 是自然对数 ln，逐元素计算。",
        "对每个样本的项取 np.mean 得到一个数；np.sum 会多出 n 倍。",
        "注意负号：−y ln y′ − (1 − y) ln(1 − y′)。",
      ],
      starter: `# 练习 3：二元交叉熵损失，对样本取平均。

def loss(y_hat, y):
    # 待完成：-[y ln(y_hat) + (1 - y) ln(1 - y_hat)] 的平均值
    return 0.0


y_hat = np.array([0.99188931, 0.99437826])  # 原文的两个预测值
y = np.array([0.0, 1.0])
print(loss(y_hat, y))  # 原文打印 2.4101046854144412
`,
    },
    delta_out: {
      title: "输出层的 δ",
      statement: [
        "δ₂ = ∂L/∂z₂ 表示一个样本的损失随输出神经元的 z 如何变化。由链式法则，它等于 ∂L/∂y′ · ∂y′/∂z₂ = (−y/y′ + (1 − y)/(1 − y′)) · y′(1 − y′)。",
        "把它乘开：sigmoid 的导数 y′(1 − y′) 正好消掉损失函数的分母，只剩 δ₂ = y′ − y。这就是 sigmoid 和交叉熵相配的原因：输出层的误差信号就是预测值减目标值，在 sigmoid 平坦的地方也不会消失。",
        "请写出 delta_out(y_hat, y)，返回每个样本的 δ₂（与 y_hat 形状相同的数组，不除以 n）。检查会把它与 bpcore 以及每个样本损失的有限差分比较。",
      ],
      hints: [
        "整个函数只有一行。",
        "−y/y′ + (1 − y)/(1 − y′) 是 ∂L/∂y′，不是 ∂L/∂z₂：还少了 sigmoid 的因子 y′(1 − y′)。乘上再化简。",
        "预测值减目标值：y_hat - y，不是 y - y_hat。",
      ],
      starter: `# 练习 4：输出层的 δ，每个样本的 dL/dz2。

def delta_out(y_hat, y):
    # 待完成：sigmoid 输出配交叉熵损失时的 dL/dz2
    return np.zeros_like(y_hat)


y_hat = np.array([0.99188931, 0.99437826])
y = np.array([0.0, 1.0])
print(delta_out(y_hat, y))  # 原文：[ 0.99188931 -0.00562174]
`,
    },
    delta_hidden: {
      title: "隐藏层的 δ",
      statement: [
        "每个隐藏神经元都通过 W2 中的一个权重把激活值送到输出，所以它也通过同一个权重反向分到 δ₂ 的一份：W2ᵀ δ₂。然后乘以它自己的激活函数的导数：δ₁ = W2ᵀ δ₂ ⊙ σ′(z₁)，其中 ⊙ 表示逐元素相乘，σ′(z₁) = a₁(1 − a₁)。",
        "请写出一个样本的 delta_hidden(W2, delta2, z1, a1)：W2 为 (1, hidden)，delta2 为 (1,)，z1 和 a1 为 (hidden,)；返回 δ₁ (hidden,)。原文第一个样本的 δ₁ = (0.27726042, 0.31242604)。",
        "z₁ 和 a₁ 都给你，是因为原文用错了一个：它乘的是 (1 − z₁)z₁，得到 δ₁ = (−1.90442747, −5.95133583)。",
      ],
      hints: [
        "W2 是 (1, hidden)，delta2 是 (1,)：W2 @ delta2 形状不匹配，转置 W2.T (hidden, 1) 才匹配。",
        "NumPy 里的 * 是逐元素相乘，也就是 ⊙。",
        "sigmoid 的导数是 a1 * (1 - a1)：用激活值写，不是用 z1。",
      ],
      starter: `# 练习 5：隐藏层的 δ。

def delta_hidden(W2, delta2, z1, a1):
    # 待完成：W2^T delta2，再逐元素乘以 sigma'(z1)
    return np.zeros_like(a1)


W2 = np.array([[2.0, 3.0]])
delta2 = np.array([0.99188931])
z1 = np.array([1.6, 2.0])
a1 = np.array([0.83201839, 0.88079708])
print(delta_hidden(W2, delta2, z1, a1))  # 应当接近 [0.27726042 0.31242604]
`,
    },
    gradients: {
      title: "梯度和一步 SGD",
      statement: [
        "z = W a + b，所以一个权重的梯度等于它所连向的神经元的 δ 乘以它传递的激活值：∂L/∂W = δ aᵀ，这是外积，每个神经元一行。偏置的梯度就是 δ 本身。",
        "请写出 gradients(x, a1, delta1, delta2)，返回一个样本的 (dW1, db1, dW2, db2)：dW1 = δ₁ xᵀ (hidden, n_in)，db1 = δ₁，dW2 = δ₂ a₁ᵀ (1, hidden)，db2 = δ₂。再写出 sgd_update(p, dp, lr)，返回梯度下降一步之后的参数 p − lr·dp（一个新数组）。",
        "用原文的学习率 0.01，W2 = [[2, 3]] 变为 [[1.99174730, 2.99126347]]。原文在这里用的是逐元素相乘（grad_w = delta * a），形状和数值都不对：它打印的更新后的 W1 并不是梯度下降的结果。",
      ],
      hints: [
        "np.outer(u, v) 是矩阵 u vᵀ：np.outer(delta1, x) 每个隐藏神经元一行。",
        "梯度和它的参数形状相同：dW1 像 W1，dW2 像 W2。",
        "梯度下降是往下走：减去 lr * dp。",
      ],
      starter: `# 练习 6：一个样本的梯度和一步 SGD。

def gradients(x, a1, delta1, delta2):
    # 待完成：dW1 = delta1 x^T，db1 = delta1，dW2 = delta2 a1^T，db2 = delta2
    dW1 = np.zeros((len(delta1), len(x)))
    db1 = np.zeros_like(delta1)
    dW2 = np.zeros((len(delta2), len(a1)))
    db2 = np.zeros_like(delta2)
    return dW1, db1, dW2, db2


def sgd_update(p, dp, lr):
    # 待完成：梯度下降的一步
    return p


x = np.array([1.0, 2.0])
a1 = np.array([0.83201839, 0.88079708])
delta1 = np.array([0.27726042, 0.31242604])
delta2 = np.array([0.99188931])
dW1, db1, dW2, db2 = gradients(x, a1, delta1, delta2)
print(dW2)                                            # 应当接近 [[0.82527014 0.8736532 ]]
print(sgd_update(np.array([[2.0, 3.0]]), dW2, 0.01))  # 这个应当接近 [[1.9917473  2.99126347]]
`,
    },
    classes: {
      title: "原文的类，训练与门",
      statement: [
        "原文最后写了三个小类：一个全连接层、一个损失和一个会训练的网络。请按同样的思路写出它们，每行一个样本（X 为 (n, n_in)）。",
        "Dense(n_in, n_out, rng)：W (n_out, n_in) 用 rng.uniform(0, 1, ...) 生成，b 为零。forward(x) 返回 a = σ(x Wᵀ + b)，并保存 x 和 a。backward(grad_a) 接收 ∂L/∂a (n, n_out)，设置 self.dW 和 self.db（梯度：它不修改 W），返回 ∂L/∂x (n, n_in)。",
        "Loss()：forward(y_hat, y) 返回平均交叉熵；backward() 返回这个平均值对 y_hat 的梯度 ∂L/∂y_hat (n, 1)。Net(n_in, n_hidden, n_out, rng)：train(X, y, epochs, lr) 运行全批量的若干轮（前向计算、反向传播，然后 W −= lr·dW、b −= lr·db），以列表返回每一轮的损失；predict(X) 返回输出 (n, n_out)。",
        "检查先把 Dense 和 Loss 与有限差分比较，再用学习率 1 在与门上训练 Net(2, 4, 1)，每次 100 轮，直到四个输出与 0、0、0、1 的差都在 0.05 以内（最多 3000 轮）。会画出你的损失曲线。",
      ],
      hints: [
        "在 backward 里先把 ∂L/∂a 变成 δ = ∂L/∂z：乘以 sigmoid 的导数 self.a * (1 - self.a)。",
        "有了 δ (n, n_out)：dW = δᵀ x，db = δ 按行求和，∂L/∂x = δ W。",
        "损失是 n 个样本的平均，所以它的梯度要除以 n：(−y/ŷ + (1 − y)/(1 − ŷ)) / n。原文的 Loss 漏掉了 1/n。",
        "在 train 里倒着走：grad = self.loss.backward()，再从最后一层到第一层 grad = layer.backward(grad)；之后再更新权重。",
      ],
      starter: `# 练习 7：原文的类，在与门上训练。

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.W = rng.uniform(0, 1, (n_out, n_in))
        self.b = np.zeros(n_out)

    def forward(self, x):
        # 待完成：保存 x，计算 a = sigmoid(x W^T + b)，保存 a 并返回
        self.x = x
        self.a = np.zeros((len(x), len(self.b)))
        return self.a

    def backward(self, grad_a):
        # 待完成：delta = dL/dz；设置 self.dW 和 self.db；返回 dL/dx
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        return np.zeros_like(self.x)


class Loss:
    def forward(self, y_hat, y):
        # 待完成：保存 y_hat 和 y，返回平均交叉熵
        self.y_hat, self.y = y_hat, y
        return 0.0

    def backward(self):
        # 待完成：平均损失对 y_hat 的梯度
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
            # 待完成：逐层反向传播，然后 W -= lr dW，b -= lr db
        return losses


X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = np.array([[0.0], [0.0], [0.0], [1.0]])
net = Net(2, 4, 1, np.random.default_rng(0))
net.train(X, y, 1000, 1.0)
print(net.predict(X))  # 学会之后接近 [[0] [0] [0] [1]]
`,
    },
    plug_activation: {
      title: "接入训练：你的激活函数",
      statement: [
        "现在你的代码可以训练演练场了。请写出一个激活函数 f(z) 和它的导数 df(z)：两者的参数都是任意形状的数组 z，逐元素计算。演练场的隐藏层随后用你的 f，反向传播用你的 df。",
        "df 必须是在 z 处的导数：演练场传给它的是 z，不是 a = f(z)。（bpcore 自己的激活函数用 a 来写导数；你的不必如此。）",
        "任何光滑的函数都可以。试试 softplus，f(z) = ln(1 + e^z)，它的导数就是 sigmoid。检查会把 df 与你的 f 的中心有限差分比较，并检查 f 是逐元素计算的、在 z 从 −30 到 30 时保持有限。通过之后，“在训练中使用”就会用它来训练。",
      ],
      hints: [
        "np.logaddexp(0, z) 计算 ln(e⁰ + e^z) = ln(1 + e^z)，不会溢出。",
        "用 a 写的导数（例如 tanh 的 1 − a²）在这里要用 z 来写：1 - np.tanh(z)**2。",
        "f 不能看其他元素（不要用 z.max() 或 z.sum()）：每个神经元的值只取决于它自己的 z。",
      ],
      starter: `# 练习 8a：你自己的激活函数，接入演练场。

def f(z):
    # 待完成：你的激活函数，逐元素计算（softplus：ln(1 + e^z)）
    return z


def df(z):
    # 待完成：它在 z 处的导数
    return np.zeros_like(z)


z = np.array([-2.0, 0.0, 2.0])
print(f(z), df(z))
`,
    },
    plug_loss: {
      title: "接入训练：你的损失函数",
      statement: [
        "请写出只有一个 sigmoid 输出的网络的损失函数。loss(y_pred, y) 返回 y_pred 和 y（都是 (n, 1)）的 n 行上的平均值。delta(y_pred, y) 返回每一行的 ∂L_i/∂z (n, 1)：这一行的损失对输出神经元的 z 的导数，其中 y_pred = σ(z)。不要除以 n：演练场会自己对批量取平均。",
        "交叉熵给出 y_pred − y（练习 4）。别的损失需要自己的 delta：对平方误差 (y′ − y)²，∂L/∂z = 2(y′ − y) · y′(1 − y′)。",
        "检查：一个批量的损失是各行损失的平均，正确的预测比错误的预测代价小，delta 与 n · loss 经过 sigmoid 的中心有限差分相符。之后演练场就用它训练分类数据。",
      ],
      hints: [
        "经过 sigmoid：∂L/∂z = ∂L/∂y′ · y′(1 − y′)。",
        "如果错误的预测损失反而更低，那就是丢了负号。",
        "不要把 delta 除以 n（len(y)）：检查要的是每一行自己的导数。",
      ],
      starter: `# 练习 8b：你自己的损失函数，接入演练场。

def loss(y_pred, y):
    # 待完成：各行的平均
    return 0.0


def delta(y_pred, y):
    # 待完成：每一行的 dL_i/dz（y_pred = sigmoid(z)）
    return np.zeros_like(y_pred)


y_pred = np.array([[0.9], [0.2]])
y = np.array([[1.0], [0.0]])
print(loss(y_pred, y), delta(y_pred, y))
`,
    },
    plug_dense: {
      title: "接入训练：全连接层的反向传播",
      statement: [
        "最后一块是演练场网络的每一层反向时都要走的一步。已知 a_prev (n, n_in)（进入这一层的激活值）、它的权重 W (n_out, n_in) 和 delta (n, n_out) = 这一层的 ∂L/∂z，返回 (dW, db, delta_prev)。",
        "dW = deltaᵀ a_prev (n_out, n_in)，db = delta 按行求和 (n_out,)，delta_prev = delta W (n, n_in)：对这一层输入的梯度，之后前一层还要乘以它的激活函数的导数。delta 已经带有平均损失的 1/n，所以求和是对的。",
        "检查会在原文的输出层和随机的层上与 bpcore 比较，并与有限差分比较；之后演练场的每一层都用你的 backward 训练。",
      ],
      hints: [
        "看形状：(n_out, n_in) = (n_out, n) @ (n, n_in)，所以 dW = delta.T @ a_prev。",
        "delta.sum(axis=0) 把各行加起来：每个神经元一个数。",
        "delta_prev = delta @ W：(n, n_out) @ (n_out, n_in)。",
      ],
      starter: `# 练习 8c：全连接层的反向传播，接入演练场。

def backward(a_prev, W, delta):
    # 待完成：dW = delta^T a_prev，db = delta 按行求和，delta_prev = delta W
    dW = np.zeros_like(W)
    db = np.zeros(W.shape[0])
    delta_prev = np.zeros_like(a_prev)
    return dW, db, delta_prev


a_prev = np.array([[0.83201839, 0.88079708]])  # 原文的 a1，一行
W = np.array([[2.0, 3.0]])                     # 原文的 W2
delta = np.array([[0.99188931]])               # 原文的 delta2
print(backward(a_prev, W, delta))
`,
    },
  },
  messages: MESSAGES,
};
