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
