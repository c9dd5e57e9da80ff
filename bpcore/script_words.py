"""The words of the generated script (bpcore/script.py) in the page's languages: its comments,
docstrings, argument help and the one message it prints in words. A catalogue: the same keys and
{places} in every language (tests/test_script.py). The notation is the lesson's: a sample is a
column a, z = W a + b, y the target, y' the output, ln."""

LANGS = ("en", "zh-CN")

WORDS = {
    "en": {
        "title": "A BP Playground run written out: a {sizes} network ({acts}, {loss} loss, "
        "{optimizer}) trained by backpropagation on {n} points.",
        "run": "Needs only NumPy. Run it with:  python {file} [--epochs N] [--every K]",
        "default": "By default it trains {epochs} epochs (a few seconds) and prints the mean loss "
        "on the training and the test set before training and every {every} epochs.",
        "page": "The page was at epoch {page_text}: --epochs {page} trains as far and prints the "
        "page's numbers (to round-off); it takes about {ratio} times as long.",
        "page_zero": "The page had not trained yet; --epochs N trains N epochs.",
        "notation": "Notation as in the lesson: one sample is a column a, and a layer computes "
        "z = W a + b, then a' = f(z). A batch puts its samples side by side as the columns "
        "of A, so Z = W A + b (b added to every column): column k of Z is z = W a + b of "
        "sample k. y is the target, y' the network's output.",
        "backprop": "Backpropagation: at the output delta = dL/dz = y' - y (divided by the batch "
        "size n: the loss is the mean); dL/dW = delta a^T, dL/db = delta, and one layer back "
        "delta = (W^T delta) * f'(z). For a batch these add up over its columns: "
        "dL/dW = Delta A^T.",
        "h_settings": "settings",
        "h_data": "the data",
        "data": "[x1, x2, label] (classes 0, 1, ... or values in [-1, 1]), and which points "
        "train / test",
        "features": "What the network sees of the points ({features}): one row per feature, "
        "one column per point.",
        "targets": "y, the targets: one column per point",
        "targets_onehot": "y, the targets: one column per point, 1 in the row of its class "
        "(one-hot)",
        "h_network": "the network",
        "weights": "W[l] is (n_out, n_in) and b[l] a column (n_out, 1): this run's initial weights",
        "acts": "name: (f(z), f'(z) written with a = f(z) where a tells z apart, else with z)",
        "hidden": "one activation per hidden layer",
        "forward": "-> (a, z): a[0] = X, z[l] = W[l] a[l] + b[l], a[l+1] = f(z[l]); the last a "
        "is the output y'.",
        "backward": "dL/dW and dL/db of the batch's mean loss (plus the regularisation).",
        "delta_out": "delta = dL/dz at the output",
        "dW": "dL/dW = delta a^T, added up over the batch's columns",
        "db": "dL/db = delta, added up over the columns",
        "delta_back": "one layer back: delta = (W^T delta) * f'(z)",
        "drop_rng": "dropout (training steps only): the masks' own random generator, as the run "
        "left it; each step draws, layer by layer, one uniform number per sample and neuron",
        "masks": "The scaled dropout masks of one step of n samples, one (k, n) per hidden layer "
        "(None: rate 0): 0 for a dropped neuron, 1 / (1 - p) for a kept one.",
        "dropped": "dropout: a' = f(z) * m (a dropped neuron passes 0 on)",
        "delta_drop": "one layer back: delta = (W^T delta) * (f'(z) * m); a dropped neuron gets "
        "no gradient",
        "h_optimizer": "the optimiser",
        "no_test": "no test set: None",
        "h_training": "training",
        "rng": "the model's random generator as the run left it after drawing the initial "
        "weights: it shuffles the training points every epoch (the same order as in the page)",
        "full_batch": "full batch: no shuffle",
        "overflow": "e^-z of a very negative z is inf, and 1 / (1 + inf) = 0: no warning",
        "diverged": "diverged: the loss is no longer finite; try a smaller learning rate",
        "help": "Train this BP Playground run and print its losses.",
        "help_epochs": "epochs to train (default {epochs}; the page was at epoch {page})",
        "help_every": "print the losses every K epochs (default {every})",
        "sigmoid_note": "f'(z) = a (1 - a); the article writes (1 - z) z for f': a slip",
        "relu_note": "f'(z) is 1 where z > 0, else 0",
        "softplus_note": "f'(z) = sigmoid(z) = 1 - e^-a",
        "gelu_note": "GELU's tanh form (NumPy has no erf)",
        "sigmoid": "sigmoid: 1 / (1 + e^-z); e^-z may overflow to inf for a very negative z, "
        "and 1 / inf = 0 is the right limit",
        "bce_loss": "Mean cross-entropy L = -(y ln y' + (1 - y) ln(1 - y')), y' = sigmoid(z), "
        "computed from z (no overflow).",
        "bce_delta": "dL/dz of the mean loss: the lesson's delta = y' - y, / n",
        "softmax": "softmax of each column",
        "softmax_loss": "Mean cross-entropy -sum y ln y', y' = softmax(z), computed from z: "
        "logsumexp(z) - sum y z.",
        "softmax_delta": "dL/dz of softmax + cross-entropy: y' - y per sample, / n",
        "linear": "linear: the network's value",
        "mse_loss": "mean squared error, the mean of (y' - y)^2",
        "mse_delta": "dL/dz of the mean of (y' - y)^2",
        "l1": "d/dW of REG_RATE * sum |W|",
        "l2": "d/dW of REG_RATE * 0.5 * sum W^2",
        "sgd": "the lesson's rule, w <- w - lr dL/dw, for every parameter p (in place)",
        "momentum": "v <- momentum v + dL/dw, then w <- w - lr v",
        "adam_m": "running mean of the gradient",
        "adam_v": "running mean of its square",
        "changes_doc": "On the way it makes the {count} changes made in the page (settings "
        "changed, weights edited by hand), each once its epoch is trained.",
        "changes": "the changes made in the page on the way, in order: (epoch, setting, value), "
        "(epoch, 'W', l, i, j, value), (epoch, 'b', l, i, value) or (epoch, 'STEP', point)",
        "at": "Make the changes made once `epoch` epochs were trained, in their order.",
        "edit": "a weight edited by hand (b[l][i]: a bias)",
        "set": "a setting changed: LR, BATCH_SIZE, OPTIMIZER, REG, ...",
        "fresh": "A new optimiser: its running averages start at zero (as in the page).",
        "in_use": "the optimiser in use",
        "one_step": 'The page\'s "Take the step": one plain SGD step on point i alone, '
        "w <- w - lr dL/dw.",
        "adam_step": "p <- p - lr mhat / (sqrt(vhat) + eps), where mhat = m / c1, vhat = v / c2^2",
        # the stopping rules (bpcore/script_stop.py)
        "stop_rules": "The stopping rules, as in the page (0: off): STOP_AT an epoch, STOP_LOSS a "
        "target loss, PATIENCE epochs without a lower loss (early stopping; RESTORE_BEST gives "
        "back the best epoch's weights). They watch the test loss, or the training loss when "
        "there is no test set. A rule that fired does not fire again at once.",
        "look_first": "Before an epoch: the loss patience starts from, when it first looks.",
        "stop_rule": "After `epoch`: why a rule stops the training here, or None.",
        "reached": "this target is spent: it fires again only once STOP_LOSS changes",
        "afresh": "counted afresh: training on, it fires after PATIENCE more epochs at least",
        "stop_epoch": "stopped at epoch {epoch}: the stop at epoch {epoch}",
        "stop_loss": "stopped at epoch {epoch}: the loss {loss:.6g} reached the target {target:g}",
        "stop_patience": "stopped at epoch {epoch}: no lower loss for {patience} epochs",
        "stop_restored": "; restored the best weights, from epoch {best}",
        "train_on": "the page trained on past this stop, and so does the script",
    },
    "zh-CN": {
        "title": "BP Playground 的一次训练，写成脚本：一个 {sizes} 的网络（{acts}，{loss} 损失，"
        "{optimizer}），在 {n} 个数据点上用反向传播训练。",
        "run": "只需要 NumPy。运行：  python {file} [--epochs N] [--every K]",
        "default": "默认训练 {epochs} 轮（几秒钟），训练前以及每 {every} 轮打印一次"
        "训练集和测试集上的平均损失。",
        "page": "页面当时在第 {page_text} 轮：--epochs {page} 训练到同样的轮数，"
        "打印的数与页面一致（只差舍入误差）；所需时间约为默认的 {ratio} 倍。",
        "page_zero": "页面当时还没有训练；--epochs N 训练 N 轮。",
        "notation": "记号与课程相同：一个样本是一个列向量 a，一层计算 z = W a + b，"
        "再得到 a' = f(z)。一批样本并排成矩阵 A 的各列，于是 Z = W A + b"
        "（b 加到每一列上）：Z 的第 k 列就是第 k 个样本的 z = W a + b。"
        "y 是目标值，y' 是网络的输出。",
        "backprop": "反向传播：输出层 delta = dL/dz = y' - y（再除以批大小 n：损失取平均）；"
        "dL/dW = delta a^T，dL/db = delta；往回一层 delta = (W^T delta) * f'(z)。"
        "一批样本时，这些量按列相加：dL/dW = Delta A^T。",
        "h_settings": "设置",
        "h_data": "数据",
        "data": "[x1, x2, 标签]（类别 0、1……或 [-1, 1] 中的值），以及哪些点用于训练 / 测试",
        "features": "网络看到的数据点（{features}）：每个特征一行，每个点一列。",
        "targets": "y，目标值：每个点一列",
        "targets_onehot": "y，目标值：每个点一列，它所属类别的那一行为 1（独热编码）",
        "h_network": "网络",
        "weights": "W[l] 的形状是 (n_out, n_in)，b[l] 是一列 (n_out, 1)：这次训练的初始权重",
        "acts": "名称：(f(z), f'(z)；a 能区分 z 时用 a = f(z) 写出，否则用 z)",
        "hidden": "每个隐藏层一个激活函数",
        "forward": "-> (a, z)：a[0] = X，z[l] = W[l] a[l] + b[l]，a[l+1] = f(z[l])；最后一个 a "
        "就是输出 y'。",
        "backward": "这一批的平均损失（加上正则化项）对 W 和 b 的梯度 dL/dW、dL/db。",
        "delta_out": "输出层的 delta = dL/dz",
        "dW": "dL/dW = delta a^T，按这一批的各列相加",
        "db": "dL/db = delta，按列相加",
        "delta_back": "往回一层：delta = (W^T delta) * f'(z)",
        "drop_rng": "dropout（只在训练的每一步起作用）：掩码自己的随机数生成器，"
        "状态与这次训练留下的相同；每一步逐层为每个样本的每个神经元抽一个均匀随机数",
        "masks": "一步 n 个样本的缩放后 dropout 掩码，每个隐藏层一个 (k, n)"
        "（丢弃率为 0 时为 None）：被丢弃的神经元为 0，保留的为 1 / (1 - p)。",
        "dropped": "dropout：a' = f(z) * m（被丢弃的神经元向前传 0）",
        "delta_drop": "往回一层：delta = (W^T delta) * (f'(z) * m)；被丢弃的神经元得不到梯度",
        "h_optimizer": "优化器",
        "no_test": "没有测试集：None",
        "h_training": "训练",
        "rng": "模型的随机数生成器，状态与画出初始权重之后相同：每轮用它打乱训练点的顺序"
        "（与页面里的顺序相同）",
        "full_batch": "整批训练：不打乱",
        "overflow": "z 负得很多时 e^-z 为 inf，而 1 / (1 + inf) = 0：不必警告",
        "diverged": "发散了：损失不再是有限数；试试更小的学习率",
        "help": "训练 BP Playground 的这次运行，并打印损失。",
        "help_epochs": "训练的轮数（默认 {epochs}；页面当时在第 {page} 轮）",
        "help_every": "每 K 轮打印一次损失（默认 {every}）",
        "sigmoid_note": "f'(z) = a (1 - a)；原文把 f' 写成 (1 - z) z，是笔误",
        "relu_note": "z > 0 处 f'(z) 为 1，其余为 0",
        "softplus_note": "f'(z) = sigmoid(z) = 1 - e^-a",
        "gelu_note": "GELU 的 tanh 形式（NumPy 没有 erf）",
        "sigmoid": "sigmoid：1 / (1 + e^-z)；z 很小（负得很多）时 e^-z 会溢出为 inf，"
        "而 1 / inf = 0 正是极限值",
        "bce_loss": "平均交叉熵 L = -(y ln y' + (1 - y) ln(1 - y'))，y' = sigmoid(z)，"
        "直接由 z 计算（不会溢出）。",
        "bce_delta": "平均损失对 z 的梯度：课程里的 delta = y' - y，再除以 n",
        "softmax": "对每一列做 softmax",
        "softmax_loss": "平均交叉熵 -sum y ln y'，y' = softmax(z)，直接由 z 计算："
        "logsumexp(z) - sum y z。",
        "softmax_delta": "softmax 加交叉熵对 z 的梯度：每个样本 y' - y，再除以 n",
        "linear": "线性：网络的输出值",
        "mse_loss": "均方误差，(y' - y)^2 的平均值",
        "mse_delta": "(y' - y)^2 的平均值对 z 的梯度",
        "l1": "REG_RATE * sum |W| 对 W 的导数",
        "l2": "REG_RATE * 0.5 * sum W^2 对 W 的导数",
        "sgd": "课程里的规则 w <- w - lr dL/dw，对每个参数 p（原地更新）",
        "momentum": "v <- momentum v + dL/dw，然后 w <- w - lr v",
        "adam_m": "梯度的滑动平均",
        "adam_v": "梯度平方的滑动平均",
        "changes_doc": "训练途中，它按页面里的 {count} 处修改（改过的设置、手动改的权重）行事，"
        "每处修改在训练到它的轮数时进行。",
        "changes": "页面里训练途中的修改，按先后：(轮数, 设置, 值)、(轮数, 'W', l, i, j, 值)、"
        "(轮数, 'b', l, i, 值) 或 (轮数, 'STEP', 数据点)",
        "at": "进行训练满 epoch 轮时所做的修改，按先后顺序。",
        "edit": "手动修改的权重（b[l][i]：偏置）",
        "set": "改过的设置：LR、BATCH_SIZE、OPTIMIZER、REG……",
        "fresh": "新的优化器：滑动平均从零开始（与页面里相同）。",
        "in_use": "正在使用的优化器",
        "one_step": "页面上的“执行这一步”：只用第 i 个点做一步普通的 SGD，w <- w - lr dL/dw。",
        "adam_step": "p <- p - lr mhat / (sqrt(vhat) + eps)，其中 mhat = m / c1，vhat = v / c2^2",
        # 停止规则（bpcore/script_stop.py）
        "stop_rules": "停止规则，与页面相同（0：不用）：STOP_AT 停在某一轮，STOP_LOSS 目标损失，"
        "PATIENCE 损失连续多少轮没有降低就停（早停；RESTORE_BEST 恢复最好那一轮的权重）。"
        "它们看测试损失；没有测试集时看训练损失。触发过的规则不会立刻再次触发。",
        "look_first": "每轮之前：耐心规则第一次查看时，记下起点的损失。",
        "stop_rule": "训练完第 epoch 轮后：某条规则让训练在此停下的原因，否则为 None。",
        "reached": "这个目标已用过：只有 STOP_LOSS 改变后才会再次触发",
        "afresh": "重新计数：继续训练时，至少再过 PATIENCE 轮才会再次触发",
        "stop_epoch": "在第 {epoch} 轮停下：设定停在第 {epoch} 轮",
        "stop_loss": "在第 {epoch} 轮停下：损失 {loss:.6g} 已达到目标 {target:g}",
        "stop_patience": "在第 {epoch} 轮停下：损失已经 {patience} 轮没有降低",
        "stop_restored": "；已恢复最好的权重，来自第 {best} 轮",
        "train_on": "页面在这次停下之后继续训练了，脚本也继续",
    },
}


def words(lang):
    """The script's words in `lang` (a language the page speaks; else English)."""
    return WORDS.get(lang, WORDS["en"])
