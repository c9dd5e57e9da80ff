"""JSON from outside (weights files, snapshots) parsed with a bound on nesting.

`json.loads` recurses once per nesting level: a small file nested thousands deep raises
RecursionError natively and overflows the WebAssembly stack in the browser, which kills the
whole engine. So the depth is counted first, without recursion, and deep input is refused with
a plain ValueError like any other bad file.
"""

import json
import re

from .errors import CodedError

MAX_DEPTH = 32  # our files nest 5 deep (a snapshot's RNG state); anything far deeper is not ours
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def nesting(text):
    """The deepest nesting of [] and {} in JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for b in _BRACKETS.findall(_STRINGS.sub("", text)):
        if b in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads(text, what, max_depth=MAX_DEPTH):
    """json.loads(text), or ValueError "<what>: ..." for text that is not JSON or is nested
    deeper than max_depth (a CodedError: the page says it in the user's language)."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CodedError(
                "json_not_utf8", f"{what}: not a text file (not UTF-8)", what=what
            ) from None
    if not isinstance(text, str):
        raise CodedError(
            "json_not_text", f"{what}: expected JSON text, got {type(text).__name__}", what=what
        )
    depth = nesting(text)
    if depth > max_depth:
        raise CodedError(
            "json_too_deep",
            f"{what}: nested {depth} levels deep; files of this program nest at "
            f"most {max_depth}, so this is not one",
            what=what,
            depth=depth,
            max=max_depth,
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as e:
        raise CodedError(
            "json_invalid", f"{what}: not valid JSON ({e})", what=what, detail=str(e)
        ) from None
