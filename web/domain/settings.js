// GENERATED from bpcore by `python -m bpcore settings-js web/domain/settings.js` (bpcore/webtable.py).
// Do not edit: change bpcore and export again (tests/test_webtable.py checks).

const deepFreeze = (v) => {
  if (v && typeof v === "object") Object.values(v).forEach(deepFreeze);
  return Object.freeze(v);
};

/** Every setting: {name, kind, default, help, choices, lo, hi, lo_open, hi_open,
 * min_len, max_len, unique, live}, as in bpcore/settings.py. */
export const TABLE = deepFreeze([
  {"name": "dataset", "kind": "choice", "default": "circle", "help": "data set; article and and_gate are the seed article's examples (all points train); custom = your own points (--data)", "choices": ["circle", "xor", "gaussian", "spiral", "moons", "blobs", "plane", "multigauss", "article", "and_gate", "custom"], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "problem", "kind": "choice", "default": "classification", "help": "classification or regression; plane and multigauss are regression, the other preset sets classification, custom data may be either", "choices": ["classification", "regression"], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "classes", "kind": "int", "default": 3, "help": "number of classes of blobs and of custom data", "choices": [], "lo": 2, "hi": 5, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "noise", "kind": "int", "default": 0, "help": "noise in percent", "choices": [], "lo": 0, "hi": 50, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "n_points", "kind": "int", "default": 500, "help": "number of points of a preset data set", "choices": [], "lo": 10, "hi": 2000, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "train_ratio", "kind": "int", "default": 50, "help": "percentage of the points used for training", "choices": [], "lo": 10, "hi": 90, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "data_seed", "kind": "int", "default": 1, "help": "seed of the data set and of the train/test split", "choices": [], "lo": 0, "hi": 2147483647, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "features", "kind": "choices", "default": ["x1", "x2"], "help": "input features, comma separated, no repeats", "choices": ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 1, "max_len": 7, "unique": true, "live": "no"},
  {"name": "layers", "kind": "ints", "default": [4, 2], "help": "neurons per hidden layer, comma separated (empty: no hidden layer)", "choices": [], "lo": 1, "hi": 64, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 10, "unique": false, "live": "no"},
  {"name": "activation", "kind": "choices", "default": ["tanh"], "help": "hidden activation: one name for every hidden layer, or one per layer, comma separated", "choices": ["sigmoid", "tanh", "relu", "leaky_relu", "linear"], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 1, "max_len": 10, "unique": false, "live": "no"},
  {"name": "loss", "kind": "choice", "default": "auto", "help": "loss; auto: bce for 2 classes, softmax_ce for more, mse for regression", "choices": ["auto", "bce", "softmax_ce", "mse"], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "init", "kind": "choice", "default": "uniform", "help": "weight initialisation", "choices": ["uniform", "glorot", "he"], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "seed", "kind": "int", "default": 1, "help": "seed of the initial weights and of the mini-batch order", "choices": [], "lo": 0, "hi": 2147483647, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "no"},
  {"name": "optimizer", "kind": "choice", "default": "sgd", "help": "optimiser", "choices": ["sgd", "momentum", "adam"], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "yes"},
  {"name": "lr", "kind": "float", "default": 0.03, "help": "learning rate", "choices": [], "lo": 0, "hi": 10, "lo_open": true, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "yes"},
  {"name": "momentum", "kind": "float", "default": 0.9, "help": "momentum (optimizer momentum)", "choices": [], "lo": 0, "hi": 1, "lo_open": false, "hi_open": true, "min_len": 0, "max_len": 0, "unique": false, "live": "yes"},
  {"name": "beta1", "kind": "float", "default": 0.9, "help": "Adam's decay of the mean gradient", "choices": [], "lo": 0, "hi": 1, "lo_open": false, "hi_open": true, "min_len": 0, "max_len": 0, "unique": false, "live": "yes"},
  {"name": "beta2", "kind": "float", "default": 0.999, "help": "Adam's decay of the mean squared gradient", "choices": [], "lo": 0, "hi": 1, "lo_open": false, "hi_open": true, "min_len": 0, "max_len": 0, "unique": false, "live": "yes"},
  {"name": "batch_size", "kind": "int", "default": 10, "help": "mini-batch size (clipped to the training-set size; the last batch may be smaller)", "choices": [], "lo": 1, "hi": 10000, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "yes"},
  {"name": "reg", "kind": "choice", "default": "none", "help": "regularisation of the weights (not the biases)", "choices": ["none", "l1", "l2"], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "yes"},
  {"name": "reg_rate", "kind": "float", "default": 0.0, "help": "regularisation rate", "choices": [], "lo": 0, "hi": 10, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "yes"},
  {"name": "show_test", "kind": "bool", "default": false, "help": "show the test points (page only)", "choices": [], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "view"},
  {"name": "discretize", "kind": "bool", "default": false, "help": "discretize the output heatmap (page only)", "choices": [], "lo": null, "hi": null, "lo_open": false, "hi_open": false, "min_len": 0, "max_len": 0, "unique": false, "live": "view"},
]);
export const SETTINGS = new Map(TABLE.map((s) => [s.name, s]));
export const DEFAULTS = deepFreeze(Object.fromEntries(TABLE.map((s) => [s.name, s.default])));
export const DATASETS = deepFreeze({"circle": {"title": "Circle", "problem": "classification", "takesClasses": false, "fixed": false, "view": [-6.0, 6.0]}, "xor": {"title": "Exclusive or", "problem": "classification", "takesClasses": false, "fixed": false, "view": [-6.0, 6.0]}, "gaussian": {"title": "Gaussian", "problem": "classification", "takesClasses": false, "fixed": false, "view": [-6.0, 6.0]}, "spiral": {"title": "Spiral", "problem": "classification", "takesClasses": false, "fixed": false, "view": [-6.0, 6.0]}, "moons": {"title": "Moons", "problem": "classification", "takesClasses": false, "fixed": false, "view": [-6.0, 6.0]}, "blobs": {"title": "Blobs", "problem": "classification", "takesClasses": true, "fixed": false, "view": [-6.0, 6.0]}, "plane": {"title": "Plane (regression)", "problem": "regression", "takesClasses": false, "fixed": false, "view": [-6.0, 6.0]}, "multigauss": {"title": "Multi-Gaussian (regression)", "problem": "regression", "takesClasses": false, "fixed": false, "view": [-6.0, 6.0]}, "article": {"title": "Article example", "problem": "classification", "takesClasses": false, "fixed": true, "view": [0.0, 4.0]}, "and_gate": {"title": "AND gate", "problem": "classification", "takesClasses": false, "fixed": true, "view": [-0.5, 1.5]}, "custom": {"title": "Your own points", "problem": null, "takesClasses": true, "fixed": false, "view": [-6.0, 6.0]}});
export const REGRESSION_DATASETS = deepFreeze(["plane", "multigauss"]);
export const MULTICLASS_DATASETS = deepFreeze(["blobs", "custom"]);
export const FEATURES = deepFreeze({"x1": {"label": "X₁", "spoken": "X1"}, "x2": {"label": "X₂", "spoken": "X2"}, "x1sq": {"label": "X₁²", "spoken": "X1 squared"}, "x2sq": {"label": "X₂²", "spoken": "X2 squared"}, "x1x2": {"label": "X₁X₂", "spoken": "X1 times X2"}, "sinx1": {"label": "sin(X₁)", "spoken": "sine of X1"}, "sinx2": {"label": "sin(X₂)", "spoken": "sine of X2"}});
export const VIEW = deepFreeze([-6.0, 6.0]);
export const MAX_CLASSES = 5;
export const MAX_POINTS = 5000;
export const MAX_CSV_CHARS = 2000000;
export const SUGGESTED = deepFreeze({"article": {"features": ["x1", "x2"], "layers": [2], "activation": ["sigmoid"], "loss": "bce", "optimizer": "sgd", "lr": 0.01, "batch_size": 2, "reg": "none"}, "and_gate": {"features": ["x1", "x2"], "layers": [4], "activation": ["sigmoid"], "loss": "bce", "optimizer": "sgd", "lr": 0.1, "batch_size": 4, "reg": "none"}});
