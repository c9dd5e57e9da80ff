"""Errors the page can say in the user's language.

A `CodedError` is a ValueError (callers and the CLI need nothing new: `str(e)` is the English
text, e.g. "batch_size: must be in [1, 10000], got 0") that also carries a stable `code` and
its parameters, e.g. code "range" with {field: "batch_size", lo: 1, hi: 10000, got: 0}. The
worker sends both to the page (bpcore/protocol.py, `Engine.failure`), whose catalogue
(web/domain/messages/) says it in words and names the field by the label the user sees.
"""


def _plain(v):
    """A parameter as JSON-able data: numbers, text, booleans and None as they are; lists of
    them as lists; anything else as its repr."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, (list, tuple)) and all(isinstance(x, (bool, int, float, str)) for x in v):
        return list(v)
    return repr(v)


class CodedError(ValueError):
    """ValueError(message) with `code` (str) and `params` (dict of JSON-able values)."""

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.params = {k: _plain(v) for k, v in params.items()}

    def as_data(self):
        """{code, message, **params}: what the page gets next to the message."""
        return {"code": self.code, "message": str(self), **self.params}


def check_index(shapes, l, i, j=None):
    """Layer l, its neuron i (and input j) exist in a network of weight `shapes` [(n_out,
    n_in), ...], else a CodedError the page says in its language: index_layer, index_neuron,
    index_input with the index, the highest one allowed and the layer."""
    if not 0 <= l < len(shapes):
        hi = len(shapes) - 1
        raise CodedError("index_layer", f"layer: {l} is out of range 0..{hi}", got=l, hi=hi)
    n_out, n_in = shapes[l]
    if not 0 <= i < n_out:
        msg = f"i: neuron {i} is out of range 0..{n_out - 1} in layer {l}"
        raise CodedError("index_neuron", msg, got=i, hi=n_out - 1, layer=l)
    if j is not None and not 0 <= j < n_in:
        msg = f"j: input {j} is out of range 0..{n_in - 1} in layer {l}"
        raise CodedError("index_input", msg, got=j, hi=n_in - 1, layer=l)
