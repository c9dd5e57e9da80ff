"""Session: one training run. It owns the RNGs, the data and its split, the feature matrices,
the network and the optimiser; the page's worker and the CLI both drive one of these.

Two seeded generators (PCG64), so a setting reproduces a run exactly:
- the data RNG (`data_seed`) generates the preset data set; the split hashes each point with
  `data_seed` (datasets.split), so one point's membership never depends on the others;
- the model RNG (`seed`) draws the initial weights and then each epoch's mini-batch order.

Speed: feature matrices (with a column of ones, the network's [X | 1]) and targets are
computed once per build; an epoch is one permutation, two `take`s into kept buffers and, per
mini-batch, one call of the network's gradient function (bound once per step() call, with the
batches as views into those buffers) and one optimiser step on the network's flat parameter
vector. metrics() is one forward pass over the training and the test set stacked.
"""

import math

import numpy as np

from . import dropout, plugin, presets, stopping
from . import snapshot as _snap
from .datasets import DATASETS, HI, LO, check_points, generate, split
from .errors import CodedError
from .features import feature_matrix, grid_inputs
from .inspect import inspect_neuron, inspect_sample
from .metrics import measure
from .network import Network
from .optim import make_optimizer, sgd_step
from .settings import LIVE, OUTPUT_OF_LOSS, hidden_activations, n_classes, resolve_loss, validate

DATA_SETTINGS = frozenset(
    ("dataset", "problem", "classes", "noise", "n_points", "train_ratio", "data_seed", "features")
)
_GRID_CACHE = 4  # grid sizes whose feature matrices are kept


def _rng(seed):
    return np.random.Generator(np.random.PCG64(seed))


class Session:
    plug = None  # student code training in place of a part of bpcore's (plugin.py)

    def __init__(self, settings=None, points=None):
        """settings: dict (validated by settings.validate; missing names take defaults);
        points (n, 3) [x1, x2, label]: required when dataset is "custom", ignored otherwise."""
        self.settings = validate(settings)
        self._build_data(points)
        self._build_model()

    # ------------------------------------------------------------ building

    def _build_data(self, points=None, split_idx=None, data_rng_state=None):
        """Points, split, feature matrices. With `split_idx` (restore) nothing is drawn."""
        s = self.settings
        k = n_classes(s)
        rng = _rng(s["data_seed"])
        if points is not None and (s["dataset"] == "custom" or split_idx is not None):
            try:
                pts = check_points(points, s["problem"], k or None).copy()
            except ValueError as e:
                msg = f"points: {str(e).removeprefix('points ')}"
                # the code travels on, so the page can say it in the user's language
                if isinstance(e, CodedError):
                    raise CodedError(e.code, msg, **e.params) from None
                raise ValueError(msg) from None
        elif s["dataset"] == "custom":
            raise CodedError(
                "points_needed", "points: the custom data set needs points (n, 3) [x1, x2, label]"
            )
        else:
            pts = generate(s["dataset"], s["n_points"], s["noise"], rng, classes=s["classes"])
        fixed = s["dataset"] in DATASETS and DATASETS[s["dataset"]].fixed
        if split_idx is None and fixed:  # the article's sets: every point trains
            train_idx, test_idx = np.arange(len(pts)), np.arange(0)
        elif split_idx is None:
            train_idx, test_idx = split(pts, s["train_ratio"], s["data_seed"], s["problem"])
        else:
            train_idx, test_idx = (np.asarray(i, dtype=np.int64) for i in split_idx)
        if data_rng_state is not None:
            _snap.load_rng(rng, data_rng_state)
        X = feature_matrix(pts, s["features"])
        # everything below is assigned only once nothing can fail any more
        self.points, self.train_idx, self.test_idx = pts, train_idx, test_idx
        self.problem, self.classes = s["problem"], k
        self._data_rng = rng
        self._X_train = np.ascontiguousarray(X[train_idx])
        self._X_test = np.ascontiguousarray(X[test_idx])
        # [X | 1] of the training set, then of the test set, stacked: metrics() measures both
        # in one forward pass; the training rows are the first block
        self._X1_all = np.ones((len(X), X.shape[1] + 1))
        self._X1_all[:, :-1] = X[np.concatenate([train_idx, test_idx])]
        self._X1_train = self._X1_all[: len(train_idx)]
        self._grids = {}

    def _targets(self, idx):
        label = self.points[idx, 2]
        if self.loss == "softmax_ce":
            return np.eye(self.classes)[label.astype(np.int64)]
        return label.reshape(-1, 1).copy()

    def _build_model(self, weights=None, biases=None):
        """Network (fresh from `seed`, or the given weights), optimiser, targets, epoch 0."""
        s = self.settings
        loss = resolve_loss(s)
        n_out = self.classes if loss == "softmax_ce" else 1
        acts = hidden_activations(s)
        rng = _rng(s["seed"])
        sizes = [len(s["features"]), *s["layers"], n_out]
        if weights is None and (preset := presets.initial_weights(s)) is not None:
            weights, biases = preset
        if weights is None:
            net = Network(sizes, acts, OUTPUT_OF_LOSS[loss], init=s["init"], rng=rng)
        else:
            shapes = [np.shape(W) for W in weights]
            if shapes != list(zip(sizes[1:], sizes[:-1])):
                raise CodedError(
                    "weights_shape",
                    f"weights: shapes {shapes} do not fit layer sizes {sizes}",
                    shapes=str(shapes),
                    sizes=" × ".join(map(str, sizes)),
                )
            net = Network.from_weights(weights, biases, acts, OUTPUT_OF_LOSS[loss])
        self.plug = plugin.attach(net, self.plug)  # dropped when it cannot train this one
        net.drop = dropout.of(s)  # its own mask generator; None when every rate is 0
        self.loss, self.net, self._rng = loss, net, rng
        # the run's initial parameters (Reset's, the loss landscape's line, the rate sweep's)
        self.start_flat = net.flat.copy()
        self._T_train = self._targets(self.train_idx)
        self._T_test = self._targets(self.test_idx)
        self._T_all = np.concatenate([self._T_train, self._T_test])
        self._labels_all = self.points[np.concatenate([self.train_idx, self.test_idx]), 2].astype(
            np.int64
        )
        # permuted copies of the training set, refilled every epoch (the batches view them)
        self._X1_shuf = np.empty_like(self._X1_train)
        self._T_shuf = np.empty_like(self._T_train)
        self._steps_for = (None, [])  # see _steps
        self.opt = self._make_optimizer()
        self.epoch = 0
        self.diverged = False
        self.rules, self.stopped = stopping.Rules(), None  # the stopping rules' state, last stop

    def _make_optimizer(self):
        # The optimiser sees the network's whole parameter vector as one array: one update
        # per step instead of one per weight matrix and bias vector.
        s = self.settings
        return make_optimizer(
            s["optimizer"],
            [self.net.flat],
            lr=s["lr"],
            momentum=s["momentum"],
            beta1=s["beta1"],
            beta2=s["beta2"],
        )

    @property
    def view(self):
        """The window (lo, hi) on both axes that grid() and the map show: the data set's."""
        ds = DATASETS.get(self.settings["dataset"])
        return ds.view if ds else (LO, HI)

    @property
    def layer_sizes(self):
        return self.net.sizes

    # ------------------------------------------------------------ training

    def step(self, epochs=1):
        """Train `epochs` epochs of mini-batch descent; returns metrics() afterwards.

        Each epoch visits the training set in a fresh order from the model RNG, in batches of
        `batch_size` (clipped to the training-set size; the last batch may be smaller). Once
        a loss or weight is non-finite the session is `diverged`: it stops, and step() only
        reports, until reset() or configure(). A stopping rule ends the step at its epoch
        (bpcore/stopping.py); `stopped` then says why (else None).
        """
        if isinstance(epochs, bool) or int(epochs) != epochs or epochs < 0:
            raise ValueError(f"epochs: expected a whole number >= 0, got {epochs!r}")
        self.stopped = None
        if not self.diverged and epochs:
            with np.errstate(all="ignore"):  # a diverging run overflows; diverged reports it
                if stopping.on(self.settings):
                    self.stopped = stopping.train(self, int(epochs))
                elif self.plug is not None:  # student code: rolled back if it fails (plugin.py)
                    return plugin.guarded_step(self, int(epochs))
                else:
                    self._train(int(epochs))
        return self.metrics()

    def _steps(self, bs, reg, rate):
        """[(grad, X1, T)] for every mini-batch of an epoch: the batch as views into the
        shuffle buffers (a batch of one row as 1-D vectors) and the network's gradient
        function for its size (the last batch may be smaller). Kept while the arguments and
        the network stay the same, so a chunk of epochs starts at once."""
        key = (bs, reg, rate)
        if self._steps_for[0] != key:
            X1, T = self._X1_shuf, self._T_shuf
            fns, steps = {}, []  # fns: rows -> gradient function
            for i in range(0, len(X1), bs):
                rows = min(bs, len(X1) - i)
                if rows not in fns:
                    fns[rows] = self.net.gradient_fn(rows, reg, rate)
                if rows == 1:  # one sample: 1-D vectors
                    steps.append((fns[1], X1[i], T[i]))
                else:
                    steps.append((fns[rows], X1[i : i + rows], T[i : i + rows]))
            self._steps_for = (key, steps)
        return self._steps_for[1]

    def _train(self, epochs):
        s, net = self.settings, self.net
        X1, T = self._X1_train, self._T_train
        n = len(X1)
        bs = min(s["batch_size"], n)
        reg, rate = s["reg"], s["reg_rate"]
        if reg == "none":
            rate = 0.0
        if bs == n:  # full batch: the order does not change the gradient, so no shuffle
            batch = (X1[0], T[0]) if n == 1 else (X1, T)  # (one sample: 1-D vectors)
            steps = [(net.gradient_fn(n, reg, rate), *batch)]
        else:
            steps = self._steps(bs, reg, rate)
        update, grads, flat = self.opt.step, [net.flat_grad], net.flat
        take, X1s, Ts, permutation = np.take, self._X1_shuf, self._T_shuf, self._rng.permutation
        for _ in range(epochs):
            if bs < n:
                perm = permutation(n)
                take(X1, perm, axis=0, out=X1s)  # refills the buffers the steps' batches view
                take(T, perm, axis=0, out=Ts)
            for grad, X1b, Tb in steps:
                grad(X1b, Tb)
                update(grads)
            self.epoch += 1
            if not math.isfinite(flat.sum()):
                self.diverged = True
                return

    def metrics(self):
        """{epoch, loss_train, loss_test, acc_* or r2_*, diverged} (bpcore/metrics.py)."""
        return measure(self)

    # ------------------------------------------------------------ the view

    def grid(self, n=100, neurons=True):
        """Output and every hidden neuron on the n x n grid over the view [-6, 6]^2.

        Returns {output: float32 (n*n,) (binary: p(class 1); regression: the value) or
        (K*n*n,) class-major probabilities (multi-class), neurons: [float32 (n*n,) per hidden
        neuron, layer by layer; empty when `neurons` is false]}. Row-major, row 0 at the top
        (x2 = +6), column 0 at x1 = -6.
        """
        if isinstance(n, bool) or int(n) != n or not 1 <= n <= 1000:
            raise ValueError(f"size: the grid size must be a whole number in 1..1000, got {n!r}")
        n = int(n)
        G = self._grids.get(n)
        if G is None:
            if len(self._grids) >= _GRID_CACHE:
                self._grids.pop(next(iter(self._grids)))
            G = self._grids[n] = grid_inputs(n, self.settings["features"], *self.view)
        with np.errstate(all="ignore"):
            acts = self.net.layer_outputs(G)
        # one transposing float32 copy per hidden layer; its rows are the neurons' images
        images = (
            [row for a in acts[:-1] for row in np.array(a.T, dtype=np.float32)] if neurons else []
        )
        out = acts[-1]
        output = np.array(out.T if out.shape[1] > 1 else out[:, 0], dtype=np.float32).ravel()
        return {"output": output, "neurons": images}

    # ------------------------------------------------------------ the inspector

    def _reg(self):
        s = self.settings
        return s["reg"], (0.0 if s["reg"] == "none" else s["reg_rate"])

    def inspect(self, index):
        """Forward and backward pass of point `index` alone (see inspect.inspect_sample),
        with what one SGD step at the current learning rate would do to its loss."""
        a0 = feature_matrix(self.points[index : index + 1], self.settings["features"])[0]
        t = self._targets(np.array([index]))[0]
        masks = self._masks(peek=True)  # the ones sample_step(index) will draw
        result = inspect_sample(self.net, a0, t, *self._reg(), lr=self.settings["lr"], masks=masks)
        result["features"] = list(self.settings["features"])
        return result

    def sample_step(self, index):
        """One plain SGD step on point `index` alone, p <- p - lr dL/dp: the step the inspector
        and the step-through show (its `sgd` numbers). The optimiser's state and the epoch are
        left as they are. -> the metrics after it."""
        X = feature_matrix(self.points[index : index + 1], self.settings["features"])
        T = self._targets(np.array([index]))
        masks = self._masks()  # a training step: with dropout, it draws its masks
        if masks is None:
            self.net.backward(X, T, *self._reg())
        else:
            dropout.backward(self.net, X, T, *self._reg(), masks)
        sgd_step(self.net.params(), self.net.grads, self.settings["lr"])
        return self.metrics()

    def _masks(self, peek=False):
        """The dropout masks of the next training step on one sample (None: no dropout)."""
        d = self.net.drop
        if d is None:
            return None
        return (d.peek if peek else d.draw)(1, self.net.sizes[1:-1])

    def inspect_neuron(self, layer, i):
        """Neuron i of weight layer `layer`: weights, bias, activation and the gradient of
        the training loss with respect to them."""
        return inspect_neuron(self.net, layer, i, self._X_train, self._T_train, *self._reg())

    # ------------------------------------------------------------ changes

    def configure(self, changes, points=None):
        """Apply changed settings. Live ones (optimiser and its hyper-parameters, batch size,
        regularisation) change the running session in place; a new optimizer type starts a
        fresh optimiser on the current weights. Any other change rebuilds: the data when a
        data setting changed, and the network from `seed`. Returns True if it rebuilt.
        `points` replaces the custom data set's points."""
        if not isinstance(changes, dict):
            raise ValueError(f"settings: expected a dict of changes, got {changes!r}")
        old = self.settings
        new = validate({**old, **changes})
        changed = {k for k in new if new[k] != old[k]}
        data = bool(changed & DATA_SETTINGS) or (points is not None and new["dataset"] == "custom")
        if data or changed - LIVE:
            self.settings = new
            try:
                if data:
                    self._build_data(
                        self.points if points is None and old["dataset"] == "custom" else points
                    )
                self._build_model()
            except ValueError:
                self.settings = old
                raise
            return True
        self.settings = new
        if "optimizer" in changed:
            self.opt = self._make_optimizer()
        else:
            for h in ("lr", "momentum", "beta1", "beta2"):
                if hasattr(self.opt, h):
                    setattr(self.opt, h, new[h])
        self.diverged = False
        return False

    def load_weights(self, weights, biases):
        """Replace every weight and bias (shapes must fit this network); the optimiser
        starts afresh, since its running averages belonged to the old weights."""
        sizes = [len(weights[0][0]) if len(weights) and len(weights[0]) else 0]
        sizes += [len(W) for W in weights]
        if sizes != self.net.sizes:
            raise CodedError(
                "weights_network",
                f"weights: they are for a {_arch(sizes)} network, this one is "
                f"{_arch(self.net.sizes)}",
                theirs=_arch(sizes),
                ours=_arch(self.net.sizes),
            )
        net = Network.from_weights(weights, biases, self.net.activations, self.net.output)
        self.net.flat[...] = net.flat
        self.opt = self._make_optimizer()
        self.diverged = False

    def reset(self):
        """Back to epoch 0 and the same data, from the run's initial parameters (start_flat:
        the seed's draw, a preset's or a restored run's start), the seed's batch order."""
        start = self.start_flat
        self._build_model()  # (draws the init again: the model RNG as at the start)
        self.net.flat[...] = self.start_flat = start

    # ------------------------------------------------------------ snapshots

    def snapshot(self):
        """Everything needed to continue this run exactly, as JSON-able data (see snapshot.py)."""
        return _snap.take(self)

    @classmethod
    def restore(cls, d):
        """A session continuing a snapshot() bit for bit."""
        return _snap.restore(cls, d)


def _arch(sizes):
    return "-".join(map(str, sizes))
